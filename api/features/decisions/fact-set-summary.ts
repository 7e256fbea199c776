/**
 * decision_fact_sets: the decision log already grouped the way what-if reads it — one row per
 * (pack, month, township, decision, version, fact set, logged outcomes) with how many decisions it
 * stands for, the first one's id and a member's facts text. Triggers on `decisions` (migration
 * 20261222_decision_fact_sets) keep it in step with every insert, update and delete, inside the
 * statement that changes the log: a logged decision and its count are committed together,
 * whichever process or script wrote it.
 *
 * A month is a calendar month in China Standard Time (UTC+8), like the log's day filters, so
 * a period of whole days covers whole months plus at most two partial ones at its edges; only
 * those are grouped from the raw rows. A deletion that removes a group's first decision leaves
 * its first id unknown (null): that month is read from the raw rows until `repairMonths`
 * recounts it (retention does, after each purge).
 */
import type { Knex } from 'knex';
import { isPostgres, type Db } from '../../db/knex.js';
import type { FactSetRow } from './fact-set-groups.js';

/** The month of an ISO UTC moment `at` (a column or expression), '' when `at` is no such moment. */
export function monthSql(db: Db, at: string): string {
  return isPostgres(db)
    ? `decision_fact_sets_month(${at})`
    : `case when ${at} glob '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z' then coalesce(strftime('%Y-%m', ${at}, '+8 hours'), '') else '' end`;
}

/** The key of a fact set's summary row on PostgreSQL (texts may outgrow a btree entry). */
export const PG_KEY_SHA = `sha256(convert_to(coalesce(facts_hash, facts), 'UTF8') || '\\x00'::bytea || convert_to(outcomes, 'UTF8'))`;

const MONTH = /^(\d{4})-(\d{2})$/;

/** The moments a month spans, [start, end) as ISO UTC strings (what `decisions.at` holds). */
export function monthSpan(month: string): { start: string; end: string } {
  const [, year, mm] = MONTH.exec(month)!;
  const start = Date.UTC(Number(year), Number(mm) - 1, 1) - 8 * 3600 * 1000;
  const end = Date.UTC(Number(year), Number(mm), 1) - 8 * 3600 * 1000;
  return { start: new Date(start).toISOString(), end: new Date(end).toISOString() };
}

/**
 * INSERT … SELECT that counts the rows of `from` (decisions, or a trigger's changed rows)
 * matching `where` into decision_fact_sets, one statement; the caller adds ON CONFLICT or has
 * removed the rows it recounts. PostgreSQL groups by the key's hash and keeps the texts' least,
 * so that texts that differ under one hash mark the row mixed instead of failing the insert.
 */
export function summariseSql(db: Db, from: string, where: string): string {
  const filter = where ? `where ${where}` : '';
  if (!isPostgres(db))
    return `insert into decision_fact_sets (pack_id, month, township_id, decision, version, facts_key, outcomes, n, first_id, facts, mixed)
      select pack_id, ${monthSql(db, 'at')}, coalesce(township_id, ''), decision, version, coalesce(facts_hash, facts), outcomes,
        count(*), min(id), min(facts), min(facts) <> max(facts)
      from ${from} ${filter} group by 1, 2, 3, 4, 5, 6, 7`;
  const text = (column: string) => [`min(${column} collate "C")`, `max(${column} collate "C")`];
  const [facts, factsMax] = text('facts');
  const [key, keyMax] = text('coalesce(facts_hash, facts)');
  const [outcomes, outcomesMax] = text('outcomes');
  return `insert into decision_fact_sets (pack_id, month, township_id, decision, version, key_sha, facts_key, outcomes, n, first_id, facts, mixed)
    select pack_id, ${monthSql(db, 'at')}, coalesce(township_id, ''), decision, version, ${PG_KEY_SHA}, ${key}, ${outcomes},
      count(*), min(id), ${facts}, ${facts} <> ${factsMax} or ${key} <> ${keyMax} or ${outcomes} <> ${outcomesMax}
    from ${from} ${filter} group by 1, 2, 3, 4, 5, 6 order by 1, 2, 3, 4, 5, 6`;
}

/**
 * Recount the months whose first ids a deletion left unknown (at most a pack's month at the
 * retention cutoff). On PostgreSQL the log's writers wait meanwhile: a decision logged into
 * a month being recounted would otherwise be counted twice or not at all.
 */
export async function repairMonths(db: Db): Promise<number> {
  return db.transaction(async (trx) => {
    if (isPostgres(db)) await trx.raw('lock table decisions in share row exclusive mode');
    const stale: { pack_id: string; month: string }[] = await trx('decision_fact_sets')
      .whereNull('first_id')
      .distinct('pack_id', 'month');
    for (const { pack_id: pack, month } of stale) {
      await trx('decision_fact_sets').where({ pack_id: pack, month }).delete();
      const inMonth = MONTH.test(month) ? monthSpan(month) : undefined;
      await trx.raw(
        summariseSql(
          db,
          'decisions',
          `pack_id = ? and ${inMonth ? 'at >= ? and at < ? and ' : ''}${monthSql(db, 'at')} = ?`,
        ),
        [pack, ...(inMonth ? [inMonth.start, inMonth.end] : []), month] as Knex.RawBinding[],
      );
    }
    return stale.length;
  });
}

/** What a what-if selects: a pack's decisions, maybe one decision, maybe a period. */
export interface SummaryScope {
  packId: string;
  /** null: every township's rows */
  township: string | null;
  decision?: string;
  /** at ≥ from (ISO UTC) */
  from?: string;
  /** at < to, or at ≤ to when `toIncluded` (ISO UTC) */
  to?: string;
  toIncluded?: boolean;
}

/** a fact set with its count, as the grouping of raw rows gives it */
export type SummaryGroup = FactSetRow;

export interface SummaryRead {
  /** the whole months inside the scope, grouped */
  groups: SummaryGroup[];
  /** the months to group from the raw rows: cut by the period, or with an unknown first id */
  rawMonths: { start: string; end: string; count: number; versions: string[] }[];
  /** up to two versions the whole months' rows were logged under */
  versions: string[];
}

/**
 * The scope's fact sets from the summary: whole months counted, the rest named for the raw
 * rows. Undefined when the summary cannot answer exactly: a mixed group (its rows must be told
 * apart by their facts text) or rows whose month is unknown under a period filter.
 * `withGroups` false: only which months and versions (no groups).
 */
export async function readSummary(db: Db, scope: SummaryScope, withGroups = true): Promise<SummaryRead | undefined> {
  const where = (q: Knex.QueryBuilder) => {
    q.where('pack_id', scope.packId).where('n', '>', 0);
    if (scope.township !== null) q.where('township_id', scope.township);
    if (scope.decision !== undefined) q.where('decision', scope.decision);
    return q;
  };
  const months: {
    month: string;
    n: number | string;
    stale: number | string;
    mixed: number | string;
    version: string;
    version_max: string;
  }[] = await where(db('decision_fact_sets'))
    .groupBy('month')
    .select(
      'month',
      db.raw('sum(n) as n'),
      db.raw('count(*) - count(first_id) as stale'),
      db.raw('sum(case when mixed then 1 else 0 end) as mixed'),
      db.raw('min(version) as version'),
      db.raw('max(version) as version_max'),
    );
  const period = scope.from !== undefined || scope.to !== undefined;
  const whole: string[] = [];
  const rawMonths: SummaryRead['rawMonths'] = [];
  const versions = new Set<string>();
  for (const m of months) {
    if (Number(m.mixed) > 0) return undefined;
    if (!MONTH.test(m.month)) {
      if (period || Number(m.stale) > 0) return undefined;
      whole.push(m.month);
      versions.add(m.version).add(m.version_max);
      continue;
    }
    const { start, end } = monthSpan(m.month);
    const after = scope.from !== undefined && end <= scope.from;
    const before = scope.to !== undefined && (scope.toIncluded ? start > scope.to : start >= scope.to);
    if (after || before) continue;
    const inside = (scope.from === undefined || scope.from <= start) && (scope.to === undefined || end <= scope.to);
    if (inside && !Number(m.stale)) {
      whole.push(m.month);
      versions.add(m.version).add(m.version_max);
    } else rawMonths.push({ start, end, count: Number(m.n), versions: [m.version, m.version_max] });
  }
  if (!whole.length || !withGroups) return { groups: [], rawMonths, versions: [...versions].slice(0, 2) };
  const text = (column: string) => (isPostgres(db) ? `${column} collate "C"` : column);
  const records: {
    decision: string;
    facts_key: string;
    outcomes: string;
    n: number | string;
    first_id: number | string;
    facts: string;
    facts_max: string;
  }[] = await where(db('decision_fact_sets'))
    .whereIn('month', whole)
    .groupBy('decision', 'facts_key', 'outcomes')
    .select(
      'decision',
      'facts_key',
      'outcomes',
      db.raw('sum(n) as n'),
      db.raw('min(first_id) as first_id'),
      db.raw(`min(${text('facts')}) as facts`),
      db.raw(`max(${text('facts')}) as facts_max`),
    );
  if (records.some((r) => r.facts !== r.facts_max)) return undefined;
  return {
    groups: records.map((r) => ({
      decision: r.decision,
      outcomes: r.outcomes,
      factsKey: r.facts_key,
      facts: r.facts,
      count: Number(r.n),
      firstId: Number(r.first_id),
    })),
    rawMonths,
    versions: [...versions].slice(0, 2),
  };
}
