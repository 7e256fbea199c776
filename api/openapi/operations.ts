/**
 * The route table: every route the API mounts, with the schemas of what it reads (body, query,
 * path parameters) and what it answers. Schemas are named relative to schemas/api/
 * (`users.schema.json#/definitions/User`, `../bundle.schema.json`). The validate middleware
 * enforces the request side, the OpenAPI document is built from this table, and a test checks
 * that the table and the routes express has mounted are the same set.
 */

export type Method = 'get' | 'post' | 'put' | 'delete';

/** A reply that is not JSON: a spreadsheet, a PDF, a printable page, CSV. */
export interface FileReply {
  media: string[];
}

export interface Operation {
  method: Method;
  /** express path under /api, e.g. `/users/:id` */
  path: string;
  tag: string;
  summary: string;
  body?: string;
  /**
   * what the middleware checks of the body when the rest must wait for the access check (a
   * director of another township gets 403, not a list of missing fields): the route checks
   * `body` itself with bodyCheck() once access is granted
   */
  bodyBeforeAccess?: string;
  /**
   * the body is documented by `body` but checked by the route itself, whose errors say more than
   * a schema's could (evaluation: each fact of the decision, FACTS_INVALID; import: IMPORT_INVALID)
   */
  bodyCheckedByRoute?: boolean;
  /** the body may be left out (it is then `{}`) */
  bodyOptional?: boolean;
  query?: string;
  /** each query parameter is a JSON text (ra-data-simple-rest lists): `query` describes them parsed */
  queryAsJson?: boolean;
  params?: string;
  /** answered without a token */
  public?: boolean;
  /** the success status and its schema (a JSON reply), or non-JSON media types; none for 204 */
  status?: number;
  reply?: string | FileReply;
  /** the 202 reply when the work is accepted rather than done (a publish request, a background job) */
  accepted?: string;
  /** error statuses answered with the same reply schema rather than an Error (readiness: 503) */
  sameReplyOn?: number[];
}

const COMMON = 'common.schema.json#/definitions/';
const USERS = 'users.schema.json#/definitions/';
const TOWNSHIPS = 'townships.schema.json#/definitions/';
const AUTH = 'auth.schema.json#/definitions/';
const DRAFTS = 'drafts.schema.json#/definitions/';
const PACKS = 'packs.schema.json#/definitions/';
const VERSIONS = 'versions.schema.json#/definitions/';
const CHECKS = 'checks.schema.json#/definitions/';
const PUBLISHING = 'publishing.schema.json#/definitions/';
const DECISIONS = 'decisions.schema.json#/definitions/';
const JOBS = 'jobs.schema.json#/definitions/';
const ONBOARDING = 'onboarding.schema.json#/definitions/';
const EVALUATION = 'evaluation.schema.json#/definitions/';
const AUDIT = 'audit.schema.json#/definitions/';
const LIST = COMMON + 'ListQuery';
const ID = COMMON + 'IdParams';
const XLSX = { media: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'] };
const TABLE = { media: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv'] };

/** GET list, GET one, POST, PUT, DELETE of a react-admin resource. */
function resource(
  path: string,
  tag: string,
  what: string,
  schemas: { list: string; one: string; create?: string; update?: string; params?: string },
): Operation[] {
  const params = schemas.params ?? ID;
  return [
    { method: 'get', path, tag, summary: `${what}列表`, query: LIST, queryAsJson: true, reply: schemas.list },
    { method: 'get', path: `${path}/:id`, tag, summary: `查看${what}`, params, reply: schemas.one },
    { method: 'post', path, tag, summary: `新建${what}`, body: schemas.create, status: 201, reply: schemas.one },
    {
      method: 'put',
      path: `${path}/:id`,
      tag,
      summary: `修改${what}`,
      params,
      body: schemas.update,
      reply: schemas.one,
    },
    { method: 'delete', path: `${path}/:id`, tag, summary: `删除${what}`, params, reply: schemas.one },
  ];
}

/** A draft row resource (`Parameter` → ParameterCreate, ParameterUpdate, ParameterRow): the new row's fields are checked once the caller may edit the pack. */
function draftRows(path: string, what: string, row: string): Operation[] {
  return resource(path, 'drafts', what, {
    list: `${DRAFTS}${row}RowList`,
    one: `${DRAFTS}${row}Row`,
    create: `${DRAFTS}${row}Create`,
    update: `${DRAFTS}${row}Update`,
    params: DRAFTS + 'DraftRowParams',
  }).map((op) => (op.method === 'post' ? { ...op, bodyBeforeAccess: DRAFTS + 'DraftCreate' } : op));
}

/** Read-only resources answer POST/PUT/DELETE with 405 METHOD_NOT_ALLOWED; they are still routes. */
function readOnly(path: string, tag: string, what: string, schemas: { list: string; one: string }): Operation[] {
  return resource(path, tag, what, schemas).map((op) =>
    op.method === 'get'
      ? op
      : {
          ...op,
          summary: `${op.summary}（不支持，405）`,
          body: undefined,
          bodyOptional: undefined,
          status: 405,
          reply: undefined,
        },
  );
}

export const OPERATIONS: Operation[] = [
  {
    method: 'get',
    path: '/health',
    tag: 'operations',
    summary: '进程存活探针',
    public: true,
    reply: COMMON + 'Health',
  },
  {
    method: 'get',
    path: '/ready',
    tag: 'operations',
    summary: '就绪探针（数据库可用、未在停机）',
    public: true,
    reply: COMMON + 'Readiness',
    sameReplyOn: [503],
  },
  {
    method: 'get',
    path: '/openapi.json',
    tag: 'operations',
    summary: '本接口说明（OpenAPI 3.1）',
    public: true,
    reply: COMMON + 'Object',
  },
  {
    method: 'get',
    path: '/reference',
    tag: 'operations',
    summary: '接口参考页（Swagger UI）',
    public: true,
    reply: { media: ['text/html'] },
  },
  {
    method: 'get',
    path: '/reference/initializer.js',
    tag: 'operations',
    summary: '接口参考页的启动脚本',
    public: true,
    reply: { media: ['text/javascript'] },
  },

  {
    method: 'post',
    path: '/auth/login',
    tag: 'auth',
    summary: '登录',
    public: true,
    body: AUTH + 'Login',
    bodyOptional: true,
    reply: AUTH + 'LoginReply',
  },
  { method: 'get', path: '/auth/me', tag: 'auth', summary: '当前身份', reply: AUTH + 'Identity' },
  { method: 'post', path: '/auth/logout', tag: 'auth', summary: '退出登录', status: 204 },
  {
    method: 'post',
    path: '/auth/password',
    tag: 'auth',
    summary: '修改本人密码（其他会话随即失效）',
    body: AUTH + 'PasswordChange',
    status: 204,
  },
  {
    method: 'post',
    path: '/auth/tokens',
    tag: 'auth',
    summary: '新建 API 令牌（仅显示一次）',
    body: AUTH + 'TokenCreate',
    bodyOptional: true,
    status: 201,
    reply: AUTH + 'NewToken',
  },
  { method: 'get', path: '/auth/tokens', tag: 'auth', summary: 'API 令牌列表', reply: AUTH + 'TokenList' },
  {
    method: 'delete',
    path: '/auth/tokens/:id',
    tag: 'auth',
    summary: '吊销 API 令牌',
    params: AUTH + 'TokenParams',
    reply: AUTH + 'Token',
  },

  // the evaluation body is read by parseEvaluationBody, whose errors name the decision's facts
  {
    method: 'post',
    path: '/packs/:id/evaluate',
    tag: 'evaluation',
    summary: '规则计算（单条或带 items 的批量）',
    body: EVALUATION + 'EvaluationRequest',
    bodyCheckedByRoute: true,
    reply: EVALUATION + 'EvaluationReply',
  },
  {
    method: 'post',
    path: '/packs/:id/evaluate/batch',
    tag: 'evaluation',
    summary: '批量规则计算',
    params: ID,
    body: EVALUATION + 'BatchRequest',
    bodyCheckedByRoute: true,
    reply: EVALUATION + 'BatchEvaluation',
  },

  {
    method: 'get',
    path: '/packs',
    tag: 'packs',
    summary: '规则包列表',
    query: LIST,
    queryAsJson: true,
    reply: PACKS + 'PackList',
  },
  {
    method: 'post',
    path: '/packs',
    tag: 'packs',
    summary: '新建规则包（基于基础包）',
    body: PACKS + 'PackCreate',
    status: 201,
    reply: PACKS + 'Pack',
  },
  // the bundle, or {bundle, revision}: checked against bundle.schema.json by the import itself (IMPORT_INVALID)
  {
    method: 'post',
    path: '/packs/import',
    tag: 'packs',
    summary: '导入规则包',
    body: PACKS + 'PackImport',
    bodyCheckedByRoute: true,
    reply: PACKS + 'PackImported',
  },
  { method: 'get', path: '/packs/:id', tag: 'packs', summary: '查看规则包', params: ID, reply: PACKS + 'Pack' },
  {
    method: 'put',
    path: '/packs/:id',
    tag: 'packs',
    summary: '修改规则包清单',
    params: ID,
    body: PACKS + 'PackUpdate',
    reply: PACKS + 'Pack',
  },
  { method: 'delete', path: '/packs/:id', tag: 'packs', summary: '删除规则包', params: ID, reply: PACKS + 'Pack' },
  {
    method: 'get',
    path: '/packs/:id/export',
    tag: 'packs',
    summary: '导出规则包',
    params: ID,
    reply: '../bundle.schema.json',
  },
  { method: 'get', path: '/packs/:id/groups', tag: 'packs', summary: '条件组', params: ID, reply: PACKS + 'Groups' },
  {
    method: 'get',
    path: '/packs/:id/diff',
    tag: 'packs',
    summary: '与生效版本对比',
    params: ID,
    reply: VERSIONS + 'Diff',
  },

  // actions answer GET with 405 (a browser opening the link), so the mistake is named
  ...['publish', 'rollback', 'evaluate', 'test', 'lint'].map((action): Operation => ({
    method: 'get',
    path: `/packs/:id/${action}`,
    tag: 'packs',
    summary: '（请用 POST，405）',
    params: ID,
    status: 405,
  })),
  {
    method: 'post',
    path: '/packs/:id/test',
    tag: 'fixtures',
    summary: '运行测试用例',
    params: ID,
    body: CHECKS + 'TestRequest',
    bodyOptional: true,
    reply: CHECKS + 'TestRun',
  },
  {
    method: 'post',
    path: '/packs/:id/lint',
    tag: 'fixtures',
    summary: '规则检查',
    params: ID,
    body: CHECKS + 'LintRequest',
    bodyOptional: true,
    reply: CHECKS + 'LintRun',
  },

  {
    method: 'get',
    path: '/packs/:id/fixtures/export.xlsx',
    tag: 'sheets',
    summary: '测试用例导出为 Excel',
    params: ID,
    reply: XLSX,
  },
  {
    method: 'post',
    path: '/packs/:id/fixtures/import',
    tag: 'sheets',
    summary: '从 Excel 导入测试用例',
    params: ID,
    reply: 'sheets.schema.json#/definitions/FixtureImport',
  },
  {
    method: 'post',
    path: '/packs/:id/batch-trial.xlsx',
    tag: 'sheets',
    summary: '批量试算（Excel；?async=1: 后台任务，202）',
    params: ID,
    reply: XLSX,
    accepted: JOBS + 'SheetJob',
  },
  { method: 'get', path: '/sheet-jobs/:job', tag: 'sheets', summary: '表格任务状态', reply: JOBS + 'SheetJob' },
  { method: 'get', path: '/sheet-jobs/:job/result', tag: 'sheets', summary: '表格任务结果', reply: XLSX },
  { method: 'post', path: '/sheet-jobs/:job/cancel', tag: 'sheets', summary: '取消表格任务', reply: JOBS + 'SheetJob' },
  { method: 'delete', path: '/sheet-jobs/:job', tag: 'sheets', summary: '取消表格任务', reply: JOBS + 'SheetJob' },
  { method: 'get', path: '/audit-events/export', tag: 'sheets', summary: '操作日志导出', reply: TABLE },
  { method: 'get', path: '/packs/:id/lint/export', tag: 'sheets', summary: '检查结果导出', params: ID, reply: TABLE },
  { method: 'get', path: '/packs/:id/test/export', tag: 'sheets', summary: '测试结果导出', params: ID, reply: TABLE },

  ...draftRows('/parameters', '草稿参数', 'Parameter'),
  ...draftRows('/rules', '草稿规则', 'Rule'),
  ...draftRows('/fixtures', '草稿测试用例', 'Fixture'),
  ...draftRows('/sources', '草稿依据条款', 'Source'),

  {
    method: 'get',
    path: '/packs/:id/proposals',
    tag: 'onboarding',
    summary: '规则建议（待确认列表）',
    params: ID,
    reply: ONBOARDING + 'ProposalsView',
  },
  {
    method: 'put',
    path: '/packs/:id/proposals',
    tag: 'onboarding',
    summary: '保存规则建议',
    params: ID,
    body: ONBOARDING + 'ProposalsReplace',
    reply: ONBOARDING + 'ProposalsView',
  },
  {
    method: 'post',
    path: '/packs/:id/proposals/edit',
    tag: 'onboarding',
    summary: '修改一条规则建议',
    params: ID,
    body: ONBOARDING + 'ProposalEdit',
    reply: ONBOARDING + 'ProposalsView',
  },
  {
    method: 'post',
    path: '/packs/:id/proposals/accept',
    tag: 'onboarding',
    summary: '采纳已确认的规则建议',
    params: ID,
    body: ONBOARDING + 'AcceptBody',
    bodyOptional: true,
    reply: ONBOARDING + 'Accepted',
  },

  {
    method: 'post',
    path: '/packs/:id/publish',
    tag: 'publishing',
    summary: '发布（或提交审批）',
    params: ID,
    body: PUBLISHING + 'PublishRequestBody',
    bodyOptional: true,
    status: 201,
    reply: PUBLISHING + 'Published',
    accepted: PUBLISHING + 'Requested',
  },
  {
    method: 'get',
    path: '/publish-requests',
    tag: 'publishing',
    summary: '发布申请列表',
    query: LIST,
    queryAsJson: true,
    reply: PUBLISHING + 'PublishRequestList',
  },
  {
    method: 'get',
    path: '/publish-requests/:id',
    tag: 'publishing',
    summary: '查看发布申请',
    params: ID,
    reply: PUBLISHING + 'PublishRequestDetail',
  },
  {
    method: 'post',
    path: '/publish-requests/:id/approve',
    tag: 'publishing',
    summary: '同意',
    params: ID,
    body: PUBLISHING + 'ReviewBody',
    bodyOptional: true,
    reply: PUBLISHING + 'PublishRequestDetail',
  },
  {
    method: 'post',
    path: '/publish-requests/:id/reject',
    tag: 'publishing',
    summary: '驳回',
    params: ID,
    body: PUBLISHING + 'ReviewBody',
    bodyOptional: true,
    reply: PUBLISHING + 'PublishRequestDetail',
  },
  {
    method: 'post',
    path: '/publish-requests/:id/withdraw',
    tag: 'publishing',
    summary: '撤回',
    params: ID,
    body: PUBLISHING + 'WithdrawBody',
    bodyOptional: true,
    reply: PUBLISHING + 'PublishRequestDetail',
  },
  { method: 'post', path: '/publish-requests', tag: 'publishing', summary: '（不支持，405）', status: 405 },
  {
    method: 'put',
    path: '/publish-requests/:id',
    tag: 'publishing',
    summary: '（不支持，405）',
    params: ID,
    status: 405,
  },
  {
    method: 'delete',
    path: '/publish-requests/:id',
    tag: 'publishing',
    summary: '（不支持，405）',
    params: ID,
    status: 405,
  },

  {
    method: 'get',
    path: '/packs/:id/versions/:n/record',
    tag: 'records',
    summary: '版本对照表（可打印网页）',
    reply: { media: ['text/html'] },
  },
  {
    method: 'get',
    path: '/packs/:id/versions/:n/record.pdf',
    tag: 'records',
    summary: '版本对照表 PDF',
    reply: { media: ['application/pdf'] },
  },

  {
    method: 'get',
    path: '/packs/:id/versions',
    tag: 'versions',
    summary: '版本时间线（?inForceOn= 某日施行的版本）',
    params: ID,
    reply: VERSIONS + 'TimelineOrVersion',
  },
  {
    method: 'get',
    path: '/packs/:id/moved-cases',
    tag: 'versions',
    summary: '参数变化影响的测试用例',
    params: ID,
    reply: VERSIONS + 'MovedCases',
  },
  {
    method: 'post',
    path: '/packs/:id/versions/:version/reschedule',
    tag: 'versions',
    summary: '改期',
    body: VERSIONS + 'RescheduleRequest',
    bodyOptional: true,
    reply: VERSIONS + 'Version',
  },
  {
    method: 'post',
    path: '/packs/:id/versions/:version/cancel',
    tag: 'versions',
    summary: '取消排期',
    body: VERSIONS + 'CancelRequest',
    bodyOptional: true,
    reply: VERSIONS + 'Version',
  },
  {
    method: 'post',
    path: '/packs/:id/rollback',
    tag: 'versions',
    summary: '恢复到某版本',
    params: ID,
    body: VERSIONS + 'RollbackRequest',
    bodyOptional: true,
    status: 201,
    reply: VERSIONS + 'Rollback',
  },
  ...readOnly('/versions', 'versions', '版本', { list: VERSIONS + 'VersionList', one: VERSIONS + 'VersionWithBundle' }),

  ...readOnly('/audit-events', 'audit', '操作日志', { list: AUDIT + 'AuditEventList', one: AUDIT + 'AuditEvent' }),

  // a new user's fields are checked with the township rules, so one 422 names every problem
  ...resource('/users', 'users', '用户', {
    list: USERS + 'UserList',
    one: USERS + 'User',
    create: USERS + 'UserCreate',
    update: USERS + 'UserUpdate',
    params: USERS + 'UserParams',
  }).map((op) => (op.method === 'post' ? { ...op, bodyBeforeAccess: COMMON + 'Object' } : op)),
  { method: 'get', path: '/users/names', tag: 'users', summary: '姓名（本乡镇与管理员）', reply: USERS + 'UserNames' },
  {
    method: 'post',
    path: '/users/:id/unlock',
    tag: 'users',
    summary: '解除登录锁定',
    params: USERS + 'UserParams',
    reply: USERS + 'User',
  },

  ...resource('/townships', 'townships', '乡镇', {
    list: TOWNSHIPS + 'TownshipList',
    one: TOWNSHIPS + 'Township',
    create: TOWNSHIPS + 'TownshipCreate',
    update: TOWNSHIPS + 'TownshipUpdate',
  }),

  ...readOnly('/decisions', 'decisions', '决策日志', { list: DECISIONS + 'DecisionList', one: DECISIONS + 'Decision' }),
  { method: 'get', path: '/decisions/export', tag: 'decisions', summary: '决策日志导出', reply: TABLE },
  {
    method: 'post',
    path: '/packs/:id/what-if',
    tag: 'decisions',
    summary: '用已记录的决策试算草稿或其他版本（?async=1: 后台任务，202）',
    params: ID,
    body: DECISIONS + 'WhatIfRequest',
    bodyOptional: true,
    reply: DECISIONS + 'WhatIfResult',
    accepted: JOBS + 'WhatIfJob',
  },
  { method: 'get', path: '/what-if-jobs/:job', tag: 'decisions', summary: '试算任务状态', reply: JOBS + 'WhatIfJob' },
  {
    method: 'post',
    path: '/what-if-jobs/:job/cancel',
    tag: 'decisions',
    summary: '取消试算任务',
    reply: JOBS + 'WhatIfJob',
  },
  {
    method: 'delete',
    path: '/what-if-jobs/:job',
    tag: 'decisions',
    summary: '取消试算任务',
    reply: JOBS + 'WhatIfJob',
  },

  {
    method: 'post',
    path: '/drafting/extract',
    tag: 'drafting',
    summary: '从制度文件生成规则包草稿（不保存）',
    reply: 'drafting.schema.json#/definitions/Extracted',
  },
];

const byKey = new Map(OPERATIONS.map((op) => [`${op.method.toUpperCase()} ${op.path}`, op]));

/** The operation of `POST /users`; an unknown one is a programming error, found at mount. */
export function operation(key: string): Operation {
  const op = byKey.get(key);
  if (!op) throw new Error(`route ${key} is not in api/openapi/operations.ts`);
  return op;
}

/** The operation express matched (`req.route.path`), if it is one of ours. */
export function operationAt(method: string, path: string): Operation | undefined {
  return byKey.get(`${method.toUpperCase()} ${path}`);
}
