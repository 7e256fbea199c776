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
import type { Clause, Outcome } from '../model.js';
import { answerFor, type Answer } from './answer.js';
import { breakpointsOf, type Breakpoint } from './breakpoints.js';
import { cellsBeyond, representative, type Cell, type Direction } from './cells.js';
import { nearbyModel, type InputDomain, type LeafRef, type NearbyModel } from './model.js';
import { nearbyText, type Threshold } from './text.js';

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
  text: { zh: string; en: string };
}

export interface NearbyOptions {
  /** cells tried per direction before giving up on a fact (a guard, never reached by shipped packs) */
  maxCells?: number;
  /** other options tried per enum fact */
  maxOptions?: number;
}

/** Rules whose matching differs between two answers: newly matched first. */
function changedRules(model: NearbyModel, before: Answer, after: Answer): CompiledRule[] {
  const rules = [...model.decision.rules.values()];
  const gained = rules.filter((r) => after.isMatched(r) && !before.isMatched(r));
  const lost = rules.filter((r) => before.isMatched(r) && !after.isMatched(r));
  const winnersFirst = (list: CompiledRule[], answer: Answer) =>
    [...list.filter((r) => answer.winners.includes(r)), ...list.filter((r) => !answer.winners.includes(r))];
  return [...winnersFirst(gained, after), ...winnersFirst(lost, before)];
}

function change(
  model: NearbyModel, domain: InputDomain, from: unknown, to: unknown, before: Answer, after: Answer,
  threshold: Threshold | undefined, sources: LeafRef[],
): NearbyChange {
  const changed = changedRules(model, before, after);
  // the comparison at the boundary, from a rule that changes, a parameter's if there is one
  const source = [...sources].sort((a, b) =>
    Number(changed.includes(b.rule)) - Number(changed.includes(a.rule)) || Number(!!b.parameter) - Number(!!a.parameter))[0];
  const rule = source && changed.includes(source.rule) ? source.rule : changed[0] ?? source?.rule;
  const added = [...after.outcomes].filter(([key]) => !before.outcomes.has(key)).map(([, o]) => o);
  const removed = [...before.outcomes].filter(([key]) => !after.outcomes.has(key)).map(([, o]) => o);
  const parameter = source?.parameter;
  const base = {
    fact: domain.info.name, label: domain.info.title, unit: domain.info.unit, from, to, threshold,
    parameter: parameter && { id: parameter.id, label: parameter.label, unit: parameter.unit },
    rule: rule && { id: rule.rule.id, title: rule.title }, citations: rule?.citations ?? [],
    outcomes: [...after.outcomes.values()], added, removed,
  };
  const gained = !!rule && after.isMatched(rule) && !before.isMatched(rule);
  return { ...base, text: nearbyText(base, domain.info, rule, gained, model.decision.id) };
}

function numericChanges(
  model: NearbyModel, domain: Extract<InputDomain, { kind: 'number' }>, facts: Record<string, unknown>, base: Answer, maxCells: number,
): NearbyChange[] {
  const v = facts[domain.info.name];
  if (typeof v !== 'number') return [];
  const all = model.decision.derive(facts);
  const points = breakpointsOf(model, domain.info.name, all);
  if (points.length === 0) return [];
  const sorted = [...new Set(points.map((p) => p.value))].sort((a, b) => a - b);
  const sourcesAt = (value: number) => points.filter((p: Breakpoint) => p.value === value).map((p) => p.source);
  const out: NearbyChange[] = [];
  for (const direction of ['down', 'up'] as Direction[]) {
    let tried = 0;
    for (const cell of cellsBeyond(v, sorted, direction)) {
      if (++tried > maxCells) break;
      const to = representative(cell, domain, direction);
      if (to === undefined) continue;
      const after = answerFor(model, { ...facts, [domain.info.name]: to });
      if (!after) break; // two rules of a unique group collide here: no honest answer beyond
      if (after.signature === base.signature) continue;
      const { threshold, edge } = thresholdOf(cell, to, direction, domain.integer || domain.step !== undefined);
      out.push(change(model, domain, v, to, base, after, threshold, sourcesAt(edge)));
      break;
    }
  }
  return out;
}

/**
 * The boundary a cell starts at, seen from the walk: a breakpoint itself is reached inclusively
 * (「达到 3 次」「不超过 1 天」); an open stretch starts past its end (「超过 1 天」), which for
 * whole numbers reads as reaching the first allowed value.
 */
function thresholdOf(cell: Cell, to: number, direction: Direction, discrete: boolean): { threshold: Threshold; edge: number } {
  if (cell.kind === 'point') return { threshold: { value: cell.value, inclusive: true, direction }, edge: cell.value };
  const edge = direction === 'up' ? cell.lo : cell.hi;
  return { threshold: discrete ? { value: to, inclusive: true, direction } : { value: edge, inclusive: false, direction }, edge };
}

function optionChanges(
  model: NearbyModel, domain: Extract<InputDomain, { kind: 'values' }>, facts: Record<string, unknown>, base: Answer, maxOptions: number,
): NearbyChange[] {
  const current = facts[domain.info.name];
  if (current === undefined) return [];
  const refs = model.leavesByFact.get(domain.info.name) ?? [];
  const mentioned = new Set<unknown>(refs.flatMap((r) => (Array.isArray(r.leaf.value) ? r.leaf.value : [r.leaf.value])));
  // options no rule names all answer alike: one of them stands for the rest
  const unnamed = domain.options.find((o) => !mentioned.has(o) && o !== current);
  const candidates = domain.options.filter((o) => o !== current && (mentioned.has(o) || (o === unnamed && mentioned.has(current))));
  const out: NearbyChange[] = [];
  for (const to of candidates) {
    if (out.length >= maxOptions) break;
    const after = answerFor(model, { ...facts, [domain.info.name]: to });
    if (!after || after.signature === base.signature) continue;
    const sources = refs.filter((r) => r.leaf.value === to || (Array.isArray(r.leaf.value) && r.leaf.value.includes(to as never)));
    out.push(change(model, domain, current, to, base, after, undefined, sources));
  }
  return out;
}

/**
 * The nearest changes of one given fact that change the evaluation's outcome. Facts not given
 * are left to the caller (they are what is missing, not what would differ). Pure and
 * synchronous; costs a few matcher runs per fact a rule depends on.
 */
export function nearby(pack: CompiledPack, evaluation: Evaluation, options: NearbyOptions = {}): NearbyChange[] {
  const decision = decisionOf(pack, evaluation.decision);
  const model = nearbyModel(pack, decision);
  const facts: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(evaluation.facts)) if (!model.derivedIds.has(name)) facts[name] = value;
  const base = answerFor(model, facts);
  if (!base) return [];
  const out: NearbyChange[] = [];
  for (const domain of model.inputs) {
    if (domain.kind === 'number') out.push(...numericChanges(model, domain, facts, base, options.maxCells ?? 64));
    else out.push(...optionChanges(model, domain, facts, base, options.maxOptions ?? 4));
  }
  return out;
}
