/**
 * Generated names: Chinese titles a person reads (rule titles, fixture names that say the case)
 * and ids nobody types (stable, readable, unique in the extends chain).
 */
import { formatNumber } from '../lint/describe.js';
import { idNumber } from '../fixtures/ids.js';
import type { Outcome } from '../model.js';
import { CLOCK_UNIT, formatClock } from '../explain/clock.js';
import { renderOutcome } from '../explain/render.js';
import { vocabularyLabel } from '../schema/registry.js';
import type { ProposedTier, RuleProposal, TierBound } from './model.js';

/** 「5天」「10个工作日」, and a time of day as 「08:30」 (its value is minutes after midnight). */
const valueZh = (value: number, unit: string) =>
  unit === CLOCK_UNIT ? formatClock(value) : `${formatNumber(value)}${unit === '工作日' ? '个工作日' : unit}`;
const amount = (b: TierBound, unit: string) => valueZh(b.value, unit);

/** A range of times of day: 「08:30及以前」「晚于08:30」. */
function clockRangeZh({ lower, upper }: Pick<ProposedTier, 'lower' | 'upper'>): string {
  const lo = lower ? (lower.inclusive ? `${formatClock(lower.value)}及以后` : `晚于${formatClock(lower.value)}`) : '';
  const hi = upper ? (upper.inclusive ? `${formatClock(upper.value)}及以前` : `早于${formatClock(upper.value)}`) : '';
  return [lo, hi].filter(Boolean).join('、') || '任何时刻';
}

/** The tier in the regulation's own kind of words: 「2天以上5天以内」「超过1天、5天以内」「1天」. */
export function tierRangeZh(tier: Pick<ProposedTier, 'lower' | 'upper'>, unit: string): string {
  const { lower, upper } = tier;
  if (lower && upper && lower.value === upper.value && lower.inclusive && upper.inclusive) return amount(lower, unit);
  if (unit === CLOCK_UNIT) return clockRangeZh(tier);
  const lo = lower ? (lower.inclusive ? `${amount(lower, unit)}以上` : `超过${amount(lower, unit)}`) : '';
  const hi = upper ? (upper.inclusive ? `${amount(upper, unit)}以内` : `不满${amount(upper, unit)}`) : '';
  if (lo && hi) return lower!.inclusive ? `${lo}${hi}` : `${lo}、${hi}`;
  return lo || hi || '任何数值';
}

/** Outcomes as one phrase: approval steps as a chain 「分管领导签字后，党委书记或镇长审批」, the rest rendered. */
export function outcomesZh(outcomes: Outcome[]): string {
  const steps = outcomes
    .filter((o): o is Extract<Outcome, { type: 'approval' }> => o.type === 'approval')
    .sort((a, b) => a.step - b.step);
  const chain = steps
    .map(
      (o) =>
        `${o.roles.map((r) => vocabularyLabel('role', r)).join(o.mode === 'all' ? '、' : '或')}${vocabularyLabel('approvalAction', o.action ?? 'approve')}`,
    )
    .join('后，');
  const others = outcomes.filter((o) => o.type !== 'approval').map((o) => renderOutcome(o));
  return [chain, ...others].filter(Boolean).join('；');
}

/** The subject with the period and counting it is read over: 「一年内累计旷工」, not 「旷工」 next to 「连续旷工」. */
export function subjectZh(proposal: Pick<RuleProposal, 'subject' | 'period' | 'aggregate'>): string {
  const period =
    proposal.period && !proposal.period.startsWith('每') && !proposal.subject.includes(proposal.period)
      ? proposal.period
      : '';
  const aggregate = proposal.aggregate && !proposal.subject.includes(proposal.aggregate) ? proposal.aggregate : '';
  return `${period}${aggregate}${proposal.subject}`;
}

export function ruleTitle(proposal: RuleProposal, tier: ProposedTier): string {
  if (tier.title) return tier.title;
  const what = outcomesZh(tier.outcomes);
  return `${subjectZh(proposal)}${tierRangeZh(tier, proposal.unit)}${what ? '：' + what : ''}`;
}

/** 「干部请假1.5天：分管领导签字后，党委书记或镇长审批」 */
export function fixtureName(proposal: RuleProposal, value: number, outcomes: Outcome[] | undefined): string {
  const context = proposal.context
    .filter((c) => !proposal.subject.includes(c.word))
    .map((c) => c.word)
    .join('');
  const what = outcomes ? outcomesZh(outcomes) || '（无结果）' : '本组规则不适用';
  return `${context}${subjectZh(proposal)}${valueZh(value, proposal.unit)}：${what}`;
}

export { kebab, fixtureIdFor } from '../fixtures/ids.js';

/** The tier's range as an id segment: upto1, over1upto5, from30, exactly1. */
export function rangeSlug(tier: Pick<ProposedTier, 'lower' | 'upper'>): string {
  const { lower, upper } = tier;
  if (lower && upper && lower.value === upper.value && lower.inclusive && upper.inclusive)
    return `exactly${idNumber(lower.value)}`;
  const lo = lower ? `${lower.inclusive ? 'from' : 'over'}${idNumber(lower.value)}` : '';
  const hi = upper ? `${upper.inclusive ? 'upto' : 'under'}${idNumber(upper.value)}` : '';
  return lo && hi ? `${lo}${hi[0].toUpperCase()}${hi.slice(1)}` : lo || hi || 'any';
}

const cap = (s: string) => s[0].toUpperCase() + s.slice(1);

/** A fresh id: the readable one, else with N2, N3 … until no rule of the chain has it. */
export function uniqueId(wanted: string, taken: Set<string>): string {
  let id = wanted;
  for (let n = 2; taken.has(id); n++) id = `${wanted}N${n}`;
  taken.add(id);
  return id;
}

/** `leaveApproval.ordinary.days.over1Upto5`: decision, context values, fact, range. */
export function ruleIdFor(proposal: RuleProposal, tier: ProposedTier): string {
  const context = proposal.context.map((c) => String(c.value)).filter((v) => /^[a-zA-Z0-9]+$/.test(v));
  return [proposal.decision, ...context, proposal.fact, rangeSlug(tier)].join('.');
}

/** `ordinaryDaysTiers` */
export function groupIdFor(proposal: RuleProposal): string {
  const parts = [...proposal.context.map((c) => String(c.value)), proposal.fact ?? 'value', 'tiers'].filter((v) =>
    /^[a-zA-Z0-9]+$/.test(v),
  );
  return parts.map((p, i) => (i === 0 ? p[0].toLowerCase() + p.slice(1) : cap(p))).join('');
}
