/**
 * What decision_fact_sets' triggers cost the decision log's insert: DecisionsStore.insertMany
 * (what the group-committed log runs) with the triggers and without them (migration
 * 20261222_decision_fact_sets undone), alternately, round after round, on SQLite and (when
 * BENCH_PG_URL or TEST_PG_URL names a server) PostgreSQL. Shapes: one decision per statement
 * (an idle server), 20 (a loaded one's group commit) and 1000 (a batch evaluation). Prints the
 * median wall time per logged decision and, on SQLite, this process's CPU per decision (its
 * threads run SQLite; PostgreSQL's own processes are not counted).
 *
 *   npx tsx bench/decision-log-insert.ts
 *   BENCH_PG_URL=postgres://postgres@127.0.0.1:5433/postgres BENCH_ROUNDS=7 npx tsx bench/decision-log-insert.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, describeDatabase, migrate, migrateDown, type Db } from '../api/db/knex.js';
import { DecisionsStore, type DecisionInsert } from '../api/features/decisions/decisions-store.js';
import { buildPack, evaluateSync, folderSource } from '../engine/index.js';
import { throwawayPostgres } from '../tests/helpers/throwaway-postgres.js';
import { median } from './timing.js';

const PG_URL = process.env.BENCH_PG_URL ?? process.env.TEST_PG_URL;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
/** decisions per shape and round */
const DECISIONS = Number(process.env.BENCH_DECISIONS ?? 4000);
const SHAPES = [1, 20, 1000];

const PACK = 'county-township-cadres';
const pack = buildPack(PACK, folderSource()).compiled!;

/** one of 160 leave requests with what the shipped pack answers, logged now */
function decision(i: number): DecisionInsert {
  const facts = { applicantRole: i % 2 ? 'ordinary' : 'leader', leaveType: 'personal', days: (i % 80) / 2 + 0.5 };
  return {
    at: new Date().toISOString(),
    packId: PACK,
    version: '1',
    decision: 'leaveApproval',
    facts,
    outcomes: evaluateSync(pack, 'leaveApproval', facts, { trusted: true })!.outcomes,
    caller: 'bench',
    callerKind: 'user',
    townshipId: 'county-township',
  };
}

async function measure(db: Db, perStatement: number): Promise<{ wall: number; cpu: number }> {
  const store = new DecisionsStore(db);
  const rows = Array.from({ length: DECISIONS }, (_, i) => decision(i));
  rows.forEach((row) => (row.at = new Date().toISOString()));
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < rows.length; i += perStatement) await store.insertMany(rows.slice(i, i + perStatement));
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { wall: (wall * 1000) / DECISIONS, cpu: (used.user + used.system) / DECISIONS };
}

async function run(kind: string, url: string): Promise<void> {
  const db = createDb(describeDatabase(url, tmpdir()));
  try {
    await migrate(db);
    const results = new Map<string, { wall: number[]; cpu: number[] }>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const triggers of round % 2 ? [false, true] : [true, false]) {
        if (triggers) await migrate(db);
        else if (await db.schema.hasTable('decision_fact_sets'))
          await migrateDown(db, '20261222_decision_fact_sets.ts');
        for (const shape of SHAPES) {
          const { wall, cpu } = await measure(db, shape);
          const key = `${shape}\u0000${triggers}`;
          const found = results.get(key) ?? { wall: [], cpu: [] };
          found.wall.push(wall);
          found.cpu.push(cpu);
          results.set(key, found);
        }
      }
    }
    console.log(`\n${kind}: ${DECISIONS} decisions per shape and round, ${ROUNDS} rounds, medians`);
    for (const shape of SHAPES) {
      const off = results.get(`${shape}\u0000false`)!;
      const on = results.get(`${shape}\u0000true`)!;
      const cpu = kind === 'SQLite' ? `, CPU ${median(off.cpu).toFixed(0)} → ${median(on.cpu).toFixed(0)} µs` : '';
      console.log(
        `  ${String(shape).padStart(4)} per statement: wall ${median(off.wall).toFixed(0)} → ${median(on.wall).toFixed(0)} µs per decision (×${(median(on.wall) / median(off.wall)).toFixed(2)})${cpu}`,
      );
    }
  } finally {
    await db.destroy();
  }
}

async function main(): Promise<void> {
  console.log('decision log insert, without → with the decision_fact_sets triggers');
  const dir = mkdtempSync(join(tmpdir(), 'rules-bench-log-insert-'));
  try {
    await run('SQLite', `sqlite:${join(dir, 'bench.sqlite')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (PG_URL) {
    const pg = await throwawayPostgres(PG_URL, `rules_bench_log_insert_${process.pid}`);
    try {
      await run('PostgreSQL', pg.url);
    } finally {
      await pg.drop();
    }
  } else console.log('\nPostgreSQL: skipped (set BENCH_PG_URL or TEST_PG_URL)');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
