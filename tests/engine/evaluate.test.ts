/** Evaluating facts: validation first, hit policies, derived facts, and the explanation a clerk reads. */
import { Engine } from 'json-rules-engine';
import { describe, expect, it, vi } from 'vitest';
import {
  FactsInvalidError,
  RuleConflictError,
  UnknownDecisionError,
  buildPack,
  bundleSource,
  evaluate,
  explain,
  folderSource,
  loadPack,
  type PackBundle,
} from '../../engine/index.js';
import { basePack, clone } from '../helpers/packs.js';

const shipped = loadPack('county-township-cadres', folderSource());
const leave = (days: number, extra: Record<string, unknown> = {}) => ({
  applicantRole: 'ordinary',
  leaveType: 'personal',
  days,
  ...extra,
});

function compile(mutate: (b: PackBundle) => void) {
  const base = clone(basePack());
  mutate(base);
  return loadPack('test-base', bundleSource({ 'test-base': base }));
}

describe('evaluate', () => {
  it('refuses invalid facts with every failing path, and evaluates nothing', async () => {
    const run = vi.spyOn(Engine.prototype, 'run');
    const error = await evaluate(shipped, 'leaveApproval', { applicantRole: 'mayor', days: 0 }).catch((e) => e);
    expect(error).toBeInstanceOf(FactsInvalidError);
    expect(error.code).toBe('FACTS_INVALID');
    expect(error.errors.map((e: any) => e.path).sort()).toEqual(['', '/applicantRole', '/days']);
    expect(error.messageZh).toContain('请假审批');
    expect(run).not.toHaveBeenCalled();
    run.mockRestore();
  });

  it('an unknown decision is a typed error', async () => {
    await expect(evaluate(shipped, 'parking', {})).rejects.toBeInstanceOf(UnknownDecisionError);
  });

  it('returns the outcomes of every group, and the rules that fired with their clauses', async () => {
    const result = await evaluate(shipped, 'leaveApproval', leave(3));
    expect(result.outcomes).toEqual([
      { type: 'approval', step: 1, roles: ['supervisingLeader'], action: 'sign' },
      { type: 'approval', step: 2, roles: ['partySecretary', 'townshipHead'], action: 'approve', mode: 'any' },
      { type: 'deadline', action: 'reportBack', minutes: 1440 },
    ]);
    expect(result.fired.map((r) => r.id)).toEqual(['leave.ordinary.upToFiveDays', 'leave.reportBack']);
    expect(result.fired[0].citations[0]).toMatchObject({ id: 'LV-002-A', article: '三、考勤制度 第3条' });
    expect(result.fired[0].citations[0].text).toContain('2天以上5天以内');
  });

  it('traces every condition with the fact value, threshold and the parameter it came from', async () => {
    const result = await evaluate(shipped, 'leaveApproval', leave(3));
    const trace = result.fired[0].trace as any;
    expect(trace.kind).toBe('all');
    expect(trace.result).toBe(true);
    expect(trace.children[1]).toEqual({
      kind: 'leaf',
      fact: 'days',
      factValue: 3,
      operator: 'greaterThan',
      threshold: 1,
      result: true,
      parameter: { id: 'leave.supervisorOnlyMaxDays', label: '分管领导单独审批的最长天数', unit: '天' },
    });
  });

  it('explains in Chinese: fact, value, comparison, parameter, outcome and the original clause', async () => {
    const { summary, lines } = explain(await evaluate(shipped, 'leaveApproval', leave(3)), 'zh');
    expect(summary).toBe('请假审批：第1步：分管领导签字；第2步：党委书记或镇长审批（或签）；1 日内销假');
    expect(lines[0]).toContain('请假天数 3 天 > 1 天（参数「分管领导单独审批的最长天数」）');
    expect(lines[0]).toContain('→ 第1步：分管领导签字；第2步：党委书记或镇长审批（或签）');
    expect(lines[0]).toContain('依据：LV-002-A《某县某镇机关干部管理制度》三、考勤制度 第3条：“干部请假1天的');
  });

  it('explains in English too', async () => {
    const { summary, lines } = explain(await evaluate(shipped, 'leaveApproval', leave(31)), 'en');
    expect(summary).toBe(
      'Leave approval: step 1: party committee meeting decides; step 2: county HR bureau approves; report back within 1 day',
    );
    expect(lines[0]).toContain('days 31 ≥ 30 (parameter leave.countyHrFromDays)');
  });

  it('says when no rule applies instead of inventing an outcome', async () => {
    const result = await evaluate(shipped, 'penaltyEscalation', { violation: 'dutyNoShow', priorCount: 0 });
    expect(result.outcomes).toEqual([]);
    expect(explain(result).summary).toBe('责任追究：没有规则命中：该情形未作规定。');
  });

  it('a refusal group with stopIfMatched hides the approval chain', async () => {
    const result = await evaluate(shipped, 'leaveApproval', leave(3, { keyTaskPeriod: true }));
    expect(result.outcomes).toEqual([
      { type: 'refusal', code: 'keyTaskPeriod', reason: '重点工作推进关键时期，任何人不得请假' },
    ]);
  });

  it('derived facts are computed before the rules run (monthly total = before + this request)', async () => {
    const ok = await evaluate(shipped, 'leaveApproval', leave(2, { monthLeaveDaysBefore: 2 }));
    expect(ok.facts.monthLeaveDaysTotal).toBe(4);
    expect(ok.outcomes.some((o) => o.type === 'refusal')).toBe(false);
    const refused = await evaluate(shipped, 'leaveApproval', leave(2.5, { monthLeaveDaysBefore: 2 }));
    expect(refused.outcomes).toEqual([expect.objectContaining({ type: 'refusal', code: 'monthlyCapExceeded' })]);
  });

  it('unique hit policy: two matching rules are refused as a conflict, not guessed', async () => {
    const pack = compile((b) => {
      (b.rules['rules/leave.json'].rules[1] as any).conditions.all[0].operator = 'greaterThanInclusive';
      b.fixtures = {};
    });
    const error = await evaluate(pack, 'leaveApproval', leave(1)).catch((e) => e);
    expect(error).toBeInstanceOf(RuleConflictError);
    expect(error.ruleIds).toEqual(['leave.short', 'leave.long']);
    expect((await evaluate(pack, 'leaveApproval', leave(2))).outcomes).toHaveLength(1);
  });

  it('first hit policy: the higher priority wins and the other is reported as shadowed', async () => {
    const pack = compile((b) => {
      const file = b.rules['rules/leave.json'];
      file.groups!.chain.hitPolicy = 'first';
      (file.rules[1] as any).conditions.all[0].operator = 'greaterThanInclusive';
      (file.rules[1] as any).priority = 5;
      b.fixtures = {};
    });
    const result = await evaluate(pack, 'leaveApproval', leave(1));
    expect(result.fired.map((r) => r.id)).toEqual(['leave.long']);
    expect(result.shadowed).toEqual(['leave.short']);
  });

  it('collect hit policy: identical outcomes from several rules appear once', async () => {
    const pack = compile((b) => {
      const file = b.rules['rules/leave.json'];
      file.groups!.chain.hitPolicy = 'collect';
      (file.rules[1] as any).conditions.all[0].operator = 'greaterThanInclusive';
      (file.rules[1] as any).outcomes = (file.rules[0] as any).outcomes;
      b.fixtures = {};
    });
    const result = await evaluate(pack, 'leaveApproval', leave(1));
    expect(result.fired).toHaveLength(2);
    expect(result.outcomes).toEqual([{ type: 'approval', step: 1, roles: ['supervisingLeader'] }]);
  });

  it('parameters in outcomes are bound at compile time', async () => {
    const pack = compile((b) => {
      (b.rules['rules/leave.json'].rules[0] as any).outcomes.push({
        type: 'deadline',
        action: 'reportBack',
        minutes: { param: 'leave.fixedDays' },
      });
      b.fixtures = {};
    });
    expect((await evaluate(pack, 'leaveApproval', leave(1))).outcomes[1]).toEqual({
      type: 'deadline',
      action: 'reportBack',
      minutes: 3,
    });
  });
});

describe('compile once', () => {
  it('builds each json-rules-engine Engine when the pack is compiled, never per evaluation', async () => {
    const base = clone(basePack());
    const addRule = vi.spyOn(Engine.prototype, 'addRule');
    const pack = buildPack('test-base', bundleSource({ 'test-base': base })).compiled!;
    const added = addRule.mock.calls.length;
    expect(added).toBe(2);
    const engine = pack.decisions.get('leaveApproval')!.engine;
    for (let i = 0; i < 20; i++) await evaluate(pack, 'leaveApproval', leave(i + 1));
    expect(addRule.mock.calls.length).toBe(added);
    expect(pack.decisions.get('leaveApproval')!.engine).toBe(engine);
    addRule.mockRestore();
  });
});
