/** Proposals from the seed 002 text: the leave ladder end to end. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { DraftResult } from '../../engine/drafting/index.js';
import {
  acceptProposals,
  onboardingBlockers,
  resolveIssue,
  setTierStatus,
  type ProposalSet,
} from '../../engine/proposals/index.js';
import { seed } from '../drafting/helpers.js';
import { check, draft, proposalWith, replace, shipped } from './helpers.js';

let result: DraftResult;
let set: ProposalSet;
beforeAll(async () => {
  result = await draft(seed('002_6f04f3293e826726.txt'), 'ct-draft');
  set = result.review.proposals;
});

/** The leave ladder with its four boundary questions answered the way the shipped pack does by hand. */
function settledLeaveLadder(s: ProposalSet): ProposalSet {
  let p = proposalWith(s, '2天以上5天以内');
  p = resolveIssue(p, 'overlap:t2:t3', 'lowerTier');
  p = resolveIssue(p, 'overlap:t3:t4', 'upperTier');
  p = resolveIssue(p, 'gap:t1:t2', 'extendUpper');
  p = resolveIssue(p, 'below:t1', 'extendUpper');
  return setTierStatus(replace(s, p), p.id, 'confirmed');
}

describe('proposals from seed 002', () => {
  it('the leave ladder (LV-002-A) is one proposal of four tiers with outcomes prefilled from the clause', () => {
    const p = proposalWith(set, '2天以上5天以内');
    expect(p.kind).toBe('ladder');
    expect(p.decision).toBe('leaveApproval');
    expect(p.fact).toBe('days');
    expect(p.context).toEqual([{ fact: 'applicantRole', value: 'ordinary', word: '干部' }]);
    expect(p.tiers.map((t) => t.text)).toEqual(['1天', '2天以上5天以内', '5天以上30天以内', '30天以上']);
    const [t1, t2, t3, t4] = p.tiers;
    expect(t1.outcomes).toEqual([{ type: 'approval', step: 1, roles: ['supervisingLeader'], action: 'approve' }]);
    expect(t2.outcomes).toEqual([
      { type: 'approval', step: 1, roles: ['supervisingLeader'], action: 'sign' },
      { type: 'approval', step: 2, roles: ['partySecretary', 'townshipHead'], mode: 'any', action: 'approve' },
    ]);
    expect(t3.outcomes).toEqual([{ type: 'approval', step: 1, roles: ['partyCommitteeMeeting'], action: 'decide' }]);
    expect(t4.outcomes.map((o) => (o.type === 'approval' ? o.roles : []))).toEqual([
      ['partyCommitteeMeeting'],
      ['countyHrBureau'],
    ]);
    // every tier points at its words in the clause text, and its bounds at the draft parameters
    for (const t of p.tiers) expect(p.clauseText.slice(t.span.start, t.span.end)).toBe(t.text);
    expect(t2.lower).toMatchObject({ value: 2, inclusive: true, word: '以上' });
    expect(t2.upper).toMatchObject({ value: 5, inclusive: true, word: '以内' });
    const params = new Set(result.bundle.parameters.parameters!.map((x) => x.id));
    for (const t of p.tiers) for (const b of [t.lower, t.upper]) if (b) expect(params.has(b.param!)).toBe(true);
    expect(p.tiers.every((t) => t.status === 'proposed')).toBe(true);
  });

  it("its issues are the extractor's ladder findings, each with one-click choices", () => {
    const p = proposalWith(set, '2天以上5天以内');
    const ladder = result.ladders.find((l) => l.tiers.some((t) => t.text === '2天以上5天以内'))!;
    expect(p.issues.map((i) => i.kind).sort()).toEqual(ladder.findings.map((f) => f.kind).sort());
    expect(p.issues.find((i) => i.id === 'overlap:t2:t3')!.where).toEqual([
      { lo: 5, hi: 5, loOpen: false, hiOpen: false },
    ]);
    expect(p.issues.find((i) => i.id === 'gap:t1:t2')!.options.map((o) => o.choice)).toEqual([
      'extendLower',
      'extendUpper',
      'outOfScope',
    ]);
  });

  it("the leading cadres' ladder reads its two tiers apart: each consequence stops where the next tier begins", () => {
    const p = proposalWith(set, '超过5天');
    expect(p.context).toEqual([{ fact: 'applicantRole', value: 'leader', word: '领导干部' }]);
    expect(p.tiers[0].outcomes).toEqual([{ type: 'approval', step: 1, roles: ['partySecretary'], action: 'approve' }]);
    expect(p.tiers[1].outcomes).toEqual([
      { type: 'approval', step: 1, roles: ['partySecretary'], action: 'review' },
      { type: 'approval', step: 2, roles: ['countyOrgDept'], action: 'report' },
    ]);
  });

  it('settled and confirmed, the ladder becomes four rules that validate, pass their boundary fixtures and satisfy lint', async () => {
    const confirmed = settledLeaveLadder(set);
    const { bundle, accepted, remaining } = acceptProposals(result.bundle, confirmed, { source: shipped() });
    const file = bundle.rules['rules/leave-approval.json'];
    expect(file.groups).toEqual({
      ordinaryDaysTiers: { label: expect.stringContaining('干部请假'), hitPolicy: 'unique' },
    });
    expect(file.rules.map((r) => r.id)).toEqual([
      'leaveApproval.ordinary.days.upto1',
      'leaveApproval.ordinary.days.over1Upto5',
      'leaveApproval.ordinary.days.over5Under30',
      'leaveApproval.ordinary.days.from30',
    ]);
    const [r1, r2] = file.rules as { title: string; note: string; citations: string[]; conditions: unknown }[];
    expect(r2.title).toBe('干部请假超过1天、5天以内：分管领导签字后，党委书记或镇长审批');
    expect(r2.citations).toEqual([proposalWith(set, '2天以上5天以内').source]);
    expect(r2.note).toContain(
      '原文「2天以上5天以内」与「5天以上30天以内」在恰好5天处重叠：经确认归「2天以上5天以内」一档',
    );
    expect(r1.note).toContain('经确认按本档处理');
    expect(r2.conditions).toEqual({
      all: [
        { fact: 'applicantRole', operator: 'equal', value: 'ordinary' },
        { fact: 'days', operator: 'greaterThan', value: { param: 'draft.c18.days1' } },
        { fact: 'days', operator: 'lessThanInclusive', value: { param: 'draft.c18.days5Upto' } },
      ],
    });
    const cases = bundle.fixtures['fixtures/leave-approval.json'].cases as {
      id: string;
      name: string;
      facts: Record<string, unknown>;
    }[];
    expect(cases.map((c) => c.facts.days)).toEqual([0.5, 1, 1.5, 4.5, 5, 5.5, 29.5, 30, 30.5]);
    expect(cases.find((c) => c.facts.days === 1.5)!.name).toBe('干部请假1.5天：分管领导签字后，党委书记或镇长审批');
    expect(accepted[0].fixtures).toHaveLength(9);
    const { errors, report, untested } = await check(bundle);
    expect(errors).toEqual([]);
    expect(report!.failed).toBe(0);
    expect(report!.results.filter((r) => r.origin.pack === 'ct-draft' && r.passed)).toHaveLength(9);
    expect(untested).toEqual([]);
    // the ladder is done and leaves the review list; the other proposals are untouched and still open
    expect(remaining.proposals.map((p) => p.id)).toEqual(
      set.proposals.map((p) => p.id).filter((id) => id !== proposalWith(set, '1天').id),
    );
  });

  it('the publish gate lists what is still open, and clears a decision once it has rules', () => {
    const before = onboardingBlockers(result.bundle, set);
    expect(before.some((b) => b.code === 'PROPOSALS_UNCONFIRMED' && b.messageZh.includes('2天以上5天以内'))).toBe(true);
    expect(
      before.some(
        (b) =>
          b.code === 'DECISION_WITHOUT_RULES' && b.decision === 'leaveApproval' && b.messageZh.includes('请假审批'),
      ),
    ).toBe(true);
    const { bundle, remaining } = acceptProposals(result.bundle, settledLeaveLadder(set), { source: shipped() });
    const after = onboardingBlockers(bundle, remaining);
    expect(after.some((b) => b.code === 'DECISION_WITHOUT_RULES' && b.decision === 'leaveApproval')).toBe(false);
    expect(after.some((b) => b.messageZh.includes('2天以上5天以内'))).toBe(false);
    expect(after.some((b) => b.code === 'PROPOSALS_UNCONFIRMED')).toBe(true); // the rest of the document
  });
});
