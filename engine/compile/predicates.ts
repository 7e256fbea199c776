import { isLeaf, type Condition, type LeafCondition } from '../model.js';
import type { CompiledDecision } from './compile.js';

/**
 * Compile a decision's (parameter-bound) rule conditions into one synchronous JavaScript
 * function that tells, for a fact object, which rules match — no promises, no almanac, no
 * result objects. json-rules-engine stays the reference semantics; this reproduces them
 * exactly (tests/engine/compiled-differential.test.ts checks it on fixtures and generated facts):
 *   - equal/notEqual are ===/!==; in/notIn are indexOf on the list; a missing fact is undefined;
 *   - number comparisons first apply json-rules-engine's numberValidator
 *     (`Number.parseFloat(v).toString() !== 'NaN'`), so a missing fact never compares;
 *   - contains/doesNotContain require the fact to be an array;
 *   - `all: []` and `any: []` are both true (json-rules-engine's prioritizeAndRun).
 */
export type RuleMatcher = (facts: Record<string, unknown>) => boolean[];

const COMPARISON: Record<string, string> = {
  lessThan: '<', lessThanInclusive: '<=', greaterThan: '>', greaterThanInclusive: '>=',
};

function isNumberLike(value: unknown): boolean {
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

class Unsupported extends Error {}

function leafCode(leaf: LeafCondition, factVar: (fact: string) => string, constants: string[]): string {
  const v = factVar(leaf.fact);
  const value = literal(leaf.value);
  if (value === undefined) throw new Unsupported(`value of ${leaf.fact}`);
  switch (leaf.operator) {
    case 'equal': return `(${v} === ${value})`;
    case 'notEqual': return `(${v} !== ${value})`;
    case 'in':
    case 'notIn': {
      if (!Array.isArray(leaf.value)) throw new Unsupported('in needs a list');
      constants.push(value);
      const list = `c${constants.length - 1}`;
      return leaf.operator === 'in' ? `(${list}.indexOf(${v}) > -1)` : `(${list}.indexOf(${v}) === -1)`;
    }
    case 'contains': return `(Array.isArray(${v}) && ${v}.indexOf(${value}) > -1)`;
    case 'doesNotContain': return `(Array.isArray(${v}) && ${v}.indexOf(${value}) === -1)`;
    default: {
      const op = COMPARISON[leaf.operator];
      if (!op) throw new Unsupported(`operator ${leaf.operator}`);
      return `(isNumberLike(${v}) && ${v} ${op} ${value})`;
    }
  }
}

function conditionCode(condition: Condition, factVar: (fact: string) => string, constants: string[]): string {
  if (isLeaf(condition)) return leafCode(condition, factVar, constants);
  if ('not' in condition) return `!${conditionCode(condition.not, factVar, constants)}`;
  const parts: Condition[] = 'all' in condition ? condition.all : condition.any;
  if (parts.length === 0) return 'true';
  return `(${parts.map((c) => conditionCode(c, factVar, constants)).join('all' in condition ? ' && ' : ' || ')})`;
}

/**
 * The matcher for a decision, or undefined when some condition cannot be compiled (then the
 * caller falls back to json-rules-engine).
 */
export function compileMatcher(decision: Pick<CompiledDecision, 'rules'>): RuleMatcher | undefined {
  const facts = new Map<string, string>();
  const factVar = (fact: string) => {
    if (!facts.has(fact)) facts.set(fact, `f${facts.size}`);
    return facts.get(fact)!;
  };
  const constants: string[] = [];
  try {
    const lines = [...decision.rules.values()].map((rule) => `${conditionCode(rule.conditions, factVar, constants)}`);
    const source = [
      ...constants.map((c, i) => `const c${i} = ${c};`),
      'return function matchRules(facts) {',
      ...[...facts].map(([fact, name]) => `  const ${name} = facts[${JSON.stringify(fact)}];`),
      `  return [${lines.join(',\n    ')}];`,
      '};',
    ].join('\n');
    return new Function('isNumberLike', source)(isNumberLike) as RuleMatcher;
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

/** Evaluate one leaf with the same semantics, for traces produced without json-rules-engine. */
export function leafResult(leaf: LeafCondition, factValue: unknown): boolean {
  const value = leaf.value as any;
  switch (leaf.operator) {
    case 'equal': return factValue === value;
    case 'notEqual': return factValue !== value;
    case 'in': return value.indexOf(factValue) > -1;
    case 'notIn': return value.indexOf(factValue) === -1;
    case 'contains': return Array.isArray(factValue) && factValue.indexOf(value) > -1;
    case 'doesNotContain': return Array.isArray(factValue) && factValue.indexOf(value) === -1;
    case 'lessThan': return isNumberLike(factValue) && (factValue as number) < value;
    case 'lessThanInclusive': return isNumberLike(factValue) && (factValue as number) <= value;
    case 'greaterThan': return isNumberLike(factValue) && (factValue as number) > value;
    case 'greaterThanInclusive': return isNumberLike(factValue) && (factValue as number) >= value;
  }
}
