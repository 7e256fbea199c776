import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, SEED_PACK, bearer, setupTownships, startApp, type TestApp } from './helpers/app.js';

describe.each(DATABASES)('parameter rows say which decisions read them on %s', (kind) => {
  let t: TestApp;
  let tokens: Awaited<ReturnType<typeof setupTownships>>;

  beforeAll(async () => {
    t = await startApp(kind);
    tokens = await setupTownships(t);
  });
  afterAll(() => t?.close());

  const rows = async () =>
    (
      await t.http
        .get('/api/parameters')
        .query({ filter: JSON.stringify({ packId: SEED_PACK }), range: '[0,499]' })
        .set(bearer(tokens.directorA))
    ).body;

  it('lists the decisions whose rules read a parameter, and [] for one nothing reads', async () => {
    const before = await rows();
    expect(before.find((r: { parameterId: string }) => r.parameterId === 'leave.supervisorOnlyMaxDays').usedBy).toEqual(
      ['leaveApproval'],
    );
    const created = await t.http.post('/api/parameters').set(bearer(tokens.directorA)).send({
      packId: SEED_PACK,
      parameterId: 'leave.draftedMaxDays',
      type: 'number',
      label: '起草时的最长天数',
      unit: '天',
      value: 3,
      source: 'LV-002-A',
    });
    expect(created.status).toBe(201);
    const after = await rows();
    expect(after.find((r: { parameterId: string }) => r.parameterId === 'leave.draftedMaxDays').usedBy).toEqual([]);
    // the row goes back unchanged with a save: usedBy is not part of the parameter
    const row = after.find((r: { parameterId: string }) => r.parameterId === 'leave.draftedMaxDays');
    const saved = await t.http
      .put(`/api/parameters/${encodeURIComponent(row.id)}`)
      .set(bearer(tokens.directorA))
      .send({ ...row, value: 4 });
    expect(saved.status).toBe(200);
    const bundle = (await t.http.get(`/api/packs/${SEED_PACK}/export`).set(bearer(tokens.directorA))).body;
    expect(JSON.stringify(bundle)).not.toContain('usedBy');
  });
});
