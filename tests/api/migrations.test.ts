/**
 * The newest migration (approvers, publish requests, version adoption columns) steps
 * down and up again with real rows in the tables, on every database, and loses none of them.
 */
import { describe, expect, it } from 'vitest';
import { tmpdir } from 'node:os';
import { createDb, describeDatabase, migrate, migrateDown } from '../../api/db/knex.js';
import { seedIfEmpty } from '../../api/db/seed.js';
import { factsHash } from '../../api/features/decisions/decisions-store.js';
import { SHIPPED_RULES_DIR } from '../../engine/index.js';
import { DATABASES, SEED_PACK, freshDatabase } from './helpers/app.js';

describe.each(DATABASES)('migrations on %s', (kind) => {
  it('20261202_adoption goes down and up again with versions, users and decisions in place', async () => {
    const database = await freshDatabase(kind);
    const db = createDb(describeDatabase(database.url, tmpdir()));
    try {
      await migrate(db);
      await seedIfEmpty(db, { rulesDir: SHIPPED_RULES_DIR, adminPassword: 'migration-test-password' });
      const versionsBefore = await db('versions').count({ n: '*' }).first();
      await db('versions')
        .where({ pack_id: SEED_PACK, version: 1 })
        .update({ basis_date: '2026-12-01', bypass_reason: '初始导入' });
      await db('publish_requests').insert({
        pack_id: SEED_PACK,
        township_id: 'county-township',
        status: 'requested',
        draft_revision: 1,
        bundle: '{}',
        chain_versions: '{}',
        approvals_needed: 1,
        requested_by: 'admin',
        requested_at: new Date().toISOString(),
        frozen: '{}',
      });

      // newer migrations first, then the adoption one
      while (await db.schema.hasTable('publish_requests')) await migrateDown(db);
      expect(await db.schema.hasTable('publish_requests')).toBe(false);
      expect(await db.schema.hasColumn('versions', 'basis_date')).toBe(false);
      expect(await db.schema.hasColumn('users', 'can_approve')).toBe(false);
      expect(await db.schema.hasColumn('decisions', 'as_of')).toBe(false);
      expect(await db('versions').count({ n: '*' }).first()).toEqual(versionsBefore);
      expect(await db('users').where({ username: 'admin' }).first()).toBeTruthy();

      await migrate(db);
      expect(await db('versions').count({ n: '*' }).first()).toEqual(versionsBefore);
      expect(await db('versions').where({ pack_id: SEED_PACK, version: 1 }).first()).toMatchObject({
        basis_date: null,
        status: 'published',
      });
      expect(Boolean((await db('users').where({ username: 'admin' }).first()).can_approve)).toBe(false);
      // the requests went with their table: a fresh, empty one is back
      expect(Number((await db('publish_requests').count({ n: '*' }).first())?.n)).toBe(0);
      expect(await db.schema.hasColumn('decisions', 'as_of')).toBe(true);
    } finally {
      await db.destroy();
      await database.drop();
    }
  });

  it('20261221_decision_facts_hash hashes the rows logged without a hash, in blocks, and no other', async () => {
    const database = await freshDatabase(kind);
    const db = createDb(describeDatabase(database.url, tmpdir()));
    try {
      await migrate(db);
      const row = (i: number, hash: string | null) => ({
        at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
        pack_id: SEED_PACK,
        version: '1',
        decision: i % 2 ? 'leaveApproval' : 'attendance',
        facts: JSON.stringify({ days: i % 7, note: '病假' }),
        outcomes: '[]',
        outcome_types: ',,',
        caller: 'admin',
        caller_kind: 'user',
        township_id: null,
        facts_hash: hash,
      });
      // more than one block of unhashed rows, and one row whose (odd) hash must stay
      const rows = Array.from({ length: 2300 }, (_, i) => row(i, null));
      rows.push(row(9999, 'kept-as-logged'));
      for (let i = 0; i < rows.length; i += 400) await db('decisions').insert(rows.slice(i, i + 400));
      await migrateDown(db, '20261221_decision_facts_hash.ts');
      await migrate(db);
      const stored: { decision: string; facts: string; facts_hash: string | null }[] = await db('decisions')
        .orderBy('id')
        .select('decision', 'facts', 'facts_hash');
      expect(stored).toHaveLength(2301);
      expect(stored.slice(0, 2300).every((r) => r.facts_hash === factsHash(r.decision, r.facts))).toBe(true);
      expect(stored[2300].facts_hash).toBe('kept-as-logged');
    } finally {
      await db.destroy();
      await database.drop();
    }
  });
  it('20261222_decision_fact_sets counts the log already there exactly as its triggers count new rows', async () => {
    const database = await freshDatabase(kind);
    const db = createDb(describeDatabase(database.url, tmpdir()));
    try {
      await migrate(db);
      // across a month's edge in China Standard Time, two townships, with and without a hash
      const rows = Array.from({ length: 600 }, (_, i) => {
        const facts = JSON.stringify({ days: i % 5 });
        return {
          at: new Date(Date.UTC(2026, 0, 31, 14 + (i % 4), i % 60)).toISOString(),
          pack_id: SEED_PACK,
          version: String(1 + (i % 2)),
          decision: 'leaveApproval',
          facts,
          outcomes: i % 3 ? '[]' : '[{"type":"approver"}]',
          outcome_types: ',,',
          caller: 'admin',
          caller_kind: 'user',
          township_id: i % 7 ? 'county-township' : null,
          facts_hash: i % 11 ? factsHash('leaveApproval', facts) : null,
        };
      });
      for (let i = 0; i < rows.length; i += 200) await db('decisions').insert(rows.slice(i, i + 200));
      const counted = async () =>
        (
          await db('decision_fact_sets').select(
            'pack_id',
            'month',
            'township_id',
            'version',
            'facts_key',
            'outcomes',
            'n',
            'first_id',
          )
        )
          .map((r) => ({ ...r, n: Number(r.n), first_id: Number(r.first_id) }))
          .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
      const byTriggers = await counted();
      expect(new Set(byTriggers.map((r) => r.month))).toEqual(new Set(['2026-01', '2026-02']));
      expect(byTriggers.reduce((n, r) => n + r.n, 0)).toBe(rows.length);

      while (await db.schema.hasTable('decision_fact_sets')) await migrateDown(db);
      await migrate(db);
      expect(await counted()).toEqual(byTriggers);
    } finally {
      await db.destroy();
      await database.drop();
    }
  });
});
