import { isLeaf, type Condition, type DecisionDefinition, type LeafCondition } from '../model.js';
import { leafResult } from '../compile/predicates.js';
import { dereferencedFactSchema } from '../schema/registry.js';

/**
 * Which facts an evaluation does not know: optional input facts that were not given, and
 * derived facts computed from one of them. `sources` maps each unknown fact to the input facts
 * a clerk would fill in to settle it (a derived fact to the inputs it is built on).
 */
export interface UnknownFacts {
  has(fact: string): boolean;
  sources(fact: string): readonly string[];
  /** what leaving the fact out means, when that is defined (a yes/no fact: 否) */
  defaultOf(fact: string): unknown;
}

/**
 * An optional yes/no fact left out reads as 否 (every shipped pack writes `= true` / `≠ true` for
 * its flags, and 试算's unticked box means no); a fact schema may state another `default`.
 */
export function defaultsOf(schema: any): Map<string, unknown> {
  const defaults = new Map<string, unknown>();
  for (const [name, prop] of Object.entries<any>(schema.properties ?? {})) {
    if (prop.default !== undefined) defaults.set(name, prop.default);
    else if (prop.type === 'boolean') defaults.set(name, false);
  }
  return defaults;
}

/** Per evaluation: the unknown facts, or undefined when every fact the rules test is known. */
export type FindUnknownFacts = (facts: Record<string, unknown>) => UnknownFacts | undefined;

export function factsTested(condition: Condition, into: Set<string> = new Set()): Set<string> {
  if (isLeaf(condition)) into.add(condition.fact);
  else if ('all' in condition) condition.all.forEach((c) => factsTested(c, into));
  else if ('any' in condition) condition.any.forEach((c) => factsTested(c, into));
  else factsTested(condition.not, into);
  return into;
}

/** Each derived fact → the input facts it is built on (derived facts may build on earlier ones). */
export function derivedInputs(decision: DecisionDefinition): Map<string, string[]> {
  const inputsOf = new Map<string, string[]>();
  for (const derived of decision.derivedFacts ?? []) {
    const inputs = derived.of.flatMap((operand) => (typeof operand === 'string' ? inputsOf.get(operand) ?? [operand] : []));
    inputsOf.set(derived.id, [...new Set(inputs)]);
  }
  return inputsOf;
}

/** Each fact a leaf of `condition` tests, with the leaves testing it. */
function leavesOf(condition: Condition, into: Map<string, LeafCondition[]>): Map<string, LeafCondition[]> {
  if (isLeaf(condition)) into.set(condition.fact, [...(into.get(condition.fact) ?? []), condition]);
  else if ('all' in condition) condition.all.forEach((c) => leavesOf(c, into));
  else if ('any' in condition) condition.any.forEach((c) => leavesOf(c, into));
  else leavesOf(condition.not, into);
  return into;
}

/**
 * Built once per decision from the rules' (parameter-bound) conditions: the optional input
 * facts the rules depend on (directly or through a derived fact), so that an evaluation with
 * every such fact given costs one property read each. Of those, only some can leave a test
 * unknown: a fact a derived fact is built on, or one with a test that answers differently for
 * the absent fact than for its default (`= false` on a flag; a number has no default). When
 * only the others are missing (flags left out, tested `= true` / `≠ true`) every rule has a
 * definite answer, so there is nothing to analyse: the finder answers "all known" at once.
 */
export function unknownFactFinder(decision: DecisionDefinition, conditions: readonly Condition[]): FindUnknownFacts {
  const schema = dereferencedFactSchema(decision.id);
  const required = new Set<string>(schema.required ?? []);
  const defaults = defaultsOf(schema);
  const inputsOf = derivedInputs(decision);
  const leaves = new Map<string, LeafCondition[]>();
  for (const condition of conditions) leavesOf(condition, leaves);
  const watched = new Set<string>();
  const telling = new Set<string>();
  for (const [fact, tests] of leaves) {
    const inputs = inputsOf.get(fact);
    for (const input of inputs ?? [fact]) {
      if (required.has(input)) continue;
      watched.add(input);
      const byDefault = defaults.get(input);
      if (inputs || byDefault === undefined || tests.some((leaf) => leafResult(leaf, undefined) !== leafResult(leaf, byDefault))) telling.add(input);
    }
  }
  const optional = [...watched];
  const decisive = [...telling];
  if (decisive.length === 0) return () => undefined;
  return (facts) => {
    let open = false;
    for (let i = 0; i < decisive.length && !open; i++) open = facts[decisive[i]] === undefined;
    if (!open) return undefined;
    const missing = new Set<string>();
    for (let i = 0; i < optional.length; i++) if (facts[optional[i]] === undefined) missing.add(optional[i]);
    return new MissingFacts(missing, inputsOf, defaults);
  };
}

/** The facts one evaluation left out (a class, not closures: it is made per evaluation). */
class MissingFacts implements UnknownFacts {
  constructor(
    private readonly missing: ReadonlySet<string>,
    private readonly inputsOf: ReadonlyMap<string, string[]>,
    private readonly defaults: ReadonlyMap<string, unknown>,
  ) {}

  /** a derived fact is unknown when an input it is built on is missing */
  has(fact: string): boolean {
    if (this.missing.has(fact)) return true;
    const inputs = this.inputsOf.get(fact);
    if (inputs) for (const input of inputs) if (this.missing.has(input)) return true;
    return false;
  }

  sources(fact: string): string[] {
    const inputs = this.inputsOf.get(fact);
    return inputs ? inputs.filter((input) => this.missing.has(input)) : this.missing.has(fact) ? [fact] : [];
  }

  defaultOf(fact: string): unknown {
    return this.defaults.get(fact);
  }
}
