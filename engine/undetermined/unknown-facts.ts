import { isLeaf, type Condition, type DecisionDefinition, type LeafCondition } from '../model.js';
import { leafResult } from '../compile/predicates.js';
import { dereferencedFactSchema } from '../schema/registry.js';
import type { FactSchema } from '../schema/fact-schema.js';

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
  /** whether any fact behind these bits (`UnknownFactIndex.maskOf`) may be unknown; true may be a "maybe" */
  mayRead(mask: number): boolean;
  /** the bits of the facts left out, when every optional fact has a bit of its own */
  readonly exactBits?: number;
}

/**
 * An optional yes/no fact left out reads as 否 (every shipped pack writes `= true` / `≠ true` for
 * its flags, and 试算's unticked box means no); a fact schema may state another `default`.
 */
export function defaultsOf(schema: FactSchema): Map<string, unknown> {
  const defaults = new Map<string, unknown>();
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
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
    const inputs = derived.of.flatMap((operand) =>
      typeof operand === 'string' ? (inputsOf.get(operand) ?? [operand]) : [],
    );
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

/** Bits are numbers: with more optional facts than this, the bits are shared and only say "maybe". */
const BITS = 31;

/**
 * Built once per decision from the rules' (parameter-bound) conditions: the optional input
 * facts the rules depend on (directly or through a derived fact), so that an evaluation with
 * every such fact given costs one property read each. Of those, only some can leave a test
 * unknown: a fact a derived fact is built on, or one with a test that answers differently for
 * the absent fact than for its default (`= false` on a flag; a number has no default). When
 * only the others are missing (flags left out, tested `= true` / `≠ true`) every rule has a
 * definite answer, so there is nothing to analyse: the finder answers "all known" at once.
 *
 * Each optional fact has a bit; `maskOf` gives a rule's bits (the optional facts it reads), so
 * that an evaluation skips every rule that reads none of the facts left out with one `&`.
 */
export class UnknownFactIndex {
  readonly #optional: string[];
  readonly #decisive: string[];
  /** each fact a rule tests (input or derived) → the bits of the optional inputs it hangs on */
  readonly #bitsOf = new Map<string, number>();
  readonly #inputsOf: Map<string, string[]>;
  readonly #defaults: Map<string, unknown>;

  constructor(decision: DecisionDefinition, conditions: readonly Condition[]) {
    const schema = dereferencedFactSchema(decision.id);
    const required = new Set<string>(schema.required ?? []);
    this.#defaults = defaultsOf(schema);
    this.#inputsOf = derivedInputs(decision);
    const leaves = new Map<string, LeafCondition[]>();
    for (const condition of conditions) leavesOf(condition, leaves);
    const watched = new Set<string>();
    const telling = new Set<string>();
    for (const [fact, tests] of leaves) {
      const inputs = this.#inputsOf.get(fact);
      for (const input of inputs ?? [fact]) {
        if (required.has(input)) continue;
        watched.add(input);
        const byDefault = this.#defaults.get(input);
        if (
          inputs ||
          byDefault === undefined ||
          tests.some((leaf) => leafResult(leaf, undefined) !== leafResult(leaf, byDefault))
        )
          telling.add(input);
      }
    }
    this.#optional = [...watched];
    this.#decisive = [...telling];
    for (const input of watched) this.#bitsOf.set(input, this.#bit(input));
    for (const fact of leaves.keys()) {
      this.#bitsOf.set(
        fact,
        (this.#inputsOf.get(fact) ?? [fact]).reduce(
          (bits, input) => (watched.has(input) ? bits | this.#bit(input) : bits),
          0,
        ),
      );
    }
  }

  #bit(fact: string): number {
    return 1 << (this.#optional.indexOf(fact) % BITS);
  }

  /** Whether every optional fact has a bit of its own (then bits tell exactly what is unknown). */
  get exact(): boolean {
    return this.#optional.length <= BITS;
  }

  /** What leaving the fact out means, when that is defined (see `defaultsOf`). */
  defaultOf(fact: string): unknown {
    return this.#defaults.get(fact);
  }

  /** The bits of the optional inputs behind one tested fact: 0 when it is required (always known). */
  bitsOf(fact: string): number {
    return this.#bitsOf.get(fact) ?? 0;
  }

  /** The bits of the optional facts behind these (tested) facts: 0 when they read none. */
  maskOf(facts: Iterable<string>): number {
    let bits = 0;
    for (const fact of facts) bits |= this.#bitsOf.get(fact) ?? 0;
    return bits;
  }

  /** Everything the index answers from, as text: two indexes with the same signature answer alike. */
  get signature(): string {
    return JSON.stringify([
      this.#optional,
      this.#decisive,
      [...this.#bitsOf],
      [...this.#inputsOf],
      [...this.#defaults],
    ]);
  }

  /**
   * Per evaluation: the unknown facts, or undefined when every fact the rules test is known.
   * Generated per index with the fact names written out: a read of a named property is cached
   * per fact object shape where a read by a name in a variable is a dictionary look-up.
   */
  get find(): FindUnknownFacts {
    return (this.#find ??= this.#compileFind());
  }
  #find?: FindUnknownFacts;

  #compileFind(): FindUnknownFacts {
    const optional = this.#optional;
    if (optional.length > BITS) return this.#findByName;
    const read = (fact: string) => `facts[${JSON.stringify(fact)}]`;
    // the decisive facts first: when all are given (most evaluations) nothing else is read
    const given = this.#decisive.map((fact) => `${read(fact)} !== undefined`);
    const bits = optional.map((fact, i) => `(${read(fact)} === undefined ? ${1 << i} : 0)`);
    const source = [
      'return function findUnknownFacts(facts) {',
      `  if (${given.join(' && ') || 'true'}) return undefined;`,
      `  return new MissingBits(${bits.join(' | ') || '0'}, bitsOf, inputsOf, defaults);`,
      '};',
    ].join('\n');
    return new Function('MissingBits', 'bitsOf', 'inputsOf', 'defaults', source)(
      MissingBits,
      this.#bitsOf,
      this.#inputsOf,
      this.#defaults,
    ) as FindUnknownFacts;
  }

  /** `find` with more optional facts than bits: the missing ones by name. */
  readonly #findByName: FindUnknownFacts = (facts) => {
    const decisive = this.#decisive;
    let open = false;
    for (let i = 0; i < decisive.length && !open; i++) open = facts[decisive[i]] === undefined;
    if (!open) return undefined;
    const optional = this.#optional;
    let missing = 0;
    for (let i = 0; i < optional.length; i++) if (facts[optional[i]] === undefined) missing |= 1 << (i % BITS);
    return new MissingFacts(
      new Set(optional.filter((fact) => facts[fact] === undefined)),
      missing,
      this.#inputsOf,
      this.#defaults,
    );
  };
}

export function unknownFactFinder(decision: DecisionDefinition, conditions: readonly Condition[]): FindUnknownFacts {
  return new UnknownFactIndex(decision, conditions).find;
}

/** The facts one evaluation left out, by name (a class, not closures: it is made per evaluation). */
class MissingFacts implements UnknownFacts {
  constructor(
    private readonly missing: ReadonlySet<string>,
    private readonly bits: number,
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

  mayRead(mask: number): boolean {
    return (mask & this.bits) !== 0;
  }

  sources(fact: string): string[] {
    const inputs = this.inputsOf.get(fact);
    return inputs ? inputs.filter((input) => this.missing.has(input)) : this.missing.has(fact) ? [fact] : [];
  }

  defaultOf(fact: string): unknown {
    return this.defaults.get(fact);
  }
}

/** The same with one bit per optional fact (at most 31 of them): no set to build per evaluation. */
class MissingBits implements UnknownFacts {
  constructor(
    readonly exactBits: number,
    private readonly bitsOf: ReadonlyMap<string, number>,
    private readonly inputsOf: ReadonlyMap<string, string[]>,
    private readonly defaults: ReadonlyMap<string, unknown>,
  ) {}

  has(fact: string): boolean {
    return ((this.bitsOf.get(fact) ?? 0) & this.exactBits) !== 0;
  }

  mayRead(mask: number): boolean {
    return (mask & this.exactBits) !== 0;
  }

  sources(fact: string): string[] {
    const inputs = this.inputsOf.get(fact);
    return inputs ? inputs.filter((input) => this.has(input)) : this.has(fact) ? [fact] : [];
  }

  defaultOf(fact: string): unknown {
    return this.defaults.get(fact);
  }
}
