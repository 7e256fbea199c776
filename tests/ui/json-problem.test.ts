/** JSON mode: one plain problem at the line it is on, not a cascade of schema paths. */
import { describe, expect, it } from 'vitest';
import { firstJsonProblem } from '../../admin-ui/src/rules/jsonProblem';

const RULE = {
  id: 'leave.short',
  title: '请假不超过1天由分管领导审批',
  group: 'approvalChain',
  citations: ['LV-002-A'],
  conditions: {
    all: [{ fact: 'days', operator: 'lessThanInclusive', value: { param: 'leave.supervisorOnlyMaxDays' } }],
  },
  outcomes: [{ type: 'approval', step: 1, roles: ['supervisingLeader'], action: 'approve' }],
};
const pretty = (rule: unknown) => JSON.stringify(rule, null, 2);
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('firstJsonProblem', () => {
  it('says nothing about a valid rule', () => {
    expect(firstJsonProblem(pretty(RULE))).toBeUndefined();
  });

  it('names a missing comma on its line', () => {
    const text = pretty(RULE).replace(
      '"title": "请假不超过1天由分管领导审批",',
      '"title": "请假不超过1天由分管领导审批"',
    );
    const problem = firstJsonProblem(text)!;
    expect(problem.message).toBe('上一项后面缺少逗号');
    expect([lineOf(text, '"title"'), lineOf(text, '"group"')]).toContain(problem.line);
  });

  it('names a comma after the last item', () => {
    const text = pretty(RULE).replace('"action": "approve"', '"action": "approve",');
    const problem = firstJsonProblem(text)!;
    expect(problem.message).toBe('最后一项后面不能有逗号');
    expect(problem.line).toBeGreaterThanOrEqual(lineOf(text, '"action"'));
    expect(problem.line).toBeLessThanOrEqual(lineOf(text, '"action"') + 1);
  });

  it('gives one problem, in Chinese, on the line of a wrong operator deep in the conditions', () => {
    const rule = structuredClone(RULE);
    rule.conditions.all[0].operator = 'atMost';
    const text = pretty(rule);
    const problem = firstJsonProblem(text)!;
    expect(problem.line).toBe(lineOf(text, '"atMost"'));
    expect(problem.message).toContain('「operator」');
    expect(problem.message).toContain('lessThanInclusive');
    expect(problem.message).not.toMatch(/\/conditions|oneOf|anyOf|should match/);
  });

  it('points at a field the rule format does not know', () => {
    const text = pretty({ ...RULE, colour: 'red' });
    const problem = firstJsonProblem(text)!;
    expect(problem.line).toBe(lineOf(text, '"colour"'));
    expect(problem.message).toContain('colour');
  });

  it('tells a comma after the whole rule apart from the rule format', () => {
    const problem = firstJsonProblem(`${pretty(RULE)},`)!;
    expect(problem).toMatchObject({ kind: 'syntax', message: '整段 JSON 已经结束，后面还有多余的内容' });
    expect(firstJsonProblem(pretty({ ...RULE, colour: 1 }))!.kind).toBe('schema');
  });

  it('says what is missing at the end of an unfinished text', () => {
    const text = pretty(RULE).slice(0, -2);
    expect(firstJsonProblem(text)!.message).toBe('内容不完整：结尾缺少「}」或「]」');
  });
});

describe('firstJsonProblem inside a condition', () => {
  it('points at a field no kind of condition allows, not at the ones the other kinds do not', () => {
    const rule = structuredClone(RULE) as any;
    rule.conditions.all[0].unit = '天';
    const text = pretty(rule);
    const problem = firstJsonProblem(text)!;
    expect(problem.line).toBe(lineOf(text, '"unit"'));
    expect(problem.message).toBe('不允许的字段「unit」');
  });
});
