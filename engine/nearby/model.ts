/**
 * What nearby needs to know about a compiled decision, built once per decision and cached:
 * every leaf of every rule by the fact it tests (thresholds with parameters substituted, and
 * the parameter each came from), the derived facts with their operands bound, and each input
 * fact's domain from its schema (range, integer, multipleOf, enum options).
 */
import type { CompiledDecision, CompiledPack, CompiledRule, BoundParameter } from '../compile/compile.js';
import { isLeaf, isParamRef, type Condition, type DerivedFactDefinition, type LeafCondition } from '../model.js';
import { dereferencedFactSchema, factsOf, type FactInfo } from '../schema/registry.js';
import type { FactPropertySchema } from '../schema/fact-schema.js';
import { factSpace } from '../lint/fact-space.js';
import type { IntervalSet } from '../lint/intervals.js';
import { ruleParts, type RuleParts } from './parts.js';
import { outcomeSets, type OutcomeSets } from './answer.js';
import type { BreakpointTable } from './breakpoints.js';
import type { CellMemo } from './cell-memo.js';

/** One comparison of one rule: where a rule's truth can change. */
export interface LeafRef {
  rule: CompiledRule;
  leaf: LeafCondition;
  parameter?: BoundParameter;
}

export type Operand = { fact: string } | { constant: number | undefined };

export interface BoundDerived {
  id: string;
  op: DerivedFactDefinition['op'];
  left: Operand;
  right: Operand;
}

export type InputDomain =
  | { kind: 'number'; info: FactInfo; set: IntervalSet; integer: boolean; step?: number }
  | { kind: 'values'; info: FactInfo; options: (string | boolean)[] };

/** A rule as nearby prunes with it: the input facts it depends on, and its top-level `all` parts. */
export interface RuleDeps {
  rule: CompiledRule;
  facts: Set<string>;
  /** undefined when the condition is not an `all` (then any fact it reads may flip it) */
  conjuncts?: { condition: Condition; facts: Set<string> }[];
}

export interface NearbyModel {
  decision: CompiledDecision;
  leavesByFact: Map<string, LeafRef[]>;
  /** derived facts that read a fact, by that fact */
  dependents: Map<string, BoundDerived[]>;
  derivedIds: Set<string>;
  /** input facts some rule depends on (directly or through derived facts), in schema order */
  inputs: InputDomain[];
  /** by the rule's `order` */
  rules: RuleDeps[];
  /** the rules' top-level parts, compiled */
  parts: RuleParts;
  /** the rules that read each input fact (by `order`) */
  readers: Map<string, number[]>;
  /** thresholds of the leaves on each fact, filled on first use */
  direct: Map<string, { value: number; source: LeafRef }[]>;
  /** the same grouped by value, ascending, for facts no derived fact reads; filled on first use */
  grouped: Map<string, BreakpointTable>;
  /** per option or yes/no fact: the leaves that name each value (in `leavesByFact` order) */
  namedBy: Map<string, Map<unknown, LeafRef[]>>;
  /** the outcomes of each set of winners tries have reached */
  outcomeSets: OutcomeSets;
  /** answers kept by cell combination (cell-memo.ts), made when first asked for */
  cells?: CellMemo;
}

function collectLeaves(rule: CompiledRule, condition: Condition, path: string, out: Map<string, LeafRef[]>): void {
  if (isLeaf(condition)) {
    const list = out.get(condition.fact) ?? [];
    list.push({ rule, leaf: condition, parameter: rule.parameterAt.get(path) });
    out.set(condition.fact, list);
    return;
  }
  if ('all' in condition) condition.all.forEach((c, i) => collectLeaves(rule, c, `${path}.all.${i}`, out));
  else if ('any' in condition) condition.any.forEach((c, i) => collectLeaves(rule, c, `${path}.any.${i}`, out));
  else collectLeaves(rule, condition.not, `${path}.not`, out);
}

function bindOperand(operand: DerivedFactDefinition['of'][number], pack: CompiledPack): Operand {
  if (typeof operand === 'number') return { constant: operand };
  if (isParamRef(operand)) {
    const value = pack.resolved.parameters.get(operand.param)?.value;
    return { constant: typeof value === 'number' ? value : undefined };
  }
  return { fact: operand };
}

const models = new WeakMap<CompiledDecision, NearbyModel>();

export function nearbyModel(pack: CompiledPack, decision: CompiledDecision): NearbyModel {
  const cached = models.get(decision);
  if (cached) return cached;
  const leavesByFact = new Map<string, LeafRef[]>();
  for (const rule of decision.rules.values()) collectLeaves(rule, rule.conditions, '', leavesByFact);
  const dependents = new Map<string, BoundDerived[]>();
  const derived = (decision.definition.derivedFacts ?? []).map((d) => ({
    id: d.id,
    op: d.op,
    left: bindOperand(d.of[0], pack),
    right: bindOperand(d.of[1], pack),
  }));
  for (const d of derived) {
    for (const operand of [d.left, d.right]) {
      if ('fact' in operand) dependents.set(operand.fact, [...(dependents.get(operand.fact) ?? []), d]);
    }
  }
  const reaches = (fact: string, seen = new Set<string>()): boolean => {
    if (leavesByFact.has(fact)) return true;
    if (seen.has(fact)) return false;
    seen.add(fact);
    return (dependents.get(fact) ?? []).some((d) => reaches(d.id, seen));
  };
  const space = factSpace(decision.id, pack.resolved.parameters);
  const properties: Record<string, FactPropertySchema> = dereferencedFactSchema(decision.id).properties ?? {};
  const inputs: InputDomain[] = [];
  for (const info of factsOf(decision.id).values()) {
    if (info.derived || !reaches(info.name)) continue;
    const domain = space.domain(info.name);
    if (domain.kind === 'number') {
      const step = properties[info.name]?.multipleOf;
      inputs.push({
        kind: 'number',
        info,
        set: domain.set,
        integer: domain.integer,
        step: typeof step === 'number' ? step : undefined,
      });
    } else if (info.type === 'boolean' || (info.type === 'enum' && info.options)) {
      inputs.push({ kind: 'values', info, options: info.type === 'boolean' ? [true, false] : info.options! });
    }
  }
  // the input facts behind a fact: itself, or a derived fact's operands, recursively
  const sourcesOf = (fact: string, seen = new Set<string>()): string[] => {
    const d = derived.find((x) => x.id === fact);
    if (!d || seen.has(fact)) return [fact];
    seen.add(fact);
    return [d.left, d.right].flatMap((o) => ('fact' in o ? sourcesOf(o.fact, seen) : []));
  };
  const factsIn = (condition: Condition): Set<string> => {
    const out = new Set<string>();
    const walk = (c: Condition): void => {
      if (isLeaf(c)) sourcesOf(c.fact).forEach((f) => out.add(f));
      else if ('all' in c) c.all.forEach(walk);
      else if ('any' in c) c.any.forEach(walk);
      else walk(c.not);
    };
    walk(condition);
    return out;
  };
  const rules: RuleDeps[] = [...decision.rules.values()].map((rule) => ({
    rule,
    facts: factsIn(rule.conditions),
    conjuncts:
      'all' in rule.conditions
        ? rule.conditions.all.map((condition) => ({ condition, facts: factsIn(condition) }))
        : undefined,
  }));
  const namedBy = new Map<string, Map<unknown, LeafRef[]>>();
  for (const domain of inputs) {
    if (domain.kind !== 'values') continue;
    const byValue = new Map<unknown, LeafRef[]>();
    for (const ref of leavesByFact.get(domain.info.name) ?? []) {
      const values = Array.isArray(ref.leaf.value) ? new Set<unknown>(ref.leaf.value) : [ref.leaf.value];
      for (const value of values) byValue.set(value, [...(byValue.get(value) ?? []), ref]);
    }
    namedBy.set(domain.info.name, byValue);
  }
  const readers = new Map<string, number[]>();
  for (const { rule, facts } of rules)
    for (const fact of facts) readers.set(fact, [...(readers.get(fact) ?? []), rule.order]);
  const model: NearbyModel = {
    decision,
    leavesByFact,
    dependents,
    derivedIds: new Set(derived.map((d) => d.id)),
    inputs,
    rules,
    parts: ruleParts(rules),
    readers,
    direct: new Map(),
    grouped: new Map(),
    namedBy,
    outcomeSets: outcomeSets(),
  };
  models.set(decision, model);
  return model;
}

/**
 * Forget what a decision's tries have met (outcome sets, their differences and the sentences
 * said about them), as if each case were seen for the first time: the bench's cold figure.
 */
export function forgetMet(decision: CompiledDecision): void {
  const model = models.get(decision);
  if (model) model.outcomeSets = outcomeSets();
}
