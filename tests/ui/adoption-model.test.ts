/** Adopting a change in the admin UI: China-time dates, the versions timeline, publish requests and the publish form. */
import { describe, expect, it } from 'vitest';
import {
  addDays,
  effectiveFromInput,
  formatEffective,
  formatEffectiveDate,
  formatTime,
  isDay,
  isShanghaiMidnight,
  shanghaiDay,
  startOfShanghaiDay,
  todayShanghai,
} from '../../admin-ui/src/common/shanghaiTime';
import {
  approvalsText,
  basisText,
  periodText,
  stateOf,
  timelineRows,
  versionSourceText,
  type VersionRecord,
} from '../../admin-ui/src/versions/timelineModel';
import {
  lintIssues,
  publishBody,
  publishFormProblems,
  publishOutcome,
  stageOf,
  whatIfNumbers,
  whyCannotApprove,
  type PublishFormValues,
} from '../../admin-ui/src/publishRequests/requestModel';

describe('dates in Asia/Shanghai', () => {
  it('reads instants as China time whatever the browser zone', () => {
    expect(shanghaiDay('2026-12-31T16:00:00.000Z')).toBe('2027-01-01');
    expect(shanghaiDay('2026-12-31T15:59:59.999Z')).toBe('2026-12-31');
    expect(formatTime('2026-12-02T07:30:00.000Z')).toBe('2026-12-02 15:30');
    expect(formatTime('2026-12-02T07:30:05.000Z', true)).toBe('2026-12-02 15:30:05');
    expect(formatTime(null)).toBe('—');
    expect(formatTime('not a date')).toBe('not a date');
  });

  it('shows a Shanghai midnight as a day 「起施行」, any other moment with its time', () => {
    expect(startOfShanghaiDay('2027-01-01')).toBe('2026-12-31T16:00:00.000Z');
    expect(isShanghaiMidnight('2026-12-31T16:00:00.000Z')).toBe(true);
    expect(isShanghaiMidnight('2027-01-01T00:00:00.000Z')).toBe(false);
    expect(isShanghaiMidnight('2026-12-31T16:00:00.001Z')).toBe(false);
    expect(formatEffective('2026-12-31T16:00:00.000Z')).toBe('2027-01-01 起施行');
    expect(formatEffective('2026-12-31T16:00:00+00:00', 'en')).toBe('in force from 2027-01-01');
    expect(formatEffective('2026-12-02T07:30:00.000Z')).toBe('2026-12-02 15:30 起施行');
    expect(formatEffectiveDate('2027-01-01T00:00:00+08:00')).toBe('2027-01-01');
    expect(formatEffectiveDate('2027-01-01T08:00:00+08:00')).toBe('2027-01-01 08:00');
  });

  it('counts days and knows today in Shanghai', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    // 23:30 UTC on 1 December is already 2 December in Shanghai
    expect(todayShanghai(Date.parse('2026-12-01T23:30:00Z'))).toBe('2026-12-02');
    expect(isDay('2027-02-30')).toBe(false);
    expect(isDay('2027-02-28')).toBe(true);
  });

  it('sends nothing for 立即生效 and for today, the day otherwise', () => {
    const now = Date.parse('2026-12-02T04:00:00Z');
    expect(effectiveFromInput('now', '2027-01-01', now)).toBeUndefined();
    expect(effectiveFromInput('day', '2026-12-02', now)).toBeUndefined();
    expect(effectiveFromInput('day', '2026-12-03', now)).toBe('2026-12-03');
    expect(effectiveFromInput('day', '', now)).toBeUndefined();
  });
});

const v = (version: number, effectiveFrom: string, extra: Partial<VersionRecord> = {}): VersionRecord => ({
  id: `p:${version}`,
  packId: 'p',
  version,
  effectiveFrom,
  basis: null,
  publishedAt: effectiveFrom,
  publishedBy: 'a',
  origin: 'publish',
  copiedFrom: null,
  ...extra,
});

describe('versions timeline', () => {
  const now = '2026-12-02T04:00:00.000Z';
  const reply = {
    now,
    inForce: 2,
    timeline: [
      v(4, '2027-03-31T16:00:00.000Z', {
        state: 'scheduled',
        basis: { text: '镇党委会第13次会议', date: '2026-12-01' },
      }),
      v(3, '2026-12-02T16:00:00.000Z', {
        state: 'scheduled',
        effectiveTo: '2027-03-31T16:00:00.000Z',
        approvedBy: [{ username: 'director-b', at: '2026-12-02T03:00:00Z' }],
      }),
      v(5, '2027-01-31T16:00:00.000Z', { state: 'cancelled', cancelledAt: now, cancelledBy: 'director-a' }),
      v(2, '2026-11-01T02:00:00.000Z', {
        state: 'inForce',
        effectiveTo: '2026-12-02T16:00:00.000Z',
        bypassReason: '紧急',
      }),
      v(1, '2026-10-01T00:00:00.000Z', {
        state: 'superseded',
        effectiveTo: '2026-11-01T02:00:00.000Z',
        origin: 'seed',
      }),
    ],
  };

  it('orders scheduled (latest first), in force, superseded, cancelled and offers the actions that apply', () => {
    const rows = timelineRows(reply, true);
    expect(rows.map((r) => [r.version, r.state])).toEqual([
      [4, 'scheduled'],
      [3, 'scheduled'],
      [2, 'inForce'],
      [1, 'superseded'],
      [5, 'cancelled'],
    ]);
    expect(rows[0]).toMatchObject({
      from: '2027-04-01',
      to: null,
      basis: '镇党委会第13次会议（2026-12-01）',
      canReschedule: true,
      canCancel: true,
      canRollback: false,
    });
    expect(rows[1]).toMatchObject({ from: '2026-12-03', to: '2027-04-01', approvers: ['director-b'] });
    expect(rows[2]).toMatchObject({ from: '2026-11-01 10:00', canRollback: false, canCancel: false });
    expect(rows[3]).toMatchObject({ canRollback: true, canReschedule: false });
    expect(rows[4]).toMatchObject({ to: null, canRollback: false, canCancel: false });
    expect(timelineRows(reply, false).some((r) => r.canReschedule || r.canCancel || r.canRollback)).toBe(false);
  });

  it('says the period in words', () => {
    const rows = timelineRows(reply, true);
    expect(periodText(rows[0])).toBe('2027-04-01 起');
    expect(periodText(rows[0], 'en')).toBe('from 2027-04-01');
    expect(periodText(rows[1])).toBe('2026-12-03 → 2027-04-01');
    expect(periodText(rows[4])).toBe('（原定 2027-02-01）');
  });

  it('derives states from the dates when a record has none', () => {
    expect(stateOf(v(3, '2027-01-01T00:00:00Z'), 2, now)).toBe('scheduled');
    expect(stateOf(v(2, '2026-01-01T00:00:00Z'), 2, now)).toBe('inForce');
    expect(stateOf(v(1, '2025-01-01T00:00:00Z'), 2, now)).toBe('superseded');
    expect(stateOf(v(1, '2025-01-01T00:00:00Z', { status: 'cancelled' }), 2, now)).toBe('cancelled');
  });

  it('names the version an evaluation used', () => {
    expect(
      versionSourceText({
        version: 4,
        effectiveFrom: '2026-12-31T16:00:00.000Z',
        basis: { text: '经镇党委会2026年第12次会议研究通过' },
      }),
    ).toBe('依据 第4版，2027-01-01 起施行（经镇党委会2026年第12次会议研究通过）');
    expect(versionSourceText({ version: 1, effectiveFrom: '2026-12-02T07:30:00Z' }, 'en')).toBe(
      'Under version 1, in force from 2026-12-02 15:30',
    );
    expect(basisText('文号')).toBe('文号');
    expect(basisText(null)).toBe('');
    expect(approvalsText([{ username: 'b', at: '2026-12-02T07:30:00Z' }])).toBe('b 2026-12-02 15:30');
  });
});

describe('publish requests and the publish form', () => {
  const open = { status: 'requested' as const, requestedBy: 'director-a', reviews: [], canApprove: true };

  it('says why a user may not approve', () => {
    expect(whyCannotApprove(open, 'director-b')).toBeNull();
    expect(whyCannotApprove(open, 'director-a')).toBe('ownRequest');
    expect(whyCannotApprove({ ...open, canApprove: false }, 'director-c')).toBe('notApprover');
    expect(
      whyCannotApprove({ ...open, reviews: [{ username: 'director-b', decision: 'approve', at: '' }] }, 'director-b'),
    ).toBe('alreadyReviewed');
    expect(whyCannotApprove({ ...open, status: 'approved' }, 'director-b')).toBe('closed');
    expect(stageOf({ status: 'approved', stage: 'scheduled' })).toBe('scheduled');
    expect(stageOf({ status: 'rejected' })).toBe('rejected');
  });

  const values: PublishFormValues = {
    mode: 'now',
    day: '',
    basisText: '',
    basisDate: '',
    bypass: false,
    bypassReason: '',
  };
  const now = Date.parse('2026-12-02T04:00:00Z');

  it('checks the form before asking the API', () => {
    expect(publishFormProblems(values, false)).toEqual({});
    expect(publishFormProblems(values, true)).toEqual({ basis: 'basisMissing' });
    expect(publishFormProblems({ ...values, basisDate: '2026-12-01' }, false)).toEqual({ basis: 'basisMissing' });
    expect(publishFormProblems({ ...values, bypass: true, bypassReason: ' ' }, false)).toEqual({
      bypassReason: 'bypassReasonMissing',
    });
    expect(publishFormProblems({ ...values, mode: 'day' }, false)).toEqual({ day: 'required' });
  });

  it('sends the effective day, the basis and the bypass reason', () => {
    expect(publishBody(values, 7, now)).toEqual({ revision: 7 });
    expect(
      publishBody({ ...values, mode: 'nextDay', basisText: ' 经镇党委会研究通过 ', basisDate: '2026-12-01' }, 7, now),
    ).toEqual({ revision: 7, effectiveFrom: '2026-12-03', basis: { text: '经镇党委会研究通过', date: '2026-12-01' } });
    expect(publishBody({ ...values, mode: 'day', day: '2026-12-02' }, undefined, now)).toEqual({});
    expect(
      publishBody({ ...values, mode: 'day', day: '2027-01-01', bypass: true, bypassReason: '上级紧急通知' }, 3, now),
    ).toEqual({ revision: 3, effectiveFrom: '2027-01-01', bypassApproval: { reason: '上级紧急通知' } });
  });

  it('reads 202 as a request and 201 as a version, scheduled or in force', () => {
    expect(publishOutcome({ status: 'requested', request: { id: 12 } as any })).toEqual({
      kind: 'requested',
      requestId: 12,
    });
    expect(
      publishOutcome({ packId: 'p', version: 3, state: 'scheduled', effectiveFrom: '2026-12-31T16:00:00.000Z' }),
    ).toEqual({ kind: 'published', version: 3, scheduled: true, date: '2027-01-01' });
    expect(
      publishOutcome({ packId: 'p', version: 3, state: 'inForce', effectiveFrom: '2026-12-02T07:30:00Z' }),
    ).toMatchObject({ scheduled: false });
  });

  it('reads the frozen what-if and lint whatever their shape', () => {
    expect(whatIfNumbers({ total: 3, changed: 2, transitions: [{ from: 'a', to: 'b', count: 2 }] })).toEqual({
      total: 3,
      changed: 2,
      transitions: [{ from: 'a', to: 'b', count: 2 }],
    });
    expect(whatIfNumbers(null)).toBeNull();
    expect(whatIfNumbers({ skipped: true })).toBeNull();
    expect(lintIssues({ issues: [{ severity: 'warning' }] })).toHaveLength(1);
    expect(lintIssues([{ severity: 'error' }])).toHaveLength(1);
    expect(lintIssues(undefined)).toEqual([]);
  });
});
