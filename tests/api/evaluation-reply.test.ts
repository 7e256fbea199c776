/**
 * The evaluate reply explained in the one language asked for (how it goes out on the wire:
 * evaluate-wire.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, LEAVE_FACTS, SEED_PACK, bearer, startApp, type TestApp } from './helpers/app.js';

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
