import type { CompiledRule } from '../compile/compile.js';
import type { Clause, Outcome } from '../model.js';
import { factsOf } from '../schema/registry.js';

/** A fact the answer is waiting for, with the values a clerk may choose from (enum, yes/no). */
export interface MissingFact {
  name: string;
  label: string;
  options?: { value: string | boolean; label: string; labelEn: string }[];
}

/**
 * A rule whose firing hinges on facts not given: what it could add once they are known. In a
 * `unique` or `first` group, `candidates` names the rules one of which the group's answer will
 * be (a certain hit of a `first` group is a candidate too when an earlier rule might pre-empt it).
 */
export interface UndeterminedRule {
  rule: string;
  title: string;
  group: string;
  facts: MissingFact[];
  couldAdd: Outcome[];
  citations: Clause[];
  candidates?: string[];
  /** it belongs to a group that ends evaluation when it fires: its outcomes would replace the later ones */
  stopsOthers?: true;
}

/**
 * A rule the hit policies could not settle, and the open rules whose missing input facts would
 * settle it (itself, or in a `first` group every open rule up to it): the facts are named only
 * when the undetermined list is read.
 */
export interface PendingRule {
  rule: CompiledRule;
  waitsFor: readonly CompiledRule[];
  candidates?: CompiledRule[];
  stops?: boolean;
}

/** The input facts an open rule hinges on (`hingeInputs` for one evaluation). */
export type InputsOf = (rule: CompiledRule) => readonly string[];

function describeMissingFact(decision: string, name: string): MissingFact {
  const info = factsOf(decision).get(name);
  const fact: MissingFact = { name, label: info?.title ?? name };
  if (info?.type === 'boolean') {
    fact.options = [
      { value: true, label: '是', labelEn: 'yes' },
      { value: false, label: '否', labelEn: 'no' },
    ];
  } else if (info?.options) {
    fact.options = info.options.map((value) => ({
      value,
      label: info.labels?.[value] ?? value,
      labelEn: info.labelsEn?.[value] ?? value,
    }));
  }
  fact.options?.forEach((option) => Object.freeze(option));
  Object.freeze(fact.options);
  return Object.freeze(fact);
}

/** Per decision, each missing fact described once (frozen: every evaluation that waits for it shares it). */
const described = new Map<string, Map<string, MissingFact>>();

export function missingFact(decision: string, name: string): MissingFact {
  let facts = described.get(decision);
  if (!facts) described.set(decision, (facts = new Map()));
  let fact = facts.get(name);
  if (!fact) facts.set(name, (fact = describeMissingFact(decision, name)));
  return fact;
}

/** The undetermined entries of an evaluation: only what is not already certain is worth asking for. */
export function undeterminedRules(
  decision: string,
  pending: readonly PendingRule[],
  certain: readonly string[],
  inputsOf: InputsOf,
): UndeterminedRule[] {
  const entries: UndeterminedRule[] = [];
  for (const { rule, waitsFor, candidates, stops } of pending) {
    const couldAdd = rule.outcomes.filter((_, i) => !certain.includes(rule.outcomeKeys[i]));
    if (couldAdd.length === 0) continue;
    const facts = waitsFor.length === 1 ? inputsOf(waitsFor[0]) : [...new Set(waitsFor.flatMap(inputsOf))];
    entries.push({
      rule: rule.rule.id,
      title: rule.title,
      group: rule.rule.group,
      facts: facts.map((name) => missingFact(decision, name)),
      couldAdd,
      citations: rule.citations,
      ...(candidates ? { candidates: candidates.map((c) => c.rule.id) } : {}),
      ...(stops ? { stopsOthers: true as const } : {}),
    });
  }
  return entries;
}
