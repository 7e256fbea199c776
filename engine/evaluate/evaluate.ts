import type { CompiledDecision, CompiledPack, CompiledRule } from '../compile/compile.js';
import { FactsInvalidError, MissingFactsError, RuleConflictError, UnknownDecisionError } from '../errors.js';
import type { Clause, Outcome } from '../model.js';
import { validateFacts } from '../schema/registry.js';
import { traceConditions, type TraceNode } from '../explain/trace.js';
import { openRules, type OpenRules } from '../undetermined/open-rules.js';
import { undeterminedRules, type PendingRule, type UndeterminedRule } from '../undetermined/undetermined.js';
import { missingFactText } from '../explain/undetermined-text.js';

/**
 * A rule whose outcomes were taken. Its condition trace is built when first read (an
 * explanation, a failing fixture, an API reply), so batch work that reads only outcomes —
 * what-if, batch evaluation — does not pay for it. `toJSON` includes the trace.
 */
export class FiredRule {
  readonly id: string;
  readonly title: string;
  readonly group: string;
  readonly note?: string;
  readonly definedIn: string;
  readonly citations: Clause[];
  readonly outcomes: Outcome[];
  #trace?: TraceNode;
  readonly #traceOf: () => TraceNode;

  constructor(compiled: CompiledRule, traceOf: () => TraceNode) {
    const { rule } = compiled;
    this.id = rule.id;
    this.title = compiled.title;
    this.group = rule.group;
    this.note = rule.note;
    this.definedIn = rule.definedIn;
    this.citations = compiled.citations;
    this.outcomes = compiled.outcomes;
    this.#traceOf = traceOf;
  }

  get trace(): TraceNode {
    return (this.#trace ??= this.#traceOf());
  }

  toJSON() {
    const { id, title, group, note, definedIn, citations, outcomes, trace } = this;
    return { id, title, group, note, definedIn, citations, outcomes, trace };
  }
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
  /** what facts not given could still add (never a silent "no"); empty when nothing hinges on them */
  undetermined: UndeterminedRule[];
}

export interface EvaluateOptions {
  /** skip fact validation (the caller has validated already, e.g. a batch) */
  trusted?: boolean;
  /** refuse a partial answer: MissingFactsError when any rule is undetermined */
  complete?: boolean;
}

/** With `complete`, an answer that hinges on facts not given is an error naming each of them. */
export function requireComplete(decision: CompiledDecision, evaluation: Evaluation, options: EvaluateOptions): Evaluation {
  if (!options.complete || evaluation.undetermined.length === 0) return evaluation;
  const rulesOf = new Map<string, { label: string; titles: string[]; ids: string[] }>();
  for (const entry of evaluation.undetermined) {
    for (const fact of entry.facts) {
      const seen = rulesOf.get(fact.name) ?? { label: missingFactText(fact, 'zh'), titles: [], ids: [] };
      seen.titles.push(entry.title);
      seen.ids.push(entry.rule);
      rulesOf.set(fact.name, seen);
    }
  }
  const errors = [...rulesOf].map(([name, { label, titles, ids }]) => ({
    path: `/${name}`,
    message: `not given; it decides ${ids.join(', ')}`,
    messageZh: `${label}未填写，无法确定「${titles.join('」「')}」`,
  }));
  throw new MissingFactsError(decision.id, errors, decision.definition.title);
}

export { outcomeKey } from '../compile/outcome-key.js';

const union = (a: readonly string[], b: readonly string[]): string[] => [...new Set([...a, ...b])];

/**
 * Apply each group's hit policy to the matched rules: the rules whose outcomes are taken. With
 * `open` rules (those that might match once missing facts are given) a group whose answer
 * hinges on them is *pending* instead: a `collect` group takes its hits and leaves each open
 * rule pending; a `unique` group without a hit, and a `first` group with an open rule ahead
 * of its first hit, leave all their candidates pending. A `stopIfMatched` group that might
 * match does not hold back later groups (their outcomes stay certain as json-rules-engine gives
 * them); its pending rules say that they would replace them.
 */
export function pickWinners(
  decision: CompiledDecision, isMatched: (rule: CompiledRule) => boolean, open?: OpenRules,
): { winners: CompiledRule[]; shadowed: string[]; pending: PendingRule[] } {
  const winners: CompiledRule[] = [];
  const shadowed: string[] = [];
  const pending: PendingRule[] = [];
  const take = (rule: CompiledRule) => winners.push(rule);
  for (const group of decision.groups) {
    const stops = group.definition.stopIfMatched === true;
    const defer = (rule: CompiledRule, facts: string[], candidates?: CompiledRule[]) =>
      pending.push({ rule, facts, ...(candidates ? { candidates } : {}), ...(stops ? { stops } : {}) });
    let hits: CompiledRule[] | undefined;
    let unknown: CompiledRule[] | undefined;
    for (const rule of group.rules) {
      if (isMatched(rule)) (hits ??= []).push(rule);
      else if (open?.has(rule)) (unknown ??= []).push(rule);
    }
    if (!hits && !unknown) continue;
    switch (group.definition.hitPolicy) {
      case 'collect':
        hits?.forEach(take);
        unknown?.forEach((rule) => defer(rule, open!.get(rule)!));
        break;
      case 'first': {
        const first = hits?.[0];
        for (let i = 1; i < (hits?.length ?? 0); i++) shadowed.push(hits![i].rule.id);
        const ahead = unknown?.filter((rule) => !first || group.rules.indexOf(rule) < group.rules.indexOf(first)) ?? [];
        if (ahead.length === 0) {
          take(first!);
          break;
        }
        const candidates = first ? [...ahead, first] : ahead;
        let facts: string[] = [];
        for (const rule of ahead) defer(rule, (facts = union(facts, open!.get(rule)!)), candidates);
        if (first) defer(first, facts, candidates);
        break;
      }
      case 'unique':
        if (hits && hits.length > 1) throw new RuleConflictError(decision.id, group.name, hits.map((r) => r.rule.id));
        if (hits) take(hits[0]);
        else unknown!.forEach((rule) => defer(rule, open!.get(rule)!, unknown));
        break;
    }
    if (hits && group.definition.stopIfMatched) break;
  }
  return { winners, shadowed, pending };
}

/**
 * The part of an evaluation after the rules have been matched: hit policies, outcomes (each
 * once), fired rules with citations and traces. Shared by the json-rules-engine path and the
 * compiled path so that both give the same answer by construction.
 */
export function assembleEvaluation(
  pack: CompiledPack, decision: CompiledDecision, allFacts: Record<string, unknown>,
  isMatched: (rule: CompiledRule) => boolean, traceOf: (rule: CompiledRule) => TraceNode,
): Evaluation {
  const unknown = decision.unknownFacts(allFacts);
  const open = unknown && openRules(decision, allFacts, unknown, isMatched);
  const { winners, shadowed, pending } = pickWinners(decision, isMatched, open);
  const outcomes: Outcome[] = [];
  const seen = new Set<string>();
  const fired: FiredRule[] = winners.map((compiled) => {
    compiled.outcomeKeys.forEach((key, i) => {
      if (!seen.has(key)) {
        seen.add(key);
        outcomes.push(compiled.outcomes[i]);
      }
    });
    return new FiredRule(compiled, () => traceOf(compiled));
  });
  const undetermined = pending.length ? undeterminedRules(decision.id, pending, seen) : [];
  return { pack: pack.id, version: pack.version, decision: decision.id, facts: allFacts, outcomes, fired, shadowed, undetermined };
}

export function decisionOf(pack: CompiledPack, decisionId: string): CompiledDecision {
  const decision = pack.decisions.get(decisionId);
  if (!decision) throw new UnknownDecisionError(decisionId, pack.id);
  return decision;
}

export function checkFacts(decision: CompiledDecision, facts: Record<string, unknown>): void {
  const errors = validateFacts(decision.id, facts);
  if (errors.length) throw new FactsInvalidError(decision.id, errors, decision.definition.title);
}

/**
 * Evaluate facts against one decision of a compiled pack through json-rules-engine (the
 * reference semantics). Facts are validated first (nothing is evaluated on invalid input); the
 * result carries the outcomes and, for each rule that fired, its citations and a trace of
 * every condition.
 */
export async function evaluate(
  pack: CompiledPack, decisionId: string, facts: Record<string, unknown>, options: EvaluateOptions = {},
): Promise<Evaluation> {
  const decision = decisionOf(pack, decisionId);
  if (!options.trusted) checkFacts(decision, facts);
  const allFacts = decision.derive(facts);
  const run = await decision.engine.run(allFacts);
  const matched = new Set(run.results.map((r) => r.name as string));
  const evaluatedConditions = new Map(run.results.map((r) => [r.name as string, r.conditions]));
  return requireComplete(decision, assembleEvaluation(pack, decision, allFacts, (rule) => matched.has(rule.rule.id), (compiled) =>
    traceConditions(compiled.conditions, evaluatedConditions.get(compiled.rule.id), allFacts, compiled.parameterAt)), options);
}
