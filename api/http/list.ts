/**
 * ra-data-simple-rest list conventions: `?sort=["field","ASC"]&range=[0,24]&filter={...}`,
 * answered with the page as a JSON array and `Content-Range: <resource> 0-24/319`.
 * Filters: a scalar is equality, an array is "one of" (getMany sends `{"id":[...]}`), `q` is a
 * case-insensitive search over string fields.
 */
import type { Request, Response } from 'express';
import type { Knex } from 'knex';
import { BadRequestError } from '../errors.js';
import { compileCheck, type Check } from './schema-check.js';

export interface ListParams {
  sort?: { field: string; order: 'ASC' | 'DESC' };
  range?: { start: number; end: number };
  filter: Record<string, unknown>;
}

/** The list query schema: what sort, range and filter hold once their JSON texts are parsed. */
export const LIST_QUERY = 'common.schema.json#/definitions/ListQuery';
const LIST_PARAMETERS = ['sort', 'range', 'filter'] as const;
type ListParameter = (typeof LIST_PARAMETERS)[number];

/** The largest page a list answers (the admin UI asks for at most 1000 rows). */
export const MAX_PAGE_ROWS = 1000;
/** Offsets beyond this are refused rather than handed to the database as a non-integer. */
const MAX_OFFSET = 2 ** 31 - 1;

/** What is said when a parameter breaks the schema (one message per parameter, as the admin UI shows it). */
const WRONG_SHAPE: Record<ListParameter, (key?: string) => BadRequestError> = {
  sort: () => new BadRequestError('sort must be ["field","ASC"|"DESC"]', '排序参数应为 ["字段","ASC"|"DESC"]'),
  range: () => new BadRequestError('range must be [start,end] with 0 ≤ start ≤ end', '分页参数应为 [起始,结束]'),
  filter: (key) =>
    key === undefined
      ? new BadRequestError('filter must be a JSON object', '筛选参数应为 JSON 对象')
      : new BadRequestError(
          `filter.${key} must be a value or a list of values`,
          `筛选条件「${key}」应为单个值或值的列表`,
        ),
};

/** The JSON texts of the list parameters, parsed (absent or empty: left out). */
function decode(req: Request): Partial<Record<ListParameter, unknown>> {
  const decoded: Partial<Record<ListParameter, unknown>> = {};
  for (const name of LIST_PARAMETERS) {
    const raw = req.query[name];
    if (raw === undefined || raw === '') continue;
    if (typeof raw !== 'string') throw new BadRequestError(`${name} must be a JSON string`, `参数 ${name} 格式错误`);
    try {
      decoded[name] = JSON.parse(raw);
    } catch {
      throw new BadRequestError(`${name} is not valid JSON`, `参数 ${name} 不是合法的 JSON`);
    }
  }
  return decoded;
}

let listQueryCheck: Check | undefined;

/** The first schema problem of the parsed parameters, as the 400 each parameter has always answered. */
function shapeError(decoded: Partial<Record<ListParameter, unknown>>): BadRequestError | undefined {
  const [problem] = (listQueryCheck ??= compileCheck(LIST_QUERY))(decoded);
  if (!problem) return undefined;
  const [, name, key] = problem.path.split('/') as [string, ListParameter, string | undefined];
  return WRONG_SHAPE[name](key === undefined ? undefined : key.replace(/~1/g, '/').replace(/~0/g, '~'));
}

const parsedLists = new WeakMap<Request, ListParams>();

/**
 * The list parameters of a request: parsed, checked against the list query schema (the validate
 * middleware does this before the route runs), then the page bounds the schema cannot state.
 */
export function parseList(req: Request): ListParams {
  const known = parsedLists.get(req);
  if (known) return known;
  const decoded = decode(req);
  const wrong = shapeError(decoded);
  if (wrong) throw wrong;
  const sort = decoded.sort as [string, string?] | undefined;
  const range = decoded.range as [number, number] | undefined;
  const params: ListParams = { filter: {} };
  if (sort) params.sort = { field: sort[0], order: String(sort[1] ?? 'ASC').toUpperCase() as 'ASC' | 'DESC' };
  if (range) {
    if (range[1] < range[0]) throw WRONG_SHAPE.range();
    if (range[0] > MAX_OFFSET || range[1] - range[0] + 1 > MAX_PAGE_ROWS) {
      throw new BadRequestError(
        `range may ask for at most ${MAX_PAGE_ROWS} rows, starting below ${MAX_OFFSET}`,
        `分页参数每次最多 ${MAX_PAGE_ROWS} 条，起始位置不得超过 ${MAX_OFFSET}`,
        { maxRows: MAX_PAGE_ROWS },
      );
    }
    params.range = { start: range[0], end: range[1] };
  }
  // a null prototype: a key like "constructor" or "__proto__" is just an unknown field
  params.filter = Object.assign(Object.create(null) as Record<string, unknown>, decoded.filter ?? {});
  parsedLists.set(req, params);
  return params;
}

export function sendList(res: Response, resource: string, rows: unknown[], total: number, params: ListParams): void {
  const start = params.range?.start ?? 0;
  const end = rows.length ? start + rows.length - 1 : start;
  res.set('Content-Range', rows.length ? `${resource} ${start}-${end}/${total}` : `${resource} */${total}`);
  res.json(rows);
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return -1;
  if (b === undefined || b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return String(a).localeCompare(String(b), 'zh');
}

/** A row's own field (never one inherited from Object.prototype, such as "constructor"). */
const fieldOf = (row: Record<string, unknown>, field: string): unknown =>
  Object.hasOwn(row, field) ? row[field] : undefined;

function matches(row: Record<string, unknown>, key: string, wanted: unknown): boolean {
  if (key === 'q') {
    const needle = String(wanted).toLowerCase();
    return Object.values(row).some((v) => typeof v === 'string' && v.toLowerCase().includes(needle));
  }
  const value = fieldOf(row, key);
  if (Array.isArray(wanted)) return wanted.some((w) => String(w) === String(value));
  if (typeof wanted === 'boolean' || typeof value === 'boolean') return String(value) === String(wanted);
  return String(value) === String(wanted);
}

/** Filter, sort and page rows held in memory (draft parameters, rules, fixtures, sources). */
export function listArray<T extends Record<string, unknown>>(
  rows: T[],
  params: ListParams,
): { rows: T[]; total: number } {
  let result = rows.filter((row) =>
    Object.entries(params.filter).every(([k, v]) => v === undefined || matches(row, k, v)),
  );
  if (params.sort) {
    const { field, order } = params.sort;
    result = [...result].sort((a, b) => (order === 'DESC' ? -1 : 1) * compare(fieldOf(a, field), fieldOf(b, field)));
  }
  const total = result.length;
  if (params.range) result = result.slice(params.range.start, params.range.end + 1);
  return { rows: result, total };
}

/**
 * Filter, sort and page a knex query. `columns` maps API field names to columns; filters on
 * unknown fields are refused, so a typo is not silently "everything". Lookups go through a Map, so
 * a field named like an Object.prototype member ("constructor", "__proto__") is just unknown.
 */
export async function listQuery<Row>(
  query: Knex.QueryBuilder,
  params: ListParams,
  columns: Record<string, string>,
  defaultSort: { field: string; order: 'ASC' | 'DESC' },
  searchColumns: string[] = [],
): Promise<{ rows: Row[]; total: number }> {
  const known = new Map(Object.entries(columns));
  for (const [key, value] of Object.entries(params.filter)) {
    if (value === undefined) continue;
    if (key === 'q') {
      if (searchColumns.length) {
        const needle = `%${String(value).toLowerCase()}%`;
        query.where((w) => {
          for (const c of searchColumns) w.orWhereRaw(`lower(${c}) like ?`, [needle]);
        });
      }
      continue;
    }
    const column = known.get(key);
    if (!column) throw new BadRequestError(`cannot filter on ${key}`, `不能按「${key}」筛选`);
    if (Array.isArray(value))
      query.whereIn(column, value.map((v) => (typeof v === 'boolean' ? String(v) : v)) as Knex.Value[]);
    else if (value === null) query.whereNull(column);
    else query.where(column, value as Knex.Value);
  }
  const countRow = await query.clone().clearSelect().clearOrder().count({ n: '*' }).first();
  const total = Number(countRow?.n ?? 0);
  const sort = params.sort && known.has(params.sort.field) ? params.sort : defaultSort;
  query.orderBy(known.get(sort.field)!, sort.order.toLowerCase() as 'asc' | 'desc');
  if (params.range) query.offset(params.range.start).limit(params.range.end - params.range.start + 1);
  return { rows: (await query) as Row[], total };
}
