import { isLeaf, type Condition, type DecisionDefinition } from '../model.js';
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

/**
 * Built once per decision: the optional input facts the rules depend on (directly or through a
 * derived fact), so that an evaluation with every such fact given costs one property read each.
 */
export function unknownFactFinder(decision: DecisionDefinition, tested: ReadonlySet<string>): FindUnknownFacts {
  const schema = dereferencedFactSchema(decision.id);
  const required = new Set<string>(schema.required ?? []);
  const defaults = defaultsOf(schema);
  const inputsOf = derivedInputs(decision);
  const watched = new Set<string>();
  for (const fact of tested) for (const input of inputsOf.get(fact) ?? [fact]) if (!required.has(input)) watched.add(input);
  const optional = [...watched];
  if (optional.length === 0) return () => undefined;
  return (facts) => {
    let missing: Set<string> | undefined;
    for (let i = 0; i < optional.length; i++) if (facts[optional[i]] === undefined) (missing ??= new Set()).add(optional[i]);
    if (!missing) return undefined;
    const given = missing;
    // a derived fact is unknown when an input it is built on is missing
    const sources = (fact: string): string[] => {
      const inputs = inputsOf.get(fact);
      return inputs ? inputs.filter((input) => given.has(input)) : given.has(fact) ? [fact] : [];
    };
    return {
      has: (fact) => given.has(fact) || (inputsOf.get(fact)?.some((input) => given.has(input)) ?? false),
      sources,
      defaultOf: (fact) => defaults.get(fact),
    };
  };
}
