/**
 * The onboarding screen's model: bounds in words with their deciding word, the number line's
 * geometry (tiers and issues in percent of the width, open ends to the edge), clause highlights,
 * counts that enable 写入规则, and role words a township maps.
 */
import { describe, expect, it } from 'vitest';
import {
  boundText,
  clauseSegments,
  cleanRoleWord,
  confirmedCount,
  numberLine,
  pendingCount,
  roleWordsOf,
  tierProblems,
  valueText,
  type Proposal,
  type Tier,
} from '../../admin-ui/src/onboarding/proposalModel';

const tier = (id: string, lower: number | undefined, upper: number | undefined, extra: Partial<Tier> = {}): Tier => ({
  id,
  status: 'proposed',
  text: id,
  span: { start: 0, end: 0 },
  outcomes: [],
  unmapped: [],
  notes: [],
  ...(lower !== undefined ? { lower: { value: lower, inclusive: true, word: '以上' } } : {}),
  ...(upper !== undefined ? { upper: { value: upper, inclusive: true, word: '以内' } } : {}),
  ...extra,
});

const leave: Proposal = {
  id: 'p-c3-l1',
  kind: 'ladder',
  source: 'DRAFT-003',
  article: '第一条',
  clauseText: '请假1天以内的，由站所负责人审批；请假1天以上3天以内的，由分管领导审批。',
  subject: '请假',
  unit: '天',
  decision: 'leaveApproval',
  fact: 'days',
  guessZh: '',
  context: [],
  outOfScope: [],
  label: '请假',
  tiers: [
    tier('t1', undefined, 1, {
      span: { start: 2, end: 7 },
      unmapped: [{ text: '由所在站所负责人审批', roleWords: ['所在站所负责人'] }],
    }),
    tier('t2', 1, 3, {
      span: { start: 19, end: 28 },
      status: 'confirmed',
      outcomes: [{ type: 'approval', step: 1, roles: ['supervisingLeader'] }],
    }),
  ],
  issues: [
    {
      id: 'overlap:t1:t2',
      kind: 'overlap',
      tiers: ['t1', 't2'],
      where: [{ lo: 1, hi: 1, loOpen: false, hiOpen: false }],
      messageZh: '',
      message: '',
      options: [],
    },
  ],
};

describe('proposal model', () => {
  it('says each end of a tier with its sign, whether it is included and the deciding word', () => {
    expect(boundText(leave.tiers[1].lower, 'lower', '天')).toBe('≥ 1天（含，「以上」）');
    expect(boundText({ value: 30, inclusive: false, word: '超过' }, 'lower', '分钟')).toBe(
      '> 30分钟（不含，「超过」）',
    );
    expect(boundText(undefined, 'upper', '天')).toBe('不限');
  });

  it('shows a time of day as HH:MM, not minutes after midnight', () => {
    expect(boundText({ value: 510, inclusive: true, word: '前' }, 'upper', '时刻')).toBe('≤ 08:30（含，「前」）');
    expect(boundText({ value: 1050, inclusive: false, word: '以后' }, 'upper', '时刻')).toBe(
      '< 17:30（不含，「以后」）',
    );
    expect(valueText(900, '时刻')).toBe('15:00');
    expect(valueText(1.5, '天')).toBe('1.5天');
  });

  it('places tiers and issues on a number line; an open end runs to the edge', () => {
    const line = numberLine(leave);
    expect(line.ticks.map((t) => t.value)).toEqual([1, 3]);
    const [t1, t2] = line.tiers;
    expect(t1.x).toBe(0);
    expect(t2.x).toBeGreaterThan(t1.x);
    expect(t2.x + t2.width).toBeLessThan(100);
    const open = numberLine({ ...leave, tiers: [tier('t1', 3, undefined)], issues: [] });
    expect(open.tiers[0].x + open.tiers[0].width).toBeCloseTo(100);
    expect(line.issues).toEqual([expect.objectContaining({ id: 'overlap:t1:t2', kind: 'overlap' })]);
    expect(line.issues[0].width).toBeGreaterThan(0); // a single shared value is still visible
  });

  it("cuts the clause into plain text and the tiers' spans", () => {
    const parts = clauseSegments(leave);
    expect(parts.filter((p) => p.tier).map((p) => p.text)).toEqual(['1天以内的', '1天以上3天以内的']);
    expect(parts.map((p) => p.text).join('')).toBe(leave.clauseText);
  });

  it('counts what waits for a person and what can be written, and says why a confirmed tier is held back', () => {
    const set = { pack: 'x', document: 'y', proposals: [leave] };
    expect(pendingCount(set)).toBe(1);
    expect(confirmedCount(set)).toBe(1);
    expect(tierProblems(leave, leave.tiers[1])).toEqual(['边界问题未决定']);
    expect(tierProblems({ ...leave, decision: null }, leave.tiers[0])).toEqual([
      '尚未选定事项',
      '结果未填写',
      '边界问题未决定',
    ]);
  });

  it('offers the role words of the text as the township writes them', () => {
    expect(roleWordsOf(leave.tiers[0])).toEqual(['所在站所负责人']);
    expect(cleanRoleWord('所在站所负责人')).toBe('站所负责人');
    expect(cleanRoleWord('乡长')).toBe('乡长');
  });
});
