import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, LEAVE_FACTS, SEED_PACK, bearer, setupTownships, startApp, type TestApp } from './helpers/app.js';

describe.each(DATABASES)('怎样会不同 (?nearby=1) on %s', (kind) => {
  let t: TestApp;
  let tokens: Awaited<ReturnType<typeof setupTownships>>;
  const url = `/api/packs/${SEED_PACK}/evaluate`;

  beforeAll(async () => {
    t = await startApp(kind);
    tokens = await setupTownships(t);
  });
  afterAll(() => t?.close());

  it('adds the nearest changes with threshold, parameter, clause and text only when asked', async () => {
    const plain = await t.http
      .post(url)
      .set(bearer(tokens.viewerA))
      .send({ decision: 'leaveApproval', facts: LEAVE_FACTS });
    expect(plain.status).toBe(200);
    expect(plain.body).not.toHaveProperty('nearby');

    const res = await t.http
      .post(`${url}?nearby=1`)
      .set(bearer(tokens.viewerA))
      .send({ decision: 'leaveApproval', facts: LEAVE_FACTS });
    expect(res.status).toBe(200);
    expect(res.body.outcomes).toEqual(plain.body.outcomes);
    const down = res.body.nearby.find((c: any) => c.fact === 'days' && c.threshold?.direction === 'down');
    expect(down).toMatchObject({
      label: '请假天数',
      from: 3,
      to: 1,
      threshold: { value: 1, inclusive: true },
      parameter: { id: 'leave.supervisorOnlyMaxDays', label: '分管领导单独审批的最长天数' },
      rule: { id: 'leave.ordinary.upToOneDay' },
    });
    expect(down.citations[0]).toHaveProperty('text');
    // in the reply's language only, as the explanation
    expect(down.text).toEqual({ zh: '若请假天数不超过 1 天（参数「分管领导单独审批的最长天数」），只需分管领导审批' });

    const en = await t.http
      .post(`${url}?nearby=1&lang=en`)
      .set(bearer(tokens.viewerA))
      .send({ decision: 'leaveApproval', facts: LEAVE_FACTS });
    const downEn = en.body.nearby.find((c: any) => c.fact === 'days' && c.threshold?.direction === 'down');
    expect(Object.keys(downEn.text)).toEqual(['en']);
    expect(downEn.text.en).toMatch(/^If days were at most 1/);
  });

  it('each item of a batch gets its own', async () => {
    const res = await t.http
      .post(`${url}?nearby=1`)
      .set(bearer(tokens.viewerA))
      .send({ decision: 'leaveApproval', items: [{ facts: LEAVE_FACTS }, { facts: { ...LEAVE_FACTS, days: 1 } }] });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: any) => r.nearby.find((c: any) => c.fact === 'days')?.to)).toEqual([1, 2]);
  });
});
