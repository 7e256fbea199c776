import { describe, expect, it } from 'vitest';
import { coerceConditionValue, conditionLeaves, referencedParameters } from '../../engine/conditions/conditions.js';
import type { Condition } from '../../engine/model.js';

const leave: Condition = {
  all: [
    { fact: 'days', operator: 'greaterThan', value: { param: 'leave.supervisorOnlyMaxDays' } },
    {
      any: [
        { fact: 'rank', operator: 'in', value: ['科员', '副科'] },
        { not: { fact: 'days', operator: 'lessThanInclusive', value: { param: 'leave.secretaryMaxDays' } } },
      ],
    },
    { not: { all: [{ fact: 'days', operator: 'lessThan', value: { param: 'leave.supervisorOnlyMaxDays' } }] } },
  ],
};

describe('condition walking', () => {
  it('lists every fact test, under all, any and not', () => {
    expect(conditionLeaves(leave).map((l) => l.operator)).toEqual([
      'greaterThan',
      'in',
      'lessThanInclusive',
      'lessThan',
    ]);
  });
  it('names each parameter a condition compares with once, in order', () => {
    expect(referencedParameters(leave)).toEqual(['leave.supervisorOnlyMaxDays', 'leave.secretaryMaxDays']);
    expect(referencedParameters({ all: [] })).toEqual([]);
  });
});

describe('typed values back to the fact type', () => {
  it('turns number text into numbers and keeps what is not one as text', () => {
    expect(coerceConditionValue(' 3.5 ', 'greaterThan', 'number')).toBe(3.5);
    expect(coerceConditionValue('三', 'greaterThan', 'integer')).toBe('三');
    expect(coerceConditionValue('', 'equal', 'number')).toBe('');
  });
  it('reads true/false for yes/no facts and leaves text facts alone', () => {
    expect(coerceConditionValue('true', 'equal', 'boolean')).toBe(true);
    expect(coerceConditionValue('false', 'equal', 'boolean')).toBe(false);
    expect(coerceConditionValue('10', 'equal', 'string')).toBe('10');
  });
  it('splits in/notIn text at commas and 、 into a typed list', () => {
    expect(coerceConditionValue('科员、副科, 正科', 'in', 'enum')).toEqual(['科员', '副科', '正科']);
    expect(coerceConditionValue('1，2', 'notIn', 'integer')).toEqual([1, 2]);
    expect(coerceConditionValue(['3', 4], 'in', 'number')).toEqual([3, 4]);
  });
});
