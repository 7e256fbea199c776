/**
 * Overlaps and gaps among a group's tiers — the linter's interval algebra over the tiers a
 * person has not rejected — and the one-click resolutions that settle them. A resolution
 * rewrites the tier bounds and records the decision, with the clause words, in the tiers'
 * notes (which become the rules' `note`, as the shipped packs write them by hand).
 */
import { intervalZh } from '../drafting/ladders.js';
import * as iv from '../lint/intervals.js';
import { formatNumber } from '../lint/describe.js';
import { dereferencedFactSchema, factsOf } from '../schema/registry.js';
import type {
  BoundaryIssue,
  ProposedTier,
  ResolutionChoice,
  ResolutionOption,
  RuleProposal,
  TierBound,
} from './model.js';

const INTEGER_UNITS = new Set(['次', '人', '户']);

export function tierInterval(tier: Pick<ProposedTier, 'lower' | 'upper'>): iv.Interval {
  return {
    lo: tier.lower ? tier.lower.value : -Infinity,
    hi: tier.upper ? tier.upper.value : Infinity,
    loOpen: tier.lower ? !tier.lower.inclusive : true,
    hiOpen: tier.upper ? !tier.upper.inclusive : true,
  };
}

/** The values the fact can take: its schema's range, whole numbers for counts. */
export function factDomain(proposal: Pick<RuleProposal, 'decision' | 'fact' | 'unit'>): {
  set: iv.IntervalSet;
  integer: boolean;
} {
  const info = proposal.decision && proposal.fact ? factsOf(proposal.decision).get(proposal.fact) : undefined;
  if (info && !info.derived) {
    const schema = dereferencedFactSchema(proposal.decision!).properties[proposal.fact!];
    const integer = schema.type === 'integer';
    const lo = schema.exclusiveMinimum ?? schema.minimum ?? -Infinity;
    const hi = schema.exclusiveMaximum ?? schema.maximum ?? Infinity;
    const set = iv.interval(lo, hi, schema.exclusiveMinimum !== undefined, schema.exclusiveMaximum !== undefined);
    return { set: integer ? iv.integersOf(set) : set, integer };
  }
  // counts including this one start at 1; other quantities at 0
  const integer = INTEGER_UNITS.has(proposal.unit);
  return integer
    ? { set: iv.integersOf(iv.interval(1, Infinity)), integer }
    : { set: iv.interval(0, Infinity), integer };
}

const OPTION_TEXT: Record<ResolutionChoice, { zh: string; en: string }> = {
  lowerTier: { zh: '归较低一档', en: 'the lower tier owns it' },
  upperTier: { zh: '归较高一档', en: 'the higher tier owns it' },
  extendLower: { zh: '由下面一档延伸覆盖', en: 'extend the tier below' },
  extendUpper: { zh: '由上面一档延伸覆盖', en: 'extend the tier above' },
  outOfScope: { zh: '不属本制度规定范围（不设规则）', en: 'out of scope (no rule)' },
};
const option = (choice: ResolutionChoice): ResolutionOption => ({
  choice,
  labelZh: OPTION_TEXT[choice].zh,
  label: OPTION_TEXT[choice].en,
});

const startOf = (i: iv.Interval) => (i.lo === -Infinity ? i.hi : i.lo);

/** Overlaps and gaps of the tiers a person has not rejected (out-of-scope ranges excepted). */
export function analyseTiers(proposal: RuleProposal): BoundaryIssue[] {
  const unit = proposal.unit;
  const tiers = proposal.tiers.filter((t) => t.status !== 'rejected');
  const domain = factDomain(proposal);
  const setOf = (t: ProposedTier) => iv.intersect(iv.normalize([tierInterval(t)]), domain.set);
  const issues: BoundaryIssue[] = [];
  const eg = (i: iv.Interval) =>
    Number.isFinite(i.lo) && Number.isFinite(i.hi) && i.lo !== i.hi
      ? `（如 ${formatNumber(domain.integer ? Math.ceil(i.lo + (i.loOpen ? 1e-9 : 0)) : (i.lo + i.hi) / 2)}${unit}）`
      : '';
  for (let a = 0; a < tiers.length; a++) {
    for (let b = a + 1; b < tiers.length; b++) {
      const both = iv.intersect(setOf(tiers[a]), setOf(tiers[b]));
      if (iv.isEmpty(both)) continue;
      const [low, high] =
        startOf(tierInterval(tiers[a])) <= startOf(tierInterval(tiers[b]))
          ? [tiers[a], tiers[b]]
          : [tiers[b], tiers[a]];
      const options = [option('upperTier')];
      // the lower tier can keep the shared values only when the upper one keeps something of its own
      if (low.upper && !iv.isEmpty(iv.subtract(setOf(high), setOf(low)))) options.unshift(option('lowerTier'));
      issues.push({
        id: `overlap:${low.id}:${high.id}`,
        kind: 'overlap',
        tiers: [low.id, high.id],
        where: [...both],
        options,
        messageZh: `「${low.text}」与「${high.text}」重叠：${both.map((i) => intervalZh(i, unit)).join('、')}时两档都适用，须确定归哪一档`,
        message: `"${low.text}" and "${high.text}" overlap`,
      });
    }
  }
  if (proposal.kind === 'single' || tiers.length === 0) return issues;
  const covered = tiers.reduce<iv.IntervalSet>((s, t) => iv.union(s, setOf(t)), iv.NO_NUMBER);
  let missing = iv.subtract(domain.set, covered);
  for (const o of proposal.outOfScope) missing = iv.subtract(missing, iv.normalize([o.where]));
  if (domain.integer) missing = iv.integersOf(missing);
  if (iv.isEmpty(covered)) return issues;
  const first = covered[0];
  const last = covered[covered.length - 1];
  const ordered = [...tiers].sort((x, y) => startOf(tierInterval(x)) - startOf(tierInterval(y)));
  for (const gap of missing) {
    const zh = `${intervalZh(gap, unit)}${eg(gap)}`;
    if (gap.hi <= first.lo) {
      const lowest = ordered[0];
      // the text set a lowest threshold (「满一年」「达到三次」): below it nothing applies unless a person says so
      issues.push({
        id: `below:${lowest.id}`,
        kind: 'below',
        tiers: [lowest.id],
        where: [gap],
        options: [option('outOfScope'), option('extendUpper')],
        messageZh: `最低一档「${lowest.text}」以下：${zh}没有规定`,
        message: `below the lowest tier "${lowest.text}" nothing is said`,
      });
    } else if (gap.lo >= last.hi) {
      const highest = ordered[ordered.length - 1];
      issues.push({
        id: `above:${highest.id}`,
        kind: 'above',
        tiers: [highest.id],
        where: [gap],
        options: [option('extendLower'), option('outOfScope')],
        messageZh: `最高一档「${highest.text}」以上：${zh}没有规定`,
        message: `above the highest tier "${highest.text}" nothing is said`,
      });
    } else {
      const before = [...ordered].reverse().find((t) => tierInterval(t).hi <= gap.lo) ?? ordered[0];
      const after = ordered.find((t) => startOf(tierInterval(t)) >= gap.hi) ?? ordered[ordered.length - 1];
      issues.push({
        id: `gap:${before.id}:${after.id}`,
        kind: 'gap',
        tiers: [before.id, after.id],
        where: [gap],
        options: [option('extendLower'), option('extendUpper'), option('outOfScope')],
        messageZh: `「${before.text}」与「${after.text}」之间有空档：${zh}没有规定`,
        message: `gap between "${before.text}" and "${after.text}"`,
      });
    }
  }
  return issues;
}

/** The bound just past another one: 「5天以内」 ends where 「超过5天」 begins. */
const beyond = (b: TierBound, word: string): TierBound => ({
  value: b.value,
  inclusive: !b.inclusive,
  word,
  ...(b.param ? { param: b.param } : {}),
});

export class ResolutionError extends Error {
  constructor(
    readonly code: 'UNKNOWN_ISSUE' | 'CHOICE_NOT_OFFERED' | 'CHOICE_NOT_APPLICABLE',
    message: string,
    readonly messageZh: string,
  ) {
    super(message);
  }
}

/**
 * Settle one overlap or gap with one of its offered choices. Returns a new proposal: bounds
 * rewritten, the decision noted on the tiers concerned (with the clause words), issues recomputed.
 */
export function resolveIssue(proposal: RuleProposal, issueId: string, choice: ResolutionChoice): RuleProposal {
  const issue = proposal.issues.find((i) => i.id === issueId);
  if (!issue) throw new ResolutionError('UNKNOWN_ISSUE', `no open issue ${issueId}`, `没有待定事项 ${issueId}`);
  if (!issue.options.some((o) => o.choice === choice)) {
    throw new ResolutionError(
      'CHOICE_NOT_OFFERED',
      `${choice} is not a choice for ${issueId}`,
      `「${OPTION_TEXT[choice]?.zh ?? choice}」不适用于此项`,
    );
  }
  const tiers = proposal.tiers.map((t) => ({ ...t, notes: [...t.notes] }));
  const byId = (id: string) => tiers.find((t) => t.id === id)!;
  // an issue names two tiers; take them lower first, whatever order a stored list has them in
  const pair = () =>
    issue.tiers.map(byId).sort((a, b) => (a.lower?.value ?? -Infinity) - (b.lower?.value ?? -Infinity));
  const bound = (b: TierBound | undefined): TierBound => {
    if (!b)
      throw new ResolutionError(
        'CHOICE_NOT_APPLICABLE',
        `${choice} needs a bound the tiers of ${issueId} do not have`,
        `「${OPTION_TEXT[choice]?.zh ?? choice}」不适用于此项：相关一档缺少边界`,
      );
    return b;
  };
  const unit = proposal.unit;
  const where = issue.where.map((i) => intervalZh(i, unit)).join('、');
  const outOfScope = [...proposal.outOfScope];
  const decided = '经确认';
  if (issue.kind === 'overlap') {
    const [low, high] = pair();
    const owner = choice === 'lowerTier' ? low : high;
    if (choice === 'lowerTier') high.lower = beyond(bound(low.upper), decided);
    else low.upper = beyond(bound(high.lower), decided);
    const note = `原文「${low.text}」与「${high.text}」在${where.replace(/^恰好 /, '恰好')}处重叠：${decided}归「${owner.text}」一档。`;
    low.notes.push(note);
    high.notes.push(note);
  } else if (issue.kind === 'gap') {
    const [below, above] = pair();
    let note: string;
    if (choice === 'extendLower') {
      below.upper = beyond(bound(above.lower), decided);
      note = `原文「${below.text}」与「${above.text}」之间（${where}）没有规定：${decided}按「${below.text}」一档处理。`;
    } else if (choice === 'extendUpper') {
      above.lower = beyond(bound(below.upper), decided);
      note = `原文「${below.text}」与「${above.text}」之间（${where}）没有规定：${decided}按「${above.text}」一档处理。`;
    } else {
      note = `原文「${below.text}」与「${above.text}」之间（${where}）没有规定：${decided}不属本制度规定范围，不设规则。`;
      outOfScope.push({ where: issue.where[0], note });
    }
    below.notes.push(note);
    above.notes.push(note);
  } else {
    const tier = byId(issue.tiers[0]);
    const edge = issue.kind === 'below' ? '以下' : '以上';
    let note: string;
    if (choice === 'outOfScope') {
      note = `原文「${tier.text}」${edge}（${where}）没有规定：${decided}不属本制度规定范围，不设规则。`;
      outOfScope.push({ where: issue.where[0], note });
    } else {
      if (issue.kind === 'below') delete tier.lower;
      else delete tier.upper;
      note = `原文「${tier.text}」${edge}（${where}）没有单独规定：${decided}按本档处理。`;
    }
    tier.notes.push(note);
  }
  const next: RuleProposal = { ...proposal, tiers, outOfScope };
  return { ...next, issues: analyseTiers(next) };
}
