/**
 * The space a decision's rules partition: for each fact, the values it can take according to
 * its JSON Schema (numeric range with open or closed ends, enum codes, true/false). Lint only
 * reports overlaps, gaps and dead rules inside this space, so `days ≤ 0` is dead when the
 * schema says `exclusiveMinimum: 0`.
 *
 * Derived facts (countIncludingThis = priorCount + 1) are treated as independent numeric facts:
 * their range is computed from their operands' ranges, but the link to the operands is lost, so
 * a rule testing both `priorCount` and `countIncludingThis` is analysed as if they were
 * unrelated.
 */
import { isParamRef, type DerivedFactDefinition } from '../model.js';
import type { ResolvedParameter } from '../pack/resolved.js';
import {
  decisions,
  dereferencedFactSchema,
  factsOf,
  type FactInfo,
  type FactPropertySchema,
} from '../schema/registry.js';
import { EVERY_NUMBER, integersOf, interval, intersect, type IntervalSet } from './intervals.js';
import { keyOf } from './value-sets.js';

export type FactDomain =
  | { kind: 'number'; info: FactInfo; set: IntervalSet; integer: boolean }
  /** `universe` lists every value (as keys) when it is known: enum codes, true/false */
  | { kind: 'values'; info: FactInfo; universe?: string[]; atom?: boolean };

export interface FactSpace {
  decision: string;
  /** is this a fact of the decision (input or derived)? */
  has(fact: string): boolean;
  /** the fact's domain; anything else is taken for a yes/no atom */
  domain(fact: string): FactDomain;
}

const BOOLEAN_UNIVERSE = [keyOf(true), keyOf(false)];

/** A condition lint cannot model (e.g. `contains` on a list) becomes a yes/no atom of its own. */
export function atomDomain(name: string): FactDomain {
  return { kind: 'values', info: { name, title: name, type: 'boolean' }, universe: BOOLEAN_UNIVERSE, atom: true };
}

function schemaRange(prop: FactPropertySchema): IntervalSet {
  const lo = prop.exclusiveMinimum ?? prop.minimum ?? -Infinity;
  const hi = prop.exclusiveMaximum ?? prop.maximum ?? Infinity;
  return interval(lo, hi, prop.exclusiveMinimum !== undefined, prop.exclusiveMaximum !== undefined);
}

function hull(set: IntervalSet): { lo: number; hi: number } {
  return set.length ? { lo: set[0].lo, hi: set[set.length - 1].hi } : { lo: NaN, hi: NaN };
}

/** Interval arithmetic on the operands' ranges (closed hulls: precise enough for lint). */
function derivedRange(
  definition: DerivedFactDefinition,
  range: (fact: string) => { set: IntervalSet; integer: boolean } | undefined,
  parameters: Map<string, ResolvedParameter>,
): { set: IntervalSet; integer: boolean } {
  const operands = definition.of.map((operand) => {
    if (typeof operand === 'number') return { set: interval(operand, operand), integer: Number.isInteger(operand) };
    if (isParamRef(operand)) {
      const value = parameters.get(operand.param)?.value;
      return typeof value === 'number' ? { set: interval(value, value), integer: Number.isInteger(value) } : undefined;
    }
    return range(operand);
  });
  if (operands.some((o) => !o || o.set.length === 0)) return { set: EVERY_NUMBER, integer: false };
  const [a, b] = operands.map((o) => hull(o!.set));
  const integer = operands.every((o) => o!.integer);
  const nonNegative = a.lo >= 0 && b.lo >= 0;
  switch (definition.op) {
    case 'sum':
      return { set: interval(a.lo + b.lo, a.hi + b.hi), integer };
    case 'difference':
      return { set: interval(a.lo - b.hi, a.hi - b.lo), integer };
    case 'product':
      return { set: nonNegative ? interval(a.lo * b.lo, a.hi * b.hi) : EVERY_NUMBER, integer };
    case 'ratio':
      return {
        set:
          nonNegative && b.lo > 0
            ? interval(a.lo / b.hi, a.hi / b.lo)
            : nonNegative
              ? interval(0, Infinity)
              : EVERY_NUMBER,
        integer: false,
      };
    case 'quotient':
      return {
        set: nonNegative && b.lo > 0 ? interval(Math.floor(a.lo / b.hi), Math.floor(a.hi / b.lo)) : EVERY_NUMBER,
        integer: true,
      };
    case 'remainder':
      return { set: nonNegative && b.hi > 0 ? interval(0, b.hi, false, true) : EVERY_NUMBER, integer };
  }
}

/** The fact space of one decision, with derived facts ranged under the pack's parameter values. */
export function factSpace(decision: string, parameters: Map<string, ResolvedParameter>): FactSpace {
  const infos = factsOf(decision);
  const properties: Record<string, FactPropertySchema> = decisions.has(decision)
    ? dereferencedFactSchema(decision).properties
    : {};
  const domains = new Map<string, FactDomain>();
  for (const info of infos.values()) {
    if (info.derived) continue;
    const prop = properties[info.name] ?? {};
    if (info.type === 'number' || info.type === 'integer') {
      const integer = info.type === 'integer';
      const set = schemaRange(prop);
      domains.set(info.name, { kind: 'number', info, set: integer ? integersOf(set) : set, integer });
    } else if (info.type === 'boolean') {
      domains.set(info.name, { kind: 'values', info, universe: BOOLEAN_UNIVERSE });
    } else if (info.type === 'enum') {
      domains.set(info.name, {
        kind: 'values',
        info,
        universe: (prop.enum as unknown[]).map((v) => keyOf(v as string)),
      });
    } else {
      domains.set(info.name, { kind: 'values', info });
    }
  }
  const numeric = (fact: string) => {
    const d = domains.get(fact);
    return d?.kind === 'number' ? { set: d.set, integer: d.integer } : undefined;
  };
  for (const derived of decisions.get(decision)?.derivedFacts ?? []) {
    const { set, integer } = derivedRange(derived, numeric, parameters);
    const info = infos.get(derived.id)!;
    domains.set(derived.id, {
      kind: 'number',
      info,
      set: integer ? integersOf(intersect(set, EVERY_NUMBER)) : set,
      integer,
    });
  }
  return {
    decision,
    has: (fact) => domains.has(fact),
    domain: (fact) => domains.get(fact) ?? atomDomain(fact),
  };
}
