/**
 * The two review edits a person makes by hand on POST /packs/:id/proposals/edit: the outcomes of
 * a tier and the decision/fact of a group. A valid edit is stored with the draft and audited; an
 * outcome outside the shared schema or an unknown decision or fact is a 422 naming the field with
 * a JSON pointer, and nothing is saved; a stale If-Match is a 409.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, PASSWORD, bearer, startApp, type TestApp } from './helpers/app.js';

const TEXT = readFileSync(join(import.meta.dirname, '..', 'onboarding', 'liuhe-regulation.txt'), 'utf8');
const TOWNSHIP = 'liuhe';
const PACK = 'liuhe-rules';

describe.each(DATABASES)('editing outcomes and decisions of proposals on %s', (kind) => {
  let t: TestApp;
  let director: string;

  const auth = () => bearer(director);
  const view = async () => (await t.http.get(`/api/packs/${PACK}/proposals`).set(auth())).body;
  const edit = (body: object, revision: number) =>
    t.http.post(`/api/packs/${PACK}/proposals/edit`).set(auth()).set('If-Match', `"${revision}"`).send(body);
  const proposalOf = (state: any, decision: string) =>
    state.proposals.proposals.find((p: any) => p.decision === decision);
  const audited = async () => {
    const res = await t.http
      .get(`/api/audit-events?filter=${encodeURIComponent(JSON.stringify({ packId: PACK }))}`)
      .set(auth());
    return res.body.map((e: any) => e.action) as string[];
  };

  beforeAll(async () => {
    t = await startApp(kind);
    const admin = bearer(t.adminToken);
    expect((await t.http.post('/api/townships').set(admin).send({ id: TOWNSHIP, name: '柳河乡' })).status).toBe(201);
    expect(
      (
        await t.http
          .post('/api/users')
          .set(admin)
          .send({ username: 'director-e', password: PASSWORD, role: 'director', townshipId: TOWNSHIP })
      ).status,
    ).toBe(201);
    director = await t.login('director-e');
    const drafted = await t.http
      .post('/api/drafting/extract')
      .set(auth())
      .send({ text: TEXT, township: '柳河乡', packId: PACK, name: '柳河乡机关工作人员管理办法.txt' });
    expect(drafted.status).toBe(200);
    const bundle = drafted.body.bundle;
    bundle.pack.owner = { id: TOWNSHIP, name: '柳河乡', level: 'township' };
    expect((await t.http.post('/api/packs/import').set(auth()).send({ bundle })).status).toBe(201);
    const stored = await t.http.put(`/api/packs/${PACK}/proposals`).set(auth()).send(drafted.body.review.proposals);
    expect(stored.status, JSON.stringify(stored.body)).toBe(200);
  }, 120_000);
  afterAll(async () => t?.close());

  it('outcomes: a valid list is stored on the tier, clears its unmapped words, and is audited', async () => {
    const state = await view();
    const leave = proposalOf(state, 'leaveApproval');
    const outcomes = [
      { type: 'approval', step: 1, roles: ['supervisingLeader'], action: 'review' },
      { type: 'approval', step: 2, roles: ['townshipHead'], action: 'approve' },
    ];
    const res = await edit({ action: 'outcomes', proposal: leave.id, tier: 't1', outcomes }, state.revision);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.headers.etag).toBe(`"${state.revision + 1}"`);
    const after = await view();
    expect(after.revision).toBe(state.revision + 1);
    const tier = proposalOf(after, 'leaveApproval').tiers.find((x: any) => x.id === 't1');
    expect(tier.outcomes).toEqual(outcomes);
    expect(tier.unmapped).toEqual([]);
    expect(await audited()).toContain('proposals.outcomes');
  });

  it('outcomes: one outside the shared schema is a 422 with a JSON pointer to it, and nothing is saved', async () => {
    const state = await view();
    const leave = proposalOf(state, 'leaveApproval');
    const bad = [
      { type: 'approval', step: 1, roles: ['supervisingLeader'], action: 'approve' },
      { type: 'approval', step: 0, roles: [], action: 'approve' },
    ];
    const res = await edit({ action: 'outcomes', proposal: leave.id, tier: 't2', outcomes: bad }, state.revision);
    expect(res.status).toBe(422);
    expect(res.body.errors.length).toBeGreaterThan(0);
    expect(res.body.errors.map((e: any) => e.path).sort()).toEqual(['/outcomes/1/roles', '/outcomes/1/step']);
    expect(res.body.errors.every((e: any) => e.messageZh)).toBe(true);
    // a list that is not a list of outcomes at all
    const notAList = await edit(
      { action: 'outcomes', proposal: leave.id, tier: 't2', outcomes: 'approve' },
      state.revision,
    );
    expect(notAList.status).toBe(422);
    expect(notAList.body.errors[0].path).toBe('/outcomes');
    const after = await view();
    expect(after.revision).toBe(state.revision);
    expect(proposalOf(after, 'leaveApproval').tiers.find((x: any) => x.id === 't2')).toEqual(
      leave.tiers.find((x: any) => x.id === 't2'),
    );
  });

  it('decision: a known decision and fact are stored and audited; an unknown one is a 422 on its field', async () => {
    const state = await view();
    const target = state.proposals.proposals.find((p: any) => p.decision !== 'leaveApproval');
    let res = await edit(
      { action: 'decision', proposal: target.id, decision: 'noSuchDecision', fact: 'days' },
      state.revision,
    );
    expect(res.status).toBe(422);
    expect(res.body.errors[0].path).toBe('/decision');
    res = await edit(
      { action: 'decision', proposal: target.id, decision: 'penaltyEscalation', fact: 'noSuchFact' },
      state.revision,
    );
    expect(res.status).toBe(422);
    expect(res.body.errors[0].path).toBe('/fact');
    expect(res.body.errors[0].messageZh).toContain('noSuchFact');
    expect((await view()).revision).toBe(state.revision);

    res = await edit(
      { action: 'decision', proposal: target.id, decision: 'penaltyEscalation', fact: 'countIncludingThis' },
      state.revision,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const stored = (await view()).proposals.proposals.find((p: any) => p.id === target.id);
    expect([stored.decision, stored.fact, stored.guessZh]).toEqual([
      'penaltyEscalation',
      'countIncludingThis',
      '由人工选定。',
    ]);
    expect(await audited()).toContain('proposals.decision');
  });

  it('a stale If-Match is a 409 for both edits, and nothing is saved', async () => {
    const state = await view();
    const leave = proposalOf(state, 'leaveApproval');
    const stale = state.revision - 1;
    let res = await edit(
      {
        action: 'outcomes',
        proposal: leave.id,
        tier: 't2',
        outcomes: [{ type: 'approval', step: 1, roles: ['partySecretary'], action: 'approve' }],
      },
      stale,
    );
    expect(res.status).toBe(409);
    res = await edit({ action: 'decision', proposal: leave.id, decision: 'attendance', fact: 'minutes' }, stale);
    expect(res.status).toBe(409);
    const after = await view();
    expect(after.revision).toBe(state.revision);
    expect(after.proposals).toEqual(state.proposals);
  });
});
