import type { CompiledPack } from '../compile/compile.js';
import {
  assembleEvaluation,
  checkFacts,
  decisionOf,
  evaluate,
  requireComplete,
  type EvaluateOptions,
  type Evaluation,
} from './evaluate.js';

/**
 * The compiled path for batch work (what-if, batch evaluation, fixture runs): the decision's
 * rules run as one synchronous function with parameters inlined. Returns undefined when the
 * decision could not be compiled; `evaluateMany` then falls back to json-rules-engine.
 */
export function evaluateSync(
  pack: CompiledPack,
  decisionId: string,
  facts: Record<string, unknown>,
  options?: EvaluateOptions,
): Evaluation | undefined {
  const decision = decisionOf(pack, decisionId);
  const matcher = decision.matcher;
  if (!matcher) return undefined;
  if (!options?.trusted) checkFacts(decision, facts);
  const allFacts = decision.derive(facts);
  const evaluation = assembleEvaluation(pack, decision, allFacts, matcher(allFacts));
  return options?.complete ? requireComplete(decision, evaluation, options) : evaluation;
}

/** Evaluate many fact sets: compiled when possible, json-rules-engine otherwise. */
export async function evaluateMany(
  pack: CompiledPack,
  decisionId: string,
  factSets: Record<string, unknown>[],
  options: EvaluateOptions = {},
): Promise<Evaluation[]> {
  const decision = decisionOf(pack, decisionId);
  if (decision.matcher) return factSets.map((facts) => evaluateSync(pack, decisionId, facts, options)!);
  const results: Evaluation[] = [];
  for (const facts of factSets) results.push(await evaluate(pack, decisionId, facts, options));
  return results;
}
