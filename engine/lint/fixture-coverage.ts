/**
 * Do the fixtures pin the rules down? Rules no fixture makes fire, and numeric thresholds
 * without fixtures on both sides of the cut.
 *
 * A threshold (a `<`, `≤`, `>`, `≥` condition of a rule) is covered when, among the fixtures
 * for which that condition decides the rule (flipping it flips the rule; the other facts put
 * the case in the rule's context), there is one where the condition holds, one where it
 * fails, and one exactly at the threshold value, which is the side the regulation's wording
 * (以上/以下/超过/不满) decides.
 */
import { deriverFor } from '../compile/derive.js';
import type { FixtureReport } from '../fixtures/run.js';
import { isLeaf, type Condition, type LeafCondition, type Operator } from '../model.js';
import type { ResolvedPack } from '../pack/resolved.js';
import { decisions } from '../schema/registry.js';
import { describeLeaf, formatNumber, OPERATOR_WORDS } from './describe.js';
import { factSpace, type FactSpace } from './fact-space.js';
import { finding, type LintFinding } from './findings.js';
import { contains } from './intervals.js';
import { complementRegion, isEmptyRegion, leafRegion, leafValue } from './regions.js';

type Facts = Record<string, unknown>;

/** json-rules-engine's operators, for evaluating fixtures without running the engine. */
function compare(operator: Operator, fact: unknown, value: unknown): boolean {
  switch (operator) {
    case 'equal':
      return fact === value;
    case 'notEqual':
      return fact !== value;
    case 'lessThan':
      return typeof fact === 'number' && typeof value === 'number' && fact < value;
    case 'lessThanInclusive':
      return typeof fact === 'number' && typeof value === 'number' && fact <= value;
    case 'greaterThan':
      return typeof fact === 'number' && typeof value === 'number' && fact > value;
    case 'greaterThanInclusive':
      return typeof fact === 'number' && typeof value === 'number' && fact >= value;
    case 'in':
      return Array.isArray(value) && value.includes(fact);
    case 'notIn':
      return Array.isArray(value) && !value.includes(fact);
    case 'contains':
      return Array.isArray(fact) && fact.includes(value);
    case 'doesNotContain':
      return Array.isArray(fact) && !fact.includes(value);
  }
}

/** Evaluate a condition on facts; `forced` pins one leaf to a truth value. */
function holds(
  condition: Condition,
  facts: Facts,
  pack: ResolvedPack,
  forced?: { leaf: LeafCondition; value: boolean },
): boolean {
  if (isLeaf(condition)) {
    if (forced && condition === forced.leaf) return forced.value;
    return compare(condition.operator, facts[condition.fact], leafValue(condition, pack.parameters));
  }
  if ('all' in condition) return condition.all.every((c) => holds(c, facts, pack, forced));
  // an empty `any` holds, as evaluation decides it
  if ('any' in condition) return condition.any.length === 0 || condition.any.some((c) => holds(c, facts, pack, forced));
  return !holds(condition.not, facts, pack, forced);
}

const THRESHOLD_OPERATORS = new Set<Operator>(['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive']);
const NEGATED: Partial<Record<Operator, Operator>> = {
  lessThan: 'greaterThanInclusive',
  lessThanInclusive: 'greaterThan',
  greaterThan: 'lessThanInclusive',
  greaterThanInclusive: 'lessThan',
};

/** Threshold leaves of a condition with their JSON pointer below the rule. */
function thresholds(condition: Condition, path = '/conditions'): { leaf: LeafCondition; pointer: string }[] {
  if (isLeaf(condition)) return THRESHOLD_OPERATORS.has(condition.operator) ? [{ leaf: condition, pointer: path }] : [];
  if ('all' in condition) return condition.all.flatMap((c, i) => thresholds(c, `${path}/all/${i}`));
  if ('any' in condition) return condition.any.flatMap((c, i) => thresholds(c, `${path}/any/${i}`));
  return thresholds(condition.not, `${path}/not`);
}

export function untestedBoundaries(
  pack: ResolvedPack,
  spaces: ReadonlyMap<string, FactSpace> = new Map(),
): LintFinding[] {
  const findings: LintFinding[] = [];
  for (const decision of pack.decisions.values()) {
    const definition = decisions.get(decision.id);
    if (!definition) continue;
    const derive = deriverFor(definition, pack.parameters);
    // cases that expect an error (invalid facts) never reach the rules
    const cases = pack.fixtures
      .filter((f) => f.decision === decision.id && f.expect.error === undefined)
      .map((f) => derive(f.facts));
    const space = spaces.get(decision.id) ?? factSpace(decision.id, pack.parameters);
    for (const rule of decision.rules) {
      for (const { leaf, pointer } of thresholds(rule.conditions)) {
        const threshold = leafValue(leaf, pack.parameters);
        if (typeof threshold !== 'number') continue;
        // a cut at the edge of the fact's range (days > 0 with days > 0 required) has one side only
        const domain = space.domain(leaf.fact);
        if (domain.kind !== 'number') continue;
        const inside = leafRegion(leaf, space, pack.parameters);
        if (isEmptyRegion(inside) || isEmptyRegion(complementRegion(inside, space))) continue;
        const exactPossible = contains(domain.set, threshold);
        let satisfied = false;
        let failed = false;
        let exact = false;
        for (const facts of cases) {
          const value = facts[leaf.fact];
          if (typeof value !== 'number') continue;
          if (
            holds(rule.conditions, facts, pack, { leaf, value: true }) ===
            holds(rule.conditions, facts, pack, { leaf, value: false })
          )
            continue;
          if (compare(leaf.operator, value, threshold)) satisfied = true;
          else failed = true;
          if (value === threshold) exact = true;
        }
        if (satisfied && failed && (exact || !exactPossible)) continue;
        const { unit = '', title } = domain.info;
        const amount = `${formatNumber(threshold)}${unit ? ' ' + unit : ''}`;
        const side = (operator: Operator) => ({
          en: `${leaf.fact} ${OPERATOR_WORDS[operator].en} ${formatNumber(threshold)}`,
          zh: `${OPERATOR_WORDS[operator].zh} ${amount}`,
        });
        const missing: { en: string; zh: string }[] = [];
        if (!exact && exactPossible)
          missing.push({ en: `${leaf.fact} = ${formatNumber(threshold)}`, zh: `恰好 ${amount}` });
        if (!satisfied) missing.push(side(leaf.operator));
        if (!failed) missing.push(side(NEGATED[leaf.operator]!));
        const condition = describeLeaf(leaf, space, pack.parameters);
        findings.push(
          finding(
            'warning',
            'UNTESTED_BOUNDARY',
            rule.origin,
            {
              en: `boundary ${condition.en} of rule ${rule.id} lacks fixtures with ${missing.map((m) => m.en).join('; ')}`,
              zh: `规则「${rule.title}」的边界「${condition.zh}」缺少${title}${missing.map((m) => m.zh).join('、')}的测试用例`,
            },
            { pointer, ruleIds: [rule.id] },
          ),
        );
      }
    }
  }
  return findings;
}

/** Rules that fired in no fixture run. */
export function unexercisedRules(pack: ResolvedPack, report: FixtureReport): LintFinding[] {
  const fired = new Set(report.results.flatMap((r) => r.actual.rules ?? []));
  return [...pack.decisions.values()]
    .flatMap((d) => d.rules)
    .filter((r) => !fired.has(r.id))
    .map((rule) =>
      finding(
        'warning',
        'UNEXERCISED_RULE',
        rule.origin,
        {
          en: `rule ${rule.id} fires in no fixture`,
          zh: `规则「${rule.title}」没有任何测试用例命中`,
        },
        { ruleIds: [rule.id] },
      ),
    );
}
