/**
 * Which rules a change of one fact could flip, the other facts held: a matched rule that reads
 * the fact (it may stop matching), or an unmatched rule all of whose false parts read the fact
 * (they may all become true). No other rule can change, so only these rules' thresholds and
 * options need trying — the answer is the same as trying everything, at a fraction of the work.
 */
import { leafResult } from '../compile/predicates.js';
import { isLeaf, type Condition } from '../model.js';
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

/** Whether each part of each rule holds (compiled when the decision's conditions allow). */
export function partTruths(model: NearbyModel, all: Record<string, unknown>): boolean[] {
  const { parts, matchAll } = model.parts;
  return matchAll ? matchAll(all) : parts.map((part) => holds(part.condition, all));
}

/** Rules by their `order`: whether each is among them. */
export type RuleMarks = boolean[];

/** The rules a change of `fact` alone could flip; undefined when there are none. */
export function flippableRules(
  model: NearbyModel,
  fact: string,
  matched: boolean[],
  truths: boolean[],
): RuleMarks | undefined {
  let out: RuleMarks | undefined;
  for (const order of model.readers.get(fact) ?? []) {
    let flips = matched[order] === true;
    if (!flips) {
      flips = true;
      // the facts every false part reads: only a change of one of them can make the rule match
      for (const p of model.parts.partsOf[order]) {
        if (!truths[p] && !model.parts.parts[p].facts.has(fact)) {
          flips = false;
          break;
        }
      }
    }
    if (flips) (out ??= new Array<boolean>(model.rules.length).fill(false))[order] = true;
  }
  return out;
}
