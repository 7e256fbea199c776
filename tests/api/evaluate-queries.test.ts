/**
 * What one evaluation asks of the database: one decision-log insert, and on SQLite (where no
 * notification tells of another process's publish) one read of the pack generation, made on a
 * connection of its own so that it neither queues behind the inserts on knex's single
 * connection nor goes through knex — the catalog snapshot the evaluation used also names the
 * pack's township for the log row, so the log does not read the catalog again. On PostgreSQL
 * the generation comes from LISTEN/NOTIFY (cache.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, LEAVE_FACTS, SEED_PACK, SEED_TOWNSHIP, bearer, startApp, type TestApp } from './helpers/app.js';

describe.each(DATABASES)('the queries of one evaluation on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp(kind);
  });
  afterAll(() => t?.close());

  it("an admin's evaluation reads the pack generation at most once and logs under the pack's township", async () => {
    const evaluate = () =>
      t.http
        .post(`/api/packs/${SEED_PACK}/evaluate`)
        .set(bearer(t.adminToken))
        .send({ decision: 'leaveApproval', facts: LEAVE_FACTS });
    expect((await evaluate()).status).toBe(200); // token and compiled pack cached
    const sql: string[] = [];
    const count = (query: { sql: string }) => {
      sql.push(query.sql);
    };
    t.db.on('query', count);
    try {
      expect((await evaluate()).status).toBe(200);
    } finally {
      t.db.removeListener('query', count);
    }
    const generationReads = sql.filter((q) => /pack_heads/.test(q) && /sum/i.test(q));
    expect(generationReads.length).toBeLessThanOrEqual(1);
    expect(sql.filter((q) => /^insert into "?decisions"?/i.test(q))).toHaveLength(1);
    const row = await t.db('decisions').orderBy('id', 'desc').first();
    expect(row).toMatchObject({ pack_id: SEED_PACK, caller: 'admin', township_id: SEED_TOWNSHIP });
  });

  it.runIf(kind === 'sqlite')(
    'on SQLite the generation is read beside knex: the shared connection runs only the log insert',
    async () => {
      const evaluate = () =>
        t.http
          .post(`/api/packs/${SEED_PACK}/evaluate`)
          .set(bearer(t.adminToken))
          .send({ decision: 'leaveApproval', facts: LEAVE_FACTS });
      expect((await evaluate()).status).toBe(200);
      const sql: string[] = [];
      const count = (query: { sql: string }) => {
        sql.push(query.sql);
      };
      t.db.on('query', count);
      try {
        expect((await evaluate()).status).toBe(200);
      } finally {
        t.db.removeListener('query', count);
      }
      expect(sql.filter((q) => /pack_heads/.test(q))).toEqual([]);
      // and what it reads is current: a publish in this process is evaluated with at once
      const before = await t.db('pack_heads').sum({ g: 'counter' }).first();
      expect(await t.app.services.packsStore.generationSignal.current()).toBe(Number(before?.g));
      await t.db.transaction(async (trx) => t.app.services.packsStore.bumpHead(trx, SEED_PACK, 1));
      expect(await t.app.services.packsStore.generationSignal.current()).toBe(Number(before?.g) + 1);
    },
  );
});
