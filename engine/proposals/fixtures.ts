/**
 * Boundary fixtures for a confirmed group: cases on both sides of every threshold (1 and 1.5
 * days; 30 and 31 minutes; 499 / 500 / 501 yuan) and exactly at it, each expecting the outcome
 * of the tier its value falls in — taken from the confirmed tiers, not from running the rules.
 */
import * as iv from '../lint/intervals.js';
import { outcomeKey } from '../compile/outcome-key.js';
import type { FixtureCase, Outcome, ParameterDefinition } from '../model.js';
import { bindAmounts } from './amounts.js';
import { decisions, dereferencedFactSchema } from '../schema/registry.js';
import { factDomain, tierInterval } from './issues.js';
import type { ProposedTier, RuleProposal } from './model.js';
import { fixtureIdFor, fixtureName } from './naming.js';

/** The step to either side of a threshold: whole units for counts, money and minutes, half a day for days. */
export function stepFor(unit: string, integer: boolean): number {
  if (integer) return 1;
  if (unit === '比例') return 0.01;
  if (['天', '小时', '年', '月', '周'].includes(unit)) return 0.5;
  return 1;
}

/** Every threshold of the tiers, and the values just below and above it that the fact can take. */
export function boundaryValues(proposal: RuleProposal, tiers: ProposedTier[]): number[] {
  const { set, integer } = factDomain(proposal);
  const step = stepFor(proposal.unit, integer);
  const values = new Set<number>();
  for (const t of tiers) {
    for (const b of [t.lower, t.upper]) {
      if (!b) continue;
      // one step either side, or half a step where the fact's range ends closer (half a day above 0)
      for (const side of [[b.value - step, b.value - step / 2], [b.value], [b.value + step, b.value + step / 2]]) {
        const inside = side.map((v) => Number(v.toPrecision(12))).find((v) => iv.contains(set, v));
        if (inside !== undefined) values.add(inside);
      }
    }
  }
  return [...values].sort((a, b) => a - b);
}

/** Facts a decision requires, filled with a harmless value (the first option, false, the minimum). */
function requiredDefaults(decision: string): Record<string, unknown> {
  const schema = dereferencedFactSchema(decision);
  const out: Record<string, unknown> = {};
  for (const name of schema.required ?? []) {
    const p = schema.properties[name];
    if (p.enum) out[name] = p.enum[0];
    else if (p.type === 'boolean') out[name] = false;
    else if (p.type === 'number' || p.type === 'integer')
      out[name] = p.minimum ?? (p.exclusiveMinimum !== undefined ? p.exclusiveMinimum + 1 : 0);
    else if (p.type === 'array') out[name] = [];
    else out[name] = '';
  }
  return out;
}

/**
 * The input facts that give `fact` the value: the fact itself, or for a derived sum of an input
 * and a number (countIncludingThis = priorCount + 1) the input. Undefined when it cannot be set.
 */
export function factsFor(decision: string, fact: string, value: number): Record<string, unknown> | undefined {
  const derived = decisions.get(decision)?.derivedFacts?.find((d) => d.id === fact);
  if (!derived) return { [fact]: value };
  const [a, b] = derived.of;
  if (derived.op === 'sum' && typeof a === 'string' && typeof b === 'number') return { [a]: value - b };
  if (derived.op === 'sum' && typeof b === 'string' && typeof a === 'number') return { [b]: value - a };
  // the sum of two facts (earlier days this month + this request): this request takes one unit or half the value
  if (derived.op === 'sum' && typeof a === 'string' && typeof b === 'string') {
    const part = value >= 2 ? 1 : value / 2;
    return { [a]: Number((value - part).toPrecision(12)), [b]: part };
  }
  return undefined;
}

export interface GeneratedFixtures {
  cases: FixtureCase[];
  /** why a group got no fixtures (a fact the tool cannot set) */
  skippedZh?: string;
}

/**
 * Boundary cases for the accepted tiers of a group. `background` gives, for facts, the outcomes
 * the rest of the pack (other groups, the base) adds; the group's own part comes from the tiers.
 */
export function boundaryFixtures(
  proposal: RuleProposal,
  tiers: ProposedTier[],
  group: string,
  background: (facts: Record<string, unknown>) => Outcome[] = () => [],
  /** the draft's parameters: an outcome taking its amount from one expects the amount's value */
  parameters: readonly ParameterDefinition[] = [],
): GeneratedFixtures {
  const { decision, fact } = proposal;
  if (!decision || !fact) return { cases: [], skippedZh: '事项或事实未确定' };
  const cases: FixtureCase[] = [];
  for (const value of boundaryValues(proposal, tiers)) {
    const set = factsFor(decision, fact, value);
    if (!set) return { cases: [], skippedZh: `「${fact}」是推导事实，无法直接设定取值，未生成边界用例` };
    if (Object.values(set).some((v) => typeof v === 'number' && v < 0)) continue;
    const facts = {
      ...requiredDefaults(decision),
      ...Object.fromEntries(proposal.context.map((c) => [c.fact, c.value])),
      ...set,
    };
    const tier = tiers.find((t) => iv.contains(iv.normalize([tierInterval(t)]), value));
    const own = tier ? bindAmounts(tier.outcomes, parameters) : [];
    const keys = new Set(own.map(outcomeKey));
    const outcomes = [...own, ...background(facts).filter((o) => !keys.has(outcomeKey(o)))];
    cases.push({
      id: fixtureIdFor(decision, group, value),
      name: fixtureName(proposal, value, tier ? own : undefined),
      facts,
      expect: { outcomes },
    });
  }
  return { cases };
}
