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
    const date = typeof rest.to === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(rest.to);
    q.where('at', date ? '<' : '<=', periodBound(rest.to, true));
  }
  delete rest.from;
  delete rest.to;
  for (const key of Object.keys(rest)) {
    if (key !== 'q' && !COLUMN_OF.has(key) && rest[key] !== undefined)
      throw new BadRequestError(`cannot filter on ${key}`, `不能按「${key}」筛选`);
  }
  return rest;
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
    const rows = await this.filtered(filter, township).distinct('version').limit(2);
    return rows.map((r: { version: string }) => String(r.version));
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
    const row: { lo: number | string | null; hi: number | string | null; n: number | string } | undefined =
      await this.filtered(filter, township)
        .select(this.db.raw('min(id) as lo'), this.db.raw('max(id) as hi'), this.db.raw('count(*) as n'))
        .first();
    return { min: Number(row?.lo ?? 0), max: Number(row?.hi ?? 0), count: Number(row?.n ?? 0) };
  }

  /**
   * The selected rows grouped by what what-if tells apart (decision, fact set, logged outcomes),
   * in order of first occurrence, read one id block at a time (see fact-set-groups);
   * `onProgress(done, total)` counts the rows grouped so far.
   */
  async factSetGroups(
    filter: Record<string, unknown>,
    township: string | null,
    onProgress?: (done: number, total: number) => unknown,
  ): Promise<{ groups: FactSetRow[]; logged: number }> {
    const range = await this.idRange(filter, township);
    await onProgress?.(0, range.count);
    if (!range.count) return { groups: [], logged: 0 };
    const rows = (after: number, upTo: number) =>
      this.filtered(filter, township).where('id', '>', after).where('id', '<=', upTo);
    const groups = await groupFactSets(this.db, rows, range, (done) =>
      onProgress?.(Math.min(done, range.count), range.count),
    );
    return { groups, logged: groups.reduce((sum, g) => sum + g.count, 0) };
  }

  /** Delete entries logged before `cutoff` (ISO); returns how many. */
  async purgeBefore(cutoff: string): Promise<number> {
    return Number(await this.db('decisions').where('at', '<', cutoff).delete());
  }
}
