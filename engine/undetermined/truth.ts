import { isLeaf, type Condition } from '../model.js';
import { leafResult } from '../compile/predicates.js';
import type { UnknownFacts } from './unknown-facts.js';

/** true, false, or undefined for unknown. */
export type Truth = boolean | undefined;

/**
 * A condition under three-valued (Kleene) logic. A test of an unknown fact is unknown — except
 * where leaving the fact out answers as its default would (a flag left out is 否), or where the
 * fact's absence satisfies the condition as written: `specialCase ≠ true` or `not (days < 1)`
 * are how an author says "absent counts as not special / as at least a day", and
 * json-rules-engine answers them so. Such a test keeps its value, so a rule that fires today
 * still fires, and a rule that does not fire is either certainly false or unknown.
 * `positive` is false under an odd number of `not`s. Allocates nothing: it runs per rule.
 */
export function truthOf(
  condition: Condition,
  facts: Record<string, unknown>,
  unknown: UnknownFacts,
  positive = true,
): Truth {
  if (isLeaf(condition)) {
    const result = leafResult(condition, facts[condition.fact]);
    if (result === positive || !unknown.has(condition.fact)) return result;
    // a test that answers for the absent fact as for its default (a flag's 否) is settled
    const byDefault = unknown.defaultOf(condition.fact);
    return byDefault !== undefined && leafResult(condition, byDefault) === result ? result : undefined;
  }
  if ('not' in condition) {
    const inner = truthOf(condition.not, facts, unknown, !positive);
    return inner === undefined ? undefined : !inner;
  }
  const isAll = 'all' in condition;
  const parts = isAll ? condition.all : condition.any;
  let open = false;
  for (let i = 0; i < parts.length; i++) {
    const result = truthOf(parts[i], facts, unknown, positive);
    if (result === !isAll) return result; // false decides an `all`, true an `any`
    if (result === undefined) open = true;
  }
  // an empty group holds, as in json-rules-engine
  return open ? undefined : isAll || parts.length === 0;
}

/** The unknown facts an unknown condition hinges on: the tests left unknown in the branches that decide it. */
export function hingesOn(
  condition: Condition,
  facts: Record<string, unknown>,
  unknown: UnknownFacts,
  into: Set<string>,
  positive = true,
): Set<string> {
  if (truthOf(condition, facts, unknown, positive) !== undefined) return into;
  if (isLeaf(condition)) into.add(condition.fact);
  else if ('not' in condition) hingesOn(condition.not, facts, unknown, into, !positive);
  else
    for (const part of 'all' in condition ? condition.all : condition.any)
      hingesOn(part, facts, unknown, into, positive);
  return into;
}

/** Has the case entered this condition: does a test of a given fact hold as written? */
export function engages(
  condition: Condition,
  facts: Record<string, unknown>,
  unknown: UnknownFacts,
  positive = true,
): boolean {
  if (isLeaf(condition))
    return !unknown.has(condition.fact) && leafResult(condition, facts[condition.fact]) === positive;
  if ('not' in condition) return engages(condition.not, facts, unknown, !positive);
  return ('all' in condition ? condition.all : condition.any).some((part) => engages(part, facts, unknown, positive));
}
