/**
 * Optional facts whose absence no rule covers. A rule *hinges* on an optional fact when a test
 * of it (or of a fact derived from it) is left unknown by the fact's absence — evaluation then
 * lists the rule as undetermined (还需确认). A rule *covers* the absence when a test of the fact
 * holds because it is absent (`≠`, `not in`, `not (…)`: 「除特殊情况外」). A yes/no fact left out
 * reads as 否 and needs no cover, and a rule that tests nothing but the fact is never entered
 * without it (evaluation does not list it). Reported once per decision and fact, naming the
 * rules, as a warning: asking is often right (管理权限 decides where a case is referred), but
 * the author should know the answer can wait.
 */
import { isLeaf, type Condition, type LeafCondition } from '../model.js';
import { leafResult } from '../compile/predicates.js';
import type { ResolvedPack, ResolvedRule } from '../pack/resolved.js';
import { decisions, dereferencedFactSchema, factsOf } from '../schema/registry.js';
import { defaultsOf, derivedInputs } from '../undetermined/unknown-facts.js';
import { finding, type LintFinding } from './findings.js';
import { leafValue } from './regions.js';

function eachLeaf(
  condition: Condition,
  visit: (leaf: LeafCondition, positive: boolean) => void,
  positive = true,
): void {
  if (isLeaf(condition)) visit(condition, positive);
  else if ('not' in condition) eachLeaf(condition.not, visit, !positive);
  else ('all' in condition ? condition.all : condition.any).forEach((c) => eachLeaf(c, visit, positive));
}

export function uncoveredAbsence(pack: ResolvedPack): LintFinding[] {
  const findings: LintFinding[] = [];
  for (const decision of pack.decisions.values()) {
    const definition = decisions.get(decision.id);
    if (!definition) continue;
    const schema = dereferencedFactSchema(decision.id);
    const required = new Set<string>(schema.required ?? []);
    const defaults = defaultsOf(schema);
    const inputsOf = derivedInputs(definition);
    const hinging = new Map<string, ResolvedRule[]>();
    const covered = new Set<string>();
    for (const rule of decision.rules) {
      // evaluation lists a rule as undetermined only once the case has entered it (a test of a
      // given fact holds): a rule that tests nothing but the missing fact is about another case
      const sources: string[][] = [];
      eachLeaf(rule.conditions, (leaf) => sources.push(inputsOf.get(leaf.fact) ?? [leaf.fact]));
      const enterableWithout = (fact: string) => sources.some((inputs) => !inputs.includes(fact));
      eachLeaf(rule.conditions, (leaf, positive) => {
        const value = leafValue(leaf, pack.parameters);
        if (value === undefined) return;
        const bound = { ...leaf, value } as LeafCondition;
        const whenAbsent = leafResult(bound, undefined);
        const derived = inputsOf.get(leaf.fact);
        for (const fact of derived ?? [leaf.fact]) {
          if (required.has(fact)) continue;
          if (whenAbsent === positive) {
            if (!derived) covered.add(fact);
            continue;
          }
          const byDefault = derived ? undefined : defaults.get(fact);
          if (byDefault !== undefined && leafResult(bound, byDefault) === whenAbsent) continue;
          if (!enterableWithout(fact)) continue;
          const rules = hinging.get(fact) ?? [];
          if (!rules.includes(rule)) hinging.set(fact, [...rules, rule]);
        }
      });
    }
    for (const [fact, rules] of hinging) {
      if (covered.has(fact)) continue;
      const label = factsOf(decision.id).get(fact)?.title ?? fact;
      findings.push(
        finding(
          'warning',
          'UNCOVERED_ABSENCE',
          rules[0].origin,
          {
            en: `rule${rules.length > 1 ? 's' : ''} ${rules.map((r) => r.id).join(', ')} hinge${rules.length > 1 ? '' : 's'} on the optional fact ${fact}, and no rule says what applies when it is not given: answers without it come out undetermined`,
            zh: `选填事实「${label}」未填写时，${rules.map((r) => `「${r.title}」`).join('、')}无法判断，也没有规则规定未填写时如何处理：这类答复会列为「还需确认」`,
          },
          { pointer: '/conditions', ruleIds: rules.map((r) => r.id) },
        ),
      );
    }
  }
  return findings;
}
