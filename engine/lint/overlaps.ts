/**
 * Overlaps (区间重叠) in `unique` groups: two rules whose conditions can both hold. The engine
 * refuses such input at run time (RULE_CONFLICT), so every overlap is an error, reported with
 * the concrete values where both fire ("both fire when amount = 500"). This includes two rules
 * with the same outcomes: the engine still refuses, and when one lies inside the other the
 * message says the inner one is redundant. `first` groups resolve overlaps by priority (see
 * dead-rules for rules that are wholly pre-empted); `collect` groups combine them by design.
 */
import { liveRules } from './dead-rules.js';
import { describeRegion } from './describe.js';
import { finding, type LintFinding } from './findings.js';
import type { DecisionModel, GroupModel, RuleModel } from './pack-model.js';
import { intersectRegions, isEmptyRegion, isSubregion, type Region } from './regions.js';
import type { FactSpace } from './fact-space.js';

const sameOutcomes = (a: RuleModel, b: RuleModel) =>
  a.outcomes.length === b.outcomes.length && a.outcomes.every((k, i) => k === b.outcomes[i]);

function overlap(a: RuleModel, b: RuleModel, where: Region, group: GroupModel, space: FactSpace): LintFinding {
  const values = describeRegion(where, space);
  const label = group.definition.label ?? group.name;
  let advice = { en: '', zh: '' };
  if (sameOutcomes(a, b)) {
    const inner = isSubregion(b.region, a.region, space) ? b : isSubregion(a.region, b.region, space) ? a : undefined;
    advice = inner
      ? {
          en: `; both give the same outcomes and ${inner.rule.id} lies entirely inside the other: remove it`,
          zh: `；两条规则结果相同，且「${inner.rule.title}」完全包含在另一条之内，应删除`,
        }
      : {
          en: '; both give the same outcomes: merge them or narrow one',
          zh: '；两条规则结果相同，应合并或缩小其中一条',
        };
  }
  return finding(
    'error',
    'OVERLAP',
    b.rule.origin,
    {
      en: `rules ${a.rule.id} and ${b.rule.id} both fire when ${values.en}, but group ${group.name} allows only one (hit policy unique)${advice.en}`,
      zh: `区间重叠：${values.zh}同时落入两条规则「${a.rule.title}」和「${b.rule.title}」，而条件组「${label}」只允许命中一条${advice.zh}`,
    },
    { pointer: '/conditions', ruleIds: [a.rule.id, b.rule.id] },
  );
}

export function overlaps(models: DecisionModel[]): LintFinding[] {
  const findings: LintFinding[] = [];
  for (const decision of models) {
    for (const group of decision.groups) {
      if (group.definition.hitPolicy !== 'unique') continue;
      const rules = liveRules(group);
      for (let i = 0; i < rules.length; i++) {
        for (let j = i + 1; j < rules.length; j++) {
          const where = intersectRegions(rules[i].region, rules[j].region);
          if (!isEmptyRegion(where)) findings.push(overlap(rules[i], rules[j], where, group, decision.space));
        }
      }
    }
  }
  return findings;
}
