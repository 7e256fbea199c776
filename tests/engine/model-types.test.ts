/**
 * The model types are derived from schemas/, so what a type refuses the schema refuses too, and
 * the shapes the hand-written types let through (a leaf at a rule's top, a category or leave type
 * outside the vocabulary, a fixture expecting both outcomes and an error, or neither) no longer
 * compile. tsc checks the type half (each @ts-expect-error must be needed); vitest the schema half.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  validateFile,
  validateOutcome,
  type Condition,
  type FixtureCase,
  type NumberOrParam,
  type Outcome,
  type RuleDefinition,
} from '../../engine/index.js';

const leaf: Condition = { fact: 'days', operator: 'greaterThan', value: { param: 'leave.days' } };
const base = {
  id: 'r.a',
  title: '规则',
  citations: [],
  outcomes: [{ type: 'verdict', value: 'allowed' }],
} satisfies Omit<RuleDefinition, 'conditions'>;
const rulesErrors = (rule: unknown) => validateFile('rules', { decision: 'leaveApproval', rules: [rule] });
const caseBase = { id: 'c-1', name: '用例', facts: {} };
const fixtureErrors = (fixture: unknown) => validateFile('fixtures', { decision: 'leaveApproval', cases: [fixture] });

describe('rule and condition types derived from rules.schema.json', () => {
  it('a condition names itself: nesting to any depth compiles and validates', () => {
    const nested: RuleDefinition = {
      ...base,
      conditions: { not: { any: [{ all: [leaf, { not: leaf }] }, { any: [] }] } },
    };
    expect(rulesErrors(nested)).toEqual([]);
  });

  it('a leaf at the top of a rule is refused by both: json-rules-engine wants all, any or not there', () => {
    // @ts-expect-error a leaf is a Condition but not a rule's top condition
    const top: RuleDefinition = { ...base, conditions: leaf };
    expect(rulesErrors(top)).not.toEqual([]);
  });

  it('an operator outside the list and a value of the wrong shape are refused by both', () => {
    // @ts-expect-error biggerThan is no operator
    const operator: Condition = { fact: 'days', operator: 'biggerThan', value: 3 };
    // @ts-expect-error a value is a literal, a list of literals or a parameter
    const value: Condition = { fact: 'days', operator: 'equal', value: { days: 3 } };
    expect(rulesErrors({ ...base, conditions: { all: [operator] } })).not.toEqual([]);
    expect(rulesErrors({ ...base, conditions: { all: [value] } })).not.toEqual([]);
  });
});

describe('outcome types derived from outcome.schema.json', () => {
  it('one type per branch of the schema: narrowing on `type` gives that branch', () => {
    const outcomes: Outcome[] = [
      { type: 'approval', step: 1, roles: ['supervisingLeader'], mode: 'all' },
      { type: 'payDeduction', item: 'performanceBonus', amount: { param: 'pay.yuan' }, period: 'month' },
      { type: 'entitlement', leaveType: 'annual', days: 5 },
      { type: 'classification', category: 'late' },
    ];
    for (const outcome of outcomes) expect(validateOutcome(outcome)).toEqual([]);
    const daysOf = (outcome: Outcome) => (outcome.type === 'absence' ? outcome.days : undefined);
    expectTypeOf(daysOf).returns.toEqualTypeOf<NumberOrParam | undefined>();
    expect(daysOf({ type: 'absence', days: 0.5 })).toBe(0.5);
  });

  it('a word outside a closed vocabulary is refused by both', () => {
    // @ts-expect-error sleeping is no attendance category
    const category: Outcome = { type: 'classification', category: 'sleeping' };
    // @ts-expect-error holiday is no leave type
    const leaveType: Outcome = { type: 'entitlement', leaveType: 'holiday', days: 1 };
    // @ts-expect-error salary is no pay item
    const item: Outcome = { type: 'payDeduction', item: 'salary', share: 1, period: 'month' };
    for (const outcome of [category, leaveType, item]) expect(validateOutcome(outcome)).not.toEqual([]);
  });

  it('a pay deduction takes a share or an amount, exactly one, in both', () => {
    // @ts-expect-error both a share and an amount
    const both: Outcome = { type: 'payDeduction', item: 'performanceBonus', share: 1, amount: 20, period: 'month' };
    // @ts-expect-error neither
    const neither: Outcome = { type: 'payDeduction', item: 'performanceBonus', period: 'month' };
    for (const outcome of [both, neither]) expect(validateOutcome(outcome)).not.toEqual([]);
  });
});

describe('fixture types derived from fixtures.schema.json', () => {
  it('a case expects outcomes or an error', () => {
    const outcomes: FixtureCase = { ...caseBase, expect: { outcomes: [], rules: [] } };
    const error: FixtureCase = { ...caseBase, expect: { error: 'UNKNOWN_FACT' } };
    expect(fixtureErrors(outcomes)).toEqual([]);
    expect(fixtureErrors(error)).toEqual([]);
  });

  it('a case expecting both, or neither, is refused by both', () => {
    // @ts-expect-error outcomes and an error at once
    const both: FixtureCase = { ...caseBase, expect: { outcomes: [], error: 'UNKNOWN_FACT' } };
    // @ts-expect-error neither outcomes nor an error
    const neither: FixtureCase = { ...caseBase, expect: { rules: ['r.a'] } };
    for (const fixture of [both, neither]) expect(fixtureErrors(fixture)).not.toEqual([]);
  });
});
