/**
 * The decision log's group commit: a reply never precedes its row, a failed insert fails the
 * requests it held (503, nothing claimed), and concurrent requests share inserts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DecisionInsert } from '../../api/features/decisions/decisions-store.js';
import { DATABASES, LEAVE_FACTS, SEED_PACK, SEED_TOWNSHIP, bearer, startApp, type TestApp } from './helpers/app.js';

describe.each(DATABASES)('decision log group commit on %s', (kind) => {
  let t: TestApp;
  let insertMany: typeof t.app.services.decisionsStore.insertMany;
  const url = `/api/packs/${SEED_PACK}/evaluate`;
  const evaluate = (days: number) =>
    t.http
      .post(url)
      .set(bearer(t.adminToken))
      .send({ decision: 'leaveApproval', facts: { ...LEAVE_FACTS, days } });
  const logged = async () => Number(((await t.db('decisions').count({ n: '*' }).first()) as { n: number | string }).n);

  beforeAll(async () => {
    t = await startApp(kind);
    const store = t.app.services.decisionsStore;
    insertMany = store.insertMany.bind(store);
  });
  afterEach(() => {
    t.app.services.decisionsStore.insertMany = insertMany;
  });
  afterAll(() => t?.close());

  it('answers only after its row is committed', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let inserting = 0;
    t.app.services.decisionsStore.insertMany = async (rows: DecisionInsert[]) => {
      inserting++;
      await gate;
      return insertMany(rows);
    };
    const before = await logged();
    let answered = false;
    const reply = evaluate(2).then((res) => {
      answered = true;
      return res;
    });
    // the insert has started and is held: no reply yet
    while (inserting === 0) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 50));
    expect(answered).toBe(false);
    release();
    const res = await reply;
    expect(res.status).toBe(200);
    expect(await logged()).toBe(before + 1);
    // an admin's evaluation is filed under the pack's township
    const row = await t.db('decisions').orderBy('id', 'desc').first();
    expect(row).toMatchObject({ township_id: SEED_TOWNSHIP, caller: 'admin' });
  });

  it('a failed insert fails every request it held with 503 and logs none of them', async () => {
    const before = await logged();
    let calls = 0;
    t.app.services.decisionsStore.insertMany = async () => {
      calls++;
      await new Promise((r) => setTimeout(r, 20));
      throw new Error('disk full');
    };
    const replies = await Promise.all(Array.from({ length: 8 }, (_, i) => evaluate(1 + i)));
    expect(calls).toBeGreaterThan(0);
    for (const res of replies) {
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({
        code: 'DECISION_LOG_UNAVAILABLE',
        messageZh: expect.stringMatching(/决策日志/),
      });
      expect(res.body.outcomes).toBeUndefined();
    }
    expect(await logged()).toBe(before);
    // the log recovers with the database
    t.app.services.decisionsStore.insertMany = insertMany;
    expect((await evaluate(3)).status).toBe(200);
    expect(await logged()).toBe(before + 1);
  });

  it('concurrent requests share inserts: fewer INSERT statements than requests, every row there', async () => {
    const before = await logged();
    let statements = 0;
    const count = (query: { sql: string }) => {
      if (/^insert into decisions/i.test(query.sql)) statements++;
    };
    t.db.on('query', count);
    try {
      const replies = await Promise.all(Array.from({ length: 60 }, (_, i) => evaluate(1 + (i % 30))));
      expect(replies.every((r) => r.status === 200)).toBe(true);
    } finally {
      t.db.removeListener('query', count);
    }
    expect(await logged()).toBe(before + 60);
    expect(statements).toBeGreaterThan(0);
    expect(statements).toBeLessThan(60);
  });

  it('stores a hash of each fact set; what-if counts hashed and older unhashed rows alike', async () => {
    for (const days of [2, 2, 2, 5]) expect((await evaluate(days)).status).toBe(200);
    const rows = await t.db('decisions').orderBy('id', 'desc').limit(4).select('facts', 'facts_hash');
    expect(rows.every((r) => typeof r.facts_hash === 'string' && r.facts_hash.length === 22)).toBe(true);
    expect(new Set(rows.map((r) => r.facts_hash)).size).toBe(2);
    const whatIf = async () =>
      (await t.http.post(`/api/packs/${SEED_PACK}/what-if`).set(bearer(t.adminToken)).send({ against: 1 })).body;
    const hashed = await whatIf();
    // rows logged before the hash existed
    await t.db('decisions').update({ facts_hash: null });
    const unhashed = await whatIf();
    expect(hashed.total).toBeGreaterThan(60);
    expect(unhashed).toMatchObject({ total: hashed.total, changed: hashed.changed, transitions: hashed.transitions });
  });
});
