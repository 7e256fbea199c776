/**
 * The region algebra against brute force: for random all/any/not trees over a numeric, an enum
 * and a boolean fact, a point lies in the condition's region exactly when the condition holds
 * for it (evaluated like json-rules-engine does). Overlap and gap answers rest on this.
 */
import { describe, expect, it } from 'vitest';
import type { Condition, Operator } from '../../engine/index.js';
import { factSpace } from '../../engine/lint/fact-space.js';
import { contains } from '../../engine/lint/intervals.js';
import { conditionRegion, intersectRegions, subtractRegions, type Region } from '../../engine/lint/regions.js';
import { hasValue } from '../../engine/lint/value-sets.js';

const space = factSpace('leaveApproval', new Map());
const ROLES = ['ordinary', 'leader', 'principal', 'teamMember', 'dutyOfficer'];
const DAYS = [0.5, 1, 1.5, 2, 3, 5, 5.5, 30, 31, 366];
const THRESHOLDS = [1, 2, 5, 30];
const points = DAYS.flatMap((days) =>
  ROLES.flatMap((applicantRole) => [true, false].map((onDuty) => ({ days, applicantRole, onDuty }))),
);

let seed = 7;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];

function randomLeaf(): Condition {
  switch (pick(['days', 'role', 'duty'] as const)) {
    case 'days':
      return {
        fact: 'days',
        operator: pick([
          'lessThan',
          'lessThanInclusive',
          'greaterThan',
          'greaterThanInclusive',
          'equal',
          'notEqual',
        ] as Operator[]),
        value: pick(THRESHOLDS),
      };
    case 'role': {
      const operator = pick(['equal', 'notEqual', 'in', 'notIn'] as Operator[]);
      const value = operator === 'in' || operator === 'notIn' ? ROLES.filter(() => random() < 0.4) : pick(ROLES);
      return { fact: 'applicantRole', operator, value };
    }
    case 'duty':
      return { fact: 'onDuty', operator: pick(['equal', 'notEqual'] as Operator[]), value: random() < 0.5 };
  }
}

function randomCondition(depth: number): Condition {
  if (depth === 0 || random() < 0.3) return randomLeaf();
  const kind = pick(['all', 'any', 'not'] as const);
  if (kind === 'not') return { not: randomCondition(depth - 1) };
  const children = Array.from({ length: 1 + Math.floor(random() * 3) }, () => randomCondition(depth - 1));
  return kind === 'all' ? { all: children } : { any: children };
}

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
  const conditions = Array.from({ length: 300 }, () => randomCondition(3));

  it('point ∈ region ⇔ the condition holds, for 300 random trees × 100 points', () => {
    for (const condition of conditions) {
      const region = conditionRegion(condition, space, new Map());
      for (const point of points) {
        if (inRegion(region, point) !== holds(condition, point)) {
          throw new Error(`disagree on ${JSON.stringify(point)} for ${JSON.stringify(condition)}`);
        }
      }
    }
  });

  it('intersection and difference agree with evaluation too', () => {
    for (let i = 0; i + 1 < conditions.length; i += 2) {
      const [a, b] = [conditions[i], conditions[i + 1]];
      const ra = conditionRegion(a, space, new Map());
      const rb = conditionRegion(b, space, new Map());
      const both = intersectRegions(ra, rb);
      const onlyA = subtractRegions(ra, rb, space);
      for (const point of points) {
        expect(inRegion(both, point)).toBe(holds(a, point) && holds(b, point));
        expect(inRegion(onlyA, point)).toBe(holds(a, point) && !holds(b, point));
      }
    }
  });
});
