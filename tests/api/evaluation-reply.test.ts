/**
 * The evaluate reply on the wire: serialised by the schema-compiled serialiser without losing
 * anything the engine put in it, and explained in the one language asked for.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPack, evaluateSync, evaluate, folderSource, type CompiledPack } from '../../engine/index.js';
import { serializeBatchReply, serializeEvaluationReply } from '../../api/features/evaluation/evaluation-reply.js';
import { respond } from '../../api/features/evaluation/evaluation-service.js';
import { DATABASES, LEAVE_FACTS, SEED_PACK, bearer, startApp, type TestApp } from './helpers/app.js';

const source = folderSource();
const packs = source.ids.map((id) => buildPack(id, source).compiled).filter((p): p is CompiledPack => !!p);
const asJson = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('the evaluate reply serialiser', () => {
  it('keeps every key of every fixture evaluation of every shipped pack, in both languages', async () => {
    let checked = 0;
    for (const pack of packs) {
      for (const fixture of pack.resolved.fixtures) {
        if (fixture.expect.error || !pack.decisions.has(fixture.decision)) continue;
        const evaluation =
          evaluateSync(pack, fixture.decision, fixture.facts) ??
          (await evaluate(pack, fixture.decision, fixture.facts));
        for (const lang of ['zh', 'en'] as const) {
          const source = {
            version: 3,
            effectiveFrom: '2027-01-01T00:00:00.000Z',
            basis: { text: '镇党委会', date: '2026-12-01' },
          };
          const reply = respond(evaluation, checked % 2 ? source : undefined, lang);
          expect(JSON.parse(serializeEvaluationReply(reply))).toEqual(asJson(reply));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('writes out fields it does not declare, nested ones included (undetermined, nearby, engine additions)', () => {
    const reply = {
      pack: 'p',
      version: '2',
      versionInfo: null,
      decision: 'd',
      lang: 'zh',
      somethingNew: { deep: [1, { x: true }] },
      outcomes: [{ type: 'approval', step: 1, roles: ['a'], extra: { any: ['thing'] } }],
      fired: [
        {
          id: 'r',
          title: 't',
          group: 'g',
          definedIn: 'p',
          citations: [{ id: 'c', text: 'x', page: 4 }],
          outcomes: [],
          note: 'n',
        },
      ],
      shadowed: [],
      facts: { days: 3, nested: { list: [1, 2] } },
      explanation: { zh: { summary: 's', lines: ['l'], source: 'src', trace: [{ rule: 'r', ok: true }] } },
      undetermined: [{ rule: 'r', missing: ['days'], more: { a: 1 } }],
      nearby: [{ fact: 'days', value: 6, changes: [{ type: 'approval' }] }],
    };
    expect(JSON.parse(serializeEvaluationReply(reply))).toEqual(reply);
    const batch = {
      pack: 'p',
      version: '2',
      count: 2,
      failed: 1,
      results: [
        { index: 0, ok: true, ...reply },
        {
          index: 1,
          ok: false,
          status: 422,
          code: 'FACTS_INVALID',
          message: 'm',
          messageZh: '错',
          errors: [{ path: '/days' }],
        },
      ],
    };
    expect(JSON.parse(serializeBatchReply(batch))).toEqual(batch);
  });
});

describe.each(DATABASES)('the explanation in the language asked for on %s', (kind) => {
  let t: TestApp;
  const url = `/api/packs/${SEED_PACK}/evaluate`;
  const body = { decision: 'leaveApproval', facts: LEAVE_FACTS };
  beforeAll(async () => {
    t = await startApp(kind);
  });
  afterAll(() => t?.close());

  it('is Chinese by default and only Chinese', async () => {
    const res = await t.http.post(url).set(bearer(t.adminToken)).send(body);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json; charset=utf-8/);
    expect(Object.keys(res.body.explanation)).toEqual(['zh']);
    expect(res.body.explanation.zh.summary).toContain('请假审批');
    expect(res.body.explanation.zh.source).toMatch(/^依据 第1版/);
  });

  it('?lang=en and Accept-Language: en give English only; ?lang wins over the header', async () => {
    const en = await t.http.post(`${url}?lang=en`).set(bearer(t.adminToken)).send(body);
    expect(Object.keys(en.body.explanation)).toEqual(['en']);
    expect(en.body.explanation.en.summary).toMatch(/step 1/);
    const header = await t.http
      .post(url)
      .set(bearer(t.adminToken))
      .set('Accept-Language', 'fr;q=1, en-US;q=0.9, zh-CN;q=0.5')
      .send(body);
    expect(Object.keys(header.body.explanation)).toEqual(['en']);
    const both = await t.http.post(`${url}?lang=zh`).set(bearer(t.adminToken)).set('Accept-Language', 'en').send(body);
    expect(Object.keys(both.body.explanation)).toEqual(['zh']);
    const batch = await t.http
      .post(`${url}/batch?lang=en`)
      .set(bearer(t.adminToken))
      .send({ decision: 'leaveApproval', items: [{ facts: LEAVE_FACTS }, { facts: { days: -1 } }] });
    expect(batch.status).toBe(200);
    expect(Object.keys(batch.body.results[0].explanation)).toEqual(['en']);
    expect(batch.body.results[1]).toMatchObject({ index: 1, ok: false, code: 'FACTS_INVALID' });
  });

  it('an unknown ?lang is a 422 naming the field, in both languages', async () => {
    const res = await t.http.post(`${url}?lang=fr`).set(bearer(t.adminToken)).send(body);
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ path: '/lang', messageZh: expect.stringMatching(/lang/) }),
    ]);
  });
});
