/** The evaluate reply says what is still to confirm; `complete: true` refuses a partial answer with 422 MISSING_FACTS. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, SEED_PACK, bearer, setupTownships, startApp, type TestApp } from './helpers/app.js';

const ABSENT_20 = { event: 'noLeaveAbsence', absenceDaysInRow: 20 };

describe.each(DATABASES)('undetermined answers on %s', (kind) => {
  let t: TestApp;
  let tokens: Awaited<ReturnType<typeof setupTownships>>;
  const url = `/api/packs/${SEED_PACK}/evaluate`;

  beforeAll(async () => {
    t = await startApp(kind);
    tokens = await setupTownships(t);
  });
  afterAll(() => t?.close());

  it('the 002 absence case answers 旷工 for certain and the referral as undetermined, with both options', async () => {
    const res = await t.http.post(url).set(bearer(tokens.viewerA)).send({ decision: 'attendance', facts: ABSENT_20 });
    expect(res.status).toBe(200);
    expect(res.body.outcomes).toEqual([{ type: 'classification', category: 'absent' }]);
    expect(res.body.undetermined.map((u: any) => u.rule)).toEqual([
      'attendance.referToOrgDept',
      'attendance.referToHrBureau',
    ]);
    expect(res.body.undetermined[0].facts[0].options.map((o: any) => o.value)).toEqual(['orgDept', 'hrBureau']);
    expect(res.body.explanation.zh.undetermined[0]).toMatch(
      /^还需确认：干部管理权限（组织部门管理 \/ 人社部门管理）——/,
    );
  });

  it('with managedBy given it answers as before: the referral, nothing undetermined', async () => {
    const res = await t.http
      .post(url)
      .set(bearer(tokens.viewerA))
      .send({ decision: 'attendance', facts: { ...ABSENT_20, managedBy: 'orgDept' }, complete: true });
    expect(res.status).toBe(200);
    expect(res.body.outcomes).toContainEqual({ type: 'approval', step: 1, roles: ['countyOrgDept'], action: 'report' });
    expect(res.body.undetermined).toEqual([]);
  });

  it('complete: true → 422 MISSING_FACTS naming /facts/managedBy in Chinese and English', async () => {
    const res = await t.http
      .post(url)
      .set(bearer(tokens.viewerA))
      .send({ decision: 'attendance', facts: ABSENT_20, complete: true });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('MISSING_FACTS');
    expect(res.body.errors).toEqual([expect.objectContaining({ path: '/facts/managedBy' })]);
    expect(res.body.errors[0].messageZh).toContain('干部管理权限');
    expect(res.body.errors[0].message).toContain('attendance.referToOrgDept');
    expect(res.body.messageZh).toContain('要求完整答复');
  });

  it('in a batch each incomplete item fails in place; a malformed complete is a 422 on /complete', async () => {
    const res = await t.http
      .post(url)
      .set(bearer(tokens.viewerA))
      .send({
        decision: 'attendance',
        complete: true,
        items: [{ facts: ABSENT_20 }, { facts: { ...ABSENT_20, managedBy: 'hrBureau' } }],
      });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: any) => [r.ok, r.code])).toEqual([
      [false, 'MISSING_FACTS'],
      [true, undefined],
    ]);
    expect(res.body.results[0].errors[0].path).toBe('/facts/managedBy');
    const bad = await t.http
      .post(url)
      .set(bearer(tokens.viewerA))
      .send({ decision: 'attendance', facts: ABSENT_20, complete: 'yes' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: any) => e.path)).toContain('/complete');
  });
});
