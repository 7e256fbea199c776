/**
 * A township onboards its own regulation through the API: the rule proposals drafted from the
 * document are stored with the draft (GET/PUT /packs/:id/proposals, If-Match, audit), edited one
 * click at a time (settle an overlap and a gap, the township's own role words, confirm), accepted
 * into rules with boundary fixtures that pass; the publish gate refuses a pack with unconfirmed
 * proposals or with parameters but no rules (422 with the reason), and lets the finished one through.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, PASSWORD, bearer, startApp, type TestApp } from './helpers/app.js';

const TEXT = readFileSync(join(import.meta.dirname, '..', 'onboarding', 'liuhe-regulation.txt'), 'utf8');
const TOWNSHIP = 'liuhe';
const PACK = 'liuhe-rules';

describe.each(DATABASES)('onboarding a regulation on %s', (kind) => {
  let t: TestApp;
  let director: string;
  let approver: string;
  let proposals: any;

  const auth = () => bearer(director);
  const view = () => t.http.get(`/api/packs/${PACK}/proposals`).set(auth());
  const edit = (body: object, revision: number) =>
    t.http.post(`/api/packs/${PACK}/proposals/edit`).set(auth()).set('If-Match', `"${revision}"`).send(body);

  beforeAll(async () => {
    t = await startApp(kind);
    const admin = bearer(t.adminToken);
    expect((await t.http.post('/api/townships').set(admin).send({ id: TOWNSHIP, name: '柳河乡' })).status).toBe(201);
    for (const [username, canApprove] of [
      ['director-l', false],
      ['head-l', true],
    ] as const) {
      const res = await t.http
        .post('/api/users')
        .set(admin)
        .send({ username, password: PASSWORD, role: 'director', townshipId: TOWNSHIP, canApprove });
      expect(res.status).toBe(201);
    }
    director = await t.login('director-l');
    approver = await t.login('head-l');
    const drafted = await t.http
      .post('/api/drafting/extract')
      .set(auth())
      .send({ text: TEXT, township: '柳河乡', packId: PACK, name: '柳河乡机关工作人员管理办法.txt' });
    expect(drafted.status).toBe(200);
    const bundle = drafted.body.bundle;
    bundle.pack.owner = { id: TOWNSHIP, name: '柳河乡', level: 'township' };
    proposals = drafted.body.review.proposals;
    const imported = await t.http.post('/api/packs/import').set(auth()).send({ bundle });
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
  }, 120_000);
  afterAll(async () => t?.close());

  it('a pack with parameters and no rules cannot be published, before any proposal is stored', async () => {
    const res = await t.http.post(`/api/packs/${PACK}/publish`).set(auth()).send({});
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('PUBLISH_BLOCKED');
    expect(res.body.errors.map((e: any) => e.code)).toContain('PACK_WITHOUT_RULES');
    expect(res.body.messageZh).toContain('还没有任何规则');
  });

  it('PUT validates the proposals with their schema and the pack they belong to', async () => {
    const current = (await view()).body;
    expect(current.proposals).toBeNull();
    let res = await t.http
      .put(`/api/packs/${PACK}/proposals`)
      .set(auth())
      .send({ ...proposals, proposals: [{ id: 'x' }] });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].path).toMatch(/^\/proposals\/0/);
    res = await t.http
      .put(`/api/packs/${PACK}/proposals`)
      .set(auth())
      .send({ ...proposals, pack: 'another-pack' });
    expect(res.status).toBe(422);
    expect(res.body.errors[0]).toMatchObject({ path: '/pack' });
    expect(res.body.messageZh).toContain('another-pack');
  });

  it('the review list is stored with the draft, If-Match guards it, and it is audited', async () => {
    const before = (await view()).body.revision;
    let res = await t.http
      .put(`/api/packs/${PACK}/proposals`)
      .set(auth())
      .set('If-Match', `"${before}"`)
      .send(proposals);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.headers.etag).toBe(`"${before + 1}"`);
    expect(res.body.proposals.proposals.map((p: any) => p.id).sort()).toEqual(
      proposals.proposals.map((p: any) => p.id).sort(),
    );
    // a second reader sees the same list: it survives leaving the page
    const again = await view();
    expect(again.body.proposals.proposals).toHaveLength(proposals.proposals.length);
    expect(again.body.blockers.map((b: any) => b.code)).toContain('PROPOSALS_UNCONFIRMED');
    res = await t.http.put(`/api/packs/${PACK}/proposals`).set(auth()).set('If-Match', `"${before}"`).send(proposals);
    expect(res.status).toBe(409);
    const audit = await t.http
      .get(`/api/audit-events?filter=${encodeURIComponent(JSON.stringify({ packId: PACK }))}`)
      .set(auth());
    expect(audit.body.map((e: any) => e.action)).toContain('proposals.replace');
  });

  it('unconfirmed proposals block a publish request with the reason in zh and en', async () => {
    const res = await t.http.post(`/api/packs/${PACK}/publish`).set(auth()).send({});
    expect(res.status).toBe(422);
    const codes = res.body.errors.map((e: any) => e.code);
    expect(codes).toContain('PROPOSALS_UNCONFIRMED');
    expect(res.body.messageZh).toContain('待确认');
    expect(res.body.message).toContain('not confirmed');
  });

  it("edits settle overlaps and gaps, add the township's role words, and accept writes rules with passing boundary fixtures", async () => {
    let state = (await view()).body;
    const find = (subject: string) => state.proposals.proposals.find((p: any) => p.decision === subject);
    // leave approval: the two overlaps go to the lower tier (1天 → 1天以内, 3天 → 1天以上3天以内)
    for (const issue of ['overlap:t1:t2', 'overlap:t2:t3']) {
      const res = await edit(
        { action: 'resolve', proposal: find('leaveApproval').id, issue, choice: 'lowerTier' },
        state.revision,
      );
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      state = res.body;
    }
    expect(find('leaveApproval').issues).toEqual([]);
    expect(find('leaveApproval').tiers[1].notes.join('')).toContain('经确认归');
    // attendance: 15 < minutes < 30 is outside the regulation
    let res = await edit(
      { action: 'resolve', proposal: find('attendance').id, issue: 'gap:t1:t2', choice: 'outOfScope' },
      state.revision,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    state = res.body;
    // an unknown choice is a 422 with the field, nothing saved
    res = await edit(
      { action: 'resolve', proposal: find('leaveApproval').id, issue: 'gap:t9:t9', choice: 'lowerTier' },
      state.revision,
    );
    expect(res.status).toBe(422);
    expect(res.body.errors[0].path).toBe('/issue');
    // 站所负责人: the township's own role; 乡长: mapped to the shared 镇长
    const leave = find('leaveApproval');
    res = await edit(
      { action: 'roleWord', proposal: leave.id, tier: 't1', label: '站所负责人', labelEn: 'station head' },
      state.revision,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    state = res.body;
    res = await edit(
      { action: 'roleWord', proposal: leave.id, tier: 't3', label: '乡长', mapsTo: 'townshipHead' },
      state.revision,
    );
    state = res.body;
    expect(find('leaveApproval').tiers[0].outcomes).toEqual([
      { type: 'approval', step: 1, roles: ['ownRole1'], action: 'approve' },
    ]);
    expect(find('leaveApproval').tiers[2].outcomes).toEqual([
      { type: 'approval', step: 1, roles: ['ownRole2'], action: 'approve' },
    ]);
    expect(find('leaveApproval').tiers[0].unmapped).toEqual([]);
    // confirm everything, then accept
    for (const p of state.proposals.proposals) {
      const status = p.decision ? 'confirmed' : 'rejected';
      res = await edit({ action: 'status', proposal: p.id, status }, state.revision);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      state = res.body;
    }
    res = await t.http
      .post(`/api/packs/${PACK}/proposals/accept`)
      .set(auth())
      .set('If-Match', `"${state.revision}"`)
      .send({});
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.heldBack).toEqual([]);
    expect(res.body.proposals).toBeNull();
    expect(res.body.blockers).toEqual([]);
    const fixtureIds = res.body.accepted.flatMap((a: any) => a.fixtures);
    expect(fixtureIds.length).toBeGreaterThanOrEqual(9);
    const rules = await t.http
      .get(`/api/rules?filter=${encodeURIComponent(JSON.stringify({ packId: PACK }))}`)
      .set(auth());
    expect(rules.body.length).toBe(res.body.accepted.flatMap((a: any) => a.rules).length);
    expect(
      rules.body.find((r: any) => r.note?.includes('不属本制度规定范围') || r.note?.includes('不属')),
    ).toBeTruthy();
    const cases = await t.http
      .get(`/api/fixtures?filter=${encodeURIComponent(JSON.stringify({ packId: PACK }))}`)
      .set(auth());
    // every threshold of the text ends as a confirmed rule whose group has boundary fixtures
    const kebab = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
    const tested = new Set(
      rules.body
        .filter((r: any) => cases.body.some((c: any) => c.caseId.includes(`${kebab(r.group)}.at-`)))
        .flatMap((r: any) => [...JSON.stringify(r.conditions).matchAll(/"param":"([^"]+)"/g)].map((m) => m[1])),
    );
    const own = (
      await t.http.get(`/api/parameters?filter=${encodeURIComponent(JSON.stringify({ packId: PACK }))}`).set(auth())
    ).body.filter((p: any) => p.definedIn === PACK);
    // a parameter a boundary decision superseded (「1天以上」 became 「超过1天以内的上限」) counts by its number
    const key = (p: any) => `${p.unit}:${p.value}`;
    const testedValues = new Set(own.filter((p: any) => tested.has(p.parameterId)).map(key));
    expect(own.filter((p: any) => !testedValues.has(key(p))).map((p: any) => p.parameterId)).toEqual([]);
    const test = await t.http.post(`/api/packs/${PACK}/test`).set(auth()).send({ version: 'draft' });
    expect(test.status).toBe(200);
    expect(test.body.failed).toBe(0);
    expect(test.body.passed).toBeGreaterThanOrEqual(fixtureIds.length);
  });

  it("the finished pack is requested, approved by a second director, and answers with the township's words", async () => {
    const reply = await t.http.post(`/api/packs/${PACK}/publish`).set(auth()).send({});
    expect(reply.status, JSON.stringify(reply.body).slice(0, 1500)).toBe(202);
    const approved = await t.http
      .post(`/api/publish-requests/${reply.body.request.id}/approve`)
      .set(bearer(approver))
      .send({ comment: '同意' });
    expect(approved.status, JSON.stringify(approved.body).slice(0, 1500)).toBe(200);
    expect(approved.body.version).toBe(1);
    const answer = await t.http
      .post(`/api/packs/${PACK}/evaluate`)
      .set(auth())
      .send({ decision: 'leaveApproval', facts: { applicantRole: 'ordinary', leaveType: 'personal', days: 1 } });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const text = JSON.stringify(answer.body);
    expect(text).toContain('站所负责人');
    expect(text).toContain('请假1天以内');
  });
});
