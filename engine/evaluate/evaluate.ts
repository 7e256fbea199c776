import type { CompiledDecision, CompiledPack, CompiledRule } from '../compile/compile.js';
import { FactsInvalidError, RuleConflictError, UnknownDecisionError } from '../errors.js';
import type { Clause, Outcome } from '../model.js';
import { validateFacts } from '../schema/registry.js';
import { traceConditions, type TraceNode } from '../explain/trace.js';

export interface FiredRule {
  id: string;
  title: string;
  group: string;
  note?: string;
  definedIn: string;
  citations: Clause[];
  outcomes: Outcome[];
  trace: TraceNode;
}

export interface Evaluation {
  pack: string;
  version?: string;
  decision: string;
  /** the facts as given plus derived facts */
  facts: Record<string, unknown>;
  outcomes: Outcome[];
  /** the rules whose outcomes were taken, in order */
  fired: FiredRule[];
  /** rules that matched but lost to a higher-priority rule of a `first` group */
  shadowed: string[];
}

export interface EvaluateOptions {
  /** skip fact validation (the caller has validated already, e.g. a batch) */
  trusted?: boolean;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as any)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Outcomes as a canonical, order-free key (used to compare expected and actual). */
export function outcomeKey(outcome: Outcome): string {
  return canonical(outcome);
}

function pickWinners(decision: CompiledDecision, matched: Set<string>): { winners: CompiledRule[]; shadowed: string[] } {
  const winners: CompiledRule[] = [];
  const shadowed: string[] = [];
  for (const group of decision.groups) {
    const hits = group.rules.filter((r) => matched.has(r.rule.id));
    if (hits.length === 0) continue;
    switch (group.definition.hitPolicy) {
      case 'collect':
        winners.push(...hits);
        break;
      case 'first':
        winners.push(hits[0]);
        shadowed.push(...hits.slice(1).map((r) => r.rule.id));
        break;
      case 'unique':
        if (hits.length > 1) throw new RuleConflictError(decision.id, group.name, hits.map((r) => r.rule.id));
        winners.push(hits[0]);
        break;
    }
    if (group.definition.stopIfMatched) break;
  }
  return { winners, shadowed };
}

/**
 * Evaluate facts against one decision of a compiled pack. Facts are validated first (nothing is
 * evaluated on invalid input); the result carries the outcomes and, for each rule that fired,
 * its citations and a trace of every condition.
 */
export async function evaluate(
  pack: CompiledPack, decisionId: string, facts: Record<string, unknown>, options: EvaluateOptions = {},
): Promise<Evaluation> {
  const decision = pack.decisions.get(decisionId);
  if (!decision) throw new UnknownDecisionError(decisionId, pack.id);
  if (!options.trusted) {
    const errors = validateFacts(decisionId, facts);
    if (errors.length) throw new FactsInvalidError(decisionId, errors, decision.definition.title);
  }
  const allFacts = decision.derive(facts);
  const run = await decision.engine.run(allFacts);
  const matched = new Set(run.results.map((r) => r.name as string));
  const { winners, shadowed } = pickWinners(decision, matched);
  const evaluatedConditions = new Map(run.results.map((r) => [r.name as string, r.conditions]));

  const outcomes: Outcome[] = [];
  const seen = new Set<string>();
  const fired: FiredRule[] = winners.map((compiled) => {
    for (const outcome of compiled.outcomes) {
      const key = outcomeKey(outcome);
      if (!seen.has(key)) {
        seen.add(key);
        outcomes.push(outcome);
      }
    }
    const { rule } = compiled;
    return {
      id: rule.id, title: rule.title, group: rule.group, note: rule.note, definedIn: rule.definedIn,
      citations: rule.citations.map((id) => pack.resolved.sources.get(id)!).filter(Boolean).map(({ id, document, article, text }) => ({ id, document, article, text })),
      outcomes: compiled.outcomes,
      trace: traceConditions(compiled.conditions, evaluatedConditions.get(rule.id), allFacts, compiled.parameterAt),
    };
  });
  return { pack: pack.id, version: pack.version, decision: decisionId, facts: allFacts, outcomes, fired, shadowed };
}
