/**
 * Consequences the shared vocabulary could not hold before, in wordings of our own (not the
 * township texts'): a fixed amount withheld, absence days of a classification, 辞退 / 开除, 「不再安排
 * 年休假」, a deduction that names no share; facts for time away from post in hours, handover
 * minutes, a year's 事假 in working days and the parts of annual leave. Amounts inside an outcome
 * are taken from their draft parameters; the accepted pack validates and its fixtures pass.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { DraftResult } from '../../engine/drafting/index.js';
import type { FixtureCase, RuleDefinition } from '../../engine/model.js';
import {
  acceptProposals,
  boundaryValues,
  confirmAll,
  prefillOutcomes,
  resolveIssue,
  type AcceptResult,
  type ProposalSet,
} from '../../engine/proposals/index.js';
import { renderOutcome } from '../../engine/explain/render.js';
import { validateOutcome } from '../../engine/schema/registry.js';
import { outcomesLabel } from '../../engine/whatif/what-if.js';
import { fixtureIdFor } from '../../engine/proposals/naming.js';
import { check, draft, proposalWith, shipped } from './helpers.js';

describe('prefilled outcomes in words the vocabulary now holds', () => {
  it('a fixed amount withheld from a pay item; 「绩效」 alone is read as 绩效奖, with the reading noted', () => {
    expect(prefillOutcomes('每次扣罚本月绩效工资100元')).toEqual({
      outcomes: [{ type: 'payDeduction', item: 'performancePay', amount: 100, period: 'month' }],
      unmapped: [],
    });
    const bare = prefillOutcomes('扣减当月绩效五十元');
    expect(bare.outcomes).toEqual([{ type: 'payDeduction', item: 'performanceBonus', amount: 50, period: 'month' }]);
    expect(bare.notes).toEqual(['原文「扣减当月绩效五十元」只写「绩效」：按绩效奖读，请核对。']);
  });

  it('「扣发…奖金」 without a share withholds all of it, noted; 「相应」「研究决定」 stay for a person', () => {
    const all = prefillOutcomes('扣发本月绩效奖金');
    expect(all.outcomes).toEqual([{ type: 'payDeduction', item: 'performanceBonus', share: 1, period: 'month' }]);
    expect(all.notes?.[0]).toContain('按全部扣发读');
    expect(prefillOutcomes('由党组研究决定扣发相应绩效工资').outcomes).toEqual([]);
  });

  it('a classification keeps the absence days it states; 「记早退一次」 is a classification', () => {
    expect(prefillOutcomes('视为旷工两天').outcomes).toEqual([
      { type: 'classification', category: 'absent' },
      { type: 'absence', days: 2 },
    ]);
    expect(prefillOutcomes('以旷工半天计').outcomes).toEqual([
      { type: 'classification', category: 'absent' },
      { type: 'absence', days: 0.5 },
    ]);
    expect(prefillOutcomes('记早退一次').outcomes).toEqual([{ type: 'classification', category: 'earlyLeave' }]);
  });

  it('辞退 and 开除 are measures; written as alternatives both are listed and the note says so', () => {
    expect(prefillOutcomes('依规予以开除').outcomes).toEqual([{ type: 'penalty', measure: 'expulsion' }]);
    const either = prefillOutcomes('按规定作辞退或开除处理');
    expect(either.outcomes).toEqual([
      { type: 'penalty', measure: 'dismissal' },
      { type: 'penalty', measure: 'expulsion' },
    ]);
    expect(either.notes).toEqual(['原文「辞退或开除」为二者择一：两项措施都列出，适用哪一项按有关规定决定。']);
  });

  it('「在全乡通报」 is the township-wide notice, not dropped', () => {
    expect(prefillOutcomes('扣发当月全部绩效奖，并在全乡通报').outcomes).toEqual([
      { type: 'payDeduction', item: 'performanceBonus', share: 1, period: 'month' },
      { type: 'penalty', measure: 'townNotice' },
    ]);
  });

  it('「分别报」 two bodies is one of them, as 「或」 is', () => {
    expect(prefillOutcomes('按管理权限分别报县委组织部、县人社局审批').outcomes).toEqual([
      { type: 'approval', step: 1, roles: ['countyOrgDept', 'countyHrBureau'], mode: 'any', action: 'approve' },
    ]);
  });

  it("a threshold half a step above the fact's lowest value is tested half a step below it", () => {
    const tier = {
      id: 't1',
      status: 'confirmed',
      text: '',
      span: { start: 0, end: 0 },
      lower: { value: 0.5, inclusive: true, word: '以上' },
      outcomes: [],
      unmapped: [],
      notes: [],
    } as const;
    expect(boundaryValues({ decision: 'leaveApproval', fact: 'days', unit: '天' } as never, [tier as never])).toEqual([
      0.25, 0.5, 1,
    ]);
  });

  it("「不再安排年休假」 is this year's annual leave at 0 days", () => {
    expect(prefillOutcomes('本年度不再安排年休假')).toMatchObject({
      outcomes: [{ type: 'entitlement', leaveType: 'annual', days: 0 }],
    });
  });

  it('the outcome schema takes a share or an amount, not both, and the explanation says the amount', () => {
    expect(validateOutcome({ type: 'payDeduction', item: 'performanceBonus', amount: 30, period: 'month' })).toEqual(
      [],
    );
    expect(
      validateOutcome({ type: 'payDeduction', item: 'performanceBonus', amount: 30, share: 1, period: 'month' }),
    ).not.toEqual([]);
    expect(validateOutcome({ type: 'payDeduction', item: 'performanceBonus', period: 'month' })).not.toEqual([]);
    expect(validateOutcome({ type: 'penalty', measure: 'dismissal' })).toEqual([]);
    expect(renderOutcome({ type: 'payDeduction', item: 'performanceBonus', amount: 30, period: 'month' })).toBe(
      '扣减当月绩效奖 30 元',
    );
    expect(renderOutcome({ type: 'payDeduction', item: 'performanceBonus', amount: 30, period: 'month' }, 'en')).toBe(
      "deduct 30 yuan from this month's performance bonus",
    );
    expect(renderOutcome({ type: 'penalty', measure: 'expulsion' })).toBe('开除');
    expect(outcomesLabel([{ type: 'payDeduction', item: 'performanceBonus', amount: 30, period: 'month' }])).toBe(
      '绩效奖 30 元',
    );
  });
});

const TEXT = [
  '柳溪镇机关作风管理规定',
  '一、工作时间内擅自离岗超过2小时的，记早退一次。',
  '二、迟到20分钟以内的，每次扣减本月绩效奖30元；迟到超过20分钟的，视为旷工半天。',
  '三、连续旷工超过五天，或者全年累计旷工超过十天的，依规予以开除。',
  '四、值班人员接班时，交接时间不少于10分钟。',
  '五、一年内累计请事假满8个工作日的，当年不再安排年休假；超过15个工作日的，扣发当月绩效奖金。',
  // the national annual-leave days (the base pack's, locked), in words of our own
  '六、工龄已满1年未满10年的，每年可享受五天；已满10年未满20年的，可享受十天；已满20年的，可享受十五天。',
  '七、年休假可以分段安排，最多分三段。',
].join('\n');

let result: DraftResult;
let set: ProposalSet;
beforeAll(async () => {
  result = await draft(TEXT, 'liuxi');
  set = result.review.proposals;
});

describe('proposals for the new words, guessed with their reasons', () => {
  it('amounts inside an outcome come from their draft parameters', () => {
    const late = proposalWith(set, '20分钟以内');
    expect(late.tiers.map((t) => t.outcomes)).toEqual([
      [{ type: 'payDeduction', item: 'performanceBonus', amount: { param: 'draft.c2.yuan30' }, period: 'month' }],
      [
        { type: 'classification', category: 'absent' },
        { type: 'absence', days: { param: 'draft.c2.days0p5' } },
      ],
    ]);
    expect(result.bundle.parameters.parameters!.find((p) => p.id === 'draft.c2.yuan30')).toMatchObject({
      unit: '元',
      value: 30,
    });
    // the amount is not a condition of its own
    expect(set.proposals.some((p) => p.unit === '元')).toBe(false);
    const years = proposalWith(set, '已满1年未满10年');
    expect(years.tiers.map((t) => t.outcomes[0])).toEqual(
      [5, 10, 15].map((days) => ({
        type: 'entitlement',
        leaveType: 'annual',
        days: { param: `draft.c6.days${days}` },
      })),
    );
  });

  it('hours away from post compare the minutes fact; the condition and its alternative share the consequence', () => {
    const away = proposalWith(set, '超过2小时');
    expect([away.decision, away.fact, away.unit]).toEqual(['attendance', 'minutes', '分钟']);
    expect(away.context).toEqual([{ fact: 'event', value: 'offPost', word: '离岗' }]);
    expect(away.tiers[0].lower).toMatchObject({ value: 120, inclusive: false, param: 'draft.c1.minutes120From' });
    expect(away.tiers[0].outcomes).toEqual([{ type: 'classification', category: 'earlyLeave' }]);
    for (const text of ['超过五天', '超过十天']) {
      expect(proposalWith(set, text).tiers[0]).toMatchObject({
        consequence: '依规予以开除',
        outcomes: [{ type: 'penalty', measure: 'expulsion' }],
      });
    }
    expect(proposalWith(set, '超过五天').fact).toBe('absenceDaysInRow');
    expect(proposalWith(set, '超过十天').fact).toBe('absenceDaysThisYear');
  });

  it('a handover minimum is a compliance check; short of it does not comply', () => {
    const handover = proposalWith(set, '不少于10分钟');
    expect([handover.decision, handover.fact]).toEqual(['complianceCheck', 'handoverMinutes']);
    expect(handover.context).toEqual([{ fact: 'subject', value: 'dutyShift', word: '交接' }]);
    expect(handover.tiers[0].upper).toMatchObject({ value: 10, inclusive: false });
    expect(handover.tiers[0].outcomes).toEqual([{ type: 'verdict', value: 'notCompliant' }]);
  });

  it("a year's 事假 in working days is the yearly total with this request, the unit difference stated", () => {
    const personal = proposalWith(set, '满8个工作日');
    expect([personal.decision, personal.fact, personal.unit]).toEqual([
      'leaveApproval',
      'yearLeaveDaysTotal',
      '工作日',
    ]);
    expect(personal.guessZh).toContain('原文以工作日计');
    expect(personal.context).toEqual([{ fact: 'leaveType', value: 'personal', word: '事假' }]);
  });

  it('「最多分三段」 caps the parts of annual leave, this one included', () => {
    const parts = proposalWith(set, '三段');
    expect([parts.decision, parts.fact]).toEqual(['leaveApproval', 'annualPartsIncludingThis']);
    expect(parts.context).toEqual([{ fact: 'leaveType', value: 'annual', word: '年休假' }]);
    expect(parts.tiers[0].lower).toMatchObject({ value: 3, inclusive: false });
    expect(parts.tiers[0].outcomes[0]).toMatchObject({ type: 'refusal', code: 'overLimit' });
  });

  it('below the lowest threshold the first offered choice is 「不属本制度规定范围」: 已满1年 keeps its bound', () => {
    const years = proposalWith(set, '已满1年未满10年');
    expect(years.issues.find((i) => i.kind === 'below')!.options.map((o) => o.choice)).toEqual([
      'outOfScope',
      'extendUpper',
    ]);
  });
});

describe('accepted with one click per question', () => {
  let accepted: AcceptResult;
  beforeAll(() => {
    const settled = confirmAll(set).proposals.map((p) => {
      let next = p;
      for (let guard = 0; next.issues.length && guard < 20; guard++)
        next = resolveIssue(next, next.issues[0].id, next.issues[0].options[0].choice);
      return next;
    });
    accepted = acceptProposals(result.bundle, { ...set, proposals: settled }, { source: shipped() });
  });

  it('every proposal becomes rules; the pack validates, its fixtures pass, no boundary is untested', async () => {
    expect(accepted.heldBack).toEqual([]);
    expect(accepted.accepted).toHaveLength(set.proposals.length);
    const { report, untested, errors } = await check(accepted.bundle);
    expect(errors).toEqual([]);
    expect(report!.results.filter((r) => !r.passed)).toEqual([]);
    expect(untested).toEqual([]);
  });

  it('rules keep the parameter; titles and fixtures state its value; the readings are in the note', () => {
    const rules = Object.values(accepted.bundle.rules).flatMap((f) => f.rules) as RuleDefinition[];
    const fine = rules.find((r) => r.outcomes.some((o) => o.type === 'payDeduction' && 'amount' in o))!;
    expect(fine.outcomes).toEqual([
      { type: 'payDeduction', item: 'performanceBonus', amount: { param: 'draft.c2.yuan30' }, period: 'month' },
    ]);
    expect(fine.title).toBe('迟到20分钟以内：扣减当月绩效奖 30 元');
    const cases = Object.values(accepted.bundle.fixtures).flatMap((f) => f.cases) as FixtureCase[];
    expect(
      cases.find((c) => c.id === fixtureIdFor('attendance', 'lateArrivalMinutesTiers', 20))!.expect.outcomes,
    ).toContainEqual({ type: 'payDeduction', item: 'performanceBonus', amount: 30, period: 'month' });
    const oneYear = cases.find((c) => c.facts.yearsOfService === 1);
    expect(oneYear!.expect.outcomes).toContainEqual({ type: 'entitlement', leaveType: 'annual', days: 5 });
    // titles keep the counting that tells two groups apart
    expect(rules.filter((r) => r.outcomes.some((o) => o.type === 'penalty')).map((r) => r.title)).toEqual([
      '连续旷工超过5天：开除',
      '全年累计旷工超过10天：开除',
    ]);
    const noLeave = rules.find((r) => r.outcomes.some((o) => o.type === 'entitlement' && o.days === 0))!;
    expect(noLeave.note).toContain('按当年年休假天数为0读');
  });
});
