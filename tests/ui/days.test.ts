/** Days typed as yyyy-mm-dd: an incomplete or impossible day is a problem, never dropped silently. */
import { describe, expect, it } from 'vitest';
import { dayProblem, normalizeDay } from '../../admin-ui/src/common/days';
import {
  publishBody,
  publishFormProblems,
  type PublishFormValues,
} from '../../admin-ui/src/publishRequests/requestModel';

const FORM: PublishFormValues = {
  mode: 'day',
  day: '2027-01-01',
  basisText: '经镇党委会研究通过',
  basisDate: '',
  bypass: false,
  bypassReason: '',
};

describe('dayProblem', () => {
  it('accepts a complete calendar day and no day at all', () => {
    expect(dayProblem('2027-01-01')).toBeUndefined();
    expect(dayProblem('2028-02-29')).toBeUndefined();
    expect(dayProblem('')).toBeUndefined();
  });
  it('calls a half-typed day incomplete and an impossible one invalid', () => {
    for (const t of ['2027', '2027-0', '2027-01', '2027-01-0', '202701']) expect(dayProblem(t)).toBe('dayIncomplete');
    for (const t of ['2027-02-30', '2027-13-01', '27-1-1x', 'tomorrow']) expect(dayProblem(t)).toBe('dayInvalid');
  });
  it('reads other ways of writing a day on leaving the field', () => {
    expect(normalizeDay('20270101')).toBe('2027-01-01');
    expect(normalizeDay('2027/1/5')).toBe('2027-01-05');
    expect(normalizeDay('2027年1月5日')).toBe('2027-01-05');
    expect(normalizeDay('2027-01')).toBe('2027-01');
  });
});

describe('the publish form', () => {
  it('refuses an incomplete effective day or basis date instead of publishing now', () => {
    expect(publishFormProblems({ ...FORM, day: '2027-01' }, false)).toEqual({ day: 'dayIncomplete' });
    expect(publishFormProblems({ ...FORM, basisDate: '2026-12' }, false)).toEqual({ basisDate: 'dayIncomplete' });
    expect(publishFormProblems(FORM, false)).toEqual({});
    expect(publishBody(FORM, 3, '2026-12-05T00:00:00Z')).toMatchObject({ effectiveFrom: '2027-01-01', revision: 3 });
  });
});
