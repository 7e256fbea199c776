/**
 * The values of one numeric fact at which some rule's comparison can change its truth, the
 * other facts held as they are: the thresholds of leaves on the fact itself, and the thresholds
 * of leaves on derived facts carried back through the arithmetic (countIncludingThis =
 * priorCount + 1 ≥ 3 changes at priorCount = 2). Between two consecutive breakpoints every rule
 * answers the same, so one value per cell decides the whole cell.
 */
import type { BoundDerived, LeafRef, NearbyModel } from './model.js';

export interface Breakpoint {
  value: number;
  /** the comparison whose threshold this is (on the fact itself or on a derived fact) */
  source: LeafRef;
}

/**
 * A fact's breakpoints grouped by value: `values` unique and ascending, `sources[i]` the
 * comparisons at `values[i]` in the order they were found.
 */
export interface BreakpointTable {
  values: number[];
  sources: LeafRef[][];
}

const COMPARES = new Set([
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
  'equal',
  'notEqual',
  'in',
  'notIn',
]);

/** Rounded to kill float noise from the inverted arithmetic (1.1 - 0.1). */
const tidy = (v: number) => Math.round(v * 1e9) / 1e9;

function thresholdsOf(ref: LeafRef): number[] {
  if (!COMPARES.has(ref.leaf.operator)) return [];
  const value = ref.leaf.value as unknown;
  if (typeof value === 'number') return [value];
  return Array.isArray(value) ? value.filter((v): v is number => typeof v === 'number') : [];
}

/**
 * The values of the operand `x` at which `derived` crosses `t`, the other operand being `c`;
 * `x0` is the operand's current value (a remainder repeats, so only periods near it count).
 */
function invert(d: BoundDerived, xIsLeft: boolean, c: number, t: number, x0: number): number[] {
  switch (d.op) {
    case 'sum':
      return [t - c];
    case 'difference':
      return xIsLeft ? [t + c] : [c - t];
    case 'product':
      return c === 0 ? [] : [t / c];
    case 'ratio':
      return xIsLeft ? (c === 0 ? [] : [t * c]) : t === 0 ? [] : [c / t];
    case 'quotient':
      return xIsLeft && c > 0 ? [Math.floor(t) * c, (Math.floor(t) + 1) * c, Math.ceil(t) * c] : [];
    case 'remainder': {
      if (!xIsLeft || c <= 0) return [];
      const m0 = Math.floor(x0 / c);
      const out: number[] = [];
      for (let m = m0 - 2; m <= m0 + 2; m++) out.push(m * c, m * c + t, m * c + Math.floor(t) + 1);
      return out;
    }
  }
}

function directBreakpoints(model: NearbyModel, fact: string): Breakpoint[] {
  let found = model.direct.get(fact);
  if (!found) {
    found = [];
    for (const ref of model.leavesByFact.get(fact) ?? [])
      for (const value of thresholdsOf(ref)) found.push({ value, source: ref });
    model.direct.set(fact, found);
  }
  return found;
}

export function breakpointsOf(
  model: NearbyModel,
  fact: string,
  facts: Record<string, unknown>,
  depth = 0,
): Breakpoint[] {
  const direct = directBreakpoints(model, fact);
  const dependents = model.dependents.get(fact);
  if (!dependents || depth > 8) return direct; // derived facts form a short chain; depth is a guard
  const out = [...direct];
  const x0 = facts[fact];
  if (typeof x0 !== 'number') return out;
  for (const d of dependents) {
    const xIsLeft = 'fact' in d.left && d.left.fact === fact;
    const other = xIsLeft ? d.right : d.left;
    const c = 'fact' in other ? facts[other.fact] : other.constant;
    if (typeof c !== 'number') continue;
    for (const bp of breakpointsOf(model, d.id, facts, depth + 1)) {
      for (const value of invert(d, xIsLeft, c, bp.value, x0))
        if (Number.isFinite(value)) out.push({ value: tidy(value), source: bp.source });
    }
  }
  return out;
}

function grouped(points: Breakpoint[]): BreakpointTable {
  const byValue = new Map<number, LeafRef[]>();
  for (const p of points) {
    const sources = byValue.get(p.value);
    if (sources) sources.push(p.source);
    else byValue.set(p.value, [p.source]);
  }
  const sorted = [...byValue].sort((a, b) => a[0] - b[0]);
  return { values: sorted.map(([value]) => value), sources: sorted.map(([, sources]) => sources) };
}

/**
 * `breakpointsOf`, grouped by value. A fact no derived fact reads has the same breakpoints
 * whatever the other facts are: its table is made once per decision.
 */
export function breakpointTableOf(model: NearbyModel, fact: string, facts: Record<string, unknown>): BreakpointTable {
  if (model.dependents.has(fact)) return grouped(breakpointsOf(model, fact, facts));
  let found = model.grouped.get(fact);
  if (!found) model.grouped.set(fact, (found = grouped(directBreakpoints(model, fact))));
  return found;
}
