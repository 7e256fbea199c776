/**
 * Effective dates are read in Asia/Shanghai (UTC+8, no daylight saving): a day starts at 16:00 UTC
 * the day before; an asOf day means the whole day; formatting drops the time at midnight.
 */
import { describe, expect, it } from 'vitest';
import {
  asOfInstant,
  endOfDay,
  formatEffective,
  isDay,
  isMoment,
  shanghaiDay,
  startOfDay,
  versionSourceText,
} from '../../engine/index.js';

describe('effective dates in Asia/Shanghai', () => {
  it('a day is a real calendar day, a moment carries a zone', () => {
    expect(isDay('2027-01-01')).toBe(true);
    expect(isDay('2027-02-29')).toBe(false);
    expect(isDay('2028-02-29')).toBe(true);
    expect(isDay('2027-1-1')).toBe(false);
    expect(isMoment('2027-01-01T00:00:00+08:00')).toBe(true);
    expect(isMoment('2027-01-01T00:00:00')).toBe(false); // no zone: ambiguous, refused
    expect(isMoment('2027-01-01')).toBe(false);
  });

  it('a day starts at 00:00 Shanghai and ends a millisecond before the next', () => {
    expect(startOfDay('2027-01-01')).toBe('2026-12-31T16:00:00.000Z');
    expect(endOfDay('2026-12-31')).toBe('2026-12-31T15:59:59.999Z');
    expect(shanghaiDay('2026-12-31T15:59:59.999Z')).toBe('2026-12-31');
    expect(shanghaiDay('2026-12-31T16:00:00.000Z')).toBe('2027-01-01');
  });

  it('asOf: a day is its end, a moment is itself; anything else is not an asOf', () => {
    expect(asOfInstant('2026-12-31')).toBe('2026-12-31T15:59:59.999Z');
    expect(asOfInstant('2026-12-31T23:59:00+08:00')).toBe('2026-12-31T15:59:00.000Z');
    expect(asOfInstant('2027-01-01T00:00:00+08:00')).toBe('2026-12-31T16:00:00.000Z');
    expect(asOfInstant('31/12/2026')).toBeUndefined();
  });

  it('formats a Shanghai midnight as a day and any other moment with its time', () => {
    expect(formatEffective('2026-12-31T16:00:00.000Z')).toBe('2027-01-01');
    expect(formatEffective('2026-12-02T07:30:12.345Z')).toBe('2026-12-02 15:30');
  });

  it('names the version an answer was decided under, with its basis', () => {
    const source = {
      version: 4,
      effectiveFrom: '2026-12-31T16:00:00.000Z',
      basis: { text: '经镇党委会2026年第12次会议研究通过', date: '2026-12-20' },
    };
    expect(versionSourceText(source, 'zh')).toBe(
      '依据 第4版，2027-01-01 起施行（经镇党委会2026年第12次会议研究通过，2026-12-20）',
    );
    expect(versionSourceText({ ...source, basis: null }, 'zh')).toBe('依据 第4版，2027-01-01 起施行');
    expect(versionSourceText({ ...source, basis: null }, 'en')).toBe('Under version 4, in force from 2027-01-01');
  });
});
