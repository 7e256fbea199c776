/**
 * Walking a numeric fact's values outward from where it is now, one cell at a time: each
 * breakpoint is a cell of its own, and so is each open stretch between two breakpoints. Every
 * value of a cell gets the same answer, so the value nearest to the current one stands for it —
 * and only a value the fact's schema allows (range, integer, multipleOf).
 */
import * as iv from '../lint/intervals.js';

export type Cell = { kind: 'point'; value: number } | { kind: 'open'; lo: number; hi: number };
export type Direction = 'up' | 'down';

export interface NumberDomain {
  set: iv.IntervalSet;
  integer: boolean;
  step?: number;
}

const isMultiple = (value: number, step: number | undefined) =>
  step === undefined || Math.abs(value / step - Math.round(value / step)) < 1e-9;

/**
 * Hands `visit` the cells beyond `v` in one direction, nearest first, until it answers true.
 * `values` holds unique breakpoints ascending, of which only those `counts` admits are cut at;
 * the nearest is found by binary search. `visit` also gets the index of the breakpoint the cell
 * starts from (a point is its own), the one whose comparisons decide the cell.
 */
export function walkCells(
  v: number,
  values: readonly number[],
  counts: (index: number) => boolean,
  direction: Direction,
  visit: (cell: Cell, edge: number) => boolean,
): void {
  if (Number.isNaN(v)) return;
  const up = direction === 'up';
  const n = values.length;
  let lo = 0;
  for (let hi = n; lo < hi;) {
    const mid = (lo + hi) >> 1;
    if (values[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  const onValue = lo < n && values[lo] === v;
  const step = up ? 1 : -1;
  const countedFrom = (i: number) => {
    while (i >= 0 && i < n && !counts(i)) i += step;
    return i >= 0 && i < n ? i : -1;
  };
  const far = up ? Infinity : -Infinity;
  const open = (a: number, b: number): Cell => (up ? { kind: 'open', lo: a, hi: b } : { kind: 'open', lo: b, hi: a });
  let next = countedFrom(up ? (onValue ? lo + 1 : lo) : lo - 1);
  // the stretch right next to v is v's own cell unless v sits on a breakpoint
  if (onValue && counts(lo) && visit(open(v, next >= 0 ? values[next] : far), lo)) return;
  let passed = -1;
  while (next >= 0) {
    if (passed >= 0 && visit(open(values[passed], values[next]), passed)) return;
    if (visit({ kind: 'point', value: values[next] }, next)) return;
    passed = next;
    next = countedFrom(next + step);
  }
  if (passed >= 0) visit(open(values[passed], far), passed);
}

/**
 * Representatives of open cells, per domain and direction, by the cell's ends: the same cells
 * come up evaluation after evaluation. Thresholds carried back through derived facts move with
 * the other facts, so each table is kept to a bounded size.
 */
const KEPT = 512;
const chosen = new WeakMap<NumberDomain, Record<Direction, Map<number, Map<number, number | undefined>>>>();

/** The allowed value of a cell nearest to where the walk comes from; undefined when it has none. */
export function representative(cell: Cell, domain: NumberDomain, direction: Direction): number | undefined {
  if (cell.kind === 'point') {
    const ok =
      iv.contains(domain.set, cell.value) &&
      (!domain.integer || Number.isInteger(cell.value)) &&
      isMultiple(cell.value, domain.step);
    return ok ? cell.value : undefined;
  }
  let byDirection = chosen.get(domain);
  if (!byDirection) chosen.set(domain, (byDirection = { up: new Map(), down: new Map() }));
  const byLo = byDirection[direction];
  let byHi = byLo.get(cell.lo);
  if (!byHi) {
    if (byLo.size >= KEPT) byLo.clear();
    byLo.set(cell.lo, (byHi = new Map()));
  }
  if (byHi.size >= KEPT) byHi.clear();
  if (byHi.has(cell.hi)) return byHi.get(cell.hi);
  const value = openRepresentative(cell, domain, direction);
  byHi.set(cell.hi, value);
  return value;
}

function openRepresentative(
  cell: Extract<Cell, { kind: 'open' }>,
  domain: NumberDomain,
  direction: Direction,
): number | undefined {
  let set = iv.intersect(domain.set, iv.interval(cell.lo, cell.hi, true, true));
  if (domain.integer) set = iv.integersOf(set);
  if (iv.isEmpty(set)) return undefined;
  const unit = domain.step ?? 1;
  let candidate: number;
  if (direction === 'up') {
    const first = set[0];
    if (!first.loOpen) candidate = domain.step ? Math.ceil(first.lo / unit - 1e-9) * unit : first.lo;
    else candidate = (Math.floor(first.lo / unit + 1e-9) + 1) * unit; // a round value just past an open end: 1 → 2 天
    if (!iv.contains(set, candidate) && !domain.step)
      candidate = Number.isFinite(first.hi) ? (first.lo + first.hi) / 2 : first.lo + 1;
  } else {
    const last = set[set.length - 1];
    if (!last.hiOpen) candidate = domain.step ? Math.floor(last.hi / unit + 1e-9) * unit : last.hi;
    else candidate = (Math.ceil(last.hi / unit - 1e-9) - 1) * unit;
    if (!iv.contains(set, candidate) && !domain.step)
      candidate = Number.isFinite(last.lo) ? (last.lo + last.hi) / 2 : last.hi - 1;
  }
  candidate = Math.round(candidate * 1e9) / 1e9;
  return iv.contains(set, candidate) && isMultiple(candidate, domain.step) ? candidate : undefined;
}
