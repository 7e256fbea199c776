/**
 * A decision's rules cut at their top-level `all` into parts, each compiled to plain JavaScript
 * by the evaluator's own matcher compiler: one function answers every part of every rule (which
 * rules match, and which false parts keep a rule from matching), and per input fact one answers
 * only the parts that read it. Trying another value of one fact then re-runs those few parts; a
 * try that flips no rule costs no more than that. Built once per compiled decision.
 */
import type { CompiledRule } from '../compile/compile.js';
import { compileMatcher, type RuleMatcher } from '../compile/predicates.js';
import type { Condition } from '../model.js';
import type { RuleDeps } from './model.js';

export interface Part {
  /** index of the rule in the model's rules (and its `order`) */
  rule: number;
  condition: Condition;
  /** the input facts it reads (a derived fact counts as the inputs it is built on) */
  facts: Set<string>;
}

/** The parts that read one input fact, and the rules they belong to. */
export interface FactParts {
  /** answers the parts listed in `parts`, in that order */
  match: RuleMatcher;
  parts: number[];
  /** each rule with a part reading the fact: its parts, and where each is in `match`'s answer (-1: not re-run) */
  rules: { rule: CompiledRule; parts: number[]; rerun: number[] }[];
}

export interface RuleParts {
  parts: Part[];
  /** answers every part of every rule; undefined when some condition cannot be compiled */
  matchAll?: RuleMatcher;
  /** each rule's parts, by the rule's index */
  partsOf: number[][];
  /** per input fact, built on first use */
  byFact: Map<string, FactParts | undefined>;
}

/**
 * Compile conditions with the evaluator's compiler (it reads `conditions`, and `parameterAt` to
 * tell thresholds shared across packs from written constants: here every value is inlined).
 */
function matcherOf(conditions: Condition[]): RuleMatcher | undefined {
  const rules = new Map(
    conditions.map((condition, i) => [
      String(i),
      { conditions: condition, parameterAt: new Map() } as unknown as CompiledRule,
    ]),
  );
  return compileMatcher({ rules });
}

export function ruleParts(rules: RuleDeps[]): RuleParts {
  const parts: Part[] = [];
  const partsOf: number[][] = [];
  rules.forEach(({ rule, facts, conjuncts }, index) => {
    if (rule.order !== index) throw new Error('rules must be listed in their order');
    partsOf[index] = [];
    for (const part of conjuncts ?? [{ condition: rule.conditions, facts }]) {
      partsOf[index].push(parts.length);
      parts.push({ rule: index, condition: part.condition, facts: part.facts });
    }
  });
  return { parts, matchAll: matcherOf(parts.map((p) => p.condition)), partsOf, byFact: new Map() };
}

/** The compiled parts reading `fact`; undefined when they cannot be compiled. */
export function partsReading(model: { rules: RuleDeps[] }, compiled: RuleParts, fact: string): FactParts | undefined {
  if (compiled.byFact.has(fact)) return compiled.byFact.get(fact);
  const parts: number[] = [];
  compiled.parts.forEach((part, i) => {
    if (part.facts.has(fact)) parts.push(i);
  });
  const match = parts.length ? matcherOf(parts.map((i) => compiled.parts[i].condition)) : undefined;
  const rules = [...new Set(parts.map((i) => compiled.parts[i].rule))].map((index) => ({
    rule: model.rules[index].rule,
    parts: compiled.partsOf[index],
    rerun: compiled.partsOf[index].map((p) => parts.indexOf(p)),
  }));
  const found = match && { match, parts, rules };
  compiled.byFact.set(fact, found);
  return found;
}

/** Which rules match, from the answers of their parts (a rule with no parts, `all: []`, always does). */
export function matchedFrom(compiled: RuleParts, truths: boolean[]): boolean[] {
  const matched: boolean[] = [];
  for (let r = 0; r < compiled.partsOf.length; r++) {
    const parts = compiled.partsOf[r];
    let holds = true;
    for (let i = 0; i < parts.length && holds; i++) holds = truths[parts[i]];
    matched.push(holds);
  }
  return matched;
}
