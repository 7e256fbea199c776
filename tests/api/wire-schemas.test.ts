/**
 * The wire contract is exact: every JSON reply and request body has its own schema (closed where
 * the shape is), list query strings are described parsed and checked by the middleware, and the
 * reply check also reads JSON a route serialised itself (the evaluation's fast serialiser).
 */
import express, { type Request } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { errorHandler } from '../../api/errors.js';
import { parseList } from '../../api/http/list.js';
import { compileCheck } from '../../api/http/validate.js';
import { buildOpenApiDocument } from '../../api/openapi/document.js';
import { OPERATIONS } from '../../api/openapi/operations.js';
import { checkReplies } from '../../api/openapi/reply-check.js';

const ANY = 'common.schema.json#/definitions/Any';
const OBJECT = 'common.schema.json#/definitions/Object';
const key = (op: { method: string; path: string }) => `${op.method.toUpperCase()} ${op.path}`;

/** Where "any JSON" or "an object" is the whole truth, and why. */
const FREE_FORM: Record<string, string> = {
  'GET /openapi.json': 'the OpenAPI document itself (validated by an OpenAPI validator in openapi.test.ts)',
};

describe('no operation is described as "any JSON" or "an object"', () => {
  it('every JSON reply and every request body names its own schema', () => {
    const vague = OPERATIONS.flatMap((op) => [
      ...(op.reply === ANY || op.reply === OBJECT ? [`${key(op)} reply`] : []),
      ...(op.body === ANY || op.body === OBJECT ? [`${key(op)} body`] : []),
    ]).filter((where) => !FREE_FORM[where.replace(/ (reply|body)$/, '')]);
    expect(vague).toEqual([]);
  });

  it('the free-form exceptions are still routes, each with its reason', () => {
    for (const [route, reason] of Object.entries(FREE_FORM)) {
      expect(
        OPERATIONS.some((op) => key(op) === route),
        route,
      ).toBe(true);
      expect(reason.length).toBeGreaterThan(10);
    }
  });

  it('every reply schema compiles, and an object reply refuses a field nobody documented', () => {
    const pack = {
      id: 'town-a',
      name: '甲镇',
      townshipId: 'town-a',
      extends: 'base',
      owner: { id: 'town-a', name: '甲镇', level: 'township' },
      packVersion: '1.0.0',
      currentVersion: null,
      latestVersion: null,
      revision: 1,
      createdAt: 'x',
      createdBy: 'admin',
      draftUpdatedAt: 'x',
      draftUpdatedBy: 'admin',
    };
    const check = compileCheck(OPERATIONS.find((op) => key(op) === 'GET /packs/:id')!.reply as string);
    expect(check(pack)).toEqual([]);
    expect(check({ ...pack, draft: '{}' }).map((e) => e.path)).toEqual(['']);
    expect(check({ ...pack, revision: '1' }).map((e) => e.path)).toEqual(['/revision']);
    for (const op of OPERATIONS)
      if (typeof op.reply === 'string') expect(() => compileCheck(op.reply as string), key(op)).not.toThrow();
  });

  it('a publish request body of the wrong type is refused by the schema, not ignored', () => {
    const check = compileCheck(OPERATIONS.find((op) => key(op) === 'POST /publish-requests/:id/reject')!.body!);
    expect(check({ comment: '理由' })).toEqual([]);
    expect(check({ comment: 5 })).toEqual([
      expect.objectContaining({ path: '/comment', messageZh: expect.any(String) }),
    ]);
  });
});

describe('list query strings', () => {
  const list = (query: Record<string, unknown>) => () => parseList({ query } as unknown as Request);

  it('are described in the document as JSON texts with the parsed schema', () => {
    const document = buildOpenApiDocument({ version: 'test' }) as {
      paths: Record<
        string,
        Record<string, { parameters?: { name: string; content?: Record<string, { schema: { type?: string } }> }[] }>
      >;
    };
    const parameters = document.paths['/packs'].get.parameters ?? [];
    const byName = Object.fromEntries(parameters.map((p) => [p.name, p]));
    expect(byName.sort.content?.['application/json'].schema.type).toBe('array');
    expect(byName.range.content?.['application/json'].schema.type).toBe('array');
    expect(byName.filter.content?.['application/json'].schema.type).toBe('object');
  });

  it('answer the same 400s as before, one message per parameter', () => {
    expect(list({ sort: '["id","UP"]' })).toThrow(/sort must be/);
    expect(list({ sort: '[]' })).toThrow(/sort must be/);
    expect(list({ range: '[0,1e20]' })).toThrow(/range must be \[start,end\]/);
    expect(list({ range: '[5,1]' })).toThrow(/range must be \[start,end\]/);
    expect(list({ range: '[0,1000]' })).toThrow(/at most 1000 rows/);
    expect(list({ filter: '[1]' })).toThrow(/filter must be a JSON object/);
    expect(list({ filter: '{"a/b":{"x":1}}' })).toThrow('filter.a/b must be a value or a list of values');
    expect(list({ sort: 'not json' })).toThrow(/sort is not valid JSON/);
  });

  it('parse what they describe', () => {
    const params = list({ sort: '["name"]', range: '[0,9]', filter: '{"id":["a","b"],"q":"镇","__proto__":null}' })();
    expect(params.sort).toEqual({ field: 'name', order: 'ASC' });
    expect(params.range).toEqual({ start: 0, end: 9 });
    expect(Object.keys(params.filter)).toEqual(['id', 'q', '__proto__']);
    expect(Object.getPrototypeOf(params.filter)).toBe(null);
  });
});

describe('reply checking of JSON a route serialised itself', () => {
  const evaluate = OPERATIONS.find((op) => key(op) === 'POST /packs/:id/evaluate')!;

  function appSending(text: string) {
    const app = express();
    app.use(checkReplies());
    app.post(evaluate.path, (_req, res) => {
      res.type('application/json').send(text);
    });
    app.use(errorHandler());
    return request(app);
  }

  it('a pre-serialised reply that breaks its schema is 500 REPLY_CONTRACT_BROKEN', async () => {
    const res = await appSending(JSON.stringify({ pack: 'p', outcomes: 'none' })).post('/packs/p/evaluate');
    expect(res.status).toBe(500);
    expect(res.body.code).toBe('REPLY_CONTRACT_BROKEN');
  });

  it('one that matches goes out byte for byte', async () => {
    const body = JSON.stringify({
      pack: 'p',
      versionInfo: null,
      decision: 'leaveApproval',
      outcomes: [],
      fired: [],
      shadowed: [],
      undetermined: [],
      facts: {},
      explanation: { zh: { summary: '无', lines: [], undetermined: [] } },
    });
    const res = await appSending(body).post('/packs/p/evaluate');
    expect(res.status).toBe(200);
    expect(res.text).toBe(body);
  });
});

describe('reply checking of a 202', () => {
  const trial = OPERATIONS.find((op) => key(op) === 'POST /packs/:id/batch-trial.xlsx')!;

  function appAccepting(body: unknown) {
    const app = express();
    app.use(checkReplies());
    app.post(trial.path, (_req, res) => {
      res.status(202).json(body);
    });
    app.use(errorHandler());
    return request(app);
  }

  it('the job view of a spreadsheet route is checked against its accepted schema', async () => {
    const job = {
      job: 'j1',
      state: 'queued',
      done: 0,
      total: 0,
      packId: 'p',
      decision: 'leaveApproval',
      version: 'draft',
      createdAt: 'x',
    };
    expect((await appAccepting(job).post('/packs/p/batch-trial.xlsx')).status).toBe(202);
    const broken = await appAccepting({ ...job, state: 'lost' }).post('/packs/p/batch-trial.xlsx');
    expect(broken.status).toBe(500);
    expect(broken.body.errors.map((e: { path: string }) => e.path)).toEqual(['/state']);
  });
});
