import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../../engine/index.js';
import { purgeDecisions } from '../../api/features/decisions/retention.js';
import { startChildServer } from './helpers/child.js';
import {
  ADMIN_PASSWORD,
  DATABASES,
  LEAVE_FACTS,
  LONG_LEAVE_RULE,
  OTHER_TOWNSHIP,
  SEED_PACK,
  SEED_TOWNSHIP,
  bearer,
  publishApproved,
  setupTownships,
  startApp,
  type TestApp,
} from './helpers/app.js';

const run = promisify(execFile);
const DAY = 24 * 3600 * 1000;
const REFUSED_FACTS = { applicantRole: 'ordinary', leaveType: 'personal', days: 2, keyTaskPeriod: true };

describe.each(DATABASES)('decision log and what-if on %s', (kind) => {
  let t: TestApp;
  let tokens: Awaited<ReturnType<typeof setupTownships>>;
  const url = `/api/packs/${SEED_PACK}/evaluate`;
  const list = (token: string, filter: object, extra: Record<string, string> = {}) =>
    t.http
      .get('/api/decisions')
      .query({ filter: JSON.stringify(filter), ...extra })
      .set(bearer(token));
  let oneDayOutcomes: any;
  const insertOld = (rows: { at: string; packId?: string; townshipId?: string; days?: number }[]) =>
    t.app.services.decisionsStore.insertMany(
      rows.map((r) => ({
        at: r.at,
        packId: r.packId ?? SEED_PACK,
        version: '1',
        decision: 'leaveApproval',
        facts: { ...LEAVE_FACTS, days: 1 },
        outcomes: oneDayOutcomes,
        caller: 'old-clerk',
        callerKind: 'user' as const,
        townshipId: r.townshipId ?? SEED_TOWNSHIP,
      })),
    );

  beforeAll(async () => {
    t = await startApp(kind);
    tokens = await setupTownships(t);
    // what the pack really answers for a 1-day request, for rows written straight into the log
    const built = await t.app.services.builder.buildVersion(SEED_PACK, 1);
    oneDayOutcomes = (await evaluate(built.compiled!, 'leaveApproval', { ...LEAVE_FACTS, days: 1 })).outcomes;
  });
  afterAll(() => t?.close());

  it('every evaluation is logged with the facts as given, the version and the caller (user or API token)', async () => {
    const facts = { ...LEAVE_FACTS, days: 2 };
    const res = await t.http.post(url).set(bearer(tokens.viewerA)).send({ decision: 'leaveApproval', facts });
    expect(res.status).toBe(200);
    const logged = await list(tokens.viewerA, { packId: SEED_PACK, caller: 'viewer-a' });
    expect(logged.status).toBe(200);
    expect(logged.headers['content-range']).toBe('decisions 0-0/1');
    expect(logged.body[0]).toMatchObject({
      packId: SEED_PACK,
      version: '1',
      decision: 'leaveApproval',
      facts,
      outcomes: res.body.outcomes,
      caller: 'viewer-a',
      callerKind: 'user',
      townshipId: SEED_TOWNSHIP,
      outcomeTypes: ['approval', 'deadline'],
    });
    expect(Date.now() - Date.parse(logged.body[0].at)).toBeLessThan(60_000);
    // the derived facts the engine adds are not part of the evidence
    expect(Object.keys(logged.body[0].facts).sort()).toEqual(Object.keys(facts).sort());

    const created = await t.http.post('/api/auth/tokens').set(bearer(tokens.directorA)).send({ name: 'oa-system' });
    const token = created.body.token as string;
    expect(
      (await t.http.post(url).set(bearer(token)).send({ decision: 'leaveApproval', facts: LEAVE_FACTS })).status,
    ).toBe(200);
    const byToken = await list(tokens.directorA, { caller: 'token:oa-system' });
    expect(byToken.body).toHaveLength(1);
    expect(byToken.body[0]).toMatchObject({ callerKind: 'api', facts: LEAVE_FACTS, townshipId: SEED_TOWNSHIP });

    expect(
      (
        await t.http
          .post(url)
          .set(bearer(tokens.testerA))
          .send({ decision: 'leaveApproval', facts: LEAVE_FACTS, version: 'draft' })
      ).status,
    ).toBe(200);
    const draft = await list(tokens.testerA, { caller: 'tester-a', version: 'draft' });
    expect(draft.body).toHaveLength(1);

    // a refused request (422) is no decision and is not logged
    const before = (await list(t.adminToken, {})).headers['content-range'];
    expect(
      (
        await t.http
          .post(url)
          .set(bearer(tokens.viewerA))
          .send({ decision: 'leaveApproval', facts: { days: 'x' } })
      ).status,
    ).toBe(422);
    expect((await list(t.adminToken, {})).headers['content-range']).toBe(before);
  });

  it('a batch logs every item', async () => {
    const items = [1, 2, 3, 4].map((days) => ({ facts: { ...LEAVE_FACTS, days } }));
    const res = await t.http
      .post(`${url}/batch`)
      .set(bearer(tokens.directorA))
      .send({ decision: 'leaveApproval', items });
    expect(res.status).toBe(200);
    const logged = await list(
      tokens.directorA,
      { caller: 'director-a', decision: 'leaveApproval' },
      { sort: '["id","ASC"]' },
    );
    expect(logged.body.map((d: { facts: { days: number } }) => d.facts.days)).toEqual([1, 2, 3, 4]);
    expect(logged.body.map((d: { outcomes: unknown }) => d.outcomes)).toEqual(
      res.body.results.map((r: { outcomes: unknown }) => r.outcomes),
    );
    // the rows of one batch share one insert, hence one timestamp
    expect(new Set(logged.body.map((d: { at: string }) => d.at)).size).toBe(1);
  });

  it('the list filters by pack, decision, outcome type and period, sorts and pages with Content-Range', async () => {
    const refused = await t.http
      .post(url)
      .set(bearer(tokens.directorA))
      .send({ decision: 'leaveApproval', facts: REFUSED_FACTS });
    expect(refused.body.outcomes.map((o: { type: string }) => o.type)).toContain('refusal');
    const refusals = await list(tokens.directorA, { outcomeType: 'refusal' });
    expect(refusals.body).toHaveLength(1);
    expect(refusals.body[0].facts).toEqual(REFUSED_FACTS);
    expect((await list(tokens.directorA, { outcomeType: ['refusal', 'approval'] })).body.length).toBeGreaterThan(1);
    expect((await list(tokens.directorA, { packId: SEED_PACK, decision: 'attendance' })).body).toEqual([]);

    await insertOld([
      { at: '2020-01-15T03:00:00.000Z' },
      { at: '2020-01-31T17:00:00.000Z' },
      { at: '2020-02-10T03:00:00.000Z' },
    ]);
    // dates are China Standard Time days: 2020-01-31T17:00Z is already 1 February in Beijing
    const january = await list(tokens.directorA, { packId: SEED_PACK, from: '2020-01-01', to: '2020-01-31' });
    expect(january.body.map((d: { at: string }) => d.at)).toEqual(['2020-01-15T03:00:00.000Z']);
    const since = await list(
      tokens.directorA,
      { from: '2020-01-31T00:00:00Z', to: '2020-12-31' },
      { sort: '["at","ASC"]' },
    );
    expect(since.body.map((d: { at: string }) => d.at)).toEqual([
      '2020-01-31T17:00:00.000Z',
      '2020-02-10T03:00:00.000Z',
    ]);
    const total = Number((await list(tokens.directorA, {})).headers['content-range'].split('/')[1]);
    const page = await list(tokens.directorA, {}, { sort: '["at","ASC"]', range: '[0,1]' });
    expect(page.headers['content-range']).toBe(`decisions 0-1/${total}`);
    expect(page.body[0].at).toBe('2020-01-15T03:00:00.000Z');
    const one = await t.http.get(`/api/decisions/${page.body[0].id}`).set(bearer(tokens.viewerA));
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({
      id: page.body[0].id,
      caller: 'old-clerk',
      summary: expect.stringContaining('分管领导'),
    });
    expect((await list(tokens.directorA, { nonsense: 1 })).status).toBe(400);
    // a date must be a real calendar day: 422 naming the filter field
    for (const from of ['yesterday', '2026-02-30', '2026-13-01']) {
      const bad = await list(tokens.directorA, { from });
      expect(bad.status, from).toBe(422);
      expect(bad.body.errors[0]).toMatchObject({
        path: '/filter/from',
        messageZh: expect.stringContaining('有效日期'),
      });
    }
    const whatIfBad = await t.http
      .post(`/api/packs/${SEED_PACK}/what-if`)
      .set(bearer(tokens.directorA))
      .send({ against: 'draft', period: { to: '2026-02-30' } });
    expect(whatIfBad.status).toBe(422);
    expect(whatIfBad.body.errors[0].path).toBe('/period/to');
  });

  it("township B cannot list or read township A's decisions; admins see both", async () => {
    const b = await t.http
      .post('/api/packs/base/evaluate')
      .set(bearer(tokens.directorB))
      .send({ decision: 'leaveEntitlement', facts: { leaveType: 'annual', yearsOfService: 12 } });
    expect(b.status, JSON.stringify(b.body)).toBe(200);
    const ownB = await list(tokens.directorB, {});
    expect(ownB.body.length).toBe(1);
    expect(ownB.body[0]).toMatchObject({ packId: 'base', townshipId: OTHER_TOWNSHIP, caller: 'director-b' });
    // B evaluated the shared base pack: A does not see it, even filtering on base
    expect((await list(tokens.directorA, { packId: 'base' })).body).toEqual([]);
    expect((await list(tokens.directorA, { townshipId: OTHER_TOWNSHIP })).status).toBe(403);
    expect((await list(tokens.directorB, { packId: SEED_PACK })).status).toBe(403);
    expect(
      (await list(tokens.directorB, { q: 'leave' })).body.every(
        (d: { townshipId: string }) => d.townshipId === OTHER_TOWNSHIP,
      ),
    ).toBe(true);
    const a = (await list(tokens.directorA, {}, { range: '[0,0]' })).body[0];
    const read = await t.http.get(`/api/decisions/${a.id}`).set(bearer(tokens.directorB));
    expect(read.status).toBe(403);
    expect((await t.http.get(`/api/decisions/${ownB.body[0].id}`).set(bearer(tokens.viewerA))).status).toBe(403);
    expect((await t.http.get('/api/decisions/99999999').set(bearer(tokens.directorB))).status).toBe(404);
    const exportB = await t.http.get('/api/decisions/export').query({ format: 'json' }).set(bearer(tokens.directorB));
    expect(exportB.body.map((d: { townshipId: string }) => d.townshipId)).toEqual([OTHER_TOWNSHIP]);
    const all = await list(t.adminToken, {});
    expect(new Set(all.body.map((d: { townshipId: string }) => d.townshipId))).toEqual(
      new Set([SEED_TOWNSHIP, OTHER_TOWNSHIP]),
    );
    const what = await t.http
      .post(`/api/packs/${SEED_PACK}/what-if`)
      .set(bearer(tokens.directorB))
      .send({ against: 1 });
    expect(what.status).toBe(403);
  });

  it('the CSV export has the BOM and keeps Chinese intact; json and xlsx export the same rows', async () => {
    const filter = JSON.stringify({ packId: SEED_PACK, outcomeType: 'refusal' });
    const csv = await t.http
      .get('/api/decisions/export')
      .query({ format: 'csv', filter })
      .set(bearer(tokens.directorA))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv; charset=utf-8/);
    expect(csv.headers['content-disposition']).toContain('attachment');
    const bytes = csv.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    const lines = text.split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('编号,时间,规则包,版本,事项,结果,结果类型,事实（原样）,结果明细,调用者,乡镇');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('不予批准');
    expect(lines[1]).toContain('keyTaskPeriod');

    const json = await t.http
      .get('/api/decisions/export')
      .query({ format: 'json', filter })
      .set(bearer(tokens.directorA));
    expect(json.body).toHaveLength(1);
    expect(json.body[0].facts).toEqual(REFUSED_FACTS);

    const xlsx = await t.http
      .get('/api/decisions/export')
      .query({ format: 'xlsx', filter })
      .set(bearer(tokens.directorA))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as any);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe('决策日志');
    expect(sheet.getRow(1).getCell(6).value).toBe('结果');
    expect(String(sheet.getRow(2).getCell(6).value)).toContain('不予批准');
    expect(
      (await t.http.get('/api/decisions/export').query({ format: 'pdf' }).set(bearer(tokens.directorA))).status,
    ).toBe(400);
  });

  it('an export longer than one page (10,000 rows) has one BOM and one header, and every row', async () => {
    const at = new Date().toISOString();
    await insertOld(Array.from({ length: 10_001 }, () => ({ at, packId: 'archived-pack', townshipId: 'archive' })));
    const filter = JSON.stringify({ packId: 'archived-pack' });
    const csv = await t.http
      .get('/api/decisions/export')
      .query({ format: 'csv', filter })
      .set(bearer(t.adminToken))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    const text = (csv.body as Buffer).toString('utf8');
    expect(text.split('\uFEFF')).toHaveLength(2);
    const lines = text.split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(10_002);
    expect(lines.filter((l) => l.includes('编号,时间'))).toHaveLength(1);
    const json = await t.http.get('/api/decisions/export').query({ format: 'json', filter }).set(bearer(t.adminToken));
    expect(json.body).toHaveLength(10_001);
    expect(json.headers['x-total-count']).toBe('10001');
    // other townships' users never get them
    expect(
      (await t.http.get('/api/decisions/export').query({ format: 'json', filter }).set(bearer(tokens.directorA))).body,
    ).toEqual([]);
  });

  it('the purge deletes only entries older than the retention, by function and by npm run purge-decisions', async () => {
    const now = Date.now();
    await insertOld([
      { at: new Date(now - 4000 * DAY).toISOString() },
      { at: new Date(now - 3700 * DAY).toISOString() },
      { at: new Date(now - 100 * DAY).toISOString() },
    ]);
    const count = async () => Number((await list(t.adminToken, {})).headers['content-range'].split('/')[1]);
    const before = await count();
    const first = await purgeDecisions(t.db, 3650);
    expect(first.deleted).toBe(2);
    expect(await count()).toBe(before - 2);
    // the command reads RULES_DECISION_RETENTION_DAYS; 2020 rows (older than 365 days) go, the recent ones stay
    const { stdout } = await run(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'api/purge-decisions.ts'], {
      env: { ...process.env, DATABASE_URL: t.url, RULES_DECISION_RETENTION_DAYS: '365' },
    });
    expect(stdout).toMatch(/deleted 3 entries/);
    expect(await count()).toBe(before - 5);
    expect((await list(t.adminToken, { to: new Date(now - 365 * DAY).toISOString() })).body).toEqual([]);
    expect((await purgeDecisions(t.db, 3650)).deleted).toBe(0);
  });

  it('the server purges entries older than the retention once at start', async () => {
    const now = Date.now();
    await insertOld([{ at: new Date(now - 40 * DAY).toISOString() }, { at: new Date(now - 20 * DAY).toISOString() }]);
    const count = async () => Number((await list(t.adminToken, {})).headers['content-range'].split('/')[1]);
    const before = await count();
    const olderThan = (days: number) =>
      list(t.adminToken, { to: new Date(now - days * DAY).toISOString() }).then((r) => r.body.length);
    const old = await olderThan(30);
    expect(old).toBeGreaterThanOrEqual(1);
    const server = await startChildServer({
      DATABASE_URL: t.url,
      RULES_DECISION_RETENTION_DAYS: '30',
      RULES_ADMIN_PASSWORD: ADMIN_PASSWORD,
    });
    try {
      expect(server.output()).toContain(`decision log: purged ${old} entries older than 30 days`);
      expect(await count()).toBe(before - old);
      expect(await olderThan(30)).toBe(0);
      expect(await olderThan(19)).toBe(1);
    } finally {
      server.process.kill('SIGTERM');
      await server.exited;
    }
  });

  it('what-if after raising a parameter in the draft reports the expected transitions and counts', async () => {
    const since = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    for (const days of [1, 2, 3]) {
      expect(
        (
          await t.http
            .post(url)
            .set(bearer(tokens.viewerA))
            .send({ decision: 'leaveApproval', facts: { ...LEAVE_FACTS, days } })
        ).status,
      ).toBe(200);
    }
    const param = (
      await t.http.get(`/api/parameters/${SEED_PACK}:leave.supervisorOnlyMaxDays`).set(bearer(tokens.directorA))
    ).body;
    const put = await t.http
      .put(`/api/parameters/${param.id}`)
      .set(bearer(tokens.directorA))
      .send({ ...param, value: 3 });
    expect(put.status, JSON.stringify(put.body)).toBe(200);

    const res = await t.http
      .post(`/api/packs/${SEED_PACK}/what-if`)
      .set(bearer(tokens.directorA))
      .send({ against: 'draft', period: { from: since }, decision: 'leaveApproval' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ pack: SEED_PACK, against: 'draft', before: '1', total: 3, changed: 2 });
    // the 销假 deadline is the same on both sides; only the approval chain moves
    expect(res.body.transitions).toEqual([
      { from: '分管领导+党委书记或镇长；1 日内销假', to: '分管领导；1 日内销假', count: 2 },
    ]);
    expect(res.body.cases.map((c: { facts: { days: number } }) => c.facts.days)).toEqual([2, 3]);
    const c = res.body.cases[0];
    expect(c.before.explanation).toBeTruthy();
    expect(c.after.explanation).toBeTruthy();
    expect(JSON.stringify(c.before.explanation)).not.toEqual(JSON.stringify(c.after.explanation));
    // a viewer may not see the draft
    expect(
      (await t.http.post(`/api/packs/${SEED_PACK}/what-if`).set(bearer(tokens.viewerA)).send({ against: 'draft' }))
        .status,
    ).toBe(403);
    expect((await t.http.post(`/api/packs/${SEED_PACK}/what-if`).set(bearer(tokens.directorA)).send({})).status).toBe(
      422,
    );
  });

  it('the async what-if job reports progress and the same result', async () => {
    const body = { against: 'draft', decision: 'leaveApproval' };
    const sync = await t.http.post(`/api/packs/${SEED_PACK}/what-if`).set(bearer(tokens.directorA)).send(body);
    const started = await t.http
      .post(`/api/packs/${SEED_PACK}/what-if?async=1`)
      .set(bearer(tokens.directorA))
      .send(body);
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ job: expect.any(String), state: 'queued' });
    expect(started.headers.location).toBe(`/api/what-if-jobs/${started.body.job}`);
    let job: any;
    for (let i = 0; i < 200; i++) {
      job = (await t.http.get(`/api/what-if-jobs/${started.body.job}`).set(bearer(tokens.directorA))).body;
      expect(job.done).toBeLessThanOrEqual(job.total);
      if (job.state !== 'queued' && job.state !== 'running') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(job.state).toBe('done');
    expect(job.total).toBe(sync.body.total);
    expect(job.done).toBe(job.total);
    const { ms: _a, ...result } = job.result;
    const { ms: _b, ...expected } = sync.body;
    expect(result).toEqual(expected);
    expect((await t.http.get(`/api/what-if-jobs/${started.body.job}`).set(bearer(tokens.testerA))).status).toBe(403);
    expect((await t.http.get('/api/what-if-jobs/nope').set(bearer(tokens.directorA))).status).toBe(404);
    // cancel: the owner or an admin; an ended job stays as it was
    expect((await t.http.post(`/api/what-if-jobs/${started.body.job}/cancel`).set(bearer(tokens.testerA))).status).toBe(
      403,
    );
    const cancelDone = await t.http.delete(`/api/what-if-jobs/${started.body.job}`).set(bearer(tokens.directorA));
    expect(cancelDone.status).toBe(200);
    expect(cancelDone.body).toMatchObject({ job: started.body.job, state: 'done' });
    expect((await t.http.delete('/api/what-if-jobs/nope').set(bearer(tokens.directorA))).status).toBe(404);
  });

  it('the publish reply carries the what-if summary of the draft against the version in force', async () => {
    const param = (
      await t.http.get(`/api/parameters/${SEED_PACK}:leave.supervisorOnlyMaxDays`).set(bearer(tokens.directorA))
    ).body;
    expect(
      (
        await t.http
          .put(`/api/parameters/${param.id}`)
          .set(bearer(tokens.directorA))
          .send({ ...param, value: 1 })
      ).status,
    ).toBe(200);
    for (let i = 0; i < 2; i++) {
      expect(
        (
          await t.http
            .post(url)
            .set(bearer(tokens.viewerA))
            .send({ decision: 'leaveApproval', facts: { ...LEAVE_FACTS, days: 250 } })
        ).status,
      ).toBe(200);
    }
    expect((await t.http.post('/api/rules').set(bearer(tokens.directorA)).send(LONG_LEAVE_RULE)).status).toBe(201);
    const { reply: res, request, version } = await publishApproved(t, SEED_PACK, tokens.directorA, tokens.approverA);
    expect(version).toBe(2);
    const summary = res.body.whatIf;
    // the approver sees the same summary, frozen with the request
    expect(request.whatIf).toEqual(summary);
    expect(summary).toMatchObject({ against: 'draft', before: '1', changed: 2 });
    expect(summary.total).toBeGreaterThan(10);
    expect(summary.transitions).toHaveLength(1);
    expect(summary.transitions[0].count).toBe(2);
    expect(summary.transitions[0].to).toContain('报县人社局备案');
    expect(summary.cases.length).toBeLessThanOrEqual(20);
  });

  it('what-if against a version re-evaluates the logged decisions under that version', async () => {
    const v2 = await t.http
      .post(`/api/packs/${SEED_PACK}/what-if`)
      .set(bearer(tokens.directorA))
      .send({ against: 2, decision: 'leaveApproval' });
    expect(v2.status, JSON.stringify(v2.body)).toBe(200);
    // rows were logged under version 1 and the draft: the "before" explanations come from the version in force
    expect(v2.body).toMatchObject({ against: '2', before: '2', changed: 2 });
    expect(v2.body.cases.every((c: { facts: { days: number } }) => c.facts.days === 250)).toBe(true);
    const v1 = await t.http
      .post(`/api/packs/${SEED_PACK}/what-if`)
      .set(bearer(tokens.directorA))
      .send({ against: 1, decision: 'leaveApproval' });
    expect(v1.body).toMatchObject({ against: '1', changed: 0, transitions: [] });
    expect(v1.body.total).toBe(v2.body.total);
    expect(
      (await t.http.post(`/api/packs/${SEED_PACK}/what-if`).set(bearer(tokens.directorA)).send({ against: 9 })).status,
    ).toBe(404);
  });
});
