/**
 * The region algebra against brute force: for random all/any/not trees over a numeric, an enum
 * and a boolean fact, a point lies in the condition's region exactly when the condition holds
 * for it (evaluated like json-rules-engine does). Overlap and gap answers rest on this.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Condition, Operator } from '../../engine/index.js';
import { factSpace } from '../../engine/lint/fact-space.js';
import { contains } from '../../engine/lint/intervals.js';
import { conditionRegion, intersectRegions, subtractRegions, type Region } from '../../engine/lint/regions.js';
import { hasValue } from '../../engine/lint/value-sets.js';
import { conditionTree } from '../helpers/arbitraries.js';

const space = factSpace('leaveApproval', new Map());
const ROLES = ['ordinary', 'leader', 'principal', 'teamMember', 'dutyOfficer'];
const DAYS = [0.5, 1, 1.5, 2, 3, 5, 5.5, 30, 31, 366];
const THRESHOLDS = [1, 2, 5, 30];
const points = DAYS.flatMap((days) =>
  ROLES.flatMap((applicantRole) => [true, false].map((onDuty) => ({ days, applicantRole, onDuty }))),
);

const SEED = 7;

const leaf: fc.Arbitrary<Condition> = fc.oneof(
  fc.record({
    fact: fc.constant('days'),
    operator: fc.constantFrom<Operator>(
      'lessThan',
      'lessThanInclusive',
      'greaterThan',
      'greaterThanInclusive',
      'equal',
      'notEqual',
    ),
    value: fc.constantFrom(...THRESHOLDS),
  }),
  fc.oneof(
    fc.record({
      fact: fc.constant('applicantRole'),
      operator: fc.constantFrom<Operator>('equal', 'notEqual'),
      value: fc.constantFrom(...ROLES),
    }),
    fc.record({
      fact: fc.constant('applicantRole'),
      operator: fc.constantFrom<Operator>('in', 'notIn'),
      value: fc.subarray(ROLES),
    }),
  ),
  fc.record({
    fact: fc.constant('onDuty'),
    operator: fc.constantFrom<Operator>('equal', 'notEqual'),
    value: fc.boolean(),
  }),
);

/** Trees three levels deep with groups of one to three children, as json-rules-engine accepts them. */
const condition = conditionTree(leaf, {
  maxDepth: 3,
  minChildren: 1,
  maxChildren: 3,
  weights: { leaf: 9, not: 7, all: 7, any: 7 },
});

function holds(c: Condition, facts: Record<string, unknown>): boolean {
  if ('all' in c) return c.all.every((x) => holds(x, facts));
  if ('any' in c) return c.any.some((x) => holds(x, facts));
  if ('not' in c) return !holds(c.not, facts);
  const fact = facts[c.fact];
  const value = c.value as any;
  switch (c.operator) {
    case 'equal':
      return fact === value;
    case 'notEqual':
      return fact !== value;
    case 'lessThan':
      return (fact as number) < value;
    case 'lessThanInclusive':
      return (fact as number) <= value;
    case 'greaterThan':
      return (fact as number) > value;
    case 'greaterThanInclusive':
      return (fact as number) >= value;
    case 'in':
      return value.includes(fact);
    case 'notIn':
      return !value.includes(fact);
    default:
      throw new Error(c.operator);
  }
}

function inRegion(region: Region, facts: Record<string, unknown>): boolean {
  return region.some((box) =>
    [...box].every(([fact, dim]) =>
      dim.kind === 'number'
        ? contains(dim.set, facts[fact] as number)
        : hasValue(dim.set, facts[fact] as string | boolean),
    ),
  );
}

describe('regions agree with evaluation', () => {
  it('point ∈ region ⇔ the condition holds, for 300 random trees × 100 points', () => {
    fc.assert(
      fc.property(condition, (condition) => {
        const region = conditionRegion(condition, space, new Map());
        for (const point of points) {
          if (inRegion(region, point) !== holds(condition, point)) {
            throw new Error(`disagree on ${JSON.stringify(point)} for ${JSON.stringify(condition)}`);
          }
        }
      }),
      { numRuns: 300, seed: SEED },
    );
  });

  it('intersection and difference agree with evaluation too, for 150 random pairs', () => {
    fc.assert(
      fc.property(condition, condition, (a, b) => {
        const ra = conditionRegion(a, space, new Map());
        const rb = conditionRegion(b, space, new Map());
        const both = intersectRegions(ra, rb);
        const onlyA = subtractRegions(ra, rb, space);
        for (const point of points) {
          expect(inRegion(both, point)).toBe(holds(a, point) && holds(b, point));
          expect(inRegion(onlyA, point)).toBe(holds(a, point) && !holds(b, point));
        }
      }),
      { numRuns: 150, seed: SEED },
    );
  });
});
