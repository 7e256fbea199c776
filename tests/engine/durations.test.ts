/**
 * Time limits read as people say them: a whole number of days is 「1 日内」, whole hours
 * 「2 小时内」 — in outcomes, explanations, what-if, titles and the printable record.
 */
import { describe, expect, it } from 'vitest';
import {
  evaluateSync,
  explain,
  folderSource,
  formatDuration,
  formatParameterValue,
  loadPack,
  renderOutcome,
} from '../../engine/index.js';
import { formatParameterValue as recordValue, spokenDuration } from '../../api/features/records/record-model.js';

describe('durations', () => {
  it('formatDuration picks days, then hours, then minutes', () => {
    expect(formatDuration(1440)).toBe('1 日');
    expect(formatDuration(2880)).toBe('2 日');
    expect(formatDuration(120)).toBe('2 小时');
    expect(formatDuration(90)).toBe('90 分钟');
    expect(formatDuration(1440, 'en')).toBe('1 day');
    expect(formatDuration(120, 'en')).toBe('2 hours');
    expect(formatDuration(30, 'en')).toBe('30 minutes');
  });

  it('a deadline outcome reads 「1 日内销假」 / 「2 小时内书面报告」', () => {
    expect(renderOutcome({ type: 'deadline', action: 'reportBack', minutes: 1440 })).toBe('1 日内销假');
    expect(renderOutcome({ type: 'deadline', action: 'writtenReport', minutes: 120 })).toBe('2 小时内书面报告');
    expect(renderOutcome({ type: 'deadline', action: 'phoneReport', minutes: 10 })).toBe('10 分钟内电话报告');
    expect(renderOutcome({ type: 'deadline', action: 'reportBack', minutes: 1440 }, 'en')).toBe(
      'report back within 1 day',
    );
  });

  it('the explanation of a shipped pack says 1 日内, never 1440 分钟', () => {
    const pack = loadPack('county-township-cadres', folderSource());
    const evaluation = evaluateSync(pack, 'leaveApproval', {
      applicantRole: 'ordinary',
      leaveType: 'personal',
      days: 3,
    })!;
    const { summary, lines } = explain(evaluation, 'zh');
    expect(summary).toContain('1 日内销假');
    expect([summary, ...lines].join('\n')).not.toContain('1440 分钟');
  });

  it('titles state a whole day of minutes as 1日', () => {
    expect(formatParameterValue({ value: 1440, unit: '分钟' })).toBe('1日');
    expect(formatParameterValue({ value: 120, unit: '分钟' })).toBe('2小时');
  });

  it('the printable record states a row of whole days in 日, a row with a change in the largest unit both sides share', () => {
    const day = spokenDuration({ unit: '分钟' }, [1440]);
    expect([recordValue({ type: 'integer', unit: day.unit! }, day.value(1440)), day.unit]).toEqual(['1', '日']);
    const changed = spokenDuration({ unit: '分钟' }, [120, 1440]);
    expect([changed.value(120), changed.value(1440), changed.unit]).toEqual([2, 24, '小时']);
    expect(spokenDuration({ unit: '分钟' }, [90, 1440]).unit).toBe('分钟');
    expect(spokenDuration({ unit: '天' }, [2]).unit).toBe('天');
  });
});
