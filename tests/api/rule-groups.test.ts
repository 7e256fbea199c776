import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DATABASES,
  LONG_LEAVE_RULE,
  SEED_PACK,
  bearer,
  setupTownships,
  startApp,
  type TestApp,
} from './helpers/app.js';

describe.each(DATABASES)('a rule saved into a new group on %s', (kind) => {
  let t: TestApp;
  let tokens: Awaited<ReturnType<typeof setupTownships>>;

  beforeAll(async () => {
    t = await startApp(kind);
    tokens = await setupTownships(t);
  });
  afterAll(() => t?.close());

  const draftRules = async () =>
    (await t.http.get(`/api/packs/${SEED_PACK}/export?version=draft`).set(bearer(tokens.directorA))).body.rules;

  it('declares the group with its Chinese name, and the draft still builds', async () => {
    const res = await t.http
      .post('/api/rules')
      .set(bearer(tokens.directorA))
      .send({ ...LONG_LEAVE_RULE, group: 'own1', newGroup: { label: '超长请假备案' } });
    expect(res.status).toBe(201);
    const file = Object.values(
      (await draftRules()) as Record<string, { decision: string; groups?: Record<string, unknown> }>,
    ).find((f) => f.decision === 'leaveApproval')!;
    expect(file.groups!.own1).toEqual({ label: '超长请假备案', hitPolicy: 'collect' });
    const tested = await t.http
      .post(`/api/packs/${SEED_PACK}/test`)
      .set(bearer(tokens.directorA))
      .send({ version: 'draft' });
    expect(tested.status).toBe(200);
    expect(tested.body.failed).toBe(0);
    const evaluated = await t.http
      .post(`/api/packs/${SEED_PACK}/evaluate`)
      .set(bearer(tokens.directorA))
      .send({
        decision: 'leaveApproval',
        version: 'draft',
        facts: { applicantRole: 'ordinary', leaveType: 'personal', days: 250 },
      });
    expect(evaluated.status).toBe(200);
    expect(evaluated.body.outcomes).toContainEqual(
      expect.objectContaining({ type: 'requirement', code: 'longLeaveFiling' }),
    );
  });

  it('refuses a new group without a name, or with an id no group may have, and saves nothing', async () => {
    const before = JSON.stringify(await draftRules());
    const unnamed = await t.http
      .post('/api/rules')
      .set(bearer(tokens.directorA))
      .send({ ...LONG_LEAVE_RULE, ruleId: 'leave.test.b', group: 'own2', newGroup: { label: ' ' } });
    expect(unnamed.status).toBe(422);
    expect(unnamed.body.errors).toContainEqual(
      expect.objectContaining({ path: '/newGroup/label', messageZh: '请填写新条件组的名称' }),
    );
    const badId = await t.http
      .post('/api/rules')
      .set(bearer(tokens.directorA))
      .send({ ...LONG_LEAVE_RULE, ruleId: 'leave.test.c', group: '新组', newGroup: { label: '新组' } });
    expect(badId.status).toBe(422);
    expect(badId.body.errors).toContainEqual(expect.objectContaining({ path: '/group' }));
    expect(JSON.stringify(await draftRules())).toBe(before);
  });

  it('gives every reader the groups of the pack and its bases with their Chinese names', async () => {
    for (const token of [tokens.directorA, tokens.viewerA]) {
      const res = await t.http.get(`/api/packs/${SEED_PACK}/groups`).set(bearer(token));
      expect(res.status).toBe(200);
      expect(res.body).toContainEqual({
        decision: 'leaveApproval',
        id: 'approvalChain',
        label: '审批链',
        hitPolicy: expect.anything(),
        packId: SEED_PACK,
      });
      // a base's group, named although its file is not the reader's own
      expect(res.body).toContainEqual(
        expect.objectContaining({
          decision: 'leaveEntitlement',
          id: 'annualLeave',
          label: '年休假天数',
          packId: 'base',
        }),
      );
      expect(res.body.every((g: { label?: string }) => typeof g.label === 'string' && g.label.length > 0)).toBe(true);
    }
    expect((await t.http.get(`/api/packs/${SEED_PACK}/groups`).set(bearer(tokens.directorB))).status).toBe(403);
    expect((await t.http.get('/api/packs/no-such-pack/groups').set(bearer(tokens.directorA))).status).toBe(404);
  });
});
