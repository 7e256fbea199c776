import type { Knex } from 'knex';
import { factsHash } from '../../features/decisions/decisions-store.js';

/** rows hashed per UPDATE statement (two bindings each, far below either database's limit) */
const BATCH = 1000;

/**
 * Backfill decisions.facts_hash for rows logged before the decision log wrote it (migration
 * 20261212 added the column empty): what-if groups the log by it, and rows without one had to
 * be grouped by their whole facts text. The hash is SHA-256 (see factsHash), which neither
 * database computes the same way, so rows are hashed here in id blocks, one UPDATE per block.
 * Rows an older server process writes while this runs still arrive without a hash; what-if
 * keeps telling those apart by their facts text.
 */
export async function up(knex: Knex): Promise<void> {
  let after = 0;
  for (;;) {
    const rows: { id: number | string; decision: string; facts: string }[] = await knex('decisions')
      .whereNull('facts_hash')
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH)
      .select('id', 'decision', 'facts');
    if (!rows.length) return;
    after = Number(rows[rows.length - 1].id);
    const cases = rows.map(() => 'when ? then ?').join(' ');
    const bindings = rows.flatMap((r) => [Number(r.id), factsHash(r.decision, r.facts)]);
    await knex.raw(
      `update decisions set facts_hash = case id ${cases} end where id in (${rows.map(() => '?').join(',')})`,
      [...bindings, ...rows.map((r) => Number(r.id))],
    );
  }
}

/** The hashes stay: they are what the decision log writes anyway. */
export async function down(): Promise<void> {}
