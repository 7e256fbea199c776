/**
 * The answer a decision gives to a fact set, as nearby compares answers: the outcomes (by
 * canonical key) after the hit policies, and which rules matched. The same matcher and hit
 * policies as evaluation, without the explanation — nearby asks this many times per request.
 */
import type { CompiledRule } from '../compile/compile.js';
import { RuleConflictError } from '../errors.js';
import { pickWinners } from '../evaluate/evaluate.js';
import { traceFromFacts } from '../explain/trace.js';
import type { Outcome } from '../model.js';
import type { NearbyModel } from './model.js';

export interface Answer {
  /** canonical outcome keys, sorted and joined: equal answers have equal signatures */
  signature: string;
  outcomes: Map<string, Outcome>;
  isMatched(rule: CompiledRule): boolean;
  winners: CompiledRule[];
}

/** undefined when two rules of a `unique` group both match (evaluation refuses such facts). */
export function answerFor(model: NearbyModel, facts: Record<string, unknown>): Answer | undefined {
  const { decision } = model;
  const all = decision.derive(facts);
  const results = decision.matcher?.(all);
  const isMatched = results
    ? (rule: CompiledRule) => results[rule.order] === true
    : (rule: CompiledRule) => traceFromFacts(rule.conditions, all, rule.parameterAt).result === true;
  let winners: CompiledRule[];
  try {
    winners = pickWinners(decision, isMatched).winners;
  } catch (error) {
    if (error instanceof RuleConflictError) return undefined;
    throw error;
  }
  const outcomes = new Map<string, Outcome>();
  for (const rule of winners) rule.outcomeKeys.forEach((key, i) => outcomes.has(key) || outcomes.set(key, rule.outcomes[i]));
  return { signature: [...outcomes.keys()].sort().join('\n'), outcomes, isMatched, winners };
}
