/**
 * A rule's condition as the set of fact combinations that make it hold: a union of boxes, each
 * box constraining some facts (numeric intervals or value sets) and leaving the others free.
 * `all` intersects, `any` unites, `not` takes the complement within the fact space. Overlaps,
 * gaps and dead rules are then questions of emptiness: is A ∩ B empty, is space − (A ∪ B …)
 * empty, is A empty.
 *
 * Facts are assumed present. A condition lint cannot model (`contains` on a list, a fact that
 * is not in the schema, a missing parameter) becomes a yes/no atom of its own, independent of
 * every other atom: sound for "can both hold", possibly blind to a contradiction inside it.
 */
import { isLeaf, isParamRef, type Condition, type LeafCondition } from '../model.js';
import type { ResolvedParameter } from '../pack/resolved.js';
import type { FactDomain, FactSpace } from './fact-space.js';
import * as iv from './intervals.js';
import * as vs from './value-sets.js';

export type Dim = { kind: 'number'; set: iv.IntervalSet } | { kind: 'values'; set: vs.ValueSet };

/** Constrained facts → their allowed values; a fact not in the map is free. Never empty. */
export type Box = ReadonlyMap<string, Dim>;

/** A union of boxes (not necessarily disjoint); the empty list is the empty region. */
export type Region = readonly Box[];

export const EVERYTHING: Region = [new Map()];
export const NOTHING: Region = [];

function fullDim(domain: FactDomain): Dim {
  return domain.kind === 'number'
    ? { kind: 'number', set: domain.set }
    : { kind: 'values', set: vs.within(vs.ALL_VALUES, domain.universe) };
}

/** Bring a dimension inside its fact's domain (range, integers, known universe). */
function fit(dim: Dim, domain: FactDomain): Dim {
  if (dim.kind === 'number' && domain.kind === 'number') {
    const set = iv.intersect(dim.set, domain.set);
    return { kind: 'number', set: domain.integer ? iv.integersOf(set) : set };
  }
  if (dim.kind === 'values' && domain.kind === 'values')
    return { kind: 'values', set: vs.within(dim.set, domain.universe) };
  // a numeric comparison on a non-numeric fact (or the reverse) never holds
  return dim.kind === 'number'
    ? { kind: 'number', set: iv.NO_NUMBER }
    : { kind: 'values', set: { keys: new Set(), except: false } };
}

export function isEmptyDim(dim: Dim): boolean {
  return dim.kind === 'number' ? iv.isEmpty(dim.set) : vs.isEmptyValues(dim.set);
}

function intersectDims(a: Dim, b: Dim): Dim {
  if (a.kind === 'number' && b.kind === 'number') return { kind: 'number', set: iv.intersect(a.set, b.set) };
  if (a.kind === 'values' && b.kind === 'values') return { kind: 'values', set: vs.intersectValues(a.set, b.set) };
  return a.kind === 'number'
    ? { kind: 'number', set: iv.NO_NUMBER }
    : { kind: 'values', set: { keys: new Set(), except: false } };
}

function subtractDims(a: Dim, b: Dim, domain: FactDomain): Dim {
  if (a.kind === 'number' && b.kind === 'number')
    return fit({ kind: 'number', set: iv.subtract(a.set, b.set) }, domain);
  if (a.kind === 'values' && b.kind === 'values')
    return fit({ kind: 'values', set: vs.subtractValues(a.set, b.set) }, domain);
  return a;
}

export function intersectBoxes(a: Box, b: Box): Box | undefined {
  const out = new Map(a);
  for (const [fact, dim] of b) {
    const mine = out.get(fact);
    const next = mine ? intersectDims(mine, dim) : dim;
    if (isEmptyDim(next)) return undefined;
    out.set(fact, next);
  }
  return out;
}

export function intersectRegions(a: Region, b: Region): Region {
  const out: Box[] = [];
  for (const x of a)
    for (const y of b) {
      const box = intersectBoxes(x, y);
      if (box) out.push(box);
    }
  return out;
}

export function unionRegions(...regions: Region[]): Region {
  return regions.flat();
}

/**
 * a − b as disjoint boxes: peel off, fact by fact, the part of `a` outside `b`'s constraint on
 * that fact, then narrow `a` to `b` on it and go on to the next fact.
 */
export function subtractBox(a: Box, b: Box, space: FactSpace): Box[] {
  if (!intersectBoxes(a, b)) return [a];
  const pieces: Box[] = [];
  let rest = new Map(a);
  for (const [fact, dim] of b) {
    const domain = space.domain(fact);
    const mine = rest.get(fact) ?? fullDim(domain);
    const outside = subtractDims(mine, dim, domain);
    if (!isEmptyDim(outside)) pieces.push(new Map(rest).set(fact, outside));
    rest = new Map(rest).set(fact, intersectDims(mine, dim));
  }
  return pieces;
}

export function subtractRegions(a: Region, b: Region, space: FactSpace): Region {
  let rest: Box[] = [...a];
  for (const box of b) {
    rest = rest.flatMap((piece) => subtractBox(piece, box, space));
    if (rest.length === 0) break;
  }
  return rest;
}

export function complementRegion(a: Region, space: FactSpace): Region {
  return subtractRegions(EVERYTHING, a, space);
}

export const isEmptyRegion = (a: Region): boolean => a.length === 0;

export function isSubregion(a: Region, b: Region, space: FactSpace): boolean {
  return isEmptyRegion(subtractRegions(a, b, space));
}

/** The value a leaf compares with, parameters substituted; undefined for a missing parameter. */
export function leafValue(leaf: LeafCondition, parameters: Map<string, ResolvedParameter>): unknown {
  return isParamRef(leaf.value) ? parameters.get(leaf.value.param)?.value : leaf.value;
}

const COMPARISONS: Record<string, (v: number) => iv.IntervalSet> = {
  lessThan: (v) => iv.interval(-Infinity, v, true, true),
  lessThanInclusive: (v) => iv.interval(-Infinity, v, true, false),
  greaterThan: (v) => iv.interval(v, Infinity, true, true),
  greaterThanInclusive: (v) => iv.interval(v, Infinity, false, true),
};

const isScalar = (v: unknown): v is vs.Scalar => ['string', 'number', 'boolean'].includes(typeof v);

/** The dimension a leaf puts on its fact, or undefined when lint cannot model it. */
function leafDim(leaf: LeafCondition, value: unknown, domain: FactDomain): Dim | undefined {
  const { operator } = leaf;
  if (operator in COMPARISONS) {
    if (domain.kind !== 'number') return { kind: 'number', set: iv.NO_NUMBER };
    return typeof value === 'number'
      ? { kind: 'number', set: COMPARISONS[operator](value) }
      : { kind: 'number', set: iv.NO_NUMBER };
  }
  if (operator === 'contains' || operator === 'doesNotContain') return undefined;
  const list =
    operator === 'in' || operator === 'notIn'
      ? Array.isArray(value)
        ? value
        : undefined
      : isScalar(value)
        ? [value]
        : undefined;
  if (!list) return undefined;
  const negated = operator === 'notEqual' || operator === 'notIn';
  if (domain.kind === 'number') {
    const set = list
      .filter((v): v is number => typeof v === 'number')
      .reduce<iv.IntervalSet>((s, v) => iv.union(s, iv.point(v)), iv.NO_NUMBER);
    return { kind: 'number', set: negated ? iv.complement(set) : set };
  }
  const set = vs.valuesSet(list.filter(isScalar));
  return { kind: 'values', set: negated ? vs.complementValues(set) : set };
}

/** The atom standing for a condition lint cannot model; `doesNotContain` is `contains` negated. */
function atomOf(leaf: LeafCondition, value: unknown): { name: string; holds: boolean } {
  const operator = leaf.operator === 'doesNotContain' ? 'contains' : leaf.operator;
  return {
    name: `${leaf.fact} ${operator} ${JSON.stringify(value ?? leaf.value)}`,
    holds: leaf.operator !== 'doesNotContain',
  };
}

export function leafRegion(leaf: LeafCondition, space: FactSpace, parameters: Map<string, ResolvedParameter>): Region {
  const value = leafValue(leaf, parameters);
  const domain = space.domain(leaf.fact);
  const modelled = value !== undefined && space.has(leaf.fact) && domain.info.type !== 'array';
  const dim = modelled ? leafDim(leaf, value, domain) : undefined;
  if (!dim) {
    const atom = atomOf(leaf, value);
    return [new Map([[atom.name, { kind: 'values', set: vs.valuesSet([atom.holds]) } as Dim]])];
  }
  const fitted = fit(dim, domain);
  return isEmptyDim(fitted) ? NOTHING : [new Map([[leaf.fact, fitted]])];
}

/** The region where a condition tree holds, parameters substituted by their values in force. */
export function conditionRegion(
  condition: Condition,
  space: FactSpace,
  parameters: Map<string, ResolvedParameter>,
): Region {
  if (isLeaf(condition)) return leafRegion(condition, space, parameters);
  if ('all' in condition) {
    return condition.all.reduce<Region>(
      (region, c) => (isEmptyRegion(region) ? region : intersectRegions(region, conditionRegion(c, space, parameters))),
      EVERYTHING,
    );
  }
  // an empty `any` holds for every input, as evaluation decides it (json-rules-engine)
  if ('any' in condition)
    return condition.any.length
      ? unionRegions(...condition.any.map((c) => conditionRegion(c, space, parameters)))
      : EVERYTHING;
  return complementRegion(conditionRegion(condition.not, space, parameters), space);
}
