/**
 * A resolved pack as lint sees it: per decision, its fact space and its groups, each group's
 * rules in evaluation order (priority, then written order, as the compiler sorts them) with the
 * region where each rule's condition holds. Built once and shared by every analysis.
 */
import { outcomeKey } from '../evaluate/evaluate.js';
import { isParamRef, type GroupDefinition, type Outcome } from '../model.js';
import { groupOf } from '../pack/resolve.js';
import type { Origin, ResolvedPack, ResolvedRule } from '../pack/resolved.js';
import { decisions } from '../schema/registry.js';
import { factSpace, type FactSpace } from './fact-space.js';
import { conditionRegion, type Region } from './regions.js';

export interface RuleModel {
  rule: ResolvedRule;
  region: Region;
  /** outcomes with parameters substituted, as canonical keys (sorted) */
  outcomes: string[];
}

export interface GroupModel {
  name: string;
  definition: GroupDefinition;
  /** where the group is declared; undefined for the implicit `main` group */
  origin?: Origin;
  /** in evaluation order */
  rules: RuleModel[];
}

export interface DecisionModel {
  id: string;
  space: FactSpace;
  groups: GroupModel[];
}

function boundOutcomes(outcomes: Outcome[], pack: ResolvedPack): string[] {
  return outcomes
    .map((outcome) =>
      outcomeKey(
        Object.fromEntries(
          Object.entries(outcome).map(([k, v]) => [k, isParamRef(v) ? pack.parameters.get(v.param)?.value : v]),
        ) as Outcome,
      ),
    )
    .sort();
}

/** Decisions the catalogue does not know are left to validation. */
export function modelPack(pack: ResolvedPack): DecisionModel[] {
  const models: DecisionModel[] = [];
  for (const decision of pack.decisions.values()) {
    if (!decisions.has(decision.id)) continue;
    const space = factSpace(decision.id, pack.parameters);
    const groups = new Map<string, GroupModel>();
    const ordered = decision.rules
      .map((rule, order) => ({ rule, order }))
      .sort((a, b) => (b.rule.priority ?? 1) - (a.rule.priority ?? 1) || a.order - b.order);
    for (const { rule } of ordered) {
      let group = groups.get(rule.group);
      if (!group) {
        const definition = groupOf(decision, rule.group);
        if (!definition) continue; // undeclared group: a validation error already
        group = { name: rule.group, definition, origin: decision.groups.get(rule.group)?.origin, rules: [] };
        groups.set(rule.group, group);
      }
      group.rules.push({
        rule,
        region: conditionRegion(rule.conditions, space, pack.parameters),
        outcomes: boundOutcomes(rule.outcomes, pack),
      });
    }
    models.push({ id: decision.id, space, groups: [...groups.values()] });
  }
  return models;
}
