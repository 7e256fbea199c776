/**
 * Malformed input answers 4xx with a clear message, never 5xx: bundles of the wrong shape, list
 * queries with prototype keys or huge ranges, conditions nested thousands of levels deep.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CONDITION_DEPTH } from '../../engine/index.js';
import { DATABASES, SEED_PACK, bearer, setupTownships, startApp, type TestApp } from './helpers/app.js';

/** Every list (and export) that reads its sort, range and filter from the query string. */
const LISTS = [
  '/api/versions',
  '/api/audit-events',
  '/api/users',
  '/api/townships',
  '/api/decisions',
  '/api/publish-requests',
  '/api/audit-events/export',
  '/api/decisions/export',
  '/api/packs',
  '/api/parameters',
  '/api/rules',
  '/api/fixtures',
  '/api/sources',
];

/** A condition `depth` levels of `all` deep around one leaf. */
function nested(depth: number): unknown {
  let condition: unknown = { fact: 'days', operator: 'greaterThan', value: 200 };
  for (let i = 1; i < depth; i++) condition = { all: [condition] };
  return condition;
}

describe.each(DATABASES)('bad input on %s', (kind) => {
  let t: TestApp;
  let admin: Record<string, string>;
  let exported: any;
  beforeAll(async () => {
    t = await startApp(kind);
    await setupTownships(t);
    admin = bearer(t.adminToken);
    exported = (await t.http.get(`/api/packs/${SEED_PACK}/export?version=draft`).set(admin)).body;
  });
  afterAll(() => t?.close());

  describe('POST /packs/import with a bundle of the wrong shape', () => {
    for (const file of ['rules', 'fixtures', 'sources', 'parameters'] as const) {
      it(`"${file}": null is 422 at /bundle/${file}, and nothing is saved`, async () => {
        const bundle = { ...exported, pack: { ...exported.pack, id: 'shape-pack' }, [file]: null };
        const res = await t.http.post('/api/packs/import').set(admin).type('json').send(JSON.stringify({ bundle }));
        expect(res.status).toBe(422);
        expect(res.body.code).toBe('IMPORT_INVALID');
        expect(res.body.errors).toEqual([
          expect.objectContaining({ path: `/bundle/${file}`, messageZh: expect.any(String) }),
        ]);
        expect((await t.http.get('/api/packs/shape-pack').set(admin)).status).toBe(404);
      });
    }

    it('a rules file that is not an object is 422 at its JSON pointer', async () => {
      const bundle = { ...exported, pack: { ...exported.pack, id: 'shape-pack' }, rules: { 'rules/x.json': [1, 2] } };
      const res = await t.http.post('/api/packs/import').set(admin).send(bundle);
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([expect.objectContaining({ path: '/rules/rules~1x.json' })]);
    });

    it('an unknown top-level key (a typo, or "__proto__") is 422, not stored in the draft', async () => {
      const res = await t.http
        .post('/api/packs/import')
        .set(admin)
        .type('json')
        .send(
          `{"bundle": ${JSON.stringify({ ...exported, pack: { ...exported.pack, id: 'shape-pack' } }).slice(0, -1)}, "__proto__": {"x": 1}}}`,
        );
      expect(res.status).toBe(422);
      expect(res.body.errors[0].path).toBe('/bundle');
      expect(res.body.errors[0].message).toContain('__proto__');
    });

    it("the bundle itself as the body may carry the request's revision", async () => {
      const pack = (await t.http.get(`/api/packs/${SEED_PACK}`).set(admin)).body;
      const res = await t.http
        .post('/api/packs/import')
        .set(admin)
        .send({ ...exported, revision: pack.revision });
      expect(res.status).toBe(200);
      expect((await t.http.get(`/api/packs/${SEED_PACK}/export?version=draft`).set(admin)).body).not.toHaveProperty(
        'revision',
      );
    });
  });

  describe('list queries', () => {
    for (const path of LISTS) {
      it(`${path}: sort on "constructor" falls back to the default order`, async () => {
        const res = await t.http.get(path).query({ sort: '["constructor","ASC"]' }).set(admin);
        expect(res.status).toBe(200);
      });

      it(`${path}: filter {"__proto__":null} is 400 or no match, never 500`, async () => {
        const res = await t.http.get(path).query({ filter: '{"__proto__":null}' }).set(admin);
        if (res.status === 200) {
          // lists kept in memory: an unknown field matches nothing
          expect(res.body).toEqual([]);
        } else {
          expect(res.status).toBe(400);
          expect(res.body.message).toContain('__proto__');
        }
      });

      it(`${path}: range [0,1e20] is 400 saying how many rows a page may have`, async () => {
        const res = await t.http.get(path).query({ range: '[0,1e20]' }).set(admin);
        expect(res.status).toBe(400);
        expect(res.body.messageZh).toMatch(/分页参数/);
      });
    }

    it('a filter value that is an object is 400', async () => {
      const res = await t.http.get('/api/audit-events').query({ filter: '{"packId":{"a":1}}' }).set(admin);
      expect(res.status).toBe(400);
      expect(res.body.message).toContain('packId');
    });

    it('a page of at most 1000 rows is still answered', async () => {
      const res = await t.http.get('/api/audit-events').query({ range: '[0,999]' }).set(admin);
      expect(res.status).toBe(200);
    });

    it('a filter on an integer column with text or a huge number is 400 or no match, never 500', async () => {
      for (const filter of ['{"id":"abc"}', '{"id":1e300}', '{"version":"x"}', '{"id":["1","x"]}']) {
        for (const path of [
          '/api/audit-events',
          '/api/decisions',
          '/api/publish-requests',
          '/api/users',
          '/api/versions',
        ]) {
          const res = await t.http.get(path).query({ filter }).set(admin);
          expect([200, 400], `${path} ${filter}: ${res.status} ${JSON.stringify(res.body)}`).toContain(res.status);
        }
      }
    });
  });

  it('an id in the path that is not an integer (or beyond bigint) is 4xx on every database', async () => {
    for (const path of [
      '/api/users/leaveApproval',
      '/api/audit-events/abc',
      '/api/publish-requests/1e20',
      '/api/decisions/1e20',
      '/api/users/99999999999999999999',
    ]) {
      const res = await t.http.get(path).set(admin);
      expect([400, 404], `${path}: ${res.status} ${JSON.stringify(res.body)}`).toContain(res.status);
    }
  });

  it('a new rule naming its file "constructor" goes to the decision\'s file, not Object.prototype', async () => {
    const res = await t.http
      .post('/api/rules')
      .set(admin)
      .send({
        packId: SEED_PACK,
        decision: 'leaveApproval',
        ruleId: 'leave.test.protoFile',
        title: '原型文件',
        citations: ['LV-002-A'],
        file: 'constructor',
        conditions: { all: [{ fact: 'days', operator: 'greaterThan', value: 300 }] },
        outcomes: [{ type: 'requirement', code: 'x', text: 'x' }],
      });
    expect(res.status).toBe(201);
  });

  it('text with a NUL character is stored or refused, never 500', async () => {
    const res = await t.http.post('/api/townships').set(admin).send({ id: 'nul-town', name: 'a\u0000b' });
    expect([201, 400, 422]).toContain(res.status);
  });

  describe('conditions nested thousands of levels deep', () => {
    it('a rule whose conditions nest 2,000 deep is 422 naming the place, not a stack overflow', async () => {
      // sent as text: the test client's recursive serializer can overflow its own stack at this depth
      const res = await t.http
        .post('/api/rules')
        .set(admin)
        .type('json')
        .send(
          JSON.stringify({
            packId: SEED_PACK,
            decision: 'leaveApproval',
            ruleId: 'leave.test.deep',
            title: '深层嵌套',
            citations: ['LV-002-A'],
            conditions: nested(2000),
            outcomes: [{ type: 'requirement', code: 'deep', text: '深层' }],
          }),
        );
      expect(res.status).toBe(422);
      expect(JSON.stringify(res.body)).toMatch(/nested more than \d+ levels/);
    });

    it(`conditions ${MAX_CONDITION_DEPTH + 1} levels deep are refused with the condition bound, ${MAX_CONDITION_DEPTH} are accepted`, async () => {
      const rule = (depth: number, ruleId: string) => ({
        packId: SEED_PACK,
        decision: 'leaveApproval',
        ruleId,
        title: '嵌套',
        citations: ['LV-002-A'],
        conditions: nested(depth),
        outcomes: [{ type: 'requirement', code: 'deep', text: '深层' }],
      });
      const deep = await t.http
        .post('/api/rules')
        .set(admin)
        .send(rule(MAX_CONDITION_DEPTH + 1, 'leave.test.tooDeep'));
      expect(deep.status).toBe(422);
      expect(deep.body.errors[0].path).toMatch(/^\/rules\/\d+\/conditions(\/all\/0)+$/);
      expect(deep.body.errors[0].messageZh).toContain(`条件嵌套超过 ${MAX_CONDITION_DEPTH} 层`);
      const ok = await t.http.post('/api/rules').set(admin).send(rule(MAX_CONDITION_DEPTH, 'leave.test.deepOk'));
      expect(ok.status).toBe(201);
      const evaluated = await t.http
        .post(`/api/packs/${SEED_PACK}/evaluate`)
        .set(admin)
        .send({
          decision: 'leaveApproval',
          facts: { applicantRole: 'ordinary', leaveType: 'sick', days: 201 },
          version: 'draft',
        });
      expect(evaluated.status).toBeLessThan(500);
      const lint = await t.http.post(`/api/packs/${SEED_PACK}/lint`).set(admin).send({});
      expect(lint.status).toBeLessThan(500);
    });

    it('an imported bundle whose rule nests 2,000 deep is 422', async () => {
      // 2,000 levels of conditions are 4,000 JSON levels: more than the body bound, so the
      // request is refused before the import reads it
      const bundle = structuredClone(exported);
      bundle.pack.id = 'deep-pack';
      const file = Object.keys(bundle.rules)[0];
      bundle.rules[file].rules[0].conditions = nested(2000);
      const res = await t.http.post('/api/packs/import').set(admin).type('json').send(JSON.stringify({ bundle }));
      expect(res.status).toBe(422);
      expect((await t.http.get('/api/packs/deep-pack').set(admin)).status).toBe(404);
    });

    it('facts nested 10,000 deep are 422', async () => {
      // written as text: the test client's own JSON serializer would overflow first
      const deep = '['.repeat(10_000) + '1' + ']'.repeat(10_000);
      const res = await t.http
        .post(`/api/packs/${SEED_PACK}/evaluate`)
        .set(admin)
        .type('json')
        .send(
          `{"decision":"leaveApproval","facts":{"applicantRole":"ordinary","leaveType":"sick","days":3,"extra":${deep}}}`,
        );
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('TOO_DEEP');
    });
  });
});
