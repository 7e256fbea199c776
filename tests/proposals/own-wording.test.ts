/**
 * A small township text in wordings of our own (not the seeds'): 乡长 and 站所负责人 as approvers,
 * an expense ladder in 元, a penalty ladder by count. Overlaps and gaps resolved, unconfirmed
 * tiers left out, bounds rewritten, the gate and the pure pieces (ids, steps) checked.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { DraftResult } from '../../engine/drafting/index.js';
import {
  acceptProposals,
  boundaryValues,
  onboardingBlockers,
  prefillOutcomes,
  resolveIssue,
  ResolutionError,
  setOutcomes,
  setTierStatus,
  type ProposalSet,
} from '../../engine/proposals/index.js';
import { check, draft, proposalWith, replace, shipped } from './helpers.js';

const TEXT = [
  '青禾乡机关管理办法',
  '一、请假',
  '1.工作人员请假，不满3天的，由站所负责人审批；3天至7天的，报乡长审批；超过7天的，由乡党委书记审批。',
  '二、经费',
  '2.单笔开支不超过800元的，由分管领导审批；单笔开支800元以上的，报党委书记审批。',
  '三、考勤',
  '3.会议迟到1次的，给予提醒谈话；2次的，予以通报批评；4次以上的，取消当年评先评优资格。',
].join('\n');

let result: DraftResult;
let set: ProposalSet;
beforeAll(async () => {
  result = await draft(TEXT, 'qinghe');
  set = result.review.proposals;
});

describe('proposals from a text in our own wording', () => {
  it('three ladders, outcomes prefilled; role words outside the shared vocabulary are kept for a person', () => {
    const leave = proposalWith(set, '不满3天');
    expect(leave.decision).toBe('leaveApproval');
    expect(leave.tiers.map((t) => t.text)).toEqual(['不满3天', '3天至7天', '超过7天']);
    // 站所负责人 and 乡长 are not shared roles: no outcome is made up, the words wait for a mapping
    expect(leave.tiers[0].outcomes).toEqual([]);
    expect(leave.tiers[0].unmapped[0].roleWords).toEqual(['站所负责人']);
    expect(leave.tiers[1].unmapped[0].roleWords).toEqual(['乡长']);
    expect(leave.tiers[2].outcomes).toEqual([
      { type: 'approval', step: 1, roles: ['partySecretary'], action: 'approve' },
    ]);

    const money = proposalWith(set, '不超过800元');
    expect([money.decision, money.fact]).toEqual(['expenseApproval', 'amount']);
    expect(money.tiers[0].outcomes).toEqual([
      { type: 'approval', step: 1, roles: ['supervisingLeader'], action: 'approve' },
    ]);
    expect(money.tiers[1].outcomes).toEqual([
      { type: 'approval', step: 1, roles: ['partySecretary'], action: 'approve' },
    ]);

    const late = proposalWith(set, '4次以上');
    expect([late.decision, late.fact]).toEqual(['penaltyEscalation', 'countIncludingThis']);
    expect(late.tiers.map((t) => t.outcomes)).toEqual([
      [{ type: 'penalty', measure: 'reminderTalk' }],
      [{ type: 'penalty', measure: 'notice' }],
      [{ type: 'penalty', measure: 'lossOfAwards' }],
    ]);
  });

  it('resolving an overlap rewrites the bounds and writes the decision, with the clause words, into the notes', () => {
    const money = proposalWith(set, '不超过800元');
    expect(money.issues.map((i) => i.id)).toEqual(['overlap:t1:t2']);
    const upper = resolveIssue(money, 'overlap:t1:t2', 'upperTier');
    expect(upper.tiers[0].upper).toMatchObject({ value: 800, inclusive: false });
    expect(upper.tiers[1].lower).toMatchObject({ value: 800, inclusive: true });
    expect(upper.issues).toEqual([]);
    expect(upper.tiers[0].notes[0]).toBe(
      '原文「不超过800元」与「800元以上」在恰好800元处重叠：经确认归「800元以上」一档。',
    );
    const lower = resolveIssue(money, 'overlap:t1:t2', 'lowerTier');
    expect(lower.tiers[0].upper).toMatchObject({ value: 800, inclusive: true });
    expect(lower.tiers[1].lower).toMatchObject({ value: 800, inclusive: false, param: money.tiers[0].upper!.param });
    expect(() => resolveIssue(money, 'gap:t1:t2', 'outOfScope')).toThrow(ResolutionError);
  });

  it('an overlap whose tiers a stored list names upper first resolves the same way', () => {
    const money = proposalWith(set, '不超过800元');
    const reversed = { ...money, issues: money.issues.map((i) => ({ ...i, tiers: [...i.tiers].reverse() })) };
    const expected = resolveIssue(money, 'overlap:t1:t2', 'lowerTier');
    const got = resolveIssue(reversed, 'overlap:t1:t2', 'lowerTier');
    expect(got.tiers.map((t) => [t.lower, t.upper])).toEqual(expected.tiers.map((t) => [t.lower, t.upper]));
  });

  it('resolving a gap: extend the lower tier, the upper one, or declare it out of scope', () => {
    const late = proposalWith(set, '4次以上');
    const gap = late.issues.find((i) => i.kind === 'gap')!;
    expect(gap.id).toBe('gap:t2:t3');
    expect(gap.messageZh).toContain('恰好 3次');
    const lower = resolveIssue(late, gap.id, 'extendLower');
    expect(lower.tiers[1].upper).toMatchObject({ value: 4, inclusive: false, param: late.tiers[2].lower!.param });
    expect(lower.tiers[1].notes[0]).toContain('经确认按「2次」一档处理');
    const upper = resolveIssue(late, gap.id, 'extendUpper');
    expect(upper.tiers[2].lower).toMatchObject({ value: 2, inclusive: false });
    const out = resolveIssue(late, gap.id, 'outOfScope');
    expect(out.issues.filter((i) => i.kind === 'gap')).toEqual([]);
    expect(out.outOfScope[0].note).toContain('不属本制度规定范围');
    expect(out.tiers[2].lower).toEqual(late.tiers[2].lower); // bounds untouched
  });

  it('unconfirmed tiers produce no rule; a confirmed tier without an outcome is held back, not guessed', () => {
    const leave = proposalWith(set, '不满3天');
    const s = setTierStatus(set, leave.id, 'confirmed', ['t1']); // t2, t3 stay proposed
    const { bundle, heldBack, remaining } = acceptProposals(result.bundle, s, { source: shipped() });
    expect(bundle.rules).toEqual({});
    expect(bundle.fixtures).toEqual({});
    expect(heldBack).toEqual([
      expect.objectContaining({ proposal: leave.id, tier: 't1', reasonZh: expect.stringContaining('站所负责人') }),
    ]);
    expect(remaining.proposals).toHaveLength(set.proposals.length);
    expect(remaining.proposals.find((p) => p.id === leave.id)!.tiers.every((t) => !t.accepted)).toBe(true);
  });

  it('penalty and expense ladders, settled and partly confirmed, make a pack that validates, passes its fixtures and satisfies lint', async () => {
    let s = set;
    const money = resolveIssue(proposalWith(s, '不超过800元'), 'overlap:t1:t2', 'upperTier');
    s = setTierStatus(replace(s, money), money.id, 'confirmed');
    let late = proposalWith(s, '4次以上');
    late = resolveIssue(late, 'gap:t2:t3', 'extendLower');
    s = setTierStatus(replace(s, late), late.id, 'confirmed', ['t1', 't2']); // t3 stays proposed
    // a person maps 乡长 by choosing the outcome; 站所负责人 stays open
    const leave = proposalWith(s, '3天至7天');
    s = setOutcomes(s, leave.id, 't2', [{ type: 'approval', step: 1, roles: ['townshipHead'], action: 'approve' }]);

    const { bundle, remaining, accepted } = acceptProposals(result.bundle, s, { source: shipped() });
    const expense = bundle.rules['rules/expense-approval.json'];
    expect(expense.rules.map((r) => r.id)).toEqual([
      'expenseApproval.amount.under800',
      'expenseApproval.amount.from800',
    ]);
    expect(expense.rules.map((r) => ('title' in r ? r.title : ''))).toEqual([
      '单笔开支不满800元：分管领导审批',
      '单笔开支800元以上：党委书记审批',
    ]);
    const penalty = bundle.rules['rules/penalty-escalation.json'];
    expect(penalty.rules.map((r) => r.id)).toEqual([
      'penaltyEscalation.meetingLate.countIncludingThis.exactly1',
      'penaltyEscalation.meetingLate.countIncludingThis.from2Under4',
    ]);
    const amounts = bundle.fixtures['fixtures/expense-approval.json'].cases.map((c) =>
      'facts' in c ? c.facts.amount : undefined,
    );
    expect(amounts).toEqual([799, 800, 801]);
    const counts = bundle.fixtures['fixtures/penalty-escalation.json'].cases.map((c) =>
      'facts' in c ? c.facts.priorCount : undefined,
    );
    expect(counts).toEqual([0, 1, 2, 3, 4]); // countIncludingThis 1…5 through priorCount
    expect(accepted.map((a) => a.fixtures.length)).toEqual([3, 5]);
    const { errors, report, untested } = await check(bundle);
    expect(errors).toEqual([]);
    expect(report!.failed).toBe(0);
    expect(untested).toEqual([]);
    // the count ladder's third tier waits; the gate says so
    expect(remaining.proposals.find((p) => p.id === late.id)!.tiers[2].status).toBe('proposed');
    const blockers = onboardingBlockers(bundle, remaining);
    expect(blockers.some((b) => b.code === 'PROPOSALS_UNCONFIRMED' && b.messageZh.includes('4次以上'))).toBe(true);
    expect(blockers.some((b) => b.code === 'DECISION_WITHOUT_RULES' && b.decision === 'leaveApproval')).toBe(true);
  });

  it('a generated id never takes one already in the chain', () => {
    const money = resolveIssue(proposalWith(set, '不超过800元'), 'overlap:t1:t2', 'upperTier');
    const s = setTierStatus(replace(set, money), money.id, 'confirmed');
    const first = acceptProposals(result.bundle, s, { source: shipped() });
    // the same confirmed ladder accepted again into a pack that already has those ids
    const again = acceptProposals(first.bundle, s, { source: shipped() });
    const ids = again.bundle.rules['rules/expense-approval.json'].rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('expenseApproval.amount.under800N2');
  });
});

describe('pure pieces', () => {
  it('boundary steps: half a day for days, one for yuan, minutes and counts', () => {
    const tier = (v: number) => ({
      id: 't1',
      status: 'confirmed' as const,
      text: '',
      span: { start: 0, end: 0 },
      outcomes: [],
      unmapped: [],
      notes: [],
      lower: { value: v, inclusive: true, word: '以上' },
    });
    const p = (decision: string, fact: string, unit: string) => ({ decision, fact, unit }) as never;
    expect(boundaryValues(p('leaveApproval', 'days', '天'), [tier(1)])).toEqual([0.5, 1, 1.5]);
    expect(boundaryValues(p('attendance', 'minutes', '分钟'), [tier(30)])).toEqual([29, 30, 31]);
    expect(boundaryValues(p('expenseApproval', 'amount', '元'), [tier(500)])).toEqual([499, 500, 501]);
  });

  it('outcome words: pay deductions, classifications and documents; nothing from words it cannot read', () => {
    expect(prefillOutcomes('扣发当月绩效奖的50%').outcomes).toEqual([
      { type: 'payDeduction', item: 'performanceBonus', share: 0.5, period: 'month' },
    ]);
    expect(prefillOutcomes('扣罚当事人当月一半绩效奖').outcomes).toEqual([
      { type: 'payDeduction', item: 'performanceBonus', share: 0.5, period: 'month' },
    ]);
    expect(prefillOutcomes('年休假十天').outcomes).toEqual([{ type: 'entitlement', leaveType: 'annual', days: 10 }]);
    expect(prefillOutcomes('扣发绩效奖').outcomes).toEqual([]);
    expect(prefillOutcomes('扣发绩效奖').unmapped[0].text).toContain('扣发绩效奖');
    expect(prefillOutcomes('按旷工论处').outcomes).toEqual([{ type: 'classification', category: 'absent' }]);
    expect(prefillOutcomes('须提供医院诊断证明').outcomes).toEqual([
      { type: 'document', code: 'requiredDocument', document: '医院诊断证明' },
    ]);
    expect(prefillOutcomes('报乡长审批')).toEqual({
      outcomes: [],
      unmapped: [{ text: '报乡长审批', roleWords: ['乡长'] }],
    });
  });
});
