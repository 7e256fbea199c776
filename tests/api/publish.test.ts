import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DATABASES,
  LEAVE_FACTS,
  LONG_LEAVE_RULE,
  SEED_PACK,
  bearer,
  publishApproved,
  setupTownships,
  startApp,
  type TestApp,
} from './helpers/app.js';

const LONG_FACTS = { ...LEAVE_FACTS, days: 250 };
const hasFiling = (outcomes: { type: string; code?: string }[]) =>
  outcomes.some((o) => o.type === 'requirement' && o.code === 'longLeaveFiling');

describe.each(DATABASES)('publish, rollback and diff on %s', (kind) => {
  let t: TestApp;
  let tokens: Awaited<ReturnType<typeof setupTownships>>;
  const versionsOf = async () =>
    (
      await t.http
        .get('/api/versions')
        .query({ filter: JSON.stringify({ packId: SEED_PACK }), sort: '["version","ASC"]' })
        .set(bearer(t.adminToken))
    ).body;
  const evaluate = async (body: object) =>
    t.http
      .post(`/api/packs/${SEED_PACK}/evaluate`)
      .set(bearer(tokens.directorA))
      .send({ decision: 'leaveApproval', ...body });

  beforeAll(async () => {
    t = await startApp(kind);
    tokens = await setupTownships(t);
  });
  afterAll(() => t?.close());

  it('publishing is blocked by a failing fixture, and nothing is written', async () => {
    const bad = await t.http
      .post('/api/fixtures')
      .set(bearer(tokens.testerA))
      .send({
        packId: SEED_PACK,
        decision: 'leaveApproval',
        caseId: 'leave.wrong',
        name: '错误的预期',
        facts: { ...LEAVE_FACTS, days: 0.5 },
        expect: { outcomes: [{ type: 'approval', step: 1, roles: ['townshipHead'], action: 'approve' }] },
      });
    expect(bad.status).toBe(201);
    const auditBefore = (await t.http.get('/api/audit-events').set(bearer(t.adminToken))).headers['content-range'];
    const res = await t.http.post(`/api/packs/${SEED_PACK}/publish`).set(bearer(tokens.directorA)).send({});
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('PUBLISH_BLOCKED');
    expect(res.body.checks.map((c: { check: string }) => c.check)).toEqual([
      'schema-and-consistency',
      'lint',
      'fixtures',
    ]);
    expect(res.body.checks[2]).toMatchObject({ ok: false, failed: 1 });
    expect(res.body.failures).toEqual([expect.objectContaining({ id: 'leave.wrong' })]);
    expect(res.body.messageZh).toContain('测试用例');
    expect(await versionsOf()).toHaveLength(1);
    expect((await t.http.get('/api/audit-events').set(bearer(t.adminToken))).headers['content-range']).toBe(
      auditBefore,
    );
    expect((await t.http.delete(`/api/fixtures/${bad.body.id}`).set(bearer(tokens.testerA))).status).toBe(200);
  });

  it('a director publishes the draft: the reply lists what was checked, and once approved version 2 is in force', async () => {
    expect((await t.http.post('/api/rules').set(bearer(tokens.directorA)).send(LONG_LEAVE_RULE)).status).toBe(201);
    const before = await evaluate({ facts: LONG_FACTS });
    expect(before.body.version).toBe('1');
    expect(hasFiling(before.body.outcomes)).toBe(false);
    const { reply: res, version } = await publishApproved(t, SEED_PACK, tokens.directorA, tokens.approverA, {
      basis: '镇党委会议纪要〔2026〕12号',
    });
    expect(res.body).toMatchObject({ status: 'requested', chainVersions: { base: 1 } });
    expect(version).toBe(2);
    expect(res.body.checks.every((c: { ok: boolean }) => c.ok)).toBe(true);
    expect(res.body.checks.find((c: { check: string }) => c.check === 'fixtures').passed).toBeGreaterThan(10);
    const versions = await versionsOf();
    expect(versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(versions[1]).toMatchObject({
      origin: 'publish',
      publishedBy: 'director-a',
      basis: { text: '镇党委会议纪要〔2026〕12号', date: null },
      status: 'published',
      state: 'inForce',
      approvedBy: [expect.objectContaining({ username: 'approver-a', comment: '同意' })],
    });
    expect(versions[0]).toMatchObject({ state: 'superseded', effectiveTo: versions[1].effectiveFrom });
    expect(Date.parse(versions[1].effectiveFrom)).toBeGreaterThanOrEqual(Date.parse(res.body.request.requestedAt));
    const after = await evaluate({ facts: LONG_FACTS });
    expect(after.body.version).toBe('2');
    expect(hasFiling(after.body.outcomes)).toBe(true);
    const pack = await t.http.get(`/api/packs/${SEED_PACK}`).set(bearer(tokens.viewerA));
    expect(pack.body).toMatchObject({ currentVersion: 2, latestVersion: 2 });
    const audit = await t.http
      .get('/api/audit-events')
      .query({ filter: JSON.stringify({ action: 'pack.publish' }) })
      .set(bearer(tokens.directorA));
    // the approver's click published it; the version still names the director who proposed it
    expect(audit.body[0]).toMatchObject({
      actor: 'approver-a',
      packId: SEED_PACK,
      version: 2,
      before: { version: 1 },
      after: expect.objectContaining({ version: 2, approvedBy: ['approver-a'] }),
    });
  });

  it('publishing the same draft twice, even at the same moment, writes one version', async () => {
    const again = await t.http.post(`/api/packs/${SEED_PACK}/publish`).set(bearer(tokens.directorA)).send({});
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'ALREADY_PUBLISHED', version: 2 });
    expect(await versionsOf()).toHaveLength(2);
  });

  it('of two simultaneous edits of the same revision, one is saved and the other is 409', async () => {
    const row = (await t.http.get(`/api/parameters/${SEED_PACK}:leave.monthlyCapDays`).set(bearer(tokens.directorA)))
      .body;
    const [a, b] = await Promise.all([
      t.http
        .put(`/api/parameters/${row.id}`)
        .set(bearer(tokens.directorA))
        .send({ ...row, help: 'A' }),
      t.http
        .put(`/api/parameters/${row.id}`)
        .set(bearer(tokens.directorA))
        .send({ ...row, help: 'B' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const saved = (await t.http.get(`/api/parameters/${row.id}`).set(bearer(tokens.directorA))).body;
    expect(saved.revision).toBe(row.revision + 1);
    expect(saved.help).toBe(a.status === 200 ? 'A' : 'B');
  });

  it('a version is immutable: it cannot be edited or deleted', async () => {
    expect(
      (await t.http.put(`/api/versions/${SEED_PACK}:2`).set(bearer(t.adminToken)).send({ basis: 'x' })).status,
    ).toBe(405);
    expect((await t.http.delete(`/api/versions/${SEED_PACK}:2`).set(bearer(t.adminToken))).status).toBe(405);
    const v = await t.http.get(`/api/versions/${SEED_PACK}:2`).set(bearer(tokens.viewerA));
    expect(v.status).toBe(200);
    expect(v.body.bundle.pack.id).toBe(SEED_PACK);
  });

  it('testers and viewers cannot publish, and a stale publish is 409', async () => {
    expect((await t.http.post(`/api/packs/${SEED_PACK}/publish`).set(bearer(tokens.testerA)).send({})).status).toBe(
      403,
    );
    expect((await t.http.post(`/api/packs/${SEED_PACK}/publish`).set(bearer(tokens.viewerA)).send({})).status).toBe(
      403,
    );
    const pack = (await t.http.get(`/api/packs/${SEED_PACK}`).set(bearer(tokens.directorA))).body;
    const stale = await t.http
      .post(`/api/packs/${SEED_PACK}/publish`)
      .set(bearer(tokens.directorA))
      .send({ revision: pack.revision - 1 });
    expect(stale.body.code).toBe('STALE_REVISION');
    expect(stale.status).toBe(409);
    expect(await versionsOf()).toHaveLength(2);
  });

  it('rollback publishes a copy of an older version as a new version', async () => {
    const res = await t.http
      .post(`/api/packs/${SEED_PACK}/rollback`)
      .set(bearer(tokens.directorA))
      .send({ version: 1 });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ version: 3, copiedFrom: 1, chainVersions: { base: 1 } });
    const evaluation = await evaluate({ facts: LONG_FACTS });
    expect(evaluation.body.version).toBe('3');
    expect(hasFiling(evaluation.body.outcomes)).toBe(false);
    const old = await evaluate({ facts: LONG_FACTS, version: 2 });
    expect(hasFiling(old.body.outcomes)).toBe(true);
    expect(
      (await t.http.post(`/api/packs/${SEED_PACK}/rollback`).set(bearer(tokens.directorA)).send({ version: 99 }))
        .status,
    ).toBe(404);
    expect((await t.http.post(`/api/packs/${SEED_PACK}/rollback`).set(bearer(tokens.directorA)).send({})).status).toBe(
      422,
    );
  });

  it('diff lists parameter values, rules added/removed/changed and the fixtures whose outcome changes', async () => {
    const row = (await t.http.get(`/api/parameters/${SEED_PACK}:leave.secretaryMaxDays`).set(bearer(tokens.directorA)))
      .body;
    expect(
      (
        await t.http
          .put(`/api/parameters/${row.id}`)
          .set(bearer(tokens.directorA))
          .send({ ...row, value: 7 })
      ).status,
    ).toBe(200);
    const res = await t.http
      .get(`/api/packs/${SEED_PACK}/diff`)
      .query({ from: '1', to: 'draft' })
      .set(bearer(tokens.viewerA));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ from: '1', to: 'draft' });
    expect(res.body.parameters).toEqual([
      expect.objectContaining({ id: 'leave.secretaryMaxDays', from: 5, to: 7, change: 'changed' }),
    ]);
    expect(res.body.rules.added.map((r: { id: string }) => r.id)).toEqual(['leave.test.longLeave']);
    expect(res.body.rules.removed).toEqual([]);
    const changedCases = res.body.fixtures.map((f: { id: string }) => f.id);
    expect(changedCases).toEqual(expect.arrayContaining(['leave.ordinary.6d']));
    expect(changedCases).not.toContain('leave.ordinary.1d');
    const between = await t.http
      .get(`/api/packs/${SEED_PACK}/diff`)
      .query({ from: '2', to: '3' })
      .set(bearer(tokens.viewerA));
    expect(between.body.rules.removed.map((r: { id: string }) => r.id)).toEqual(['leave.test.longLeave']);
    expect(between.body.parameters).toEqual([]);
    expect(
      (await t.http.get(`/api/packs/${SEED_PACK}/diff`).query({ from: '1', to: '42' }).set(bearer(tokens.viewerA)))
        .status,
    ).toBe(404);
    expect(
      (await t.http.get(`/api/packs/${SEED_PACK}/diff`).query({ from: '1' }).set(bearer(tokens.viewerA))).status,
    ).toBe(422);
  });

  it('an unknown pack or version is 404', async () => {
    expect((await t.http.post('/api/packs/no-such-pack/publish').set(bearer(t.adminToken)).send({})).status).toBe(404);
    expect((await t.http.get(`/api/versions/${SEED_PACK}:77`).set(bearer(t.adminToken))).status).toBe(404);
    expect((await evaluate({ facts: LEAVE_FACTS, version: 77 })).status).toBe(404);
  });
});
