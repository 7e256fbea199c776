import type { CompiledDecision, CompiledRule } from '../compile/compile.js';
import { engages, hingesOn, truthOf } from './truth.js';
import type { UnknownFacts } from './unknown-facts.js';

/**
 * Rules that did not fire but might once the unknown facts are given, each with the input
 * facts its answer hinges on (a derived fact is replaced by the inputs it is built on).
 *
 * Only rules the case has entered count: one of their tests on a given fact holds. A rule that
 * tests nothing the clerk gave (the referral rules on a late arrival with no absence days, an
 * incident-report rule on a roster check) is about another case; listing it would bury the
 * facts that matter under every optional field of the form.
 */
export type OpenRules = Map<CompiledRule, string[]>;

/** Which rules are open, without naming their inputs: what the hit policies read. */
export interface OpenSet {
  has(rule: CompiledRule): boolean;
}

/** The compiled finder's few open rules: a list is cheaper to make and search than a Set. */
class OpenList implements OpenSet {
  constructor(readonly rules: readonly CompiledRule[]) {}

  has(rule: CompiledRule): boolean {
    return this.rules.includes(rule);
  }

  [Symbol.iterator]() {
    return this.rules[Symbol.iterator]();
  }
}

export function openRules(
  decision: CompiledDecision,
  facts: Record<string, unknown>,
  unknown: UnknownFacts,
  isMatched: (rule: CompiledRule) => boolean,
): OpenRules | undefined {
  let open: OpenRules | undefined;
  for (const rule of decision.rules.values()) {
    if (isMatched(rule)) continue;
    const inputs = openInputs(rule, facts, unknown);
    if (inputs) (open ??= new Map()).set(rule, inputs);
  }
  return open;
}

/** For a rule that did not fire: the input facts that might make it fire, or undefined when none can. */
export function openInputs(
  rule: CompiledRule,
  facts: Record<string, unknown>,
  unknown: UnknownFacts,
): string[] | undefined {
  return isOpen(rule, facts, unknown) ? hingeInputs(rule, facts, unknown) : undefined;
}

/** Whether a rule that did not fire might once the unknown facts are given (`openInputs` without naming them). */
export function isOpen(rule: CompiledRule, facts: Record<string, unknown>, unknown: UnknownFacts): boolean {
  // most rules read none of the facts left out: one `&` tells
  if (rule.optionalFacts !== undefined && !unknown.mayRead(rule.optionalFacts)) return false;
  let reads = false;
  for (let i = 0; i < rule.facts.length && !reads; i++) reads = unknown.has(rule.facts[i]);
  return reads && truthOf(rule.conditions, facts, unknown) === undefined && engages(rule.conditions, facts, unknown);
}

/** The input facts an open rule hinges on. */
export function hingeInputs(rule: CompiledRule, facts: Record<string, unknown>, unknown: UnknownFacts): string[] {
  const inputs = new Set<string>();
  for (const fact of hingesOn(rule.conditions, facts, unknown, new Set()))
    for (const input of unknown.sources(fact)) inputs.add(input);
  return [...inputs];
}

/**
 * The open rules of an evaluation that has what each rule matched, their inputs left unnamed
 * (an undetermined list that is read names them with `hingeInputs`): the decision's compiled
 * finder (open-code.ts) when it has one and each unknown fact has a bit of its own, else the
 * interpreter.
 */
export function openRulesOf(
  decision: CompiledDecision,
  facts: Record<string, unknown>,
  unknown: UnknownFacts,
  matched: readonly boolean[],
): (OpenSet & Iterable<CompiledRule>) | undefined {
  const find = decision.findOpenRules;
  if (find && unknown.exactBits !== undefined) {
    const rules = find(facts, unknown.exactBits, matched);
    return rules && new OpenList(rules);
  }
  let open: Set<CompiledRule> | undefined;
  for (const rule of decision.rules.values())
    if (!matched[rule.order] && isOpen(rule, facts, unknown)) (open ??= new Set()).add(rule);
  return open;
}
