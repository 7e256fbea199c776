import { isLeaf, type Condition } from '../model.js';
import { leafResult } from '../compile/predicates.js';
import type { UnknownFacts } from './unknown-facts.js';

/** true, false, or undefined for unknown. */
export type Truth = boolean | undefined;

/**
 * A condition under three-valued (Kleene) logic. A test of an unknown fact is unknown — except
 * where leaving the fact out answers as its default would (a flag left out is 否), or where the
 * fact's absence satisfies the condition as written: `specialCase ≠ true` or
 * `not (days < 1)` are how an author says "absent counts as not special / as at least a day",
 * and json-rules-engine answers them so. Such a test keeps its value, so a rule that fires
 * today still fires, and a rule that does not fire is either certainly false or unknown.
 *
 * `missing` receives the unknown facts the result hinges on (only when it is unknown);
 * `engaged.given` is set when a test of a given fact holds as written.
 */
export function truthOf(
  condition: Condition, facts: Record<string, unknown>, unknown: UnknownFacts, missing: Set<string>, positive = true, engaged?: { given: boolean },
): Truth {
  if (isLeaf(condition)) {
    const result = leafResult(condition, facts[condition.fact]);
    if (!unknown.has(condition.fact)) {
      if (engaged && result === positive) engaged.given = true;
      return result;
    }
    if (result === positive) return result;
    // a test that answers for the absent fact as for its default (a flag's 否) is settled
    const byDefault = unknown.defaultOf(condition.fact);
    if (byDefault !== undefined && leafResult(condition, byDefault) === result) return result;
    missing.add(condition.fact);
    return undefined;
  }
  if ('not' in condition) {
    const inner = truthOf(condition.not, facts, unknown, missing, !positive, engaged);
    return inner === undefined ? undefined : !inner;
  }
  const isAll = 'all' in condition;
  const parts = isAll ? condition.all : condition.any;
  let hinges: Set<string> | undefined;
  for (const part of parts) {
    const partMissing = new Set<string>();
    const result = truthOf(part, facts, unknown, partMissing, positive, engaged);
    if (result === !isAll) return result; // false decides an `all`, true an `any`
    if (result === undefined) for (const fact of partMissing) (hinges ??= new Set()).add(fact);
  }
  // an empty group holds, as in json-rules-engine
  if (!hinges) return isAll || parts.length === 0;
  for (const fact of hinges) missing.add(fact);
  return undefined;
}
