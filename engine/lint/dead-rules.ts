/**
 * Rules that never take effect: conditions that can never all hold (error: the text was
 * misread or a parameter crossed another), and rules of a `first` group that higher-priority
 * rules always pre-empt (warning: harmless at run time, but a director editing them would see
 * no effect).
 */
import { isLeaf, type Condition, type LeafCondition } from '../model.js';
import type { ResolvedPack } from '../pack/resolved.js';
import { describeLeaf, type Words } from './describe.js';
import type { FactSpace } from './fact-space.js';
import { finding, type LintFinding } from './findings.js';
import type { DecisionModel, GroupModel, RuleModel } from './pack-model.js';
import { intersectRegions, isEmptyRegion, isSubregion, leafRegion, unionRegions, type Region } from './regions.js';

/** The leaves every path through the condition must satisfy (nested `all`s flattened). */
function requiredLeaves(condition: Condition): LeafCondition[] {
  if (isLeaf(condition)) return [condition];
  return 'all' in condition ? condition.all.flatMap(requiredLeaves) : [];
}

/** The smallest set of required conditions on one fact that already contradict each other. */
function contradiction(rule: RuleModel, space: FactSpace, pack: ResolvedPack): LeafCondition[] | undefined {
  const leaves = requiredLeaves(rule.rule.conditions);
  const alone = leaves.find((leaf) => isEmptyRegion(leafRegion(leaf, space, pack.parameters)));
  if (alone) return [alone];
  const byFact = new Map<string, LeafCondition[]>();
  for (const leaf of leaves) byFact.set(leaf.fact, [...(byFact.get(leaf.fact) ?? []), leaf]);
  for (const group of byFact.values()) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        const both = intersectRegions(
          leafRegion(group[i], space, pack.parameters),
          leafRegion(group[j], space, pack.parameters),
        );
        if (isEmptyRegion(both)) return [group[i], group[j]];
      }
    }
  }
  return undefined;
}

function deadRule(rule: RuleModel, space: FactSpace, pack: ResolvedPack): LintFinding {
  const { id, title, origin } = rule.rule;
  const leaves = contradiction(rule, space, pack);
  let why: Words;
  if (leaves?.length === 1) {
    const w = describeLeaf(leaves[0], space, pack.parameters);
    why = {
      en: `${w.en} is impossible within the range of ${leaves[0].fact}`,
      zh: `「${w.zh}」超出了「${space.domain(leaves[0].fact).info.title}」的取值范围`,
    };
  } else if (leaves) {
    const [a, b] = leaves.map((l) => describeLeaf(l, space, pack.parameters));
    why = { en: `${a.en} and ${b.en} never hold together`, zh: `「${a.zh}」与「${b.zh}」不可能同时成立` };
  } else {
    why = { en: 'its conditions never hold together', zh: '其条件不可能同时成立' };
  }
  return finding(
    'error',
    'DEAD_RULE',
    origin,
    {
      en: `rule ${id} can never fire: ${why.en}`,
      zh: `规则「${title}」永远不会命中：${why.zh}`,
    },
    { pointer: '/conditions', ruleIds: [id] },
  );
}

function shadowedRule(rule: RuleModel, earlier: RuleModel[], group: GroupModel): LintFinding {
  const by = earlier.filter((e) => !isEmptyRegion(intersectRegions(e.region, rule.region)));
  const label = group.definition.label ?? group.name;
  return finding(
    'warning',
    'SHADOWED_RULE',
    rule.rule.origin,
    {
      en: `rule ${rule.rule.id} never takes effect: in group ${group.name} (first hit wins) ${by.map((r) => r.rule.id).join(', ')} always fire${by.length === 1 ? 's' : ''} first`,
      zh: `规则「${rule.rule.title}」永远不会生效：条件组「${label}」按优先顺序取第一条，而${by.map((r) => `「${r.rule.title}」`).join('、')}总是先命中`,
    },
    { ruleIds: [rule.rule.id, ...by.map((r) => r.rule.id)] },
  );
}

export function deadRules(models: DecisionModel[], pack: ResolvedPack): LintFinding[] {
  const findings: LintFinding[] = [];
  for (const decision of models) {
    for (const group of decision.groups) {
      let covered: Region = [];
      const earlier: RuleModel[] = [];
      for (const rule of group.rules) {
        if (isEmptyRegion(rule.region)) {
          findings.push(deadRule(rule, decision.space, pack));
          continue;
        }
        if (
          group.definition.hitPolicy === 'first' &&
          earlier.length &&
          isSubregion(rule.region, covered, decision.space)
        ) {
          findings.push(shadowedRule(rule, earlier, group));
          continue; // it never fires, so it pre-empts nothing below it
        }
        earlier.push(rule);
        covered = unionRegions(covered, rule.region);
      }
    }
  }
  return findings;
}

/** Rules that can fire at all (the other analyses skip dead ones: they were reported here). */
export const liveRules = (group: GroupModel): RuleModel[] => group.rules.filter((r) => !isEmptyRegion(r.region));
