/**
 * The OpenAPI 3.1 document of the API, built from the route table (operations.ts) and the JSON
 * Schemas it names. Served at GET /api/openapi.json and browsed at /api/reference.
 */
import { ComponentCollector } from './components.js';
import { OPERATIONS, type Operation } from './operations.js';

const API_BASE = 'https://township-rules.local/schemas/api/';
const ERROR = 'common.schema.json#/definitions/Error';

const TAGS: Record<string, string> = {
  operations: '运维：探针与接口说明',
  auth: '登录、令牌与本人密码',
  evaluation: '规则计算',
  packs: '规则包',
  fixtures: '测试与检查',
  sheets: 'Excel / CSV 导入导出与表格任务',
  drafts: '草稿：参数、规则、测试用例、条款',
  onboarding: '从制度文件创建：规则建议',
  publishing: '发布与审批',
  records: '版本对照表',
  versions: '版本与时间线',
  audit: '操作日志',
  users: '用户',
  townships: '乡镇',
  decisions: '决策日志与试算',
  drafting: '从制度文件生成草稿',
};

/** `/users/:id` → `/users/{id}` */
export function openApiPath(path: string): string {
  return path.replace(/:(\w+)/g, '{$1}');
}

/** A schema as read from a file: only `properties` and `required` are looked at here. */
interface ObjectSchema {
  properties?: Record<string, unknown>;
  required?: string[];
}

function parameters(
  op: Operation,
  components: ComponentCollector,
  schemaOf: (ref: string) => ObjectSchema | undefined,
) {
  const params = op.params ? schemaOf(op.params) : undefined;
  const query = op.query ? schemaOf(op.query) : undefined;
  const list: object[] = [];
  for (const [, name] of op.path.matchAll(/:(\w+)/g)) {
    const property = params?.properties?.[name];
    list.push({
      name,
      in: 'path',
      required: true,
      schema: property ? resolveLocal(property, op.params!, components) : { type: 'string' },
    });
  }
  for (const [name, property] of Object.entries(query?.properties ?? {})) {
    const schema = resolveLocal(property, op.query!, components);
    // a JSON text in the query string (sort=["id","ASC"]) is described by its parsed schema
    list.push({
      name,
      in: 'query',
      required: (query?.required ?? []).includes(name),
      ...(op.queryAsJson ? { content: { 'application/json': { schema } } } : { schema }),
    });
  }
  return list;
}

/** A property schema taken out of its file: its `$ref`s are rewritten like the file's. */
function resolveLocal(property: unknown, fileRef: string, components: ComponentCollector): unknown {
  const base = new URL(fileRef, API_BASE).href.replace(/#.*$/, '');
  const rewrite = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(rewrite);
    if (typeof node !== 'object' || node === null) return node;
    return Object.fromEntries(
      Object.entries(node).map(([k, v]) => [
        k,
        k === '$ref' && typeof v === 'string' ? components.ref(v, base) : rewrite(v),
      ]),
    );
  };
  return rewrite(property);
}

function replyContent(op: Operation, ref: (r: string) => string) {
  if (op.reply === undefined) return undefined;
  if (typeof op.reply === 'string') return { 'application/json': { schema: { $ref: ref(op.reply) } } };
  return Object.fromEntries(
    op.reply.media.map((media) => [media, { schema: { type: 'string', contentMediaType: media } }]),
  );
}

export function buildOpenApiDocument(info: { version: string }) {
  const components = new ComponentCollector();
  const ref = (r: string) => components.ref(r, API_BASE);
  const schemaOf = (r: string) => {
    const target = ref(r);
    return components.schemas[target.replace('#/components/schemas/', '')] as ObjectSchema | undefined;
  };
  const paths: Record<string, Record<string, object>> = {};
  for (const op of OPERATIONS) {
    const status = String(op.status ?? 200);
    const content = replyContent(op, ref);
    const responses: Record<string, object> = {
      [status]: {
        description: op.status === 405 ? '不支持此操作' : '成功',
        ...(content && op.status !== 405 ? { content } : {}),
      },
      ...(op.accepted
        ? {
            202: {
              description: '已受理（待审批的申请或后台任务）',
              content: { 'application/json': { schema: { $ref: ref(op.accepted) } } },
            },
          }
        : {}),
      ...Object.fromEntries(
        (op.sameReplyOn ?? []).map((code) => [
          String(code),
          { description: '未就绪', ...(content ? { content } : {}) },
        ]),
      ),
      default: {
        description: '错误（中英文说明；422 时 errors 按 JSON 指针列出每个问题）',
        content: { 'application/json': { schema: { $ref: ref(ERROR) } } },
      },
    };
    const parameterList = parameters(op, components, schemaOf);
    (paths[openApiPath(op.path)] ??= {})[op.method] = {
      tags: [op.tag],
      summary: op.summary,
      ...(op.public ? { security: [] } : {}),
      operationId: `${op.method}${openApiPath(op.path)
        .replace(/[{}]/g, '')
        .replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
      ...(parameterList.length ? { parameters: parameterList } : {}),
      ...(op.body
        ? {
            requestBody: {
              required: !op.bodyOptional,
              content: { 'application/json': { schema: { $ref: ref(op.body) } } },
            },
          }
        : {}),
      responses,
    };
  }
  const tags = [...new Set(OPERATIONS.map((op) => op.tag))].map((name) => ({ name, description: TAGS[name] ?? name }));
  return {
    openapi: '3.1.0',
    info: {
      title: '乡镇规则平台 API · Township rules platform',
      version: info.version,
      description:
        'Every route of the API with the JSON Schemas of its requests and replies. Prose, roles and examples: docs/api.md.',
    },
    servers: [{ url: '/api' }],
    security: [{ bearer: [] }],
    tags,
    paths,
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'POST /api/auth/login → token; API tokens may only evaluate',
        },
      },
      schemas: components.schemas,
    },
  };
}
