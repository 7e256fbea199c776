/**
 * A time of day is a value in unit 时刻 (minutes after midnight). Wherever the engine shows a
 * value it reads HH:MM, never 「510 分钟」.
 */
import { describe, expect, it } from 'vitest';
import { formatAmount, formatClock } from '../../engine/lint/describe.js';
import { renderTrace } from '../../engine/explain/render.js';

describe('time-of-day values', () => {
  it('format as HH:MM; other units keep number and unit', () => {
    expect(formatClock(510)).toBe('08:30');
    expect(formatClock(1050)).toBe('17:30');
    expect(formatAmount(510, '时刻')).toBe('08:30');
    expect(formatAmount(5, '天')).toBe('5 天');
  });

  it('an explanation of a condition on a clock fact shows times, not minutes', () => {
    const node = {
      kind: 'leaf' as const,
      fact: 'clockMinutes',
      factValue: 525,
      operator: 'greaterThan' as const,
      threshold: 510,
      result: true,
    };
    expect(renderTrace(node, 'attendance', 'zh')).toContain('08:45 > 08:30');
    expect(renderTrace(node, 'canteen', 'en')).toContain('08:45 > 08:30');
  });
});
