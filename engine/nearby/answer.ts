/**
 * The answer a decision gives to a fact set, as nearby compares answers: the rules that matched,
 * the winners after the hit policies and their outcomes (by canonical key). The same matcher and
 * hit policies as evaluation, without the explanation — nearby asks this many times per request,
 * so the common case (the same winners as before) is decided before any outcome is collected.
 */
import type { CompiledDecision, CompiledRule } from '../compile/compile.js';
import { RuleConflictError } from '../errors.js';
import { winnersOf } from '../evaluate/evaluate.js';
import { traceFromFacts } from '../explain/trace.js';
import { openRules, type OpenRules } from '../undetermined/open-rules.js';
import type { Outcome } from '../model.js';
import type { NearbyModel } from './model.js';

/**
 * The outcomes a set of winners gives, made once per set and decision (a decision has few such
 * sets): tries that reach the same winners share it, and so does what is said about the
 * difference between two of them.
 */
export interface OutcomeSet {
  /** canonical outcome keys, sorted and joined: equal answers have equal signatures */
  signature: string;
  outcomes: Map<string, Outcome>;
  /** the difference to another set, made when first asked for */
  differences: Map<OutcomeSet, Difference>;
}

/** What changes from one outcome set to another; `effect` is that in words, per language, said once. */
export interface Difference {
  outcomes: Outcome[];
  added: Outcome[];
  removed: Outcome[];
  effect: { zh?: string; en?: string };
  /** whole suggestions ending in `effect`, per language, by what else they say (text.ts) */
  sentences: { zh?: Map<string, string>; en?: Map<string, string> };
}

export function differenceOf(before: OutcomeSet, after: OutcomeSet): Difference {
  let found = before.differences.get(after);
  if (!found) {
    const added: Outcome[] = [];
    const removed: Outcome[] = [];
    for (const [key, outcome] of after.outcomes) if (!before.outcomes.has(key)) added.push(outcome);
    for (const [key, outcome] of before.outcomes) if (!after.outcomes.has(key)) removed.push(outcome);
    // frozen: every suggestion with this difference hands out these very lists
    const outcomes = Object.freeze([...after.outcomes.values()]) as Outcome[];
    Object.freeze(added);
    Object.freeze(removed);
    before.differences.set(after, (found = { outcomes, added, removed, effect: {}, sentences: {} }));
  }
  return found;
}

/** Outcome sets by their winners, one rule per level. */
export interface OutcomeSets {
  set?: OutcomeSet;
  next: Map<CompiledRule, OutcomeSets>;
}

export const outcomeSets = (): OutcomeSets => ({ next: new Map() });

function outcomeSetOf(sets: OutcomeSets, winners: CompiledRule[]): OutcomeSet {
  let node = sets;
  for (const rule of winners) {
    let next = node.next.get(rule);
    if (!next) node.next.set(rule, (next = { next: new Map() }));
    node = next;
  }
  if (node.set) return node.set;
  const outcomes = new Map<string, Outcome>();
  for (const rule of winners) {
    for (let i = 0; i < rule.outcomeKeys.length; i++)
      if (!outcomes.has(rule.outcomeKeys[i])) outcomes.set(rule.outcomeKeys[i], rule.outcomes[i]);
  }
  return (node.set = { signature: [...outcomes.keys()].sort().join('\n'), outcomes, differences: new Map() });
}

export interface Answer {
  /** which rules matched, by the rule's `order` */
  matched: boolean[];
  winners: CompiledRule[];
  /** canonical outcome keys, sorted and joined: equal answers have equal signatures */
  signature: string;
  outcomes: Map<string, Outcome>;
  /** the two above, shared by every answer with the same winners */
  set: OutcomeSet;
  /** rules left undetermined (ids): a change may not add to them */
  pending: ReadonlySet<string>;
  /** some fact a rule tests is not known (then every try needs the undetermined analysis) */
  unknown: boolean;
}

function matchAll(model: NearbyModel, all: Record<string, unknown>): boolean[] {
  const results = model.decision.matcher?.(all);
  if (results) return results;
  const out: boolean[] = [];
  for (const rule of model.decision.rules.values())
    out[rule.order] = traceFromFacts(rule.conditions, all, rule.parameterAt).result === true;
  return out;
}

function sameRules(a: CompiledRule[], b: CompiledRule[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The answer to `facts`; `base` itself when the same rules win as in `base`; undefined when two
 * rules of a `unique` group both match (evaluation refuses such facts), or when a changed fact set
 * leaves rules undetermined that `base` did not.
 */
export function answerFor(model: NearbyModel, facts: Record<string, unknown>, base?: Answer): Answer | undefined {
  const all = model.decision.derive(facts);
  return answerFrom(model, all, matchAll(model, all), base);
}

/**
 * The same, for facts already derived and matched (`matched` by the rule's `order`); `known`
 * says whether some fact is unknown, and which rules are open, when the caller knows already.
 */
export function answerFrom(
  model: NearbyModel,
  all: Record<string, unknown>,
  matched: boolean[],
  base?: Answer,
  known?: { unknown: boolean; open: OpenRules | undefined },
): Answer | undefined {
  const unknown = known ? undefined : model.decision.unknownFacts(all);
  const open = known
    ? known.open
    : unknown && openRules(model.decision, all, unknown, (rule) => matched[rule.order] === true);
  let winners: CompiledRule[] | undefined;
  let pending = NONE;
  if (!open) winners = certainWinners(model.decision, matched);
  else {
    try {
      const picked = winnersOf(model.decision, matched, open);
      pending = new Set(picked.pending.map((p) => p.rule.rule.id));
      winners = picked.winners;
    } catch (error) {
      if (!(error instanceof RuleConflictError)) throw error;
    }
  }
  if (!winners) return undefined;
  // a change that leaves new rules hinging on facts not given is no certain answer to offer
  if (base) for (const id of pending) if (!base.pending.has(id)) return undefined;
  if (base && sameRules(winners, base.winners)) return base;
  const set = outcomeSetOf(model.outcomeSets, winners);
  return {
    matched,
    winners,
    pending,
    unknown: known ? known.unknown : unknown !== undefined,
    signature: set.signature,
    outcomes: set.outcomes,
    set,
  };
}

const NONE: ReadonlySet<string> = new Set();

/**
 * The hit policies of `pickWinners` when no rule is open (nothing can be pending), without its
 * bookkeeping: nearby asks this for most tries. Undefined when two rules of a `unique` group
 * match (evaluation refuses such facts).
 */
function certainWinners(decision: CompiledDecision, matched: boolean[]): CompiledRule[] | undefined {
  const winners: CompiledRule[] = [];
  for (const group of decision.groups) {
    const policy = group.definition.hitPolicy;
    let hit = false;
    for (const rule of group.rules) {
      if (!matched[rule.order]) continue;
      if (hit && policy === 'unique') return undefined;
      if (!hit || policy === 'collect') winners.push(rule);
      hit = true;
    }
    if (hit && group.definition.stopIfMatched) break;
  }
  return winners;
}

export const isMatched = (answer: Answer, rule: CompiledRule): boolean => answer.matched[rule.order] === true;
