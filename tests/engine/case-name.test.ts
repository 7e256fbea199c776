/** A case name written from facts and outcomes, and an actual outcome written back in the pack's words. */
import { describe, expect, it } from 'vitest';
import { caseName, factsOf, toAuthoredOutcome, vocabularyLabel } from '../../engine/index.js';

describe('caseName', () => {
  it('says the facts by their labels and units, then the outcomes without step numbers', () => {
    const name = caseName(
      { applicantRole: 'ordinary', leaveType: 'personal', days: 2 },
      [
        { type: 'approval', step: 2, roles: ['partySecretary', 'townshipHead'], mode: 'any' },
        { type: 'approval', step: 1, roles: ['supervisingLeader'], action: 'sign' },
      ],
      factsOf('leaveApproval'),
      vocabularyLabel,
    );
    expect(name).toBe('一般干部、事假、请假2天：分管领导签字，党委书记或镇长审批（或签）');
  });

  it('a yes reads by its words, a no is left out; no outcome reads 未作规定', () => {
    expect(
      caseName({ days: 2, keyTaskPeriod: true, onDuty: false }, [], factsOf('leaveApproval'), vocabularyLabel),
    ).toBe('请假2天、处于重点工作推进关键时期：未作规定');
  });

  it('uses the township word an evaluated outcome carries', () => {
    const outcome = {
      type: 'approval',
      step: 1,
      roles: ['supervisingLeader'],
      words: { supervisingLeader: { code: 'supervisor', zh: '主管领导', en: 'supervising leader' } },
    };
    expect(caseName({ days: 1 }, [outcome], factsOf('leaveApproval'), vocabularyLabel)).toBe('请假1天：主管领导审批');
    expect(toAuthoredOutcome(outcome)).toEqual({ type: 'approval', step: 1, roles: ['supervisor'] });
    expect(toAuthoredOutcome({ type: 'approval', step: 1, roles: ['townshipHead'] })).toEqual({
      type: 'approval',
      step: 1,
      roles: ['townshipHead'],
    });
  });
});
