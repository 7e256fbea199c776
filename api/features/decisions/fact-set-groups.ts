/**
 * The decision log grouped for what-if: one row per (decision, fact set, logged outcomes) with
 * how many logged decisions it stands for, its first id and the facts text of a member.
 *
 * A fact set is told apart by decisions.facts_hash (SHA-256 of the decision and the facts
 * text), or by the facts text itself for rows logged without a hash. A hash is never trusted
 * blindly: every row added to a group is compared with the group's facts text, and a group that
 * turns out to hold two different texts (a collision, or a forged hash) is split by its texts.
 *
 * The log is read one id block at a time, so the job row can show progress between blocks.
 * - SQLite sorts for GROUP BY (a million rows: several seconds, spilling to temp files). Here
 *   each block is added to a small per-run temp table keyed by the group (INSERT … SELECT …
 *   ON CONFLICT DO UPDATE n = n + 1): a few thousand groups, a lookup per row, no sort, and no
 *   row crosses into JavaScript (node-sqlite3's each/stream cost 3–5× the whole grouping).
 * - PostgreSQL hash-aggregates each block (streaming the rows out through pg-query-stream and
 *   grouping them here measured 4–5× slower: a million rows parsed in JavaScript).
 */
import type { Knex } from 'knex';
import { isPostgres, type Db } from '../../db/knex.js';

export interface FactSetRow {
  decision: string;
  outcomes: string;
  /** facts_hash, or the facts text for rows logged without one */
  factsKey: string;
  /** the facts text (as logged) */
  facts: string;
  count: number;
  firstId: number;
}

/** ids per block: progress between blocks, short statements for the database */
const ID_BLOCK = 100_000;

/** `rows(after, upTo)`: the selected rows with ids in (after, upTo], a fresh query each call. */
export type RowsInBlock = (after: number, upTo: number) => Knex.QueryBuilder;

/**
 * Groups of the rows with ids in (min - 1, max], in order of first occurrence; `onProgress(done)`
 * after each block. `split`: some group's rows shared a key but not their facts text and were
 * told apart by the text (which then is their key).
 */
export async function groupFactSets(
  db: Db,
  rows: RowsInBlock,
  range: { min: number; max: number },
  onProgress?: (done: number) => unknown,
): Promise<{ groups: FactSetRow[]; split: boolean }> {
  const blocks: [number, number][] = [];
  for (let after = range.min - 1; after < range.max; after += ID_BLOCK)
    blocks.push([after, Math.min(after + ID_BLOCK, range.max)]);
  const groups = isPostgres(db)
    ? await groupOnPostgres(db, rows, blocks, onProgress)
    : await groupOnSqlite(db, rows, blocks, onProgress);
  const split: FactSetRow[] = [];
  for (const group of groups) {
    if (!group.mixed) split.push(group);
    else split.push(...(await splitByFactsText(db, rows, range, group)));
  }
  return { groups: split.sort((a, b) => a.firstId - b.firstId), split: groups.some((g) => g.mixed) };
}

type MaybeMixed = FactSetRow & { mixed: boolean };

interface GroupRecord {
  decision: string;
  outcomes: string;
  facts_key: string;
  facts: string;
  n: number | string;
  first_id: number | string;
  mixed: boolean | number;
}

const toGroup = (r: GroupRecord): MaybeMixed => ({
  decision: r.decision,
  outcomes: r.outcomes,
  factsKey: r.facts_key,
  facts: r.facts,
  count: Number(r.n),
  firstId: Number(r.first_id),
  mixed: Boolean(r.mixed),
});

/** A run's temp table name (unique in this process: concurrent runs share SQLite's one connection). */
let runs = 0;

async function groupOnSqlite(
  db: Db,
  rows: RowsInBlock,
  blocks: [number, number][],
  onProgress?: (done: number) => unknown,
): Promise<MaybeMixed[]> {
  const table = `what_if_groups_${process.pid}_${++runs}`;
  await db.raw(`create temp table ${table} (decision text not null, facts_key text not null, outcomes text not null, facts text not null,
    n integer not null, first_id integer not null, mixed integer not null, primary key (decision, facts_key, outcomes)) without rowid`);
  try {
    for (const [after, upTo] of blocks) {
      // rows in id order: the first row to reach a group is its first id
      const select = rows(after, upTo)
        .select('decision', db.raw('coalesce(facts_hash, facts)'), 'outcomes', 'facts', db.raw('1'), 'id', db.raw('0'))
        .orderBy('id')
        .toSQL()
        .toNative();
      await db.raw(
        `insert into temp.${table} (decision, facts_key, outcomes, facts, n, first_id, mixed) ${select.sql}
        on conflict (decision, facts_key, outcomes) do update set n = n + 1, mixed = mixed or facts <> excluded.facts`,
        select.bindings as Knex.RawBinding[],
      );
      if (onProgress)
        await onProgress(Number((await db.raw(`select coalesce(sum(n), 0) as n from temp.${table}`))[0].n));
    }
    return ((await db.raw(`select * from temp.${table}`)) as GroupRecord[]).map(toGroup);
  } finally {
    await db.raw(`drop table if exists temp.${table}`);
  }
}

/**
 * Each block hash-aggregated: PostgreSQL guesses a tenth of the rows as groups and picks a
 * sort (spilling to disk) unless told otherwise, for this statement only. Facts texts are
 * compared bytewise (collate "C"): only equality matters.
 */
async function groupOnPostgres(
  db: Db,
  rows: RowsInBlock,
  blocks: [number, number][],
  onProgress?: (done: number) => unknown,
): Promise<MaybeMixed[]> {
  const groups = new Map<string, MaybeMixed>();
  let done = 0;
  for (const [after, upTo] of blocks) {
    const block = await db.transaction(async (trx): Promise<GroupRecord[]> => {
      await trx.raw("set local enable_sort = off; set local work_mem = '32MB'");
      return rows(after, upTo)
        .transacting(trx)
        .select(
          'decision',
          'outcomes',
          db.raw('coalesce(facts_hash, facts) as facts_key'),
          db.raw('min(facts collate "C") as facts'),
          db.raw('min(facts collate "C") <> max(facts collate "C") as mixed'),
          db.raw('count(*) as n'),
          db.raw('min(id) as first_id'),
        )
        .groupBy('decision', db.raw('coalesce(facts_hash, facts)'), 'outcomes');
    });
    for (const record of block) {
      const row = toGroup(record);
      const key = `${row.decision}\u0000${row.factsKey}\u0000${row.outcomes}`;
      const group = groups.get(key);
      done += row.count;
      if (!group) groups.set(key, row);
      else {
        group.count += row.count;
        group.mixed ||= row.mixed || row.facts !== group.facts;
      }
    }
    await onProgress?.(done);
  }
  return [...groups.values()];
}

/** A group whose rows share a hash but not their facts text, grouped again by the text. */
async function splitByFactsText(
  db: Db,
  rows: RowsInBlock,
  range: { min: number; max: number },
  group: FactSetRow,
): Promise<FactSetRow[]> {
  const records: { facts: string; n: number | string; first_id: number | string }[] = await rows(
    range.min - 1,
    range.max,
  )
    .where({ decision: group.decision, outcomes: group.outcomes })
    .whereRaw('coalesce(facts_hash, facts) = ?', [group.factsKey])
    .select('facts', db.raw('count(*) as n'), db.raw('min(id) as first_id'))
    .groupBy('facts');
  // each text its own key: the text itself, which no hash (22 characters) can equal
  return records.map((r) => ({
    decision: group.decision,
    outcomes: group.outcomes,
    factsKey: r.facts,
    facts: r.facts,
    count: Number(r.n),
    firstId: Number(r.first_id),
  }));
}
