/**
 * Empty groups mean what evaluation (json-rules-engine) makes of them: `{ all: [] }` and
 * `{ any: [] }` hold, `{ not: { any: [] } }` never does — and the trace, the explanation and
 * lint's region model say the same on both evaluators.
 */
import { describe, expect, it } from 'vitest';
import {
  bundleSource,
  evaluate,
  evaluateSync,
  explain,
  lintPack,
  loadPack,
  type Condition,
  type RuleDefinition,
  type TopCondition,
} from '../../engine/index.js';
import { basePack, clone } from '../helpers/packs.js';

const days = (value: number): Condition => ({ fact: 'days', operator: 'greaterThan', value });
const rule = (id: string, conditions: TopCondition): RuleDefinition => ({
  id,
  title: `规则 ${id}`,
  group: 'all',
  citations: ['LV-T-A'],
  conditions,
  outcomes: [{ type: 'requirement', code: id, text: id }],
});

const RULES = [
  rule('emptyAnyAndLeaf', { all: [{ any: [] }, days(5)] }),
  rule('emptyAny', { any: [] }),
  rule('emptyAll', { all: [] }),
  rule('notEmptyAny', { not: { any: [] } }),
  rule('notEmptyAll', { not: { all: [] } }),
  rule('emptyAnyOrLeaf', { any: [{ any: [] }, days(100)] }),
];

function pack() {
  const bundle = clone(basePack());
  bundle.rules['rules/leave.json'] = {
    decision: 'leaveApproval',
    groups: { all: { hitPolicy: 'collect' } },
    rules: RULES,
  };
  bundle.fixtures = {};
  return bundle;
}
const compiled = loadPack('test-base', bundleSource({ 'test-base': pack() }));
const facts = { applicantRole: 'ordinary', leaveType: 'personal', days: 6 };

describe('empty groups', () => {
  it('fire exactly as json-rules-engine decides, on both evaluators, with equal traces', async () => {
    const reference = await evaluate(compiled, 'leaveApproval', facts);
    const fast = evaluateSync(compiled, 'leaveApproval', facts)!;
    expect(reference.fired.map((r) => r.id)).toEqual(['emptyAnyAndLeaf', 'emptyAny', 'emptyAll', 'emptyAnyOrLeaf']);
    expect(JSON.parse(JSON.stringify(fast))).toEqual(JSON.parse(JSON.stringify(reference)));
  });

  it('the trace of a rule that fired holds at every level, the empty `any` included', async () => {
    const result = await evaluate(compiled, 'leaveApproval', facts);
    for (const fired of result.fired) expect(fired.trace.result, fired.id).toBe(true);
    const trace = result.fired[0].trace as any;
    expect(trace.children.map((c: any) => [c.kind, c.result])).toEqual([
      ['any', true],
      ['leaf', true],
    ]);
  });

  it('the explanation keeps 「6 > 5」 and says nothing for the empty group', async () => {
    const { lines } = explain(await evaluate(compiled, 'leaveApproval', facts), 'zh');
    expect(lines[0]).toMatch(/^【规则 emptyAnyAndLeaf】请假天数 6 天 > 5 天 → /);
    expect(lines[1]).toMatch(/^【规则 emptyAny】无条件 → /);
    const en = explain(await evaluate(compiled, 'leaveApproval', facts), 'en');
    expect(en.lines[0]).toMatch(/^\[emptyAnyAndLeaf\] days 6 > 5 → /);
  });

  it('lint: an empty `any` is not a dead rule; `not` of an empty group is one', () => {
    const dead = lintPack(compiled.resolved)
      .filter((f) => f.code === 'DEAD_RULE')
      .flatMap((f) => f.ruleIds);
    expect(dead.sort()).toEqual(['notEmptyAll', 'notEmptyAny']);
  });
});
