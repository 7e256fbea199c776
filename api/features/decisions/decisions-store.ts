/**
 * The `decisions` table: multi-row inserts, ra-data-simple-rest lists with the
 * decision-log filters, paged scans for export and what-if, and the retention purge.
 */
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { isDay, isMoment, outcomesLabel, startOfDay, type Outcome } from '../../../engine/index.js';
import { fromJson, type Db } from '../../db/knex.js';
import { BadRequestError, ValidationError } from '../../errors.js';
import { listQuery, type ListParams } from '../../http/list.js';
import { groupFactSets, type FactSetRow } from './fact-set-groups.js';
import { readSummary, repairMonths, type SummaryScope } from './fact-set-summary.js';

export interface DecisionInsert {
  at: string;
  packId: string;
  version: string;
  decision: string;
  facts: Record<string, unknown>;
  outcomes: Outcome[];
  caller: string;
  callerKind: 'user' | 'api';
  townshipId: string | null;
  /** the day of the event the caller asked for, when not "now" */
  asOf?: string | null;
}

export interface DecisionRow {
  id: number | string;
  at: string;
  pack_id: string;
  version: string;
  decision: string;
  facts: string;
  outcomes: string;
  outcome_types: string;
  caller: string;
  caller_kind: string;
  township_id: string | null;
  as_of?: string | null;
  /** factsHash of the facts (null for rows logged before it was stored) */
  facts_hash?: string | null;
}

const INSERT_COLUMNS = [
  'at',
  'pack_id',
  'version',
  'decision',
  'facts',
  'outcomes',
  'outcome_types',
  'caller',
  'caller_kind',
  'township_id',
  'as_of',
  'facts_hash',
];
/** Rows per INSERT statement: 12 bindings each stays below SQLite's 32766 and PostgreSQL's 65535. */
export const ROWS_PER_INSERT = 2500;

/** Filters that are plain column equality (listQuery handles them). */
const COLUMNS: Record<string, string> = {
  id: 'id',
  at: 'at',
  packId: 'pack_id',
  version: 'version',
  decision: 'decision',
  caller: 'caller',
  callerKind: 'caller_kind',
  townshipId: 'township_id',
  asOf: 'as_of',
};
/** The same, for lookups by a field name from the query string ("constructor" is not a column). */
const COLUMN_OF = new Map(Object.entries(COLUMNS));

/** Filters with their own meaning; everything else goes to listQuery's column equality. */
export interface DecisionFilter {
  outcomeType?: string[];
  from?: string;
  to?: string;
}

/**
 * A fact set's identity for what-if: equal for the same decision and the same facts JSON text
 * (as logged; keys in the caller's order). 128 bits of SHA-256 in base64url: collisions are
 * not a concern at any log size.
 */
export function factsHash(decision: string, factsJson: string): string {
  return createHash('sha256').update(decision).update('\u0000').update(factsJson).digest('base64url').slice(0, 22);
}

export function outcomeTypesText(outcomes: Outcome[]): string {
  return `,${[...new Set(outcomes.map((o) => o.type))].sort().join(',')},`;
}

export function decisionRecord(row: DecisionRow) {
  const outcomes = fromJson<Outcome[]>(row.outcomes) ?? [];
  return {
    id: Number(row.id),
    at: row.at,
    packId: row.pack_id,
    version: row.version,
    decision: row.decision,
    facts: fromJson<Record<string, unknown>>(row.facts),
    outcomes,
    outcomeTypes: row.outcome_types.split(',').filter(Boolean),
    summary: outcomesLabel(outcomes, 'zh'),
    caller: row.caller,
    callerKind: row.caller_kind,
    townshipId: row.township_id,
    asOf: row.as_of ?? null,
  };
}
export type DecisionRecord = ReturnType<typeof decisionRecord>;

/**
 * A period bound: a calendar day (YYYY-MM-DD, that day in China Standard Time, UTC+8; `to`
 * days include the whole day) or an ISO moment with its zone. Anything else, 2026-02-30
 * included, is a 422 naming `path`.
 */
export function periodBound(value: unknown, end: boolean, path = end ? '/filter/to' : '/filter/from'): string {
  if (typeof value === 'string' && isDay(value))
    return end ? new Date(Date.parse(startOfDay(value)) + 24 * 3600 * 1000).toISOString() : startOfDay(value);
  if (typeof value === 'string' && isMoment(value)) return new Date(value).toISOString();
  throw new ValidationError([
    {
      path,
      message: 'must be a calendar day (2026-11-01) or an ISO moment with a zone (2026-11-01T08:00:00+08:00)',
      messageZh: '应为有效日期（如 2026-11-01）或带时区的时间（如 2026-11-01T08:00:00+08:00）',
    },
  ]);
}

/**
 * Apply the decision-log filters (outcomeType, from, to, pack alias) and the township scope;
 * returns the remaining column filters for listQuery.
 */
export function applyDecisionFilter(
  q: Knex.QueryBuilder,
  filter: Record<string, unknown>,
  township: string | null,
): Record<string, unknown> {
  const rest: Record<string, unknown> = { ...filter };
  if (rest.pack !== undefined && rest.packId === undefined) rest.packId = rest.pack;
  delete rest.pack;
  if (township !== null) q.where('township_id', township);
  const types = rest.outcomeType;
  delete rest.outcomeType;
  if (types !== undefined && types !== null) {
    const list = (Array.isArray(types) ? types : [types]).map(String);
    q.where((w) => {
      for (const type of list) w.orWhere('outcome_types', 'like', `%,${type.replace(/[%_,]/g, '')},%`);
      if (!list.length) w.whereRaw('1 = 0');
    });
  }
  if (rest.from !== undefined) q.where('at', '>=', periodBound(rest.from, false));
  if (rest.to !== undefined) {
    q.where('at', isDayBound(rest.to) ? '<' : '<=', periodBound(rest.to, true));
  }
  delete rest.from;
  delete rest.to;
  for (const key of Object.keys(rest)) {
    if (key !== 'q' && !COLUMN_OF.has(key) && rest[key] !== undefined)
      throw new BadRequestError(`cannot filter on ${key}`, `不能按「${key}」筛选`);
  }
  return rest;
}

/** A `to` bound that is a calendar day is exclusive (the next day's start), a moment inclusive. */
const isDayBound = (to: unknown) => typeof to === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(to);

/**
 * The summary's scope for what what-if selects (a pack, maybe a decision and a period, the
 * township scope); undefined for any other filter, which only the raw rows answer.
 */
function summaryScope(filter: Record<string, unknown>, township: string | null): SummaryScope | undefined {
  const { packId, pack, decision, from, to, ...rest } = filter;
  const id = packId ?? pack;
  if (Object.values(rest).some((v) => v !== undefined) || typeof id !== 'string') return undefined;
  if (decision !== undefined && typeof decision !== 'string') return undefined;
  return {
    packId: id,
    township,
    decision,
    ...(from !== undefined ? { from: periodBound(from, false) } : {}),
    ...(to !== undefined ? { to: periodBound(to, true), toIncluded: !isDayBound(to) } : {}),
  };
}

export class DecisionsStore {
  constructor(private readonly db: Db) {}

  /** One INSERT … VALUES (…),(…) per ROWS_PER_INSERT rows (a batch of ≤ 1000 items is one statement). */
  async insertMany(rows: DecisionInsert[], trx?: Knex.Transaction): Promise<void> {
    const db = trx ?? this.db;
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
      const chunk = rows.slice(i, i + ROWS_PER_INSERT);
      const bindings: Knex.Value[] = [];
      for (const r of chunk) {
        const facts = JSON.stringify(r.facts);
        bindings.push(
          r.at,
          r.packId,
          r.version,
          r.decision,
          facts,
          JSON.stringify(r.outcomes),
          outcomeTypesText(r.outcomes),
          r.caller,
          r.callerKind,
          r.townshipId,
          r.asOf ?? null,
          factsHash(r.decision, facts),
        );
      }
      const tuple = `(${INSERT_COLUMNS.map(() => '?').join(',')})`;
      await db.raw(
        `insert into decisions (${INSERT_COLUMNS.join(',')}) values ${chunk.map(() => tuple).join(',')}`,
        bindings,
      );
    }
  }

  /** `township`: null = everything (admins), otherwise only that township's decisions. */
  async list(params: ListParams, township: string | null) {
    const q = this.db('decisions').select('*');
    const filter = applyDecisionFilter(q, params.filter, township);
    const { rows, total } = await listQuery<DecisionRow>(
      q,
      { ...params, filter },
      COLUMNS,
      { field: 'id', order: 'DESC' },
      ['caller', 'decision', 'facts'],
    );
    return { rows: rows.map(decisionRecord), total };
  }

  async get(id: number): Promise<DecisionRecord | undefined> {
    if (!Number.isSafeInteger(id)) return undefined;
    const row = await this.db('decisions').where({ id }).first();
    return row ? decisionRecord(row) : undefined;
  }

  private filtered(filter: Record<string, unknown>, township: string | null): Knex.QueryBuilder {
    const q = this.db('decisions');
    const rest = applyDecisionFilter(q, filter, township);
    for (const [key, value] of Object.entries(rest)) {
      if (value === undefined || key === 'q') continue;
      const column = COLUMN_OF.get(key)!;
      // the API validated the filter against its schema: codes, numbers and dates
      if (Array.isArray(value)) q.whereIn(column, value as Knex.Value[]);
      else if (value === null) q.whereNull(column);
      else q.where(column, value as Knex.Value);
    }
    return q;
  }

  async count(filter: Record<string, unknown>, township: string | null): Promise<number> {
    const row = await this.filtered(filter, township).count({ n: '*' }).first();
    return Number(row?.n ?? 0);
  }

  /** Up to two distinct versions the selected rows were logged under (one means "all the same"). */
  async versions(filter: Record<string, unknown>, township: string | null): Promise<string[]> {
    const scope = summaryScope(filter, township);
    const summary = scope && (await readSummary(this.db, scope, false));
    if (!summary) return this.versionsOf(this.filtered(filter, township));
    const versions = new Set(summary.versions);
    // a period's rows in a cut month were logged under that month's versions: when all
    // months share one, that is the answer, if any row is inside at all
    const possible = new Set([...versions, ...summary.rawMonths.flatMap((m) => m.versions)]);
    if (possible.size === 1) {
      if (versions.size) return [...versions];
      for (const month of summary.rawMonths)
        if (await this.inMonth(filter, township, month).first('id')) return [...possible];
      return [];
    }
    for (const month of summary.rawMonths) {
      if (versions.size > 1) break;
      for (const v of await this.versionsOf(this.inMonth(filter, township, month))) versions.add(v);
    }
    return [...versions].slice(0, 2);
  }

  private async versionsOf(q: Knex.QueryBuilder): Promise<string[]> {
    const rows = await q.distinct('version').limit(2);
    return rows.map((r: { version: string }) => String(r.version));
  }

  /** The selected rows logged in a month (see fact-set-summary). */
  private inMonth(filter: Record<string, unknown>, township: string | null, month: { start: string; end: string }) {
    return this.filtered(filter, township).where('at', '>=', month.start).where('at', '<', month.end);
  }

  /**
   * The selected rows in id order, one page (keyset, `pageSize` rows) at a time, so that a
   * million rows never sit in memory at once. `onPage` may be async.
   */
  async scan(
    filter: Record<string, unknown>,
    township: string | null,
    pageSize: number,
    onPage: (rows: DecisionRow[]) => unknown | Promise<unknown>,
  ): Promise<void> {
    let after = 0;
    for (;;) {
      const rows: DecisionRow[] = await this.filtered(filter, township)
        .where('id', '>', after)
        .orderBy('id', 'asc')
        .limit(pageSize)
        .select('*');
      if (!rows.length) return;
      after = Number(rows[rows.length - 1].id);
      await onPage(rows);
      if (rows.length < pageSize) return;
    }
  }

  /** The lowest and highest id of the selected rows and how many there are. */
  async idRange(
    filter: Record<string, unknown>,
    township: string | null,
  ): Promise<{ min: number; max: number; count: number }> {
    return this.rangeOf(this.filtered(filter, township));
  }

  private async rangeOf(q: Knex.QueryBuilder): Promise<{ min: number; max: number; count: number }> {
    const row: { lo: number | string | null; hi: number | string | null; n: number | string } | undefined = await q
      .select(this.db.raw('min(id) as lo'), this.db.raw('max(id) as hi'), this.db.raw('count(*) as n'))
      .first();
    return { min: Number(row?.lo ?? 0), max: Number(row?.hi ?? 0), count: Number(row?.n ?? 0) };
  }

  /**
   * The selected rows grouped by what what-if tells apart (decision, fact set, logged outcomes),
   * in order of first occurrence; `onProgress(done, total)` counts the rows grouped so far.
   * What what-if selects is read from the summary (decision_fact_sets): whole months as
   * counted, the months a period cuts (or a deletion left unknown) from their raw rows. Any
   * other filter, or a fact set whose rows the summary cannot tell apart, groups the raw rows.
   */
  async factSetGroups(
    filter: Record<string, unknown>,
    township: string | null,
    onProgress?: (done: number, total: number) => unknown,
  ): Promise<{ groups: FactSetRow[]; logged: number }> {
    const scope = summaryScope(filter, township);
    const summary = scope && (await readSummary(this.db, scope));
    if (!summary) return this.groupRows(filter, township, onProgress);
    const sum = (list: { count: number }[]) => list.reduce((n, g) => n + g.count, 0);
    let done = sum(summary.groups);
    // months cut by the period count fully here: the total is an upper bound until the end
    const total = done + sum(summary.rawMonths);
    await onProgress?.(done, total);
    const key = (g: FactSetRow) => `${g.decision}\u0000${g.factsKey}\u0000${g.outcomes}`;
    const groups = new Map(summary.groups.map((g) => [key(g), { ...g }]));
    for (const month of summary.rawMonths) {
      const range = await this.rangeOf(this.inMonth(filter, township, month));
      if (!range.count) continue;
      const rows = (after: number, upTo: number) =>
        this.inMonth(filter, township, month).where('id', '>', after).where('id', '<=', upTo);
      const before = done;
      const raw = await groupFactSets(this.db, rows, range, (n) => onProgress?.(Math.min(before + n, total), total));
      // texts told apart in this month: only the whole log's rows tell them apart everywhere
      if (raw.split) return this.groupRows(filter, township, onProgress);
      for (const g of raw.groups) {
        const found = groups.get(key(g));
        if (!found) groups.set(key(g), g);
        else if (found.facts !== g.facts) return this.groupRows(filter, township, onProgress);
        else {
          found.count += g.count;
          found.firstId = Math.min(found.firstId, g.firstId);
        }
      }
      done += range.count;
    }
    const all = [...groups.values()].sort((a, b) => a.firstId - b.firstId);
    return { groups: all, logged: sum(all) };
  }

  /** factSetGroups from the raw rows, one id block at a time (see fact-set-groups). */
  private async groupRows(
    filter: Record<string, unknown>,
    township: string | null,
    onProgress?: (done: number, total: number) => unknown,
  ): Promise<{ groups: FactSetRow[]; logged: number }> {
    const range = await this.idRange(filter, township);
    await onProgress?.(0, range.count);
    if (!range.count) return { groups: [], logged: 0 };
    const rows = (after: number, upTo: number) =>
      this.filtered(filter, township).where('id', '>', after).where('id', '<=', upTo);
    const { groups } = await groupFactSets(this.db, rows, range, (done) =>
      onProgress?.(Math.min(done, range.count), range.count),
    );
    return { groups, logged: groups.reduce((sum, g) => sum + g.count, 0) };
  }

  /**
   * Delete entries logged before `cutoff` (ISO); returns how many. The summary's triggers
   * count them out; the months the cutoff cuts are recounted (their first ids went with the rows).
   */
  async purgeBefore(cutoff: string): Promise<number> {
    const deleted = Number(await this.db('decisions').where('at', '<', cutoff).delete());
    if (deleted) await repairMonths(this.db);
    return deleted;
  }
}
