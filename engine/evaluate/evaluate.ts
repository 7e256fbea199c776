import type { CompiledDecision, CompiledPack, CompiledRule } from '../compile/compile.js';
import { FactsInvalidError, MissingFactsError, RuleConflictError, UnknownDecisionError } from '../errors.js';
import type { Clause, Locale, Outcome } from '../model.js';
import { traceConditions, type TraceNode } from '../explain/trace.js';
import { traceOf } from '../explain/compiled-condition.js';
import { ruleLine } from '../explain/rule-text.js';
import { renderFiredRule } from '../explain/render.js';
import { hingeInputs, openRulesOf, type OpenSet } from '../undetermined/open-rules.js';
import { undeterminedRules, type PendingRule, type UndeterminedRule } from '../undetermined/undetermined.js';
import type { UnknownFacts } from '../undetermined/unknown-facts.js';
import { missingFactText } from '../explain/undetermined-text.js';

/**
 * A rule whose outcomes were taken. Its condition trace is built when first read (a failing
 * fixture, an API reply that shows it), so work that reads only outcomes — what-if, batch
 * evaluation — does not pay for it; its explanation line is said from the compiled rule.
 * `toJSON` includes the trace.
 */
export class FiredRule {
  readonly id: string;
  readonly title: string;
  readonly group: string;
  readonly note?: string;
  readonly definedIn: string;
  readonly citations: Clause[];
  readonly outcomes: Outcome[];
  readonly #compiled: CompiledRule;
  readonly #facts: Record<string, unknown>;
  /** json-rules-engine's evaluated copy of the conditions; undefined on the compiled path */
  readonly #evaluated: unknown;
  #trace?: TraceNode;

  constructor(compiled: CompiledRule, facts: Record<string, unknown>, evaluated?: unknown) {
    const { rule } = compiled;
    this.id = rule.id;
    this.title = compiled.title;
    this.group = rule.group;
    this.note = rule.note;
    this.definedIn = rule.definedIn;
    this.citations = compiled.citations;
    this.outcomes = compiled.outcomes;
    this.#compiled = compiled;
    this.#facts = facts;
    this.#evaluated = evaluated;
  }

  get trace(): TraceNode {
    const compiled = this.#compiled;
    return (this.#trace ??=
      this.#evaluated === undefined
        ? traceOf(compiled.condition, this.#facts)
        : traceConditions(compiled.conditions, this.#evaluated, this.#facts, compiled.parameterAt));
  }

  /** This rule's line of the explanation: 「【title】conditions → outcomes。依据：…」 */
  line(decision: string, locale: Locale): string {
    return this.#evaluated === undefined
      ? ruleLine(this.#compiled, decision, this.#facts, locale)
      : renderFiredRule(this, decision, locale);
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
export function requireComplete(
  decision: CompiledDecision,
  evaluation: Evaluation,
  options: EvaluateOptions,
): Evaluation {
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

/** Whether each rule matched, by its `order` in the decision (what the compiled matcher returns). */
export type Matched = readonly boolean[];

export interface Winners {
  winners: CompiledRule[];
  shadowed: string[];
  pending: PendingRule[];
}

function defer(
  pending: PendingRule[],
  rule: CompiledRule,
  waitsFor: readonly CompiledRule[],
  candidates: CompiledRule[] | undefined,
  stops: boolean,
): void {
  pending.push({ rule, waitsFor, ...(candidates ? { candidates } : {}), ...(stops ? { stops } : {}) });
}

/**
 * Apply each group's hit policy to the matched rules: the rules whose outcomes are taken. With
 * `open` rules (those that might match once missing facts are given) a group whose answer
 * hinges on them is *pending* instead: a `collect` group takes its hits and leaves each open
 * rule pending; a `unique` group without a hit, and a `first` group with an open rule ahead
 * of its first hit, leave all their candidates pending. A `stopIfMatched` group that might
 * match does not hold back later groups (their outcomes stay certain as json-rules-engine gives
 * them); its pending rules say that they would replace them.
 */
export function winnersOf(decision: CompiledDecision, matched: Matched, open?: OpenSet): Winners {
  if (!open) return certainWinners(decision, matched);
  const winners: CompiledRule[] = [];
  const shadowed: string[] = [];
  const pending: PendingRule[] = [];
  for (const group of decision.groups) {
    const stops = group.definition.stopIfMatched === true;
    const rules = group.rules;
    let hits: CompiledRule[] | undefined;
    let unknown: CompiledRule[] | undefined;
    for (let i = 0; i < rules.length; i++) {
      if (matched[rules[i].order]) (hits ??= []).push(rules[i]);
      else if (open?.has(rules[i])) (unknown ??= []).push(rules[i]);
    }
    if (!hits && !unknown) continue;
    switch (group.definition.hitPolicy) {
      case 'collect':
        if (hits) for (const rule of hits) winners.push(rule);
        if (unknown) for (const rule of unknown) defer(pending, rule, [rule], undefined, stops);
        break;
      case 'first': {
        const first = hits?.[0];
        for (let i = 1; i < (hits?.length ?? 0); i++) shadowed.push(hits![i].rule.id);
        const ahead = unknown?.filter((rule) => !first || rules.indexOf(rule) < rules.indexOf(first)) ?? [];
        if (ahead.length === 0) {
          winners.push(first!);
          break;
        }
        const candidates = first ? [...ahead, first] : ahead;
        // each waits for the open rules up to it; the certain hit for all of them
        for (let i = 0; i < ahead.length; i++) defer(pending, ahead[i], ahead.slice(0, i + 1), candidates, stops);
        if (first) defer(pending, first, ahead, candidates, stops);
        break;
      }
      case 'unique':
        if (hits && hits.length > 1)
          throw new RuleConflictError(
            decision.id,
            group.name,
            hits.map((r) => r.rule.id),
          );
        if (hits) winners.push(hits[0]);
        else for (const rule of unknown!) defer(pending, rule, [rule], unknown, stops);
        break;
    }
    if (hits && stops) break;
  }
  return { winners, shadowed, pending };
}

const NOTHING_PENDING: PendingRule[] = [];
const NO_IDS: readonly string[] = Object.freeze([]);

/**
 * `winnersOf` when no rule is open (most evaluations): no list per group, nothing pending. It
 * walks the decision's shared plan and reads this pack's rules only for those it takes.
 */
function certainWinners(decision: CompiledDecision, matched: Matched): Winners {
  const { plan, ruleAt } = decision;
  const winners: CompiledRule[] = [];
  let shadowed: string[] | undefined;
  for (const group of plan.groups) {
    const orders = group.orders;
    let hit = -1;
    switch (group.hitPolicy) {
      case 'collect':
        for (let i = 0; i < orders.length; i++) if (matched[orders[i]]) winners.push(ruleAt[(hit = orders[i])]);
        break;
      case 'first':
        for (let i = 0; i < orders.length; i++) {
          if (!matched[orders[i]]) continue;
          if (hit >= 0) (shadowed ??= []).push(plan.ids[orders[i]]);
          else winners.push(ruleAt[(hit = orders[i])]);
        }
        break;
      case 'unique':
        for (let i = 0; i < orders.length; i++) {
          if (!matched[orders[i]]) continue;
          if (hit >= 0)
            throw new RuleConflictError(
              decision.id,
              group.name,
              orders.filter((order) => matched[order]).map((order) => plan.ids[order]),
            );
          winners.push(ruleAt[(hit = orders[i])]);
        }
        break;
    }
    if (hit >= 0 && group.stopIfMatched) break;
  }
  return { winners, shadowed: shadowed ?? (NO_IDS as string[]), pending: NOTHING_PENDING };
}

/** `winnersOf` for a caller that tells matches rule by rule. */
export function pickWinners(
  decision: CompiledDecision,
  isMatched: (rule: CompiledRule) => boolean,
  open?: OpenSet,
): Winners {
  const matched: boolean[] = [];
  for (const rule of decision.rules.values()) matched[rule.order] = isMatched(rule);
  return winnersOf(decision, matched, open);
}

/**
 * The part of an evaluation after the rules have been matched: hit policies, outcomes (each
 * once), fired rules with citations and traces. Shared by the json-rules-engine path and the
 * compiled path so that both give the same answer by construction; `evaluated` (json-rules-engine's
 * evaluated conditions by rule id) is what the reference path's traces are read from.
 */
export function assembleEvaluation(
  pack: CompiledPack,
  decision: CompiledDecision,
  allFacts: Record<string, unknown>,
  matched: Matched,
  evaluated?: ReadonlyMap<string, unknown>,
): Evaluation {
  const unknown = decision.unknownFacts(allFacts);
  const open = unknown && openRulesOf(decision, allFacts, unknown, matched);
  const { winners, shadowed, pending } = winnersOf(decision, matched, open);
  return new AssembledEvaluation(
    pack,
    decision,
    allFacts,
    outcomesOf(winners),
    winners,
    shadowed,
    pending,
    unknown,
    evaluated,
  );
}

/** The winners' outcomes, each once (by its key), in the order they are taken. */
function outcomesOf(winners: readonly CompiledRule[]): Outcome[] {
  // one rule (most evaluations): its outcomes are distinct already
  if (winners.length === 1 && winners[0].distinctOutcomes) return winners[0].outcomes.slice();
  const outcomes: Outcome[] = [];
  // outcome keys taken so far: a handful, so a list beats a Set
  const taken: string[] = [];
  for (let w = 0; w < winners.length; w++) {
    const { outcomeKeys: keys, outcomes: ruleOutcomes } = winners[w];
    for (let i = 0; i < keys.length; i++) {
      if (taken.includes(keys[i])) continue;
      taken.push(keys[i]);
      outcomes.push(ruleOutcomes[i]);
    }
  }
  return outcomes;
}

/** The keys of the winners' outcomes: what an undetermined rule could add must be other than these. */
function takenKeys(winners: readonly CompiledRule[]): string[] {
  const taken: string[] = [];
  for (const rule of winners) for (const key of rule.outcomeKeys) if (!taken.includes(key)) taken.push(key);
  return taken;
}

const NO_RULES: readonly FiredRule[] = Object.freeze([]);
const NOTHING_UNDETERMINED: readonly UndeterminedRule[] = Object.freeze([]);

/**
 * An evaluation as the hit policies left it: the outcomes are taken at once (every caller reads
 * them), the fired rules and the undetermined list are built when first read (an API reply, an
 * explanation) — what-if and batch work that compare outcomes do not pay for them. Reading them
 * gives the same objects every time; `toJSON` gives every field in the order of `Evaluation`.
 */
class AssembledEvaluation implements Evaluation {
  readonly pack: string;
  readonly version?: string;
  readonly decision: string;
  readonly facts: Record<string, unknown>;
  readonly outcomes: Outcome[];
  readonly shadowed: string[];
  readonly #decision: CompiledDecision;
  readonly #winners: CompiledRule[];
  readonly #pending: PendingRule[];
  readonly #unknown: UnknownFacts | undefined;
  readonly #evaluated: ReadonlyMap<string, unknown> | undefined;
  #fired?: FiredRule[];
  #undetermined?: UndeterminedRule[];

  constructor(
    pack: CompiledPack,
    decision: CompiledDecision,
    facts: Record<string, unknown>,
    outcomes: Outcome[],
    winners: CompiledRule[],
    shadowed: string[],
    pending: PendingRule[],
    unknown: UnknownFacts | undefined,
    evaluated: ReadonlyMap<string, unknown> | undefined,
  ) {
    this.pack = pack.id;
    this.version = pack.version;
    this.decision = decision.id;
    this.facts = facts;
    this.outcomes = outcomes;
    this.shadowed = shadowed;
    this.#decision = decision;
    this.#winners = winners;
    this.#pending = pending;
    this.#unknown = unknown;
    this.#evaluated = evaluated;
  }

  get fired(): FiredRule[] {
    if (this.#fired) return this.#fired;
    const winners = this.#winners;
    if (winners.length === 0) return (this.#fired = NO_RULES as FiredRule[]);
    const fired: FiredRule[] = new Array(winners.length);
    for (let w = 0; w < winners.length; w++)
      fired[w] = new FiredRule(winners[w], this.facts, this.#evaluated?.get(winners[w].rule.id));
    return (this.#fired = fired);
  }

  get undetermined(): UndeterminedRule[] {
    if (this.#undetermined) return this.#undetermined;
    const pending = this.#pending;
    if (pending.length === 0) return (this.#undetermined = NOTHING_UNDETERMINED as UndeterminedRule[]);
    const facts = this.facts;
    const unknown = this.#unknown!;
    const named = new Map<CompiledRule, readonly string[]>();
    const inputsOf = (rule: CompiledRule) => {
      let inputs = named.get(rule);
      if (!inputs) named.set(rule, (inputs = hingeInputs(rule, facts, unknown)));
      return inputs;
    };
    return (this.#undetermined = undeterminedRules(this.#decision.id, pending, takenKeys(this.#winners), inputsOf));
  }

  toJSON() {
    const { pack, version, decision, facts, outcomes, fired, shadowed, undetermined } = this;
    return { pack, version, decision, facts, outcomes, fired, shadowed, undetermined };
  }
}

/** An evaluation's fields as a plain object (for a reply that adds its own fields to them). */
export function evaluationFields(evaluation: Evaluation): Evaluation {
  const { pack, version, decision, facts, outcomes, fired, shadowed, undetermined } = evaluation;
  return { pack, version, decision, facts, outcomes, fired, shadowed, undetermined };
}

export function decisionOf(pack: CompiledPack, decisionId: string): CompiledDecision {
  const decision = pack.decisions.get(decisionId);
  if (!decision) throw new UnknownDecisionError(decisionId, pack.id);
  return decision;
}

export function checkFacts(decision: CompiledDecision, facts: Record<string, unknown>): void {
  const errors = decision.validateFacts(facts);
  if (errors.length) throw new FactsInvalidError(decision.id, [...errors], decision.definition.title);
}

/**
 * Evaluate facts against one decision of a compiled pack through json-rules-engine (the
 * reference semantics). Facts are validated first (nothing is evaluated on invalid input); the
 * result carries the outcomes and, for each rule that fired, its citations and a trace of
 * every condition.
 */
export async function evaluate(
  pack: CompiledPack,
  decisionId: string,
  facts: Record<string, unknown>,
  options: EvaluateOptions = {},
): Promise<Evaluation> {
  const decision = decisionOf(pack, decisionId);
  if (!options.trusted) checkFacts(decision, facts);
  const allFacts = decision.derive(facts);
  const run = await decision.engine.run(allFacts);
  const matched: boolean[] = new Array(decision.rules.size).fill(false);
  const evaluated = new Map<string, unknown>();
  for (const result of run.results) {
    matched[decision.rules.get(result.name as string)!.order] = true;
    evaluated.set(result.name as string, result.conditions);
  }
  return requireComplete(decision, assembleEvaluation(pack, decision, allFacts, matched, evaluated), options);
}
