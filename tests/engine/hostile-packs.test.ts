/**
 * Hostile packs are issues, never exceptions: conditions (or any part of a pack file) nested
 * thousands of levels deep, bundles of the wrong shape, values named like Object.prototype members.
 */
import { describe, expect, it } from 'vitest';
import {
  MAX_CONDITION_DEPTH,
  MAX_JSON_DEPTH,
  buildPack,
  bundleSource,
  evaluate,
  explain,
  lintPack,
  runFixtures,
  validateFile,
  type PackBundle,
} from '../../engine/index.js';
import { basePack, clone } from '../helpers/packs.js';

type Wrap = 'all' | 'any' | 'not';

/** A leaf wrapped `levels - 1` times, cycling through the given connectives. */
function nested(levels: number, wraps: Wrap[] = ['all']): unknown {
  let condition: unknown = { fact: 'days', operator: 'greaterThan', value: 100 };
  for (let i = 1; i < levels; i++) {
    const wrap = wraps[i % wraps.length];
    condition = wrap === 'not' ? { not: condition } : { [wrap]: [condition] };
  }
  return condition;
}

function packWith(conditions: unknown): PackBundle {
  const base = clone(basePack());
  (base.rules['rules/leave.json'] as any).rules.push({
    id: 'leave.deep',
    title: '深层条件',
    citations: ['LV-T-A'],
    conditions,
    outcomes: [{ type: 'requirement', code: 'deep', text: '深层' }],
  });
  return base;
}

describe('deeply nested conditions', () => {
  for (const [levels, wraps] of [
    [2_000, ['all']],
    [2_000, ['any', 'not']],
    [20_000, ['all', 'any', 'not']],
  ] as [number, Wrap[]][]) {
    it(`${levels} levels of ${wraps.join('/')} are an issue at the too-deep condition, not a stack overflow`, () => {
      const built = buildPack('test-base', bundleSource({ 'test-base': packWith(nested(levels, wraps)) }));
      expect(built.compiled).toBeUndefined();
      const deep = built.issues.filter((i) => i.severity === 'error');
      expect(deep).toHaveLength(1);
      expect(deep[0]).toMatchObject({
        code: 'SCHEMA',
        file: 'rules/leave.json',
        pointer: expect.stringMatching(/^\/rules\/2\/conditions\//),
      });
      expect(deep[0].messageZh).toContain(`条件嵌套超过 ${MAX_CONDITION_DEPTH} 层`);
      // the pointer names the first condition past the bound
      expect(deep[0].pointer!.split('/').filter((s) => s === 'all' || s === 'any' || s === 'not')).toHaveLength(
        MAX_CONDITION_DEPTH,
      );
    });
  }

  it(`${MAX_CONDITION_DEPTH} levels pass and every walker handles them: checks, compile, lint, evaluate, explain, fixtures`, async () => {
    const built = buildPack(
      'test-base',
      bundleSource({ 'test-base': packWith(nested(MAX_CONDITION_DEPTH, ['all', 'any', 'not'])) }),
    );
    expect(built.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(built.compiled).toBeDefined();
    expect(Array.isArray(lintPack(built.resolved!))).toBe(true);
    for (const days of [3, 300]) {
      const result = await evaluate(built.compiled!, 'leaveApproval', {
        applicantRole: 'ordinary',
        leaveType: 'personal',
        days,
      });
      expect(explain(result, 'zh')).toBeDefined();
    }
    expect((await runFixtures(built.compiled!)).failed).toBe(0);
  });

  it('any pack file nested deeper than the JSON bound is refused before ajv reads it', () => {
    let facts: unknown = 1;
    for (let i = 0; i < 10_000; i++) facts = [facts];
    const errors = validateFile('fixtures', {
      decision: 'leaveApproval',
      cases: [{ id: 'x', name: 'x', facts: { days: facts }, expect: { outcomes: [] } }],
    });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      keyword: 'maxDepth',
      pointer: expect.stringMatching(/^\/cases\/0\/facts\/days(\/0)+$/),
    });
    expect(errors[0].message).toContain(`nested more than ${MAX_JSON_DEPTH} levels deep`);
  });

  it('a bundle whose rules or fixtures are null is an issue, not a TypeError', () => {
    for (const file of ['rules', 'fixtures'] as const) {
      const bundle = { ...clone(basePack()), [file]: null } as unknown as PackBundle;
      const built = buildPack('test-base', bundleSource({ 'test-base': bundle }));
      expect(built.issues).toEqual([expect.objectContaining({ code: 'BUNDLE_SHAPE', pointer: `/${file}` })]);
    }
  });
});

describe('names of Object.prototype members in a pack', () => {
  it('a rule comparing an enum fact with "constructor" is UNKNOWN_FACT_VALUE like any other unknown value', () => {
    const built = buildPack(
      'test-base',
      bundleSource({
        'test-base': packWith({
          all: [
            { fact: 'leaveType', operator: 'equal', value: 'constructor' },
            { fact: 'days', operator: 'greaterThan', value: 100 },
          ],
        }),
      }),
    );
    expect(built.issues).toEqual([
      expect.objectContaining({ code: 'UNKNOWN_FACT_VALUE', pointer: '/rules/2/conditions/all/0/value' }),
    ]);
  });
});
