import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, SEED_PACK, bearer, setupTownships, startApp, type TestApp } from './helpers/app.js';

describe.each(DATABASES)('draft edits on %s', (kind) => {
  let t: TestApp;
  let tokens: Awaited<ReturnType<typeof setupTownships>>;
  const revisionOf = async () =>
    (await t.http.get(`/api/packs/${SEED_PACK}`).set(bearer(t.adminToken))).body.revision as number;

  beforeAll(async () => {
    t = await startApp(kind);
    tokens = await setupTownships(t);
  });
  afterAll(() => t?.close());

  it('a parameter row says whether its value is inherited from the base pack or defined here', async () => {
    const res = await t.http
      .get('/api/parameters')
      .query({ filter: JSON.stringify({ packId: SEED_PACK }) })
      .set(bearer(tokens.directorA));
    expect(res.status).toBe(200);
    const inherited = res.body.find((p: { parameterId: string }) => p.parameterId === 'annualLeave.shortServiceDays');
    expect(inherited).toMatchObject({
      id: `${SEED_PACK}:annualLeave.shortServiceDays`,
      inherited: true,
      overridden: false,
      definedIn: 'base',
      value: 5,
      inheritedValue: 5,
    });
    const own = res.body.find((p: { parameterId: string }) => p.parameterId === 'leave.secretaryMaxDays');
    expect(own).toMatchObject({ inherited: false, overridden: false, definedIn: SEED_PACK, value: 5 });
  });

  it('a director edits a parameter of their pack: saved, revision + 1, ETag and an audit event with before and after', async () => {
    const before = await t.http
      .get(`/api/parameters/${SEED_PACK}:leave.secretaryMaxDays`)
      .set(bearer(tokens.directorA));
    expect(before.headers.etag).toBe(`"${before.body.revision}"`);
    const res = await t.http
      .put(`/api/parameters/${SEED_PACK}:leave.secretaryMaxDays`)
      .set(bearer(tokens.directorA))
      .send({ ...before.body, value: 6 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ value: 6, revision: before.body.revision + 1 });
    expect(res.headers.etag).toBe(`"${before.body.revision + 1}"`);
    const audit = await t.http
      .get('/api/audit-events')
      .query({ filter: JSON.stringify({ packId: SEED_PACK, action: 'parameters.update' }) })
      .set(bearer(tokens.directorA));
    expect(audit.body[0]).toMatchObject({
      actor: 'director-a',
      recordId: `${SEED_PACK}:leave.secretaryMaxDays`,
      before: expect.objectContaining({ value: 5 }),
      after: expect.objectContaining({ value: 6 }),
    });
    expect(typeof audit.body[0].at).toBe('string');
  });

  it('a stale edit (revision or If-Match behind) is 409 and saves nothing', async () => {
    const current = await t.http
      .get(`/api/parameters/${SEED_PACK}:leave.secretaryMaxDays`)
      .set(bearer(tokens.directorA));
    const stale = await t.http
      .put(`/api/parameters/${SEED_PACK}:leave.secretaryMaxDays`)
      .set(bearer(tokens.directorA))
      .send({ ...current.body, value: 7, revision: current.body.revision - 1 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({
      code: 'STALE_REVISION',
      expected: current.body.revision - 1,
      actual: current.body.revision,
    });
    expect(stale.body.messageZh).toContain('草稿');
    const viaHeader = await t.http
      .put(`/api/parameters/${SEED_PACK}:leave.secretaryMaxDays`)
      .set(bearer(tokens.directorA))
      .set('If-Match', `"${current.body.revision - 1}"`)
      .send({ value: 7 });
    expect(viaHeader.status).toBe(409);
    expect(await revisionOf()).toBe(current.body.revision);
    const unchanged = await t.http
      .get(`/api/parameters/${SEED_PACK}:leave.secretaryMaxDays`)
      .set(bearer(tokens.directorA));
    expect(unchanged.body.value).toBe(6);
  });

  it('an invalid rule edit is 422 with JSON-pointer paths and Chinese and English messages, and nothing is saved', async () => {
    const list = await t.http
      .get('/api/rules')
      .query({ filter: JSON.stringify({ packId: SEED_PACK, decision: 'leaveApproval' }), range: '[0,0]' })
      .set(bearer(tokens.directorA));
    const rule = list.body[0];
    const revision = await revisionOf();
    const res = await t.http
      .put(`/api/rules/${rule.id}`)
      .set(bearer(tokens.directorA))
      .send({ ...rule, conditions: { all: [{ fact: 'days', operator: 'roughlyEqual', value: 3 }] } });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('DRAFT_INVALID');
    expect(res.body.errors.length).toBeGreaterThan(0);
    expect(res.body.errors[0]).toMatchObject({
      file: rule.file,
      path: expect.stringMatching(/^\/rules\/\d+\/conditions/),
    });
    expect(res.body.errors[0].messageZh).toMatch(/[\u4e00-\u9fff]/);
    expect(res.body.errors[0].message).toBeTruthy();
    const citing = await t.http
      .put(`/api/rules/${rule.id}`)
      .set(bearer(tokens.directorA))
      .send({ ...rule, citations: ['NO-SUCH-CLAUSE'] });
    expect(citing.status).toBe(422);
    expect(await revisionOf()).toBe(revision);
    const again = await t.http.get(`/api/rules/${rule.id}`).set(bearer(tokens.directorA));
    expect(again.body.conditions).toEqual(rule.conditions);
  });

  it('overriding a parameter the base pack locks is 422 LOCKED_PARAMETER', async () => {
    const row = (
      await t.http.get(`/api/parameters/${SEED_PACK}:annualLeave.shortServiceDays`).set(bearer(tokens.directorA))
    ).body;
    const res = await t.http
      .put(`/api/parameters/${row.id}`)
      .set(bearer(tokens.directorA))
      .send({ ...row, value: 7 });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { code: string }) => e.code)).toContain('LOCKED_PARAMETER');
    expect(res.body.errors[0]).toMatchObject({ file: 'parameters.json', path: '/overrides/0' });
  });

  it("a value outside the parameter's own range is 422", async () => {
    const row = (await t.http.get(`/api/parameters/${SEED_PACK}:leave.secretaryMaxDays`).set(bearer(tokens.directorA)))
      .body;
    const res = await t.http
      .put(`/api/parameters/${row.id}`)
      .set(bearer(tokens.directorA))
      .send({ ...row, value: 1000 });
    expect(res.status).toBe(422);
  });

  it('a pack built on a township pack overrides an inherited parameter and can revert it', async () => {
    const created = await t.http
      .post('/api/packs')
      .set(bearer(tokens.directorA))
      .send({ id: 'county-township-annex', name: '附加规则', extends: SEED_PACK });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      townshipId: 'county-township',
      extends: SEED_PACK,
      currentVersion: null,
      revision: 1,
    });
    const id = 'county-township-annex:leave.secretaryMaxDays';
    const row = (await t.http.get(`/api/parameters/${id}`).set(bearer(tokens.directorA))).body;
    expect(row).toMatchObject({ inherited: true, overridden: false, definedIn: SEED_PACK, value: 5 });
    const res = await t.http
      .put(`/api/parameters/${id}`)
      .set(bearer(tokens.directorA))
      .send({ ...row, value: 4, note: '本镇从严' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      inherited: true,
      overridden: true,
      value: 4,
      inheritedValue: 5,
      note: '本镇从严',
    });
    const reverted = await t.http.delete(`/api/parameters/${id}`).set(bearer(tokens.directorA));
    expect(reverted.status).toBe(200);
    const after = (await t.http.get(`/api/parameters/${id}`).set(bearer(tokens.directorA))).body;
    expect(after).toMatchObject({ overridden: false, value: 5 });
  });

  it('rules, fixtures and sources are created and deleted through the draft', async () => {
    const source = await t.http.post('/api/sources').set(bearer(tokens.directorA)).send({
      packId: SEED_PACK,
      clauseId: 'LV-002-TEST',
      document: '测试文件',
      article: '第一条',
      text: '测试条款原文。',
    });
    expect(source.status).toBe(201);
    expect(source.body.id).toBe(`${SEED_PACK}:LV-002-TEST`);
    const rule = await t.http
      .post('/api/rules')
      .set(bearer(tokens.directorA))
      .send({
        packId: SEED_PACK,
        decision: 'leaveApproval',
        ruleId: 'leave.test.marriage',
        title: '婚假提醒',
        group: 'documents',
        citations: ['LV-002-TEST'],
        conditions: { all: [{ fact: 'leaveType', operator: 'equal', value: 'marriage' }] },
        outcomes: [{ type: 'requirement', code: 'marriageCertificate', text: '提供结婚证' }],
      });
    expect(rule.status, JSON.stringify(rule.body)).toBe(201);
    expect(rule.body).toMatchObject({
      id: `${SEED_PACK}:leave.test.marriage`,
      decision: 'leaveApproval',
      file: 'rules/leave-approval.json',
    });
    const del = await t.http.delete(`/api/rules/${rule.body.id}`).set(bearer(tokens.directorA));
    expect(del.status).toBe(200);
    expect((await t.http.get(`/api/rules/${rule.body.id}`).set(bearer(tokens.directorA))).status).toBe(404);
    expect((await t.http.delete(`/api/sources/${source.body.id}`).set(bearer(tokens.directorA))).status).toBe(200);
  });

  it('a tester edits fixtures but not rules; a viewer edits nothing', async () => {
    const fixture = await t.http
      .post('/api/fixtures')
      .set(bearer(tokens.testerA))
      .send({
        packId: SEED_PACK,
        decision: 'leaveApproval',
        caseId: 'leave.tester.case',
        name: '测试员新增用例',
        facts: { applicantRole: 'ordinary', leaveType: 'sick', days: 1 },
        expect: {
          outcomes: [
            { type: 'approval', step: 1, roles: ['supervisingLeader'], action: 'approve' },
            { type: 'deadline', action: 'reportBack', minutes: 1440 },
          ],
        },
      });
    expect(fixture.status, JSON.stringify(fixture.body)).toBe(201);
    const rules = await t.http
      .get('/api/rules')
      .query({ range: '[0,0]', filter: JSON.stringify({ packId: SEED_PACK }) })
      .set(bearer(tokens.testerA));
    expect(
      (await t.http.put(`/api/rules/${rules.body[0].id}`).set(bearer(tokens.testerA)).send(rules.body[0])).status,
    ).toBe(403);
    expect(
      (await t.http.put(`/api/fixtures/${fixture.body.id}`).set(bearer(tokens.viewerA)).send(fixture.body)).status,
    ).toBe(403);
    expect((await t.http.delete(`/api/fixtures/${fixture.body.id}`).set(bearer(tokens.testerA))).status).toBe(200);
  });

  it('a body that is not an object, or a missing key, is 422 with a path', async () => {
    const res = await t.http
      .post('/api/rules')
      .set(bearer(tokens.directorA))
      .send({ packId: SEED_PACK, decision: 'leaveApproval' });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: '/ruleId' })]);
    const arr = await t.http.post('/api/rules').set(bearer(tokens.directorA)).send([1, 2]);
    expect(arr.status).toBe(422);
  });

  it('pack manifest edits go to the draft too', async () => {
    const pack = (await t.http.get(`/api/packs/${SEED_PACK}`).set(bearer(tokens.directorA))).body;
    const res = await t.http
      .put(`/api/packs/${SEED_PACK}`)
      .set(bearer(tokens.directorA))
      .send({ ...pack, name: '某镇干部管理规则包（修订）', description: '新的说明' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: '某镇干部管理规则包（修订）',
      description: '新的说明',
      revision: pack.revision + 1,
    });
    const listed = await t.http
      .get('/api/packs')
      .query({ filter: JSON.stringify({ id: [SEED_PACK] }) })
      .set(bearer(tokens.viewerA));
    expect(listed.body[0].name).toBe('某镇干部管理规则包（修订）');
    const moved = await t.http.put(`/api/packs/${SEED_PACK}`).set(bearer(tokens.directorA)).send({ extends: null });
    expect(moved.status).toBe(422);
    const stale = await t.http
      .put(`/api/packs/${SEED_PACK}`)
      .set(bearer(tokens.directorA))
      .send({ ...pack, description: '旧' });
    expect(stale.status).toBe(409);
  });
});
