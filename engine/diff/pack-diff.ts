/**
 * What changes between two builds of a pack (two versions, a version and the draft, two folders):
 * parameter values, rules added, removed or changed, and the test cases whose outcome moves.
 * Values are compared structurally, so writing the same object with its keys in another order is
 * no change. Cases are evaluated on the compiled path, and only in decisions whose inputs differ.
 */
import { isDeepStrictEqual } from 'node:util';
import type { CompiledPack } from '../compile/compile.js';
import { outcomeKey } from '../compile/outcome-key.js';
import { evaluate } from '../evaluate/evaluate.js';
import { evaluateSync } from '../evaluate/evaluate-fast.js';
import type { Outcome, ParameterValue } from '../model.js';
import type { ResolvedPack, ResolvedRule } from '../pack/resolved.js';
import { decisionInputs, parametersRead } from './decision-inputs.js';

/** One side of the comparison: what buildPack returns (either part missing when the pack is invalid). */
export interface DiffSide {
  resolved?: ResolvedPack;
  compiled?: CompiledPack;
}

export interface ParameterChange {
  id: string;
  label: string;
  from?: ParameterValue;
  to?: ParameterValue;
  change: 'added' | 'removed' | 'changed';
}

/** A rule as compared: everything but where it was written (origin) and what it replaced. */
export type ComparedRule = Omit<ResolvedRule, 'origin' | 'replaces'>;

export interface RuleSummary {
  id: string;
  title: string;
  decision: string;
  definedIn: string;
}

export interface RuleChanges {
  added: RuleSummary[];
  removed: RuleSummary[];
  changed: { id: string; title: string; decision: string; from: ComparedRule; to: ComparedRule }[];
}

/** A case's answer on one side: its outcomes and the rules that fired, or the error code. */
export type CaseAnswer = { outcomes: Outcome[]; rules: string[] } | { error: string };

export interface MovedFixture {
  id: string;
  name: string;
  decision: string;
  from: CaseAnswer;
  to: CaseAnswer;
}

export interface PackDiff {
  parameters: ParameterChange[];
  rules: RuleChanges;
  /** cases (of either side, the newer side's text when both have one) whose outcome moves */
  fixtures: MovedFixture[];
  /** how many cases were evaluated on both sides; the others sat in decisions identical on both */
  evaluated: number;
}

function parameterChanges(a: ResolvedPack | undefined, b: ResolvedPack | undefined): ParameterChange[] {
  const changes: ParameterChange[] = [];
  const pa = a?.parameters ?? new Map();
  const pb = b?.parameters ?? new Map();
  for (const [id, p] of pa) {
    const q = pb.get(id);
    if (!q) changes.push({ id, label: p.definition.label, from: p.value, change: 'removed' });
    else if (!isDeepStrictEqual(p.value, q.value))
      changes.push({ id, label: q.definition.label, from: p.value, to: q.value, change: 'changed' });
  }
  for (const [id, q] of pb)
    if (!pa.has(id)) changes.push({ id, label: q.definition.label, to: q.value, change: 'added' });
  return changes;
}

function comparedRules(pack: ResolvedPack | undefined): Map<string, ComparedRule> {
  const rules = new Map<string, ComparedRule>();
  for (const decision of pack?.decisions.values() ?? []) {
    for (const { origin: _o, replaces: _r, ...rule } of decision.rules) rules.set(rule.id, rule);
  }
  return rules;
}

const summary = (r: ComparedRule): RuleSummary => ({
  id: r.id,
  title: r.title,
  decision: r.decision,
  definedIn: r.definedIn,
});

function ruleChanges(a: ResolvedPack | undefined, b: ResolvedPack | undefined): RuleChanges {
  const before = comparedRules(a);
  const after = comparedRules(b);
  return {
    added: [...after.values()].filter((r) => !before.has(r.id)).map(summary),
    removed: [...before.values()].filter((r) => !after.has(r.id)).map(summary),
    changed: [...after.values()]
      .filter((r) => before.has(r.id) && !isDeepStrictEqual(before.get(r.id), r))
      .map((r) => ({ id: r.id, title: r.title, decision: r.decision, from: before.get(r.id)!, to: r })),
  };
}

async function answer(
  pack: CompiledPack | undefined,
  decision: string,
  facts: Record<string, unknown>,
): Promise<CaseAnswer> {
  if (!pack) return { error: 'PACK_INVALID' };
  try {
    const evaluation = evaluateSync(pack, decision, facts) ?? (await evaluate(pack, decision, facts));
    return { outcomes: evaluation.outcomes, rules: evaluation.fired.map((r) => r.id) };
  } catch (error) {
    return { error: (error as { code?: string }).code ?? 'ERROR' };
  }
}

const answerKey = (answer: CaseAnswer) =>
  'error' in answer ? answer.error : answer.outcomes.map(outcomeKey).sort().join('|');

/** The decisions whose every case answers the same on both sides (both compiled, same inputs). */
function unchangedDecisions(
  a: CompiledPack | undefined,
  b: CompiledPack | undefined,
  decisionIds: Set<string>,
): Set<string> {
  const unchanged = new Set<string>();
  if (!a || !b) return unchanged;
  for (const id of decisionIds) {
    const read = new Set([...parametersRead(a, id), ...parametersRead(b, id)]);
    if (isDeepStrictEqual(decisionInputs(a, id, read), decisionInputs(b, id, read))) unchanged.add(id);
  }
  return unchanged;
}

/** Compare two builds of a pack: `from` is the older side. */
export async function diffPacks(from: DiffSide, to: DiffSide): Promise<PackDiff> {
  const a = from.resolved;
  const b = to.resolved;
  // every case of either side, evaluated on both sides with the same facts
  const cases = new Map([...(a?.fixtures ?? []), ...(b?.fixtures ?? [])].map((c) => [c.id, c]));
  const unchanged = unchangedDecisions(from.compiled, to.compiled, new Set([...cases.values()].map((c) => c.decision)));
  const fixtures: MovedFixture[] = [];
  let evaluated = 0;
  for (const c of cases.values()) {
    if (unchanged.has(c.decision)) continue;
    evaluated++;
    const x = await answer(from.compiled, c.decision, c.facts);
    const y = await answer(to.compiled, c.decision, c.facts);
    if (answerKey(x) !== answerKey(y)) fixtures.push({ id: c.id, name: c.name, decision: c.decision, from: x, to: y });
  }
  return { parameters: parameterChanges(a, b), rules: ruleChanges(a, b), fixtures, evaluated };
}
