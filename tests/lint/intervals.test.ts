/** The interval algebra: open and closed ends decide whether two rules meet at a threshold. */
import { describe, expect, it } from 'vitest';
import {
  complement,
  contains,
  integersOf,
  interval,
  intersect,
  isEmpty,
  point,
  subtract,
  union,
} from '../../engine/lint/intervals.js';

describe('intervals', () => {
  it('closed ends meet in a point, open ends do not', () => {
    expect(intersect(interval(-Infinity, 500), interval(500, 2000))).toEqual(point(500));
    expect(isEmpty(intersect(interval(-Infinity, 500, true, true), interval(500, 2000)))).toBe(true);
  });

  it('union merges touching intervals, keeps apart the ones with a hole', () => {
    expect(union(interval(0, 1, false, true), interval(1, 2))).toEqual(interval(0, 2));
    expect(union(interval(0, 1, false, true), interval(1, 2, true))).toHaveLength(2);
  });

  it('complement flips the ends', () => {
    expect(complement(interval(1, 2, true, false))).toEqual([
      { lo: -Infinity, hi: 1, loOpen: true, hiOpen: false },
      { lo: 2, hi: Infinity, loOpen: true, hiOpen: true },
    ]);
    expect(subtract(interval(0, 10), interval(0, 10))).toEqual([]);
  });

  it('the gap between "1天" and "2天以上" is 1 < d < 2', () => {
    const covered = union(point(1), interval(2, Infinity));
    expect(intersect(complement(covered), interval(0, 366, true))).toEqual([
      { lo: 0, hi: 1, loOpen: true, hiOpen: true },
      { lo: 1, hi: 2, loOpen: true, hiOpen: true },
    ]);
  });

  it('integer facts: 1 < x < 2 holds for no integer', () => {
    expect(integersOf(interval(1, 2, true, true))).toEqual([]);
    expect(integersOf(interval(0.5, 3, false, true))).toEqual(interval(1, 2));
    expect(contains(interval(1, 2, true), 1)).toBe(false);
  });
});
