/**
 * What-if reads decision_fact_sets, the decision log counted by month and fact set: the counts
 * stay what the log says through inserts, updates and the retention purge, a period that cuts
 * a month counts exactly the rows inside it, and a shared hash never merges two fact sets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DecisionInsert } from '../../api/features/decisions/decisions-store.js';
import { periodBound } from '../../api/features/decisions/decisions-store.js';
import { purgeDecisions } from '../../api/features/decisions/retention.js';
import type { Outcome } from '../../engine/index.js';
import { DATABASES, LEAVE_FACTS, SEED_PACK, bearer, startApp, type TestApp } from './helpers/app.js';
import { loggedLeave, prepareWhatIfWorld } from './helpers/what-if-world.js';

const HOUR = 3600 * 1000;
/** the draft lets the supervising leader alone approve up to 3 days (version 1: 1 day): 2 and 3 days change */
const CHANGES = new Set([2, 3]);

interface Logged {
  id: number;
  at: string;
  days: number;
}

describe.each(DATABASES)('what-if over the counted decision log on %s', (kind) => {
  let t: TestApp;
  let outcomesV1 = new Map<number, Outcome[]>();
  const leave = (at: number, days: number): DecisionInsert => loggedLeave(outcomesV1, days, new Date(at).toISOString());
  /** a leave request every 7 h 13 min from 2026-01-01 for about three months, 1–4 days in turn */
  const logQuarter = async (): Promise<Logged[]> => {
    await t.db('decisions').delete();
    const start = Date.UTC(2025, 11, 31, 16);
    await t.app.services.decisionsStore.insertMany(
      Array.from({ length: 300 }, (_, i) => leave(start + i * (7 * HOUR + 13 * 60 * 1000), 1 + (i % 4))),
    );
    return (await t.db('decisions').orderBy('id').select('id', 'at', 'facts')).map((r) => ({
      id: Number(r.id),
      at: r.at,
      days: JSON.parse(r.facts).days,
    }));
  };
  const whatIf = async (body: object) => {
    const res = await t.http
      .post(`/api/packs/${SEED_PACK}/what-if`)
      .set(bearer(t.adminToken))
      .send({ against: 'draft', ...body });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as { total: number; changed: number; cases: { id: number; facts: { days: number } }[] };
  };
  /** the summary as the log says it should be: a count and the first id per month and fact set */
  const recount = async () => {
    const rows: { id: number | string; at: string; facts_hash: string; outcomes: string }[] = await t
      .db('decisions')
      .orderBy('id')
      .select('id', 'at', 'facts_hash', 'outcomes');
    const counts = new Map<string, { n: number; first_id: number }>();
    for (const r of rows) {
      const month = new Date(Date.parse(r.at) + 8 * HOUR).toISOString().slice(0, 7);
      const key = `${month} ${r.facts_hash} ${r.outcomes}`;
      const found = counts.get(key);
      if (found) found.n++;
      else counts.set(key, { n: 1, first_id: Number(r.id) });
    }
    return Object.fromEntries(counts);
  };
  const summary = async () => {
    const rows: { month: string; facts_key: string; outcomes: string; n: number | string; first_id: unknown }[] =
      await t.db('decision_fact_sets').select('month', 'facts_key', 'outcomes', 'n', 'first_id');
    return Object.fromEntries(
      rows.map((r) => [
        `${r.month} ${r.facts_key} ${r.outcomes}`,
        { n: Number(r.n), first_id: r.first_id === null ? null : Number(r.first_id) },
      ]),
    );
  };

  beforeAll(async () => {
    t = await startApp(kind);
    outcomesV1 = await prepareWhatIfWorld(t);
  });
  afterAll(() => t?.close());

  it('the log is counted by month and fact set as it is written, in the same statement', async () => {
    const logged = await logQuarter();
    expect(logged).toHaveLength(300);
    const expected = await recount();
    expect(Object.keys(expected).length).toBeGreaterThan(8);
    expect(await summary()).toEqual(expected);
    // through the API, too: an evaluation is counted once its reply is out
    const res = await t.http
      .post(`/api/packs/${SEED_PACK}/evaluate`)
      .set(bearer(t.adminToken))
      .send({ decision: 'leaveApproval', facts: { ...LEAVE_FACTS, days: 2 } });
    expect(res.status).toBe(200);
    expect(await summary()).toEqual(await recount());
  });

  it('a period that cuts through months counts exactly the decisions inside it', async () => {
    const logged = await logQuarter();
    const periods: { from?: string; to?: string }[] = [
      { from: '2026-01-15', to: '2026-02-20' },
      { from: '2026-01-01', to: '2026-01-31' },
      { from: '2026-02-01' },
      { to: '2026-02-10T08:30:00+08:00' },
      // bounds on a logged decision's moment: `to` as a moment includes it
      { from: logged[17].at, to: logged[250].at },
      { from: '2026-03-01', to: '2026-03-01' },
    ];
    for (const period of periods) {
      const from = period.from === undefined ? undefined : periodBound(period.from, false);
      const to = period.to === undefined ? undefined : periodBound(period.to, true);
      const toIncluded = period.to !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(period.to);
      const inside = logged.filter(
        (r) => (from === undefined || r.at >= from) && (to === undefined || (toIncluded ? r.at <= to : r.at < to)),
      );
      expect(inside.length, JSON.stringify(period)).toBeGreaterThan(0);
      expect(inside.length).toBeLessThan(logged.length);
      const result = await whatIf({ period });
      expect(result.total, JSON.stringify(period)).toBe(inside.length);
      expect(result.changed).toBe(inside.filter((r) => CHANGES.has(r.days)).length);
      // one case per changed fact set, named by its first decision inside the period
      const firsts = [...CHANGES].map((days) => inside.find((r) => r.days === days)!).sort((a, b) => a.id - b.id);
      expect(result.cases.map((c) => [c.id, c.facts.days])).toEqual(firsts.map((r) => [r.id, r.days]));
    }
    expect((await whatIf({})).total).toBe(logged.length);
  });

  it("a period's versions are those of the decisions inside it, in the months it cuts too", async () => {
    await t.db('decisions').delete();
    const day = (month: number, date: number) => Date.UTC(2026, month - 1, date, 2);
    const underVersion = (version: string, at: number, days: number) => ({ ...leave(at, days), version });
    // January whole under version 1; February under 1 early in the month and under 2 late in it
    await t.app.services.decisionsStore.insertMany([
      underVersion('1', day(1, 10), 2),
      underVersion('1', day(2, 5), 3),
      underVersion('2', day(2, 20), 2),
    ]);
    const versions = async (period: { from: string; to: string }) =>
      (await t.app.services.decisionsStore.versions({ packId: SEED_PACK, ...period }, null)).sort();
    expect(await versions({ from: '2026-01-01', to: '2026-02-10' })).toEqual(['1']);
    expect(await versions({ from: '2026-01-01', to: '2026-02-25' })).toEqual(['1', '2']);
    expect(await versions({ from: '2026-02-15', to: '2026-02-25' })).toEqual(['2']);
    expect(await versions({ from: '2026-02-10', to: '2026-02-15' })).toEqual([]);
    // what-if's "before" side names the one version when there is one
    const before = async (period: { from: string; to: string }) =>
      (
        await t.http
          .post(`/api/packs/${SEED_PACK}/what-if`)
          .set(bearer(t.adminToken))
          .send({ against: 'draft', period })
      ).body.before;
    expect(await before({ from: '2026-01-01', to: '2026-02-10' })).toBe('1');
  });

  it('the retention purge keeps the counts what the log says, first ids included', async () => {
    const logged = await logQuarter();
    // a cutoff in the middle of February: January goes, February is cut, March stays whole
    const cutoff = Date.parse('2026-02-14T05:00:00Z');
    const days = 10;
    const purged = await purgeDecisions(t.db, days, new Date(cutoff + days * 24 * HOUR));
    const kept = logged.filter((r) => r.at >= new Date(cutoff).toISOString());
    expect(purged.deleted).toBe(logged.length - kept.length);
    const counts = await summary();
    expect(counts).toEqual(await recount());
    expect(Object.values(counts).every((c) => c.first_id !== null)).toBe(true);
    const result = await whatIf({});
    expect(result.total).toBe(kept.length);
    expect(result.changed).toBe(kept.filter((r) => CHANGES.has(r.days)).length);
    expect(result.cases.map((c) => c.id)).toEqual(
      [...CHANGES].map((d) => kept.find((r) => r.days === d)!.id).sort((a, b) => a - b),
    );
    // deleting every row empties the counts
    await t.db('decisions').delete();
    expect(Number((await t.db('decision_fact_sets').count({ n: '*' }).first())!.n)).toBe(0);
  });

  it('fact sets that share a hash stay apart, in whole months and in the months a period cuts', async () => {
    // 3 and 4 days got the same answer under version 1; under the draft only 3 days changes
    expect(outcomesV1.get(3)).toEqual(outcomesV1.get(4));
    const logged = await logQuarter();
    const honest = await whatIf({});
    const period = { from: '2026-01-20', to: '2026-03-05' };
    const honestCut = await whatIf({ period });
    // as if SHA-256 had collided: 3 and 4 days claim one hash
    await t
      .db('decisions')
      .whereIn(
        'id',
        logged.filter((r) => r.days === 3 || r.days === 4).map((r) => r.id),
      )
      .update({ facts_hash: 'AAAAAAAAAAAAAAAAAAAAAA' });
    for (const [body, expected] of [
      [{}, honest],
      [{ period }, honestCut],
    ] as const) {
      const collided = await whatIf(body);
      expect(collided).toMatchObject({ total: expected.total, changed: expected.changed });
      expect(collided.cases.map((c) => [c.id, c.facts.days])).toEqual(expected.cases.map((c) => [c.id, c.facts.days]));
    }
    expect(await summary()).toEqual(await recount());
  });
});
