import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, LEAVE_FACTS, SEED_PACK, bearer, setupTownships, startApp, type TestApp } from './helpers/app.js';

describe.each(DATABASES)('evaluation on %s', (kind) => {
  let t: TestApp;
  let tokens: Awaited<ReturnType<typeof setupTownships>>;
  const url = `/api/packs/${SEED_PACK}/evaluate`;

  beforeAll(async () => {
    t = await startApp(kind, { bodyLimit: '64kb' });
    tokens = await setupTownships(t);
    // a draft that differs from version 1: three days now goes to the head directly
    const row = (
      await t.http.get(`/api/parameters/${SEED_PACK}:leave.supervisorOnlyMaxDays`).set(bearer(tokens.directorA))
    ).body;
    const res = await t.http
      .put(`/api/parameters/${row.id}`)
      .set(bearer(tokens.directorA))
      .send({ ...row, value: 3 });
    if (res.status !== 200) throw new Error(JSON.stringify(res.body));
  });
  afterAll(() => t?.close());

  it('evaluates the published version with outcomes and an explanation in Chinese and English', async () => {
    const res = await t.http
      .post(url)
      .set(bearer(tokens.viewerA))
      .send({ decision: 'leaveApproval', facts: LEAVE_FACTS });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ pack: SEED_PACK, version: '1', decision: 'leaveApproval' });
    expect(res.body.outcomes).toContainEqual(expect.objectContaining({ type: 'approval', step: 2 }));
    expect(res.body.fired[0].citations[0]).toHaveProperty('text');
    expect(res.body.explanation.zh.summary).toContain('请假审批');
    expect(res.body.explanation.zh.lines[0]).toContain('依据');
    const en = await t.http
      .post(`${url}?lang=en`)
      .set(bearer(tokens.viewerA))
      .send({ decision: 'leaveApproval', facts: LEAVE_FACTS });
    expect(en.body.explanation.en.summary).toMatch(/step 1/);
  });

  it('evaluates the draft for editors and a given version for anyone who reads the pack', async () => {
    const draft = await t.http
      .post(url)
      .set(bearer(tokens.testerA))
      .send({ decision: 'leaveApproval', facts: LEAVE_FACTS, version: 'draft' });
    expect(draft.status).toBe(200);
    expect(draft.body.version).toBe('draft');
    expect(draft.body.outcomes.filter((o: { type: string }) => o.type === 'approval')).toHaveLength(1);
    expect(
      (
        await t.http
          .post(url)
          .set(bearer(tokens.viewerA))
          .send({ decision: 'leaveApproval', facts: LEAVE_FACTS, version: 'draft' })
      ).status,
    ).toBe(403);
    const v1 = await t.http
      .post(url)
      .set(bearer(tokens.viewerA))
      .send({ decision: 'leaveApproval', facts: LEAVE_FACTS, version: 1 });
    expect(v1.body.version).toBe('1');
  });

  it('invalid facts are 422 with JSON-pointer paths and messages in both languages', async () => {
    const res = await t.http
      .post(url)
      .set(bearer(tokens.viewerA))
      .send({
        decision: 'leaveApproval',
        facts: { applicantRole: 'ordinary', leaveType: 'sick', days: -2, colour: 'red' },
      });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('FACTS_INVALID');
    const paths = res.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toContain('/days');
    for (const e of res.body.errors) {
      expect(e.message).toBeTruthy();
      expect(e.messageZh).toMatch(/[\u4e00-\u9fff]/);
    }
    const missing = await t.http.post(url).set(bearer(tokens.viewerA)).send({ decision: 'leaveApproval' });
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toEqual([expect.objectContaining({ path: '/facts' })]);
  });

  it('an unknown decision is 404 and an unknown pack is 404', async () => {
    expect(
      (await t.http.post(url).set(bearer(tokens.viewerA)).send({ decision: 'noSuchDecision', facts: {} })).status,
    ).toBe(404);
    expect(
      (
        await t.http
          .post('/api/packs/no-such/evaluate')
          .set(bearer(t.adminToken))
          .send({ decision: 'leaveApproval', facts: LEAVE_FACTS })
      ).status,
    ).toBe(404);
  });

  it('a batch evaluates many fact sets in one call and reports each failure in place', async () => {
    const items = [
      { facts: LEAVE_FACTS },
      { facts: { ...LEAVE_FACTS, days: 40 } },
      { facts: { ...LEAVE_FACTS, days: 'three' } },
    ];
    const res = await t.http
      .post(`${url}/batch`)
      .set(bearer(tokens.viewerA))
      .send({ decision: 'leaveApproval', items });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ count: 3, failed: 1, version: '1' });
    expect(res.body.results[0]).toMatchObject({ index: 0, ok: true });
    expect(res.body.results[1].outcomes).not.toEqual(res.body.results[0].outcomes);
    expect(res.body.results[2]).toMatchObject({ index: 2, ok: false, status: 422, code: 'FACTS_INVALID' });
    expect(res.body.results[2].errors[0].path).toBe('/days');
    const inline = await t.http.post(url).set(bearer(tokens.viewerA)).send({ decision: 'leaveApproval', items });
    expect(inline.body.count).toBe(3);
    const empty = await t.http
      .post(`${url}/batch`)
      .set(bearer(tokens.viewerA))
      .send({ decision: 'leaveApproval', items: [] });
    expect(empty.status).toBe(422);
  });

  it("an API token evaluates its township's packs and nothing else", async () => {
    const created = await t.http.post('/api/auth/tokens').set(bearer(tokens.directorA)).send({ name: 'oa-system' });
    expect(created.status).toBe(201);
    const token = created.body.token as string;
    expect(
      (await t.http.post(url).set(bearer(token)).send({ decision: 'leaveApproval', facts: LEAVE_FACTS })).status,
    ).toBe(200);
    expect(
      (
        await t.http
          .post(`${url}/batch`)
          .set(bearer(token))
          .send({ decision: 'leaveApproval', items: [{ facts: LEAVE_FACTS }] })
      ).status,
    ).toBe(200);
    expect(
      (
        await t.http
          .post(url)
          .set(bearer(token))
          .send({ decision: 'leaveApproval', facts: LEAVE_FACTS, version: 'draft' })
      ).status,
    ).toBe(403);
    expect((await t.http.get(`/api/packs/${SEED_PACK}`).set(bearer(token))).status).toBe(403);
    expect(
      (
        await t.http
          .post('/api/packs/town-b-rules/evaluate')
          .set(bearer(token))
          .send({ decision: 'leaveEntitlement', facts: { leaveType: 'annual', yearsOfService: 3 } })
      ).status,
    ).toBe(403);
    expect((await t.http.post('/api/auth/tokens').set(bearer(tokens.viewerA)).send({ name: 'x' })).status).toBe(403);
    // listed without the secret, and revoked at once
    const listed = await t.http.get('/api/auth/tokens').set(bearer(tokens.directorA));
    expect(listed.body).toEqual([
      expect.objectContaining({ id: created.body.id, name: 'oa-system', townshipId: 'county-township' }),
    ]);
    expect(JSON.stringify(listed.body)).not.toContain(token);
    expect((await t.http.get('/api/auth/tokens').set(bearer(tokens.directorB))).body).toEqual([]);
    expect((await t.http.delete(`/api/auth/tokens/${created.body.id}`).set(bearer(tokens.directorB))).status).toBe(404);
    expect((await t.http.delete(`/api/auth/tokens/${created.body.id}`).set(bearer(tokens.directorA))).status).toBe(200);
    expect(
      (await t.http.post(url).set(bearer(token)).send({ decision: 'leaveApproval', facts: LEAVE_FACTS })).status,
    ).toBe(401);
  });

  it('fixtures run on the draft or a version; lint reports issues', async () => {
    const draft = await t.http.post(`/api/packs/${SEED_PACK}/test`).set(bearer(tokens.testerA)).send({});
    expect(draft.status).toBe(200);
    expect(draft.body.version).toBe('draft');
    expect(draft.body.failed).toBeGreaterThan(0); // the draft moved a threshold that fixtures pin
    const v1 = await t.http.post(`/api/packs/${SEED_PACK}/test`).set(bearer(tokens.testerA)).send({ version: 1 });
    expect(v1.body).toMatchObject({ version: '1', failed: 0 });
    expect(v1.body.passed).toBe(v1.body.total);
    expect((await t.http.post(`/api/packs/${SEED_PACK}/test`).set(bearer(tokens.viewerA)).send({})).status).toBe(403);
    const lint = await t.http.post(`/api/packs/${SEED_PACK}/lint`).set(bearer(tokens.testerA)).send({ version: 1 });
    expect(lint.status).toBe(200);
    expect(lint.body).toMatchObject({ pack: SEED_PACK, errors: 0 });
    expect(Array.isArray(lint.body.issues)).toBe(true);
  });

  it('two rules of a unique group matching at once is 422 RULE_CONFLICT, and such a draft does not publish', async () => {
    const rule = await t.http
      .post('/api/rules')
      .set(bearer(tokens.directorA))
      .send({
        packId: SEED_PACK,
        decision: 'leaveApproval',
        ruleId: 'leave.test.overlap',
        title: '重叠的审批规则',
        group: 'approvalChain',
        citations: ['LV-002-A'],
        conditions: {
          all: [
            { fact: 'applicantRole', operator: 'equal', value: 'ordinary' },
            { fact: 'days', operator: 'greaterThan', value: 200 },
          ],
        },
        outcomes: [{ type: 'approval', step: 1, roles: ['townshipHead'], action: 'approve' }],
      });
    expect(rule.status, JSON.stringify(rule.body)).toBe(201);
    const res = await t.http
      .post(url)
      .set(bearer(tokens.directorA))
      .send({ decision: 'leaveApproval', version: 'draft', facts: { ...LEAVE_FACTS, days: 250 } });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'RULE_CONFLICT', group: 'approvalChain' });
    expect(res.body.ruleIds).toContain('leave.test.overlap');
    const publish = await t.http.post(`/api/packs/${SEED_PACK}/publish`).set(bearer(tokens.directorA)).send({});
    expect(publish.status).toBe(422);
    expect(publish.body.code).toBe('PUBLISH_BLOCKED');
    expect((await t.http.delete(`/api/rules/${rule.body.id}`).set(bearer(tokens.directorA))).status).toBe(200);
  });

  it('a body over the limit is 413 and malformed JSON is 400', async () => {
    const big = { decision: 'leaveApproval', facts: LEAVE_FACTS, padding: 'x'.repeat(100_000) };
    const res = await t.http.post(url).set(bearer(tokens.viewerA)).send(big);
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
    const bad = await t.http
      .post(url)
      .set(bearer(tokens.viewerA))
      .set('Content-Type', 'application/json')
      .send('{"decision":');
    expect(bad.status).toBe(400);
  });
});
