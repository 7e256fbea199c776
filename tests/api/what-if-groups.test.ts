/**
 * What-if evaluates each distinct logged fact set once and weights it by how often it was
 * logged; the fact-set hash groups rows but never merges two different fact sets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DecisionInsert } from '../../api/features/decisions/decisions-store.js';
import type { Outcome } from '../../engine/index.js';
import { DATABASES, SEED_PACK, bearer, startApp, type TestApp } from './helpers/app.js';
import { loggedLeave, prepareWhatIfWorld } from './helpers/what-if-world.js';

describe.each(DATABASES)('what-if over grouped fact sets on %s', (kind) => {
  let t: TestApp;
  let outcomesV1 = new Map<number, Outcome[]>();
  /** `count` leave requests of `days` days, logged under version 1 with what it answered */
  const logLeave = (days: number, count: number): DecisionInsert[] =>
    Array.from({ length: count }, () => loggedLeave(outcomesV1, days, new Date().toISOString()));
  const whatIfDraft = async () => {
    const res = await t.http
      .post(`/api/packs/${SEED_PACK}/what-if`)
      .set(bearer(t.adminToken))
      .send({ against: 'draft', decision: 'leaveApproval' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    t = await startApp(kind);
    outcomesV1 = await prepareWhatIfWorld(t);
  });
  afterAll(() => t?.close());

  it('a fact set logged N times changes N results and is one case', async () => {
    await t.db('decisions').delete();
    const store = t.app.services.decisionsStore;
    await store.insertMany([
      ...logLeave(1, 3),
      ...logLeave(2, 7),
      ...logLeave(4, 2),
      ...logLeave(2, 1),
      ...logLeave(3, 4),
    ]);
    const firstIds = await t.db('decisions').orderBy('id').select('id');
    const result = await whatIfDraft();
    expect(result).toMatchObject({ total: 17, changed: 12 });
    expect(result.transitions).toEqual([
      { from: '分管领导+党委书记或镇长；1 日内销假', to: '分管领导；1 日内销假', count: 12 },
    ]);
    // one case per changed fact set, in order of first occurrence, named by its first row
    expect(result.cases.map((c: { id: number; facts: { days: number } }) => [c.id, c.facts.days])).toEqual([
      [Number(firstIds[3].id), 2],
      [Number(firstIds[13].id), 3],
    ]);
  });

  it('rows that share a hash but not their facts are evaluated apart: a collision cannot merge two fact sets', async () => {
    // 3 and 4 days got the same answer under version 1; under the draft only 3 days changes
    expect(outcomesV1.get(3)).toEqual(outcomesV1.get(4));
    await t.db('decisions').delete();
    await t.app.services.decisionsStore.insertMany([...logLeave(4, 5), ...logLeave(3, 2)]);
    const honest = await whatIfDraft();
    expect(honest).toMatchObject({ total: 7, changed: 2 });
    // as if SHA-256 had collided: every row claims the same fact-set hash
    await t.db('decisions').update({ facts_hash: 'AAAAAAAAAAAAAAAAAAAAAA' });
    const collided = await whatIfDraft();
    expect(collided).toMatchObject({ total: 7, changed: 2, transitions: honest.transitions });
    expect(collided.cases.map((c: { facts: { days: number } }) => c.facts.days)).toEqual([3]);
  });
});
