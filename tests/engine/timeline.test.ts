/**
 * The timeline rule, pure: among versions not cancelled, the greatest effectiveFrom ≤ t is in
 * force (a tie goes to the higher number); each version ends where the next begins.
 */
import { describe, expect, it } from 'vitest';
import {
  firstEffective,
  governingVersion,
  placeOnTimeline,
  versionInForce,
  type TimelineEntry,
} from '../../engine/timeline/index.js';

const v = (version: number, effectiveFrom: string, cancelled = false): TimelineEntry => ({
  version,
  effectiveFrom,
  cancelled,
});
const ENTRIES = [
  v(1, '2026-11-25T00:00:00.000Z'),
  v(2, '2026-12-31T16:00:00.000Z'), // 2027-01-01 Shanghai
  v(3, '2027-01-31T16:00:00.000Z'), // 2027-02-01
  v(4, '2027-01-14T16:00:00.000Z', true), // cancelled
];

describe('which version is in force', () => {
  it('before the first version: none', () => {
    expect(versionInForce(ENTRIES, '2026-11-24T23:59:59.999Z')).toBeUndefined();
    expect(firstEffective(ENTRIES)).toBe('2026-11-25T00:00:00.000Z');
  });

  it('switches exactly at the effective moment, in date order, skipping cancelled ones', () => {
    expect(versionInForce(ENTRIES, '2026-12-31T15:59:59.999Z')).toBe(1);
    expect(versionInForce(ENTRIES, '2026-12-31T16:00:00.000Z')).toBe(2);
    expect(versionInForce(ENTRIES, '2027-01-20T00:00:00.000Z')).toBe(2);
    expect(versionInForce(ENTRIES, '2027-01-31T16:00:00.000Z')).toBe(3);
  });

  it('a version scheduled earlier than a newer one still takes effect on its own day', () => {
    const entries = [
      v(1, '2026-01-01T00:00:00.000Z'),
      v(2, '2027-06-01T00:00:00.000Z'),
      v(3, '2027-03-01T00:00:00.000Z'),
    ];
    expect(versionInForce(entries, '2027-04-01T00:00:00.000Z')).toBe(3);
    expect(versionInForce(entries, '2027-07-01T00:00:00.000Z')).toBe(2);
  });

  it('the same moment: the higher number wins', () => {
    expect(
      versionInForce([v(5, '2027-01-01T00:00:00.000Z'), v(6, '2027-01-01T00:00:00.000Z')], '2027-01-01T00:00:00.000Z'),
    ).toBe(6);
  });

  it('places every version: scheduled, in force, superseded, cancelled, with its end', () => {
    const places = placeOnTimeline(ENTRIES, '2027-01-05T00:00:00.000Z');
    expect(Object.fromEntries(places)).toEqual({
      1: { state: 'superseded', effectiveTo: '2026-12-31T16:00:00.000Z' },
      2: { state: 'inForce', effectiveTo: '2027-01-31T16:00:00.000Z' },
      3: { state: 'scheduled', effectiveTo: null },
      4: { state: 'cancelled', effectiveTo: null },
    });
  });
});

describe('which version governs the next publish', () => {
  it('the one in force; while only scheduled ones exist, the newest of them; none before any', () => {
    expect(governingVersion(ENTRIES, '2027-01-05T00:00:00.000Z')).toBe(2);
    expect(governingVersion(ENTRIES, '2026-11-01T00:00:00.000Z')).toBe(3);
    expect(
      governingVersion(
        [v(1, '2027-01-01T00:00:00.000Z'), v(2, '2027-02-01T00:00:00.000Z', true)],
        '2026-12-01T00:00:00.000Z',
      ),
    ).toBe(1);
    expect(governingVersion([v(1, '2027-01-01T00:00:00.000Z', true)], '2026-12-01T00:00:00.000Z')).toBeUndefined();
    expect(governingVersion([], '2026-12-01T00:00:00.000Z')).toBeUndefined();
  });
});
