/**
 * Housekeeping of a pack chain: parameters nothing uses (a director would change them to no
 * effect), parameter values outside their declared range (error), rules without a citation,
 * and clauses in sources.json that no rule cites. Cited clauses missing from sources.json are
 * validation errors (pack/check.ts) and are not repeated here.
 */
import { conditionLeaves as leaves } from '../conditions/conditions.js';
import { isParamRef } from '../model.js';
import type { ResolvedPack } from '../pack/resolved.js';
import { decisions } from '../schema/registry.js';
import { formatNumber } from './describe.js';
import { finding, type LintFinding } from './findings.js';

/** For each parameter, the decisions whose rule conditions, outcomes or used derived facts refer to it. */
export function parameterUse(pack: ResolvedPack): Map<string, Set<string>> {
  const use = new Map<string, Set<string>>();
  for (const decision of pack.decisions.values()) {
    const used = (id: string) => use.set(id, (use.get(id) ?? new Set()).add(decision.id));
    const testedFacts = new Set<string>();
    for (const rule of decision.rules) {
      for (const leaf of leaves(rule.conditions)) {
        testedFacts.add(leaf.fact);
        if (isParamRef(leaf.value)) used(leaf.value.param);
      }
      for (const outcome of rule.outcomes)
        for (const value of Object.values(outcome)) if (isParamRef(value)) used(value.param);
    }
    // derived facts in reverse catalogue order, so that one derived from another is seen first
    for (const derived of [...(decisions.get(decision.id)?.derivedFacts ?? [])].reverse()) {
      if (!testedFacts.has(derived.id)) continue;
      for (const operand of derived.of) {
        if (isParamRef(operand)) used(operand.param);
        else if (typeof operand === 'string') testedFacts.add(operand);
      }
    }
  }
  return use;
}

/** Parameters some rule condition, outcome or used derived fact refers to. */
export function usedParameters(pack: ResolvedPack): Set<string> {
  return new Set(parameterUse(pack).keys());
}

export function hygiene(pack: ResolvedPack): LintFinding[] {
  const findings: LintFinding[] = [];
  const used = usedParameters(pack);
  for (const [id, parameter] of pack.parameters) {
    const { definition, value } = parameter;
    if (!used.has(id)) {
      findings.push(
        finding('warning', 'UNUSED_PARAMETER', parameter.origin, {
          en: `parameter ${id} is not used by any rule, outcome or derived fact of ${pack.id}`,
          zh: `参数「${definition.label}」没有被任何规则、结果或计算事实使用，修改它不会有任何效果`,
        }),
      );
    }
    if (typeof value === 'number' && (definition.type === 'number' || definition.type === 'integer')) {
      const below = definition.min !== undefined && value < definition.min;
      const above = definition.max !== undefined && value > definition.max;
      if (below || above) {
        const unit = definition.unit ?? '';
        const bound = below ? definition.min! : definition.max!;
        findings.push(
          finding(
            'error',
            'PARAMETER_OUT_OF_RANGE',
            parameter.override?.origin ?? parameter.origin,
            {
              en: `parameter ${id} = ${formatNumber(value)} is ${below ? 'below its minimum' : 'above its maximum'} ${formatNumber(bound)}`,
              zh: `参数「${definition.label}」的值 ${formatNumber(value)}${unit}${below ? '小于允许的最小值' : '大于允许的最大值'} ${formatNumber(bound)}${unit}`,
            },
            { pointer: '/value' },
          ),
        );
      }
    }
  }
  const cited = new Set<string>();
  for (const decision of pack.decisions.values()) {
    for (const rule of decision.rules) {
      rule.citations.forEach((c) => cited.add(c));
      if (rule.citations.length === 0) {
        findings.push(
          finding(
            'warning',
            'UNCITED_RULE',
            rule.origin,
            {
              en: `rule ${rule.id} cites no clause`,
              zh: `规则「${rule.title}」没有注明依据条款`,
            },
            { pointer: '/citations', ruleIds: [rule.id] },
          ),
        );
      }
    }
  }
  for (const clause of pack.sources.values()) {
    if (!cited.has(clause.id)) {
      findings.push(
        finding('warning', 'UNCITED_CLAUSE', clause.origin, {
          en: `clause ${clause.id} (${clause.article}) is cited by no rule of ${pack.id}`,
          zh: `条款「${clause.id}」（${clause.document}${clause.article}）没有被任何规则引用`,
        }),
      );
    }
  }
  return findings;
}
