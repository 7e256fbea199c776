/**
 * What would change the answer: for an evaluation, the nearest changes of one fact that give a
 * different outcome, found exactly rather than by search. For a number, the rules' thresholds
 * (parameters substituted, derived facts carried back to their source fact) cut the fact's
 * schema range into cells on which every rule answers the same; walking the cells outward from
 * the current value, the first cell with another answer is the nearest change each way. For an
 * option or a yes/no fact, each other value the rules distinguish is tried. Every suggestion
 * names the threshold, the parameter it came from and the rule and clause that decide it.
 */
import type { CompiledPack, CompiledRule } from '../compile/compile.js';
import { decisionOf, type Evaluation } from '../evaluate/evaluate.js';
import type { Clause, Locale, Outcome } from '../model.js';
import { differenceOf, isMatched, type Answer, type Difference } from './answer.js';
import { breakpointTableOf } from './breakpoints.js';
import { forgetCells, keep, keptFor } from './cell-memo.js';
import { representative, walkCells, type Cell, type Direction } from './cells.js';
import { forgetMet, nearbyModel, type InputDomain, type LeafRef, type NearbyModel } from './model.js';
import { flippableRules, type RuleMarks } from './prune.js';
import { countedText, countsFrom, nearbyText, type Threshold } from './text.js';
import { Trial } from './trial.js';

export type { Threshold } from './text.js';

export interface NearbyChange {
  fact: string;
  /** the fact's Chinese label */
  label: string;
  unit?: string;
  from: unknown;
  to: unknown;
  /** the boundary crossed (numeric facts): `to` is the allowed value nearest to it */
  threshold?: Threshold;
  /** the parameter the threshold came from */
  parameter?: { id: string; label: string; unit?: string };
  /** the rule that decides the difference */
  rule?: { id: string; title: string };
  citations: Clause[];
  /** the whole answer after the change */
  outcomes: Outcome[];
  added: Outcome[];
  removed: Outcome[];
  /** the suggestion in words, in the language asked (both when none was) */
  text: { zh?: string; en?: string };
}

export interface NearbyOptions {
  /** cells tried per direction before giving up on a fact (a guard, never reached by shipped packs) */
  maxCells?: number;
  /** other options tried per enum fact */
  maxOptions?: number;
  /** put the suggestions in words in this language only (the API's `lang`) */
  locale?: Locale;
}

/** Whether a rule matches in one answer and not in the other. */
const flips = (before: Answer, after: Answer, rule: CompiledRule) => isMatched(after, rule) !== isMatched(before, rule);

/**
 * The first rule whose matching differs between two answers, in the order a reader looks for
 * the cause: newly matched winners, other newly matched rules, lost winners, other lost rules.
 */
function firstChanged(model: NearbyModel, before: Answer, after: Answer): CompiledRule | undefined {
  let first: CompiledRule | undefined;
  let rank = 4;
  for (const { rule } of model.rules) {
    const now = isMatched(after, rule);
    if (now === isMatched(before, rule)) continue;
    const r = now ? (after.winners.includes(rule) ? 0 : 1) : before.winners.includes(rule) ? 2 : 3;
    if (r < rank) [first, rank] = [rule, r];
    if (rank === 0) break;
  }
  return first;
}

/** The comparison at the boundary: from a rule that changes, a parameter's if there is one. */
function deciding(sources: LeafRef[], before: Answer, after: Answer): LeafRef | undefined {
  let best: LeafRef | undefined;
  let bestScore = -1;
  for (const source of sources) {
    const score = (flips(before, after, source.rule) ? 2 : 0) + (source.parameter ? 1 : 0);
    if (score > bestScore) [best, bestScore] = [source, score];
  }
  return best;
}

/**
 * A change as every fact set in the same cells has it: all but `from` and, when its words count
 * from there, the sentence. Its objects and lists are frozen, shared by every answer made from it.
 */
interface ChangeTemplate extends Pick<NearbyChange, 'fact' | 'label' | 'unit' | 'outcomes' | 'added' | 'removed'> {
  domain: InputDomain;
  to: unknown;
  threshold: Threshold | undefined;
  parameter: NearbyChange['parameter'];
  rule: NearbyChange['rule'];
  citations: Clause[];
  difference: Difference;
  /** the sentence, unless it counts from `from` */
  text?: { zh?: string; en?: string };
  /** a sentence that counts from `from`, cut where the count goes (when first met again) */
  counted?: { zh?: string[]; en?: string[] };
  /** for a sentence said per call: the deciding rule and whether it starts to match */
  deciding: CompiledRule | undefined;
  gained: boolean;
}

function template(
  model: NearbyModel,
  domain: InputDomain,
  from: unknown,
  to: unknown,
  before: Answer,
  after: Answer,
  threshold: Threshold | undefined,
  sources: LeafRef[],
  locale: Locale | undefined,
): ChangeTemplate {
  const source = deciding(sources, before, after);
  const rule =
    source && flips(before, after, source.rule) ? source.rule : (firstChanged(model, before, after) ?? source?.rule);
  const parameter = source?.parameter;
  const difference = differenceOf(before.set, after.set);
  const found: ChangeTemplate = {
    fact: domain.info.name,
    label: domain.info.title,
    unit: domain.info.unit,
    outcomes: difference.outcomes,
    added: difference.added,
    removed: difference.removed,
    domain,
    to,
    threshold: threshold && Object.freeze(threshold),
    parameter: parameter && Object.freeze({ id: parameter.id, label: parameter.label, unit: parameter.unit }),
    rule: rule && Object.freeze({ id: rule.rule.id, title: rule.title }),
    citations: rule?.citations ?? [],
    difference,
    deciding: rule,
    gained: !!rule && isMatched(after, rule) && !isMatched(before, rule),
  };
  // a sentence that counts from `from` is cut into pieces when the cells are met again
  if (!countsFrom(domain.info, threshold)) found.text = Object.freeze(textOf(found, from, model.decision.id, locale));
  return found;
}

function textOf(t: ChangeTemplate, from: unknown, decision: string, locale: Locale | undefined) {
  const { difference } = t;
  const described = {
    from,
    to: t.to,
    threshold: t.threshold,
    parameter: t.parameter,
    outcomes: difference.outcomes,
    added: difference.added,
    removed: difference.removed,
  };
  return nearbyText(described, difference, t.domain.info, t.deciding, t.gained, decision, locale);
}

/**
 * The change a template stands for, for a fact now at `from`: an object of its own, with the
 * template's frozen lists, words and objects shared (the API and the CLI only serialize them;
 * copying them would cost more than the rest of the lookup). A sentence counting from `from`
 * is said in full when the template was just made (`kept` false), and put together from the
 * template's pieces after that.
 */
function fill(
  t: ChangeTemplate,
  from: unknown,
  decision: string,
  locale: Locale | undefined,
  kept: boolean,
): NearbyChange {
  return {
    fact: t.fact,
    label: t.label,
    unit: t.unit,
    from,
    to: t.to,
    threshold: t.threshold,
    parameter: t.parameter,
    rule: t.rule,
    citations: t.citations,
    outcomes: t.outcomes,
    added: t.added,
    removed: t.removed,
    text: t.text ?? (kept ? countedFrom(t, from, decision, locale) : textOf(t, from, decision, locale)),
  };
}

/** The words of a change that counts from `from`: the count put in its place, when it is a whole number. */
function countedFrom(t: ChangeTemplate, from: unknown, decision: string, locale: Locale | undefined) {
  const more = (t.to as number) - (from as number);
  if (typeof from !== 'number' || !Number.isInteger(more)) return textOf(t, from, decision, locale);
  if (!t.counted) {
    const { difference } = t;
    const { outcomes, added, removed } = difference;
    const described = { to: t.to, threshold: t.threshold, parameter: t.parameter, outcomes, added, removed };
    t.counted = countedText(described, difference, t.domain.info, t.deciding, t.gained, decision, locale);
  }
  const { zh, en } = t.counted;
  const text: { zh?: string; en?: string } = {};
  if (zh) text.zh = zh.join(String(more));
  if (en) text.en = en.join(String(more));
  return text;
}

const DIRECTIONS: Direction[] = ['down', 'up'];

/** Adds to `out` the nearest change each way of a numeric fact. */
function numericChanges(
  out: ChangeTemplate[],
  model: NearbyModel,
  domain: Extract<InputDomain, { kind: 'number' }>,
  trial: Trial,
  all: Record<string, unknown>,
  rules: RuleMarks,
  options: NearbyOptions,
): void {
  const base = trial.base!;
  const maxCells = options.maxCells ?? 64;
  const v = trial.current(domain.info.name);
  if (typeof v !== 'number') return;
  const { values, sources } = breakpointTableOf(model, domain.info.name, all);
  // only the thresholds of rules that could flip
  const counts = (i: number) => {
    for (const source of sources[i]) if (rules[source.rule.order]) return true;
    return false;
  };
  const discrete = domain.integer || domain.step !== undefined;
  for (const direction of DIRECTIONS) {
    let tried = 0;
    walkCells(v, values, counts, direction, (cell, edge) => {
      if (++tried > maxCells) return true;
      const to = representative(cell, domain, direction);
      if (to === undefined) return false;
      const after = trial.answerWith(domain.info.name, to);
      if (!after) return true; // two rules of a unique group collide here: no honest answer beyond
      if (after === base || after.signature === base.signature) return false;
      const threshold = thresholdOf(cell, to, direction, discrete);
      const deciding = sources[edge].filter((source) => rules[source.rule.order]);
      out.push(template(model, domain, v, to, base, after, threshold, deciding, options.locale));
      return true;
    });
  }
}

/**
 * The boundary a cell starts at, seen from the walk: a breakpoint itself is reached inclusively
 * (「达到 3 次」「不超过 1 天」); an open stretch starts past its end (「超过 1 天」), which for
 * whole numbers reads as reaching the first allowed value.
 */
function thresholdOf(cell: Cell, to: number, direction: Direction, discrete: boolean): Threshold {
  if (cell.kind === 'point') return { value: cell.value, inclusive: true, direction };
  const edge = direction === 'up' ? cell.lo : cell.hi;
  return discrete ? { value: to, inclusive: true, direction } : { value: edge, inclusive: false, direction };
}

/** Adds to `out` the other options of a fact that change the answer. */
function optionChanges(
  out: ChangeTemplate[],
  model: NearbyModel,
  domain: Extract<InputDomain, { kind: 'values' }>,
  trial: Trial,
  rules: RuleMarks,
  options: NearbyOptions,
): void {
  const base = trial.base!;
  const maxOptions = options.maxOptions ?? 4;
  const current = trial.current(domain.info.name);
  if (current === undefined) return;
  // only the values the rules that could flip name can change the answer
  const namedBy = model.namedBy.get(domain.info.name)!;
  const mentioned = (value: unknown) => {
    const refs = namedBy.get(value);
    if (refs) for (const ref of refs) if (rules[ref.rule.order]) return true;
    return false;
  };
  // options no rule names all answer alike: one of them stands for the rest
  let unnamed: unknown;
  const candidates: unknown[] = [];
  const currentNamed = mentioned(current);
  for (const option of domain.options) {
    if (option === current) continue;
    if (mentioned(option)) candidates.push(option);
    else if (unnamed === undefined && currentNamed) candidates.push((unnamed = option));
  }
  let found = 0;
  for (const to of candidates) {
    if (found >= maxOptions) break;
    const after = trial.answerWith(domain.info.name, to);
    if (!after || after === base || after.signature === base.signature) continue;
    out.push(template(model, domain, current, to, base, after, undefined, namedBy.get(to) ?? [], options.locale));
    found++;
  }
}

/**
 * The nearest changes of one given fact that change the evaluation's outcome. Facts not given
 * are left to the caller (they are what is missing, not what would differ). Pure and
 * synchronous; costs a few matcher runs per fact a rule depends on the first time an evaluation
 * falls in its cells, and a lookup after that.
 */
export function nearby(pack: CompiledPack, evaluation: Evaluation, options: NearbyOptions = {}): NearbyChange[] {
  const decision = decisionOf(pack, evaluation.decision);
  const model = nearbyModel(pack, decision);
  const facts = evaluation.facts;
  // the guards change where the search stops: only the defaults' answers are kept
  const memo = options.maxCells === undefined && options.maxOptions === undefined;
  let templates = memo ? keptFor<ChangeTemplate[]>(model, facts, options.locale) : undefined;
  const kept = templates !== undefined;
  if (!templates) {
    templates = templatesFor(model, facts, options);
    if (memo) keep(model, facts, options.locale, templates);
  }
  const out: NearbyChange[] = new Array(templates.length);
  for (let i = 0; i < templates.length; i++)
    out[i] = fill(templates[i], facts[templates[i].fact], decision.id, options.locale, kept);
  return out;
}

function templatesFor(model: NearbyModel, facts: Record<string, unknown>, options: NearbyOptions): ChangeTemplate[] {
  const trial = new Trial(model, facts);
  if (!trial.base) return [];
  const out: ChangeTemplate[] = [];
  for (const domain of model.inputs) {
    const rules = flippableRules(model, domain.info.name, trial.base.matched, trial.truths);
    if (!rules) continue; // no rule could change with this fact alone
    if (domain.kind === 'number') numericChanges(out, model, domain, trial, facts, rules, options);
    else optionChanges(out, model, domain, trial, rules, options);
  }
  return out;
}

/** For measuring: `nearby` on this decision next as if it met each case for the first time. */
export function forgetNearbyMemos(pack: CompiledPack, decision: string): void {
  const compiled = decisionOf(pack, decision);
  forgetCells(nearbyModel(pack, compiled));
  forgetMet(compiled);
}
