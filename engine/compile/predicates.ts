import { isLeaf, type Condition, type LeafCondition } from '../model.js';
import type { CompiledDecision } from './compile.js';
import { SharedCode } from './shared-code.js';

/**
 * Compile a decision's (parameter-bound) rule conditions into one synchronous JavaScript
 * function that tells, for a fact object, which rules match — no promises, no almanac, no
 * result objects. Parameter values are passed in, not inlined, so that packs sharing a base
 * share the generated code. json-rules-engine stays the reference semantics; this reproduces them
 * exactly (tests/engine/compiled-differential.test.ts checks it on fixtures and generated facts):
 *   - equal/notEqual are ===/!==; in/notIn are indexOf on the list; a missing fact is undefined;
 *   - number comparisons first apply json-rules-engine's numberValidator
 *     (`Number.parseFloat(v).toString() !== 'NaN'`), so a missing fact never compares;
 *   - contains/doesNotContain require the fact to be an array;
 *   - `all: []` and `any: []` are both true (json-rules-engine's prioritizeAndRun).
 */
export type RuleMatcher = (facts: Record<string, unknown>) => boolean[];

const COMPARISON: Record<string, string> = {
  lessThan: '<',
  lessThanInclusive: '<=',
  greaterThan: '>',
  greaterThanInclusive: '>=',
};

export function isNumberLike(value: unknown): boolean {
  return typeof value === 'number' ? !Number.isNaN(value) : Number.parseFloat(value as string).toString() !== 'NaN';
}

/** A JavaScript literal for a condition value (numbers, strings, booleans, lists of them). */
function literal(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) {
    const items = value.map(literal);
    return items.every((i) => i !== undefined) ? `[${items.join(',')}]` : undefined;
  }
  return undefined;
}

export class Unsupported extends Error {}

/**
 * What the generated code is being built from. A value that came from a parameter is read from
 * a slot (`p[i]`), every other value is inlined: packs that differ only in parameter values then
 * have the same source text and share one compiled function, each binding its own values, while
 * the written constants (`applicantRole === "ordinary"`) stay constants V8 can fold.
 */
export interface Generation {
  factVar: (fact: string) => string;
  /** list constants, declared once outside the matcher */
  constants: string[];
  /** the pack's parameter values, in slot order */
  slots: unknown[];
  /** whether the leaf at this path (as in `CompiledRule.parameterAt`) took its value from a parameter */
  fromParameter: (path: string) => boolean;
}

export function leafCode(leaf: LeafCondition, path: string, gen: Generation): string {
  const v = gen.factVar(leaf.fact);
  const written = literal(leaf.value);
  if (written === undefined) throw new Unsupported(`value of ${leaf.fact}`);
  let value = written;
  if (gen.fromParameter(path)) {
    gen.slots.push(leaf.value);
    value = `p[${gen.slots.length - 1}]`;
  }
  switch (leaf.operator) {
    case 'equal':
      return `(${v} === ${value})`;
    case 'notEqual':
      return `(${v} !== ${value})`;
    case 'in':
    case 'notIn': {
      if (!Array.isArray(leaf.value)) throw new Unsupported('in needs a list');
      let list = value;
      if (list === written) {
        gen.constants.push(written);
        list = `c${gen.constants.length - 1}`;
      }
      return leaf.operator === 'in' ? `(${list}.indexOf(${v}) > -1)` : `(${list}.indexOf(${v}) === -1)`;
    }
    case 'contains':
      return `(Array.isArray(${v}) && ${v}.indexOf(${value}) > -1)`;
    case 'doesNotContain':
      return `(Array.isArray(${v}) && ${v}.indexOf(${value}) === -1)`;
    default: {
      const op = COMPARISON[leaf.operator];
      if (!op) throw new Unsupported(`operator ${leaf.operator}`);
      return `(isNumberLike(${v}) && ${v} ${op} ${value})`;
    }
  }
}

/** Paths are built as `bindCondition` in compile.ts builds them for `parameterAt`. */
function conditionCode(condition: Condition, path: string, gen: Generation): string {
  if (isLeaf(condition)) return leafCode(condition, path, gen);
  if ('not' in condition) return `!${conditionCode(condition.not, `${path}.not`, gen)}`;
  const kind = 'all' in condition ? 'all' : 'any';
  const parts: Condition[] = 'all' in condition ? condition.all : condition.any;
  if (parts.length === 0) return 'true';
  return `(${parts.map((c, i) => conditionCode(c, `${path}.${kind}.${i}`, gen)).join(kind === 'all' ? ' && ' : ' || ')})`;
}

/** Generated code for one decision structure: given a pack's condition values, its matcher. */
export type BindSlots = (slots: readonly unknown[]) => RuleMatcher;

const sharedMatchers = new SharedCode<BindSlots>();
const generatedCode = new WeakMap<RuleMatcher, BindSlots>();

const buildBindSlots = (source: string) => new Function('isNumberLike', source)(isNumberLike) as BindSlots;

/**
 * The matcher for a decision, or undefined when some condition cannot be compiled (then the
 * caller falls back to json-rules-engine). Decisions with the same rules whatever their
 * parameter values (townships extending one base) share one generated function.
 */
export function compileMatcher(decision: Pick<CompiledDecision, 'rules'>): RuleMatcher | undefined {
  const facts = new Map<string, string>();
  const factVar = (fact: string) => {
    if (!facts.has(fact)) facts.set(fact, `f${facts.size}`);
    return facts.get(fact)!;
  };
  const constants: string[] = [];
  const slots: unknown[] = [];
  let lines: string[];
  try {
    lines = [...decision.rules.values()].map((rule) =>
      conditionCode(rule.conditions, '', {
        factVar,
        constants,
        slots,
        fromParameter: (path) => rule.parameterAt.has(path),
      }),
    );
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
  const source = [
    ...constants.map((c, i) => `const c${i} = ${c};`),
    'return function bindSlots(p) {',
    '  return function matchRules(facts) {',
    ...[...facts].map(([fact, name]) => `    const ${name} = facts[${JSON.stringify(fact)}];`),
    `    return [${lines.join(',\n      ')}];`,
    '  };',
    '};',
  ].join('\n');
  const bindSlots = sharedMatchers.get(source, buildBindSlots);
  const matcher = bindSlots(slots);
  generatedCode.set(matcher, bindSlots);
  return matcher;
}

/** The generated function behind a matcher: the same for every pack with the same rule structure. */
export function generatedCodeOf(matcher: RuleMatcher): BindSlots | undefined {
  return generatedCode.get(matcher);
}

/** How many generated matcher functions are alive across all compiled packs. */
export function generatedMatcherCount(): number {
  return sharedMatchers.size;
}

/** Evaluate one leaf with the same semantics, for traces produced without json-rules-engine. */
export function leafResult(leaf: LeafCondition, factValue: unknown): boolean {
  // json-rules-engine's operators compare with JavaScript's own rules, whatever the types
  const value = leaf.value as number;
  const list = leaf.value as unknown[];
  switch (leaf.operator) {
    case 'equal':
      return factValue === value;
    case 'notEqual':
      return factValue !== value;
    case 'in':
      return list.indexOf(factValue) > -1;
    case 'notIn':
      return list.indexOf(factValue) === -1;
    case 'contains':
      return Array.isArray(factValue) && factValue.indexOf(value) > -1;
    case 'doesNotContain':
      return Array.isArray(factValue) && factValue.indexOf(value) === -1;
    case 'lessThan':
      return isNumberLike(factValue) && (factValue as number) < value;
    case 'lessThanInclusive':
      return isNumberLike(factValue) && (factValue as number) <= value;
    case 'greaterThan':
      return isNumberLike(factValue) && (factValue as number) > value;
    case 'greaterThanInclusive':
      return isNumberLike(factValue) && (factValue as number) >= value;
  }
}
