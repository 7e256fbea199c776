/**
 * A rule's condition sentence compiled into a function (engine/explain/condition-text.ts) must say
 * exactly what the interpreter (`sayCondition` in rule-text.ts, itself checked against rendering
 * the trace by compiled-explanation.test.ts) says: on generated condition trees with empty groups,
 * negations, `any` groups with several true parts and facts left out, in Chinese and English
 * (inputs from fast-check). Thresholds from parameters are read from slots: two packs that differ
 * only in a value share one function, and each says and tests its own value.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { factsOf, type Condition, type Locale } from '../../engine/index.js';
import { compileCondition, holds, prepareWords, type CompiledLeaf } from '../../engine/explain/compiled-condition.js';
import { compileSayCondition } from '../../engine/explain/condition-text.js';
import { leafWords } from '../../engine/explain/render.js';
import { sayCondition } from '../../engine/explain/rule-text.js';
import type { BoundParameter } from '../../engine/compile/compile.js';
import { conditionTree, factSet } from '../helpers/arbitraries.js';

const DECISION = 'leaveApproval';
const LEAVES: Condition[] = [
  { fact: 'days', operator: 'greaterThan', value: 1 },
  { fact: 'days', operator: 'lessThanInclusive', value: 5.5 },
  { fact: 'keyTaskPeriod', operator: 'equal', value: true },
  { fact: 'keyTaskPeriod', operator: 'notEqual', value: true },
  { fact: 'monthLeaveDaysBefore', operator: 'greaterThanInclusive', value: 2 },
  { fact: 'monthLeaveDaysTotal', operator: 'greaterThan', value: 4 },
  { fact: 'noticeDays', operator: 'lessThan', value: 3 },
  { fact: 'leaveType', operator: 'equal', value: 'annual' },
  { fact: 'leaveType', operator: 'in', value: ['personal', 'sick'] },
  { fact: 'leaveType', operator: 'notIn', value: ['annual'] },
];
const PARAMETER: BoundParameter = { id: 'leave.maxDays', label: '最多天数', unit: '天' };

const wordsFor = (locale: Locale) => (leaf: CompiledLeaf) =>
  leafWords(
    { fact: leaf.leaf.fact, operator: leaf.leaf.operator, threshold: leaf.leaf.value, parameter: leaf.parameter },
    factsOf(DECISION),
    locale,
  );

/** Every leaf path of a condition, as compile.ts writes them for `parameterAt`. */
function leafPaths(condition: Condition, path = ''): string[] {
  if ('fact' in condition) return [path];
  if ('not' in condition) return leafPaths(condition.not, `${path}.not`);
  const kind = 'all' in condition ? 'all' : 'any';
  const parts: Condition[] = 'all' in condition ? condition.all : condition.any;
  return parts.flatMap((c, i) => leafPaths(c, `${path}.${kind}.${i}`));
}

describe('compiled condition sentence', () => {
  it('says what the interpreter says, on generated conditions and facts', () => {
    const condition = conditionTree(fc.constantFrom(...LEAVES), {
      maxDepth: 4,
      minChildren: 0,
      maxChildren: 3,
      weights: { leaf: 35, not: 15, all: 25, any: 25 },
    });
    const facts = factSet(
      new Map<string, unknown[]>([
        ['leaveType', ['personal', 'sick', 'annual']],
        ['days', [0.5, 1, 2, 5, 5.5, 6]],
        ['keyTaskPeriod', [true, false]],
        ['monthLeaveDaysBefore', [0, 2, 3]],
        ['monthLeaveDaysTotal', [3, 4, 5.25]],
        ['noticeDays', [1, 3, 5]],
      ]),
      [],
      3,
    );
    let held = 0;
    let failed = 0;
    fc.assert(
      fc.property(condition, fc.array(facts, { minLength: 8, maxLength: 8 }), fc.boolean(), (tree, factSets, bind) => {
        // some thresholds come from a parameter: their words name it
        const parameterAt = new Map(bind ? leafPaths(tree).map((path) => [path, PARAMETER] as const) : []);
        const compiled = compileCondition(tree, parameterAt);
        for (const locale of ['zh', 'en'] as const) {
          prepareWords(compiled, locale, wordsFor(locale));
          const say = compileSayCondition(compiled, locale, wordsFor(locale))!;
          for (const given of factSets) {
            const result = holds(compiled, given);
            if (result) held++;
            else failed++;
            expect(say(given)).toBe(sayCondition(compiled, given, locale, result));
          }
        }
      }),
      { numRuns: 300 },
    );
    // both outcomes are said, many times
    expect(Math.min(held, failed)).toBeGreaterThan(500);
  });

  it('says each pack its own threshold from a parameter', () => {
    const condition: Condition = { all: [{ fact: 'days', operator: 'greaterThan', value: 3 }] };
    const other: Condition = { all: [{ fact: 'days', operator: 'greaterThan', value: 5 }] };
    const at = new Map([['.all.0', PARAMETER]]);
    const three = compileSayCondition(compileCondition(condition, at), 'zh', wordsFor('zh'))!;
    const five = compileSayCondition(compileCondition(other, at), 'zh', wordsFor('zh'))!;
    expect(three({ days: 4 })).toBe('请假天数 4 天 > 3 天（参数「最多天数」）');
    expect(five({ days: 4 })).toBe('请假天数 4 天 > 5 天（参数「最多天数」）');
    expect(three({})).toBe('请假天数 未填写 > 3 天（参数「最多天数」）');
    expect(five({ days: 6 })).toBe('请假天数 6 天 > 5 天（参数「最多天数」）');
  });
});
