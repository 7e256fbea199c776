/**
 * Which rules a change of one fact could flip, the other facts held: a matched rule that reads
 * the fact (it may stop matching), or an unmatched rule all of whose false parts read the fact
 * (they may all become true). No other rule can change, so only these rules' thresholds and
 * options need trying — the answer is the same as trying everything, at a fraction of the work.
 */
import type { CompiledRule } from '../compile/compile.js';
import { leafResult } from '../compile/predicates.js';
import { isLeaf, type Condition } from '../model.js';
import type { Answer } from './answer.js';
import type { NearbyModel } from './model.js';

function holds(condition: Condition, facts: Record<string, unknown>): boolean {
  if (isLeaf(condition)) return leafResult(condition, facts[condition.fact]);
  if ('all' in condition) {
    for (const c of condition.all) if (!holds(c, facts)) return false;
    return true;
  }
  if ('any' in condition) {
    if (condition.any.length === 0) return true; // json-rules-engine: an empty group holds
    for (const c of condition.any) if (holds(c, facts)) return true;
    return false;
  }
  return !holds(condition.not, facts);
}

/** Input fact → the rules a change of it alone could flip. */
export function flippableRules(model: NearbyModel, base: Answer, all: Record<string, unknown>): Map<string, Set<CompiledRule>> {
  const out = new Map<string, Set<CompiledRule>>();
  const add = (fact: string, rule: CompiledRule) => {
    let set = out.get(fact);
    if (!set) out.set(fact, (set = new Set()));
    set.add(rule);
  };
  for (const { rule, facts, conjuncts } of model.rules) {
    if (base.matched[rule.order] === true || !conjuncts) {
      for (const fact of facts) add(fact, rule);
      continue;
    }
    // the facts every false part reads: only a change of one of them can make the rule match
    let common: Set<string> | undefined;
    for (const part of conjuncts) {
      if (holds(part.condition, all)) continue;
      common = common ? new Set([...common].filter((f) => part.facts.has(f))) : new Set(part.facts);
      if (common.size === 0) break;
    }
    for (const fact of common ?? facts) add(fact, rule);
  }
  return out;
}
