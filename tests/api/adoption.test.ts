/**
 * Adopting a change over HTTP, on every database: publish requests and their approval, effective dates
 * (scheduled, re-dated, cancelled, two in order, a switch at midnight Asia/Shanghai), asOf on
 * evaluation, fixtures dated before a version, rollback on a given day, and the basis.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDay } from '../../engine/index.js';
import {
  DATABASES,
  LEAVE_FACTS,
  OTHER_PACK,
  PASSWORD,
  SEED_PACK,
  SEED_TOWNSHIP,
  bearer,
  publishApproved,
  setupTownships,
  startApp,
  type TestApp,
} from './helpers/app.js';

/** A Shanghai day `n` days from today. */
const dayFromToday = (n: number) => shanghaiDay(new Date(Date.now() + n * 24 * 60 * 60 * 1000));
const previousDay = (day: string) => shanghaiDay(new Date(Date.parse(`${day}T12:00:00+08:00`) - 24 * 60 * 60 * 1000));
const SUPERVISOR_MAX = `${SEED_PACK}:leave.supervisorOnlyMaxDays`;
/** 2 days of leave: the supervisor alone signs once the threshold is 2 or more */
const TWO_DAYS = { ...LEAVE_FACTS, days: 2 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(DATABASES)('adopting a change on %s', (kind) => {
  let t: TestApp;
  let tokens: Awaited<ReturnType<typeof setupTownships>>;
  let directorA2: string;

  const as = (token: string) => bearer(token);
  const evaluate = (body: object, token = tokens.viewerA) =>
    t.http
      .post(`/api/packs/${SEED_PACK}/evaluate`)
      .set(as(token))
      .send({ decision: 'leaveApproval', facts: TWO_DAYS, ...body });
  const supervisorAlone = (outcomes: { type: string; roles?: string[] }[]) =>
    outcomes.filter((o) => o.type === 'approval').length === 1;

  /** Set the threshold in the draft (fixtures pinned on it are updated by the caller when needed). */
  async function setThreshold(value: number, token = tokens.directorA) {
    const row = (await t.http.get(`/api/parameters/${SUPERVISOR_MAX}`).set(as(token))).body;
    const res = await t.http
      .put(`/api/parameters/${SUPERVISOR_MAX}`)
      .set(as(token))
      .send({ ...row, value });
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(200);
  }

  /** A change no fixture sees (the threshold's help text): a new version that answers like the last. */
  async function editHelp(help: string) {
    const row = (await t.http.get(`/api/parameters/${SUPERVISOR_MAX}`).set(as(tokens.directorA))).body;
    expect(
      (
        await t.http
          .put(`/api/parameters/${SUPERVISOR_MAX}`)
          .set(as(tokens.directorA))
          .send({ ...row, help })
      ).status,
    ).toBe(200);
  }

  /** The fixtures that pin the threshold at 1 fail at 2: publish would be blocked. Mark them as the old text's cases. */
  async function datePinnedFixtures(asOf: string) {
    const list = await t.http
      .get('/api/fixtures')
      .query({ filter: JSON.stringify({ packId: SEED_PACK, decision: 'leaveApproval' }), range: '[0,499]' })
      .set(as(tokens.directorA));
    const run = await t.http
      .post(`/api/packs/${SEED_PACK}/test`)
      .set(as(tokens.directorA))
      .send({ version: 'draft', decisions: ['leaveApproval'] });
    const failing = new Set(
      run.body.results.filter((r: { passed: boolean }) => !r.passed).map((r: { id: string }) => r.id),
    );
    for (const { revision: _revision, ...row } of list.body.filter((f: { caseId: string }) => failing.has(f.caseId))) {
      const res = await t.http
        .put(`/api/fixtures/${row.id}`)
        .set(as(tokens.directorA))
        .send({ ...row, asOf });
      expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(200);
    }
    return failing.size;
  }

  beforeAll(async () => {
    t = await startApp(kind);
    tokens = await setupTownships(t);
    const res = await t.http.post('/api/users').set(as(t.adminToken)).send({
      username: 'director-a2',
      password: PASSWORD,
      role: 'director',
      townshipId: SEED_TOWNSHIP,
      canApprove: true,
    });
    expect(res.status).toBe(201);
    directorA2 = await t.login('director-a2');
  });
  afterAll(() => t?.close());

  it('asOf before the first version is 422, never a fallback; a malformed asOf is 422 too', async () => {
    const before = await evaluate({ asOf: '2020-01-01' });
    expect(before.status).toBe(422);
    expect(before.body.code).toBe('AS_OF_BEFORE_FIRST_VERSION');
    expect(before.body.messageZh).toContain('2020-01-01');
    expect(before.body.messageZh).toContain('尚无生效版本');
    const versions = await t.http
      .get(`/api/packs/${SEED_PACK}/versions`)
      .query({ inForceOn: '2020-01-01' })
      .set(as(tokens.viewerA));
    expect(versions.status).toBe(422);
    expect((await evaluate({ asOf: '2027-02-30' })).body.errors[0].path).toBe('/asOf');
    expect((await evaluate({ asOf: '2027-01-01', version: 1 })).status).toBe(422);
    // today is answered by version 1, named in the explanation
    const today = await evaluate({ asOf: dayFromToday(0) });
    expect(today.status).toBe(200);
    expect(today.body.versionInfo).toMatchObject({ version: 1 });
    expect(today.body.explanation.zh.source).toMatch(/^依据 第1版，\d{4}-\d{2}-\d{2} \d{2}:\d{2} 起施行$/);
  });

  it('nobody approves their own request, only approvers of the township do, and an edit withdraws the request', async () => {
    await setThreshold(2);
    await datePinnedFixtures(dayFromToday(0));
    // today's cases still pass on the draft? No: a case dated today is the draft's when it takes effect now
    const blocked = await t.http.post(`/api/packs/${SEED_PACK}/publish`).set(as(tokens.directorA)).send({});
    expect(blocked.status).toBe(422);
    expect(blocked.body.code).toBe('PUBLISH_BLOCKED');

    // dated before a change effective tomorrow, the old cases run on version 1 and pass
    const tomorrow = dayFromToday(1);
    const requested = await t.http
      .post(`/api/packs/${SEED_PACK}/publish`)
      .set(as(tokens.directorA))
      .send({ effectiveFrom: tomorrow, basis: { text: '经镇党委会2026年第12次会议研究通过', date: dayFromToday(0) } });
    expect(requested.status, JSON.stringify(requested.body).slice(0, 800)).toBe(202);
    const request = requested.body.request;
    expect(request).toMatchObject({
      status: 'requested',
      stage: 'requested',
      requestedBy: 'director-a',
      approvalsNeeded: 1,
      approvals: 0,
      canApprove: false,
    });
    expect(request.diff.parameters).toEqual([
      expect.objectContaining({ id: 'leave.supervisorOnlyMaxDays', from: 1, to: 2 }),
    ]);
    expect(request.checks.find((c: { check: string }) => c.check === 'fixtures')).toMatchObject({
      ok: true,
      failed: 0,
    });

    // a second request for the same pack while one is open
    expect((await t.http.post(`/api/packs/${SEED_PACK}/publish`).set(as(tokens.directorA)).send({})).body.code).toBe(
      'REQUEST_OPEN',
    );
    // the requester may not approve, even as an approver; a tester and another township's director may not either
    await t.http
      .put(
        `/api/users/${
          (
            await t.http
              .get('/api/users')
              .query({ filter: JSON.stringify({ username: 'director-a' }) })
              .set(as(t.adminToken))
          ).body[0].id
        }`,
      )
      .set(as(t.adminToken))
      .send({ canApprove: true });
    const own = await t.http.post(`/api/publish-requests/${request.id}/approve`).set(as(tokens.directorA)).send({});
    expect(own.status).toBe(403);
    expect(own.body.code).toBe('SELF_APPROVAL');
    expect(
      (await t.http.post(`/api/publish-requests/${request.id}/approve`).set(as(tokens.testerA)).send({})).body.code,
    ).toBe('NOT_APPROVER');
    expect(
      (await t.http.post(`/api/publish-requests/${request.id}/approve`).set(as(tokens.directorB)).send({})).status,
    ).toBe(403);
    expect(
      (await t.http.post(`/api/publish-requests/${request.id}/approve`).set(as(t.adminToken)).send({})).body.code,
    ).toBe('NOT_APPROVER');
    // the approver sees it waiting for them; the requester does not
    const awaiting = await t.http
      .get('/api/publish-requests')
      .query({ filter: JSON.stringify({ awaitingMe: true }) })
      .set(as(directorA2));
    expect(awaiting.body.map((r: { id: number }) => r.id)).toEqual([request.id]);
    expect(awaiting.body[0].canApprove).toBe(true);
    expect(
      (
        await t.http
          .get('/api/publish-requests')
          .query({ filter: JSON.stringify({ awaitingMe: true }) })
          .set(as(tokens.directorA))
      ).body,
    ).toEqual([]);
    expect((await t.http.get('/api/publish-requests').set(as(tokens.directorB))).body).toEqual([]);

    // an edit of the draft withdraws it: its approval no longer counts
    const row = (await t.http.get(`/api/parameters/${SUPERVISOR_MAX}`).set(as(tokens.directorA))).body;
    expect(
      (
        await t.http
          .put(`/api/parameters/${SUPERVISOR_MAX}`)
          .set(as(tokens.directorA))
          .send({ ...row, help: '改了说明' })
      ).status,
    ).toBe(200);
    const withdrawn = await t.http.get(`/api/publish-requests/${request.id}`).set(as(directorA2));
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', canApprove: false });
    expect(withdrawn.body.withdrawReason).toContain('草稿在申请后被修改');
    const late = await t.http.post(`/api/publish-requests/${request.id}/approve`).set(as(directorA2)).send({});
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('REQUEST_CLOSED');
    expect((await t.http.get(`/api/packs/${SEED_PACK}/versions`).set(as(tokens.viewerA))).body.timeline).toHaveLength(
      1,
    );
    const audit = await t.http
      .get('/api/audit-events')
      .query({ filter: JSON.stringify({ action: 'publishRequest.withdraw' }) })
      .set(as(tokens.directorA));
    expect(audit.body[0]).toMatchObject({ actor: 'director-a', recordId: String(request.id) });
  });

  it('a version scheduled for tomorrow does not apply today and applies tomorrow; the timeline shows it scheduled', async () => {
    const tomorrow = dayFromToday(1);
    const basis = { text: '经镇党委会2026年第12次会议研究通过', date: dayFromToday(0) };
    const requested = await t.http
      .post(`/api/packs/${SEED_PACK}/publish`)
      .set(as(tokens.directorA))
      .send({ effectiveFrom: tomorrow, basis });
    expect(requested.status).toBe(202);
    const approved = await t.http
      .post(`/api/publish-requests/${requested.body.request.id}/approve`)
      .set(as(directorA2))
      .send({ comment: '同意' });
    expect(approved.status, JSON.stringify(approved.body).slice(0, 500)).toBe(200);
    expect(approved.body).toMatchObject({
      status: 'approved',
      stage: 'scheduled',
      version: 2,
      approvals: 1,
      reviews: [expect.objectContaining({ username: 'director-a2', decision: 'approve', comment: '同意' })],
    });

    const timeline = (await t.http.get(`/api/packs/${SEED_PACK}/versions`).set(as(tokens.viewerA))).body;
    expect(timeline).toMatchObject({ inForce: 1 });
    expect(timeline.timeline.map((v: { version: number; state: string }) => [v.version, v.state])).toEqual([
      [2, 'scheduled'],
      [1, 'inForce'],
    ]);
    expect(timeline.timeline[0]).toMatchObject({
      effectiveFrom: new Date(`${tomorrow}T00:00:00+08:00`).toISOString(),
      basis,
      approvedBy: [expect.objectContaining({ username: 'director-a2' })],
      requestId: requested.body.request.id,
    });
    expect(timeline.timeline[1].effectiveTo).toBe(timeline.timeline[0].effectiveFrom);

    const today = await evaluate({});
    expect(today.body.version).toBe('1');
    expect(supervisorAlone(today.body.outcomes)).toBe(false);
    const onTheDay = await evaluate({ asOf: tomorrow });
    expect(onTheDay.body.version).toBe('2');
    expect(supervisorAlone(onTheDay.body.outcomes)).toBe(true);
    expect(onTheDay.body.explanation.zh.source).toBe(
      `依据 第2版，${tomorrow} 起施行（经镇党委会2026年第12次会议研究通过，${basis.date}）`,
    );
    expect(
      (await t.http.get(`/api/packs/${SEED_PACK}/versions`).query({ inForceOn: tomorrow }).set(as(tokens.viewerA)))
        .body,
    ).toMatchObject({ version: 2, state: 'scheduled' });
    const diff = await t.http.get(`/api/packs/${SEED_PACK}/diff`).query({ from: '1', to: '2' }).set(as(tokens.viewerA));
    expect(diff.body.adoption).toMatchObject({
      from: { version: 1, state: 'inForce', basis: null },
      to: { version: 2, state: 'scheduled', basis, approvedBy: ['director-a2'] },
    });

    // the dated fixtures still pass on the version in force: old cases are judged by the old text
    const run = await t.http.post(`/api/packs/${SEED_PACK}/test`).set(as(tokens.testerA)).send({ asOf: tomorrow });
    expect(run.body).toMatchObject({ version: '2', failed: 0 });
    expect(run.body.results.some((r: { decidedBy?: string }) => r.decidedBy === '1')).toBe(true);
  });

  it('asOf on both sides of a switch at 23:59 and 00:00 Asia/Shanghai, and a batch spanning it', async () => {
    const tomorrow = dayFromToday(1);
    const eve = previousDay(tomorrow);
    const at2359 = await evaluate({ asOf: `${eve}T23:59:00+08:00` });
    const at0000 = await evaluate({ asOf: `${tomorrow}T00:00:00+08:00` });
    const utcJustBefore = await evaluate({
      asOf: new Date(Date.parse(`${tomorrow}T00:00:00+08:00`) - 1).toISOString(),
    });
    expect([at2359.body.version, at0000.body.version, utcJustBefore.body.version]).toEqual(['1', '2', '1']);
    expect(supervisorAlone(at2359.body.outcomes)).toBe(false);
    expect(supervisorAlone(at0000.body.outcomes)).toBe(true);
    const batch = await t.http
      .post(`/api/packs/${SEED_PACK}/evaluate/batch`)
      .set(as(tokens.viewerA))
      .send({
        decision: 'leaveApproval',
        items: [
          { facts: TWO_DAYS, asOf: eve },
          { facts: TWO_DAYS, asOf: tomorrow },
          { facts: TWO_DAYS, asOf: '2019-06-01' },
        ],
      });
    expect(
      batch.body.results.map((r: { ok: boolean; version?: string; code?: string }) => r.version ?? r.code),
    ).toEqual(['1', '2', 'AS_OF_BEFORE_FIRST_VERSION']);
    // the decision log keeps the day each one was asked for
    const logged = await t.http
      .get('/api/decisions')
      .query({ filter: JSON.stringify({ packId: SEED_PACK }), sort: '["id","DESC"]', range: '[0,1]' })
      .set(as(tokens.directorA));
    expect(logged.body.map((d: { version: string; asOf: string }) => [d.version, d.asOf]).sort()).toEqual([
      ['1', eve],
      ['2', tomorrow],
    ]);
  });

  it('a scheduled version is re-dated or cancelled, never edited; past dates are refused', async () => {
    const later = dayFromToday(10);
    expect(
      (
        await t.http
          .post(`/api/packs/${SEED_PACK}/versions/2/reschedule`)
          .set(as(tokens.viewerA))
          .send({ effectiveFrom: later })
      ).status,
    ).toBe(403);
    const past = await t.http
      .post(`/api/packs/${SEED_PACK}/versions/2/reschedule`)
      .set(as(tokens.directorA))
      .send({ effectiveFrom: dayFromToday(-1) });
    expect(past.status).toBe(422);
    expect(past.body.messageZh).toContain('不能追溯生效');
    const redated = await t.http
      .post(`/api/packs/${SEED_PACK}/versions/2/reschedule`)
      .set(as(tokens.directorA))
      .send({ effectiveFrom: later });
    expect(redated.status).toBe(200);
    expect(redated.body).toMatchObject({
      version: 2,
      state: 'scheduled',
      effectiveFrom: new Date(`${later}T00:00:00+08:00`).toISOString(),
    });
    expect((await evaluate({ asOf: dayFromToday(1) })).body.version).toBe('1');
    expect((await evaluate({ asOf: later })).body.version).toBe('2');
    expect(
      (
        await t.http
          .post(`/api/packs/${SEED_PACK}/versions/1/reschedule`)
          .set(as(tokens.directorA))
          .send({ effectiveFrom: later })
      ).body.code,
    ).toBe('NOT_SCHEDULED');
    expect((await t.http.put(`/api/versions/${SEED_PACK}:2`).set(as(t.adminToken)).send({ basis: 'x' })).status).toBe(
      405,
    );

    const cancelled = await t.http
      .post(`/api/packs/${SEED_PACK}/versions/2/cancel`)
      .set(as(tokens.directorA))
      .send({ reason: '会议决定暂缓施行' });
    expect(cancelled.body).toMatchObject({
      state: 'cancelled',
      cancelledBy: 'director-a',
      cancelReason: '会议决定暂缓施行',
    });
    expect((await evaluate({ asOf: later })).body.version).toBe('1');
    expect(
      (await t.http.post(`/api/packs/${SEED_PACK}/versions/2/cancel`).set(as(tokens.directorA)).send({})).body.code,
    ).toBe('NOT_SCHEDULED');
    const audit = await t.http
      .get('/api/audit-events')
      .query({ filter: JSON.stringify({ packId: SEED_PACK }) })
      .set(as(tokens.directorA));
    expect(audit.body.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['version.reschedule', 'version.cancel', 'publishRequest.approve', 'pack.publish']),
    );
  });

  it('two scheduled versions take effect in date order; a version effective at a moment applies when it arrives without any write', async () => {
    // v3: effective in 20 days (an admin, who states why there is no approval); the draft still
    // has the threshold at 2 with its cases dated today, which version 1 decides
    await editHelp('第3版说明');
    const in20 = dayFromToday(20);
    const v3 = await t.http
      .post(`/api/packs/${SEED_PACK}/publish`)
      .set(as(t.adminToken))
      .send({ effectiveFrom: in20, bypassApproval: { reason: '演练' } });
    expect(v3.status, JSON.stringify(v3.body).slice(0, 500)).toBe(201);
    expect(v3.body).toMatchObject({ version: 3, state: 'scheduled' });
    // v4: effective in 40 days, through approval
    await editHelp('第4版说明');
    const in40 = dayFromToday(40);
    const { version: v4 } = await publishApproved(t, SEED_PACK, tokens.directorA, directorA2, { effectiveFrom: in40 });
    expect(v4).toBe(4);
    const versionOn = async (asOf: string) => (await evaluate({ asOf })).body.version;
    expect([
      await versionOn(dayFromToday(0)),
      await versionOn(previousDay(in20)),
      await versionOn(in20),
      await versionOn(previousDay(in40)),
      await versionOn(in40),
    ]).toEqual(['1', '1', '3', '3', '4']);
    const audit = await t.http
      .get('/api/audit-events')
      .query({ filter: JSON.stringify({ action: 'pack.publishWithoutApproval' }) })
      .set(as(t.adminToken));
    expect(audit.body[0]).toMatchObject({
      version: 3,
      after: expect.objectContaining({ bypassApproval: { reason: '演练' }, scheduled: true }),
    });

    // v5 effective 3 seconds from now: in force once the moment passes, with nothing written in
    // between (back at threshold 1, so that today's cases pass on it too)
    await setThreshold(1);
    const moment = new Date(Date.now() + 3000).toISOString();
    const { version: v5 } = await publishApproved(t, SEED_PACK, tokens.directorA, directorA2, {
      effectiveFrom: moment,
    });
    expect((await evaluate({})).body.version).toBe('1');
    await sleep(Math.max(0, Date.parse(moment) - Date.now()) + 300);
    expect((await evaluate({})).body.version).toBe(String(v5));
    const timeline = (await t.http.get(`/api/packs/${SEED_PACK}/versions`).set(as(tokens.viewerA))).body.timeline;
    expect(timeline.map((v: { version: number; state: string }) => [v.version, v.state])).toEqual([
      [5, 'inForce'],
      [4, 'scheduled'],
      [3, 'scheduled'],
      [2, 'cancelled'],
      [1, 'superseded'],
    ]);
    // v3 replaces v5 on its day: the rule is the greatest effective date, and the timeline says so
    expect(timeline[0].effectiveTo).toBe(new Date(`${in20}T00:00:00+08:00`).toISOString());
  });

  it('rollback publishes a copy of an old version effective on a given day', async () => {
    const in60 = dayFromToday(60);
    const res = await t.http
      .post(`/api/packs/${SEED_PACK}/rollback`)
      .set(as(tokens.directorA))
      .send({ version: 1, effectiveFrom: in60, basis: { text: '镇党委会决定恢复原规定' } });
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(201);
    expect(res.body).toMatchObject({
      version: 6,
      copiedFrom: 1,
      state: 'scheduled',
      basis: { text: '镇党委会决定恢复原规定', date: null },
    });
    const answer = await evaluate({ asOf: in60 });
    expect(answer.body.version).toBe('6');
    expect(supervisorAlone(answer.body.outcomes)).toBe(false);
    const now = await t.http.post(`/api/packs/${SEED_PACK}/rollback`).set(as(tokens.directorA)).send({ version: 1 });
    expect(now.body).toMatchObject({ version: 7, state: 'inForce' });
    expect((await evaluate({})).body.version).toBe('7');
  });

  it('the settings in force govern: raising the approvers to 2 is itself approved by one, then two are needed; a required basis is enforced', async () => {
    const pack = (await t.http.get(`/api/packs/${SEED_PACK}`).set(as(tokens.directorA))).body;
    expect(
      (
        await t.http
          .put(`/api/packs/${SEED_PACK}`)
          .set(as(tokens.directorA))
          .send({ settings: { approvalRequired: true, approvers: 2, basisRequired: true }, revision: pack.revision })
      ).status,
    ).toBe(200);
    await publishApproved(t, SEED_PACK, tokens.directorA, directorA2);
    await editHelp('须两人审批后的说明');
    const noBasis = await t.http.post(`/api/packs/${SEED_PACK}/publish`).set(as(tokens.directorA)).send({});
    expect(noBasis.status).toBe(422);
    expect(noBasis.body.errors[0].path).toBe('/basis/text');
    const requested = await t.http
      .post(`/api/packs/${SEED_PACK}/publish`)
      .set(as(tokens.directorA))
      .send({ basis: '镇党委会纪要〔2026〕15号' });
    expect(requested.body.request.approvalsNeeded).toBe(2);
    const first = await t.http
      .post(`/api/publish-requests/${requested.body.request.id}/approve`)
      .set(as(directorA2))
      .send({});
    expect(first.body).toMatchObject({ status: 'requested', approvals: 1, version: null });
    expect(
      (await t.http.post(`/api/publish-requests/${requested.body.request.id}/approve`).set(as(directorA2)).send({}))
        .body.code,
    ).toBe('ALREADY_REVIEWED');
    const rejected = await t.http
      .post(`/api/publish-requests/${requested.body.request.id}/reject`)
      .set(as(tokens.approverA))
      .send({});
    expect(rejected.status).toBe(422);
    const second = await t.http
      .post(`/api/publish-requests/${requested.body.request.id}/approve`)
      .set(as(tokens.approverA))
      .send({});
    expect(second.body).toMatchObject({ status: 'approved', stage: 'inForce', approvals: 2 });
    expect(
      (
        await t.http.get(`/api/versions/${SEED_PACK}:${second.body.version}`).set(as(tokens.viewerA))
      ).body.approvedBy.map((a: { username: string }) => a.username),
    ).toEqual(['director-a2', 'approver-a']);
  });

  it('while only a scheduled version exists, its settings govern: switching approval off in the draft does not skip it', async () => {
    const pack = (await t.http.get(`/api/packs/${OTHER_PACK}`).set(as(tokens.directorB))).body;
    expect(
      (
        await t.http
          .put(`/api/packs/${OTHER_PACK}`)
          .set(as(tokens.directorB))
          .send({ settings: { approvalRequired: true, approvers: 1 }, revision: pack.revision })
      ).status,
    ).toBe(200);
    // no version yet: the draft's settings govern, which already ask for approval
    const first = await t.http
      .post(`/api/packs/${OTHER_PACK}/publish`)
      .set(as(t.adminToken))
      .send({ effectiveFrom: dayFromToday(30), bypassApproval: { reason: '首次导入' } });
    expect(first.body).toMatchObject({ version: 1, state: 'scheduled' });
    const again = (await t.http.get(`/api/packs/${OTHER_PACK}`).set(as(tokens.directorB))).body;
    expect(
      (
        await t.http
          .put(`/api/packs/${OTHER_PACK}`)
          .set(as(tokens.directorB))
          .send({ settings: { approvalRequired: false }, revision: again.revision })
      ).status,
    ).toBe(200);
    const res = await t.http.post(`/api/packs/${OTHER_PACK}/publish`).set(as(tokens.directorB)).send({});
    expect(res.status).toBe(202);
    // nothing in force yet: the approver compares with the scheduled version
    expect(res.body.request.diff).toMatchObject({ from: '1', to: 'draft', adoption: { from: { state: 'scheduled' } } });
  });

  it('a rejected request stays rejected and publishes nothing; only an admin bypasses approval, with a reason', async () => {
    await editHelp('被驳回的说明');
    const latest = (await t.http.get(`/api/packs/${SEED_PACK}/versions`).set(as(tokens.viewerA))).body.timeline[0]
      .version;
    const requested = await t.http
      .post(`/api/packs/${SEED_PACK}/publish`)
      .set(as(tokens.directorA))
      .send({ basis: '纪要' });
    const rejected = await t.http
      .post(`/api/publish-requests/${requested.body.request.id}/reject`)
      .set(as(directorA2))
      .send({ comment: '请先征求意见' });
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      reviews: [expect.objectContaining({ decision: 'reject', comment: '请先征求意见' })],
    });
    expect(
      (
        await t.http
          .post(`/api/publish-requests/${requested.body.request.id}/approve`)
          .set(as(tokens.approverA))
          .send({})
      ).body.code,
    ).toBe('REQUEST_CLOSED');
    expect(
      (await t.http.get(`/api/packs/${SEED_PACK}/versions`).set(as(tokens.viewerA))).body.timeline[0].version,
    ).toBe(latest);
    expect(
      (
        await t.http
          .post(`/api/packs/${SEED_PACK}/publish`)
          .set(as(tokens.directorA))
          .send({ basis: '纪要', bypassApproval: { reason: '急' } })
      ).status,
    ).toBe(403);
    const noReason = await t.http
      .post(`/api/packs/${SEED_PACK}/publish`)
      .set(as(t.adminToken))
      .send({ basis: '纪要', bypassApproval: { reason: ' ' } });
    expect(noReason.body.errors[0].path).toBe('/bypassApproval/reason');
    const direct = await t.http
      .post(`/api/packs/${SEED_PACK}/publish`)
      .set(as(t.adminToken))
      .send({ basis: '纪要', bypassApproval: { reason: '上级紧急通知' } });
    expect(direct.status).toBe(201);
    expect(
      (await t.http.get(`/api/versions/${SEED_PACK}:${direct.body.version}`).set(as(tokens.viewerA))).body,
    ).toMatchObject({ bypassReason: '上级紧急通知', approvedBy: [] });
  });
});
