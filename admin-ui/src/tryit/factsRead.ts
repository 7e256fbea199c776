/**
 * Which facts a pack's rules read for a decision, so that 试算 asks those first and keeps the
 * rest under 更多. The pack is taken as it takes effect: rules of its bases, replaced by a
 * nearer pack's rule with the same id, minus the rules switched off; a derived fact read by a
 * rule counts as reading its sources (本月累计请假天数 = 本月此前已请假天数 + 请假天数).
 */
import { isLeaf, isParamRef, type Condition, type DerivedFactDefinition } from '../../../engine/model.js';

export interface PackRule {
  packId: string;
  ruleId: string;
  decision: string;
  /** a switched-off rule: it removes the base's rule of that id */
  disabled?: boolean;
  conditions?: Condition;
}

/** The rules in effect for a pack: `chain` lists the pack first, then its bases. */
export function effectiveRules(rules: PackRule[], chain: string[]): PackRule[] {
  const byId = new Map<string, PackRule>();
  for (const packId of [...chain].reverse()) {
    for (const rule of rules) {
      if (rule.packId !== packId) continue;
      if (rule.disabled) byId.delete(rule.ruleId);
      else byId.set(rule.ruleId, rule);
    }
  }
  return [...byId.values()];
}

function collect(condition: Condition | undefined, into: Set<string>): void {
  if (!condition) return;
  if (isLeaf(condition)) {
    into.add(condition.fact);
    // json-rules-engine compares with another fact when the value is { fact }
    const value = condition.value as unknown;
    if (
      value &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      !isParamRef(value) &&
      typeof (value as { fact?: unknown }).fact === 'string'
    ) {
      into.add((value as { fact: string }).fact);
    }
    return;
  }
  if ('all' in condition) condition.all.forEach((c) => collect(c, into));
  else if ('any' in condition) condition.any.forEach((c) => collect(c, into));
  else collect(condition.not, into);
}

/** The input facts the effective rules of this decision read, derived facts replaced by their sources. */
export function factsRead(
  rules: PackRule[],
  chain: string[],
  decision: string,
  derived: DerivedFactDefinition[] = [],
): Set<string> {
  const read = new Set<string>();
  for (const rule of effectiveRules(rules, chain)) if (rule.decision === decision) collect(rule.conditions, read);
  const derivedById = new Map(derived.map((d) => [d.id, d]));
  const inputs = new Set<string>();
  const visit = (fact: string, seen: Set<string>) => {
    const definition = derivedById.get(fact);
    if (!definition) {
      inputs.add(fact);
      return;
    }
    if (seen.has(fact)) return;
    seen.add(fact);
    for (const operand of definition.of) if (typeof operand === 'string') visit(operand, seen);
  };
  for (const fact of read) visit(fact, new Set());
  return inputs;
}

/** The form's fields in two parts: those asked at once (required or read by a rule), and 更多. */
export function splitFields(
  names: string[],
  required: string[],
  read: Set<string>,
): { asked: string[]; more: string[] } {
  const asked = names.filter((n) => required.includes(n) || read.has(n));
  return { asked, more: names.filter((n) => !asked.includes(n)) };
}
