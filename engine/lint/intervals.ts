/**
 * Sets of real numbers as sorted lists of disjoint intervals with open or closed ends: the
 * algebra behind overlap and gap detection on numeric facts. "500元以下" is (-∞, 500],
 * "超过30分钟" is (30, ∞); whether two rules meet at a boundary depends on exactly these ends.
 */

export interface Interval {
  lo: number;
  hi: number;
  /** the lower end itself is excluded (always true for -∞) */
  loOpen: boolean;
  /** the upper end itself is excluded (always true for +∞) */
  hiOpen: boolean;
}

/** Sorted by lower end, pairwise disjoint and not touching; never contains an empty interval. */
export type IntervalSet = readonly Interval[];

export const EVERY_NUMBER: IntervalSet = [{ lo: -Infinity, hi: Infinity, loOpen: true, hiOpen: true }];
export const NO_NUMBER: IntervalSet = [];

function isEmptyInterval(i: Interval): boolean {
  return i.lo > i.hi || (i.lo === i.hi && (i.loOpen || i.hiOpen));
}

/** An interval; infinite ends are always open. */
export function interval(lo: number, hi: number, loOpen = false, hiOpen = false): IntervalSet {
  return normalize([{ lo, hi, loOpen: loOpen || lo === -Infinity, hiOpen: hiOpen || hi === Infinity }]);
}

export const point = (value: number): IntervalSet => interval(value, value);

/** Does `a` (sorted before `b`) overlap or touch `b`, so that the two merge into one interval? */
function joins(a: Interval, b: Interval): boolean {
  return a.hi > b.lo || (a.hi === b.lo && !(a.hiOpen && b.loOpen));
}

/** Sort, drop empty intervals and merge the ones that overlap or touch. */
export function normalize(intervals: readonly Interval[]): IntervalSet {
  const sorted = intervals
    .filter((i) => !isEmptyInterval(i))
    .sort((a, b) => a.lo - b.lo || Number(a.loOpen) - Number(b.loOpen));
  const merged: Interval[] = [];
  for (const next of sorted) {
    const last = merged[merged.length - 1];
    if (last && joins(last, next)) {
      if (next.hi > last.hi || (next.hi === last.hi && !next.hiOpen)) {
        merged[merged.length - 1] = { ...last, hi: next.hi, hiOpen: next.hiOpen };
      }
    } else {
      merged.push({ ...next });
    }
  }
  return merged;
}

export function union(a: IntervalSet, b: IntervalSet): IntervalSet {
  return normalize([...a, ...b]);
}

function intersectOne(a: Interval, b: Interval): Interval {
  const lo = Math.max(a.lo, b.lo);
  const hi = Math.min(a.hi, b.hi);
  return {
    lo,
    hi,
    loOpen: (a.lo === lo && a.loOpen) || (b.lo === lo && b.loOpen),
    hiOpen: (a.hi === hi && a.hiOpen) || (b.hi === hi && b.hiOpen),
  };
}

export function intersect(a: IntervalSet, b: IntervalSet): IntervalSet {
  const out: Interval[] = [];
  for (const x of a) for (const y of b) out.push(intersectOne(x, y));
  return normalize(out);
}

/** Every real number not in `a`. */
export function complement(a: IntervalSet): IntervalSet {
  const out: Interval[] = [];
  let lo = -Infinity;
  let loOpen = true;
  for (const i of a) {
    out.push({ lo, hi: i.lo, loOpen, hiOpen: !i.loOpen });
    lo = i.hi;
    loOpen = !i.hiOpen;
  }
  out.push({ lo, hi: Infinity, loOpen, hiOpen: true });
  return normalize(out);
}

export function subtract(a: IntervalSet, b: IntervalSet): IntervalSet {
  return intersect(a, complement(b));
}

export const isEmpty = (a: IntervalSet): boolean => a.length === 0;

/**
 * The integers of `a`, as closed intervals with integer ends: for integer facts, `1 < x < 2`
 * holds for no value and must not be reported as a gap.
 */
export function integersOf(a: IntervalSet): IntervalSet {
  return normalize(
    a.map((i) => ({
      lo: i.lo === -Infinity ? i.lo : i.loOpen && Number.isInteger(i.lo) ? i.lo + 1 : Math.ceil(i.lo),
      hi: i.hi === Infinity ? i.hi : i.hiOpen && Number.isInteger(i.hi) ? i.hi - 1 : Math.floor(i.hi),
      loOpen: i.lo === -Infinity,
      hiOpen: i.hi === Infinity,
    })),
  );
}

export function contains(a: IntervalSet, value: number): boolean {
  return a.some(
    (i) => (i.lo < value || (i.lo === value && !i.loOpen)) && (value < i.hi || (value === i.hi && !i.hiOpen)),
  );
}

/** The finite ends of the intervals, for cutting a domain into cells. */
export function endsOf(a: IntervalSet): number[] {
  return a.flatMap((i) => [i.lo, i.hi]).filter(Number.isFinite);
}
