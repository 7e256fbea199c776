/** The API answers with rendered titles and the township's own words. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, SEED_PACK, bearer, setupTownships, startApp, type TestApp } from './helpers/app.js';

const ORDINARY = (days: number) => ({ applicantRole: 'ordinary', leaveType: 'personal', days });

describe.each(DATABASES)('titles and words on %s', (kind) => {
  let t: TestApp;
  let tokens: Awaited<ReturnType<typeof setupTownships>>;

  beforeAll(async () => {
    t = await startApp(kind);
    tokens = await setupTownships(t);
  });
  afterAll(() => t?.close());

  it('after a director changes 1 → 2 days in the draft, the draft answers with the title saying 2 and version 1 still says 1', async () => {
    const row = (
      await t.http.get(`/api/parameters/${SEED_PACK}:leave.supervisorOnlyMaxDays`).set(bearer(tokens.directorA))
    ).body;
    const put = await t.http
      .put(`/api/parameters/${row.id}`)
      .set(bearer(tokens.directorA))
      .send({ ...row, value: 2 });
    expect(put.status).toBe(200);

    const url = `/api/packs/${SEED_PACK}/evaluate`;
    const draft = await t.http
      .post(url)
      .set(bearer(tokens.testerA))
      .send({ decision: 'leaveApproval', facts: ORDINARY(2), version: 'draft' });
    expect(draft.status).toBe(200);
    expect(draft.body.fired.map((r: { title: string }) => r.title)).toContain('一般干部请假2天以内：分管领导审批');
    const line = draft.body.explanation.zh.lines.find((l: string) => l.startsWith('【一般干部请假2天以内'));
    expect(line).toContain('请假天数 2 天 ≤ 2 天');

    const v1 = await t.http
      .post(url)
      .set(bearer(tokens.viewerA))
      .send({ decision: 'leaveApproval', facts: ORDINARY(1), version: 1 });
    expect(v1.body.fired.map((r: { title: string }) => r.title)).toContain('一般干部请假1天以内：分管领导审批');

    // the rule as stored keeps its placeholder
    const rule = (await t.http.get(`/api/rules/${SEED_PACK}:leave.ordinary.upToOneDay`).set(bearer(tokens.directorA)))
      .body;
    expect(rule.title).toBe('一般干部请假{leave.supervisorOnlyMaxDays}以内：分管领导审批');
  });

  it('the test run reports case names rendered with the draft values', async () => {
    const res = await t.http
      .post(`/api/packs/${SEED_PACK}/test`)
      .set(bearer(tokens.testerA))
      .send({ version: 'draft' });
    expect(res.status).toBe(200);
    const names = res.body.results.map((r: { name: string }) => r.name);
    expect(names.some((n: string) => n.includes('{'))).toBe(false);
    expect(names).toContain('本周学习1次1.9小时：不足2小时');
  });

  it('seed 004 answers with the shared code for 主管领导 and explains with the township word', async () => {
    const res = await t.http
      .post('/api/packs/henan-district-office/evaluate')
      .set(bearer(t.adminToken))
      .send({ decision: 'leaveApproval', facts: ORDINARY(1) });
    expect(res.status).toBe(200);
    expect(res.body.outcomes[0]).toMatchObject({
      type: 'approval',
      roles: ['supervisingLeader'],
      words: { supervisingLeader: { code: 'supervisor', zh: '主管领导' } },
    });
    expect(res.body.explanation.zh.summary).toBe('请假审批（版本 1）：第1步：主管领导签字');
    expect(res.body.fired[0].title).toBe('事假、病假超过半天至1天：主管领导签批');
    const pack = (await t.http.get('/api/packs/henan-district-office').set(bearer(t.adminToken))).body;
    expect(pack.vocabulary.role).toEqual([
      expect.objectContaining({ code: 'supervisor', label: '主管领导', mapsTo: 'supervisingLeader' }),
    ]);
  });

  it('a director adds a township word to the draft; a rule may then use it, an unknown word is refused with the pointer', async () => {
    const pack = (await t.http.get(`/api/packs/${SEED_PACK}`).set(bearer(tokens.directorA))).body;
    const words = { role: [{ code: 'stationHead', label: '站所负责人', labelEn: 'head of the station' }] };
    const put = await t.http
      .put(`/api/packs/${SEED_PACK}`)
      .set(bearer(tokens.directorA))
      .send({ ...pack, vocabulary: words });
    expect(put.status).toBe(200);
    expect(put.body.vocabulary).toEqual(words);

    const rule = (await t.http.get(`/api/rules/${SEED_PACK}:leave.ordinary.upToOneDay`).set(bearer(tokens.directorA)))
      .body;
    const ok = await t.http
      .put(`/api/rules/${rule.id}`)
      .set(bearer(tokens.directorA))
      .send({ ...rule, outcomes: [{ type: 'approval', step: 1, roles: ['stationHead'] }] });
    expect(ok.status).toBe(200);
    const evaluated = await t.http
      .post(`/api/packs/${SEED_PACK}/evaluate`)
      .set(bearer(tokens.testerA))
      .send({ decision: 'leaveApproval', facts: ORDINARY(1), version: 'draft' });
    expect(evaluated.body.explanation.zh.summary).toContain('站所负责人审批');

    const current = (await t.http.get(`/api/rules/${rule.id}`).set(bearer(tokens.directorA))).body;
    const bad = await t.http
      .put(`/api/rules/${rule.id}`)
      .set(bearer(tokens.directorA))
      .send({ ...current, outcomes: [{ type: 'approval', step: 1, roles: ['mayor'] }] });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toContainEqual(
      expect.objectContaining({
        code: 'UNKNOWN_VOCABULARY_CODE',
        file: 'rules/leave-approval.json',
        path: expect.stringMatching(/\/outcomes\/0\/roles\/0$/),
      }),
    );
  });
});
