/**
 * Which cell of the input space an evaluation sits in. nearby's whole answer — every change's
 * value, threshold, rule and outcomes — is the same for every fact set whose facts fall in the
 * same cells: a number in the same cell of its breakpoint table (one breakpoint, or the open
 * stretch between two), an option or yes/no fact at the same value, the same facts left out.
 * Only where each fact is now (`from`) differs. A key names that cell combination: the facts the
 * rules read, each turned into a small digit, folded into one integer per segment.
 *
 * A fact whose breakpoints move with the values of other facts (a derived fact built on two
 * facts, a remainder whose periods follow the value) has no fixed table to find a cell in: such
 * facts — and the facts they read — enter the key with their exact value instead. Decisions
 * built on them still share answers, only between equal values.
 */
import { breakpointTableOf } from './breakpoints.js';
import type { BoundDerived, NearbyModel } from './model.js';

/** A number read through its fixed breakpoint table: 0 left out, then point and open cells in turn. */
interface NumberDigit {
  kind: 'number';
  fact: string;
  values: readonly number[];
  radix: number;
}

/** An option or yes/no fact: 0 left out, then each option. */
interface OptionDigit {
  kind: 'option';
  fact: string;
  index: Map<unknown, number>;
  radix: number;
}

/** A list read only by `contains`: 0 left out, then which of the values the rules look for it holds, as bits. */
interface MembersDigit {
  kind: 'members';
  fact: string;
  sought: unknown[];
  radix: number;
}

type Digit = NumberDigit | OptionDigit | MembersDigit;

/** Digits folded into one integer, or one fact keyed by its exact value; `key` works it out for a fact set. */
export type Segment = ({ kind: 'digits'; digits: Digit[] } | { kind: 'exact'; fact: string }) & { key: SegmentKey };

export interface CellKeyPlan {
  segments: Segment[];
}

/** Beyond this an integer key would lose digits to floating point: a new segment starts. */
const MAX_KEY = 2 ** 48;

/** A table's breakpoint carried back through `d` from `fact` stays where it is whatever the other facts are. */
function fixedThrough(d: BoundDerived, fact: string): boolean {
  const xIsLeft = 'fact' in d.left && d.left.fact === fact;
  const other = xIsLeft ? d.right : d.left;
  if ('fact' in other) return false;
  const c = other.constant;
  switch (d.op) {
    case 'sum':
    case 'difference':
    case 'product':
      return true;
    case 'ratio':
      // c / x turns at x = 0, which is no breakpoint
      return xIsLeft && c !== 0;
    case 'quotient':
      return xIsLeft && typeof c === 'number' && c > 0;
    case 'remainder':
      return false; // its breakpoints are the periods near the value
  }
}

/**
 * The input facts whose exact values a key needs: each fact whose breakpoints are not fixed,
 * and every fact those breakpoints are computed from.
 */
function exactFacts(model: NearbyModel, reads: Set<string>): Set<string> {
  const derived = new Map((model.decision.definition.derivedFacts ?? []).map((d) => [d.id, d]));
  const inputsOf = (fact: string, seen = new Set<string>()): string[] => {
    const d = derived.get(fact);
    if (!d || seen.has(fact)) return [fact];
    seen.add(fact);
    return d.of.flatMap((o) => (typeof o === 'string' ? inputsOf(o, seen) : []));
  };
  // a derived fact no comparison reads, even through others, adds no breakpoints
  const compared = (fact: string, depth = 0): boolean =>
    model.leavesByFact.has(fact) ||
    (depth < 8 && (model.dependents.get(fact) ?? []).some((d) => compared(d.id, depth + 1)));
  const exact = new Set<string>();
  for (const fact of reads) {
    // walk the derived facts built on `fact`, as breakpointsOf does
    const walk = (at: string, depth: number): void => {
      for (const d of model.dependents.get(at) ?? []) {
        if (!compared(d.id)) continue;
        if (depth > 8 || !fixedThrough(d, at)) {
          exact.add(fact);
          for (const operand of [d.left, d.right])
            if ('fact' in operand && operand.fact !== at) for (const input of inputsOf(operand.fact)) exact.add(input);
        }
        walk(d.id, depth + 1);
      }
    };
    walk(fact, 0);
  }
  return exact;
}

/** Whether every comparison on a numeric fact is against a number, so its table decides each leaf. */
function comparesNumbers(model: NearbyModel, fact: string): boolean {
  for (const ref of model.leavesByFact.get(fact) ?? []) {
    const { operator, value } = ref.leaf;
    if (operator === 'contains' || operator === 'doesNotContain') continue; // never true of a number
    if (operator === 'in' || operator === 'notIn') {
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'number' && typeof v !== 'string')) return false;
    } else if (operator === 'equal' || operator === 'notEqual') {
      if (typeof value === 'object' && value !== null) return false;
    } else if (typeof value !== 'number') return false; // 3 < "5" compares after all
  }
  return true;
}

/**
 * Facts for working out a fixed table: its breakpoints read no fact's value but only check that
 * the fact and the derived facts along the way are numbers.
 */
/** The values the rules look for in a list fact; undefined unless `contains` is all they ask of it. */
function soughtIn(model: NearbyModel, fact: string): unknown[] | undefined {
  const sought = new Set<unknown>();
  for (const { leaf } of model.leavesByFact.get(fact) ?? []) {
    if (leaf.operator !== 'contains' && leaf.operator !== 'doesNotContain') return undefined;
    if (typeof leaf.value === 'object' && leaf.value !== null) return undefined;
    sought.add(leaf.value);
  }
  return sought.size > 0 && sought.size <= 16 ? [...sought] : undefined;
}

const ANY_VALUES: Record<string, unknown> = new Proxy({}, { get: () => 0 });

const plans = new WeakMap<NearbyModel, CellKeyPlan>();

export function cellKeyPlan(model: NearbyModel): CellKeyPlan {
  let plan = plans.get(model);
  if (plan) return plan;
  // the input facts some rule reads (directly or through derived facts), in rule order
  const reads = new Set<string>();
  for (const { facts } of model.rules) for (const fact of facts) reads.add(fact);
  const exact = exactFacts(model, reads);
  const domains = new Map(model.inputs.map((d) => [d.info.name, d]));
  const segments: Segment[] = [];
  let digits: Digit[] = [];
  let size = 1;
  const add = (digit: Digit) => {
    if (size * digit.radix > MAX_KEY && digits.length) {
      segments.push({ kind: 'digits', digits, key: compiledDigits(digits) });
      [digits, size] = [[], 1];
    }
    digits.push(digit);
    size *= digit.radix;
  };
  const exactOnes: string[] = [];
  for (const fact of reads) {
    const domain = domains.get(fact);
    if (domain?.kind === 'number' && !exact.has(fact) && comparesNumbers(model, fact)) {
      const { values } = breakpointTableOf(model, fact, ANY_VALUES);
      add({ kind: 'number', fact, values, radix: 2 * values.length + 2 });
    } else if (domain?.kind === 'values' && !exact.has(fact)) {
      add({
        kind: 'option',
        fact,
        index: new Map(domain.options.map((o, i) => [o, i + 1])),
        radix: domain.options.length + 1,
      });
    } else {
      const sought = exact.has(fact) || model.dependents.has(fact) ? undefined : soughtIn(model, fact);
      if (sought) add({ kind: 'members', fact, sought, radix: 2 ** sought.length + 1 });
      else exactOnes.push(fact);
    }
  }
  if (digits.length) segments.push({ kind: 'digits', digits, key: compiledDigits(digits) });
  for (const fact of exactOnes) segments.push({ kind: 'exact', fact, key: exactKey(fact) });
  plans.set(model, (plan = { segments }));
  return plan;
}

/** The cell of `v` in a table of breakpoints: 1 below the first, then point and open cells in turn. */
function cellOf(values: readonly number[], v: number): number {
  let lo = 0;
  for (let hi = values.length; lo < hi;) {
    const mid = (lo + hi) >> 1;
    if (values[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return values[lo] === v ? 2 * lo + 2 : 2 * lo + 1;
}

/** Which of the sought values a list holds, as bits, plus 1. */
function membersOf(sought: readonly unknown[], list: unknown[]): number {
  let bits = 0;
  for (let i = 0; i < sought.length; i++) if (list.indexOf(sought[i]) > -1) bits |= 1 << i;
  return bits + 1;
}

type SegmentKey = (facts: Record<string, unknown>) => unknown;

/**
 * A segment's digits as one generated function, as the matcher is compiled: each fact read by
 * name, so the lookup costs little more than the reads. A value no digit knows (text where a
 * number belongs, an option not listed) gives no key: the answer is worked out afresh.
 */
function compiledDigits(digits: Digit[]): SegmentKey {
  const lines = ['let k = 0, v, d;'];
  digits.forEach((digit, i) => {
    lines.push(`v = facts[${JSON.stringify(digit.fact)}];`, 'if (v === undefined) d = 0;');
    if (digit.kind === 'option') lines.push(`else if ((d = t${i}.get(v)) === undefined) return undefined;`);
    else if (digit.kind === 'number')
      lines.push(`else if (typeof v !== 'number' || v !== v) return undefined;`, `else d = cellOf(t${i}, v);`);
    else lines.push('else if (!Array.isArray(v)) return undefined;', `else d = membersOf(t${i}, v);`);
    lines.push(`k = k * ${digit.radix} + d;`);
  });
  const tables = digits.map((d) => (d.kind === 'option' ? d.index : d.kind === 'number' ? d.values : d.sought));
  const source = `return function cellKey(facts) {\n  ${lines.join('\n  ')}\n  return k;\n};`;
  const names = digits.map((_, i) => `t${i}`);
  return new Function('cellOf', 'membersOf', ...names, source)(cellOf, membersOf, ...tables) as SegmentKey;
}

/** An exact value as a key: undefined (no key) for a list or object. */
const exactKey =
  (fact: string): SegmentKey =>
  (facts) => {
    const v = facts[fact];
    return typeof v === 'object' && v !== null ? undefined : v === undefined ? EXACT_UNSET : v;
  };

/** A fact left out, as an exact key (undefined means "no key"). */
export const EXACT_UNSET = Symbol('left out');
