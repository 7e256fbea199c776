/** Test case ids nobody types: generated from the decision and the facts, stable, unique in the pack. */
import { describe, expect, it } from 'vitest';
import { caseIdFor, fixtureIdFor } from '../../engine/fixtures/ids.js';

const SCHEMA_PATTERN = /^[a-z0-9][a-z0-9.-]*$/;

describe('caseIdFor', () => {
  const facts = { applicantRole: 'leader', leaveType: 'sick', days: 3 };

  it("reads as the decision and the case, in the fixtures schema's pattern", () => {
    const id = caseIdFor('leaveApproval', facts);
    expect(id).toBe('leave-approval.applicant-role-leader.leave-type-sick.days-3');
    expect(id).toMatch(SCHEMA_PATTERN);
  });

  it('is stable: the same case gives the same id', () => {
    expect(caseIdFor('leaveApproval', facts)).toBe(caseIdFor('leaveApproval', { ...facts }));
  });

  it("is unique among the pack's cases", () => {
    const first = caseIdFor('leaveApproval', facts);
    expect(caseIdFor('leaveApproval', facts, [first])).toBe(`${first}-2`);
    expect(caseIdFor('leaveApproval', facts, [first, `${first}-2`])).toBe(`${first}-3`);
  });

  it('skips facts that read badly (Chinese text, dates) and numbers with decimals stay readable', () => {
    const id = caseIdFor('attendanceEscalation', { note: '迟到', minutesLate: 1.5, onDuty: true, when: '2026-01-01' });
    expect(id).toBe('attendance-escalation.minutes-late-1p5.on-duty');
    expect(id).toMatch(SCHEMA_PATTERN);
    expect(caseIdFor('leaveApproval', {})).toBe('leave-approval.case');
  });

  it('boundary fixtures of generated rule groups keep their ids', () => {
    expect(fixtureIdFor('leaveApproval', 'ordinaryDaysTiers', 1.5)).toBe('leave-approval.ordinary-days-tiers.at-1p5');
  });
});
