import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, SEED_PACK, bearer, setupTownships, startApp, type TestApp } from './helpers/app.js';

describe.each(DATABASES)('GET /packs/:id/moved-cases on %s', (kind) => {
  let t: TestApp;
  let tokens: Awaited<ReturnType<typeof setupTownships>>;

  beforeAll(async () => {
    t = await startApp(kind);
    tokens = await setupTownships(t);
  });
  afterAll(() => t?.close());

  it('lists nothing while the draft equals the version in force', async () => {
    const res = await t.http.get(`/api/packs/${SEED_PACK}/moved-cases`).set(bearer(tokens.testerA));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ inForce: 1, parameters: [], moved: [], otherFailures: [] });
  });

  it('after 1 → 2 days lists the four moved cases with old and new outcomes, apart from a case that fails for another reason', async () => {
    const id = `${SEED_PACK}:leave.supervisorOnlyMaxDays`;
    const before = await t.http.get(`/api/parameters/${id}`).set(bearer(tokens.directorA));
    expect(
      (
        await t.http
          .put(`/api/parameters/${id}`)
          .set(bearer(tokens.directorA))
          .send({ ...before.body, value: 2 })
      ).status,
    ).toBe(200);
    const wrong = await t.http
      .post('/api/fixtures')
      .set(bearer(tokens.testerA))
      .send({
        packId: SEED_PACK,
        decision: 'leaveApproval',
        caseId: 'leave.wrong',
        name: '错误的预期',
        facts: { applicantRole: 'ordinary', leaveType: 'personal', days: 0.5 },
        expect: { outcomes: [{ type: 'approval', step: 1, roles: ['townshipHead'], action: 'approve' }] },
      });
    expect(wrong.status).toBe(201);
    const res = await t.http.get(`/api/packs/${SEED_PACK}/moved-cases`).set(bearer(tokens.testerA));
    expect(res.status).toBe(200);
    expect(res.body.parameters).toEqual([
      expect.objectContaining({ id: 'leave.supervisorOnlyMaxDays', from: 1, to: 2, label: expect.any(String) }),
    ]);
    expect(res.body.moved.map((c: { id: string }) => c.id).sort()).toEqual([
      'leave.cap.4d',
      'leave.cap.sick',
      'leave.ordinary.1-5d',
      'leave.ordinary.2d',
    ]);
    for (const c of res.body.moved) {
      expect(c.before.length).toBeGreaterThan(0);
      expect(c.after.length).toBeGreaterThan(0);
      expect(c.facts).toBeTypeOf('object');
    }
    expect(res.body.otherFailures).toEqual(['leave.wrong']);
  });

  it('is refused to users of another township', async () => {
    const res = await t.http.get(`/api/packs/${SEED_PACK}/moved-cases`).set(bearer(tokens.directorB));
    expect([403, 404]).toContain(res.status);
  });
});
