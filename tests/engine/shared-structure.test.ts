/**
 * Townships whose decisions have one structure share what evaluation walks (the hit plan, the
 * unknown-fact index, the deriver) while each answers with its own values, words and clauses:
 * a pack's own table of rules is what the shared walk hands back, never another pack's.
 */
import { describe, expect, it } from 'vitest';
import { bundleSource, evaluate, evaluateSync, explain, loadPack, type PackBundle } from '../../engine/index.js';
import { hitPlanCount } from '../../engine/compile/compile.js';
import { basePack, clone, townPack } from '../helpers/packs.js';

/** A township moving the head's threshold, with its own word for 分管领导 and its own clause. */
function township(id: string, headFromDays: number, word: string, clause: string): PackBundle {
  const town = clone(townPack());
  town.pack.id = id;
  town.pack.vocabulary = { role: [{ code: 'lead', label: word, mapsTo: 'supervisingLeader' }] };
  town.sources = { clauses: [{ id: 'LV-T-TOWN', document: `${id}制度`, article: '第三条', text: clause }] };
  town.parameters = { overrides: [{ id: 'leave.headFromDays', value: headFromDays }] };
  const [short, long] = clone(basePack().rules['rules/leave.json'].rules) as Record<string, unknown>[];
  town.rules['rules/leave.json'] = {
    decision: 'leaveApproval',
    rules: [
      {
        ...short,
        title: '{leave.headFromDays}以内：分管领导审批',
        citations: ['LV-T-TOWN'],
        outcomes: [{ type: 'approval', step: 1, roles: ['lead'] }],
      },
      long,
    ],
  } as PackBundle['rules'][string];
  return town;
}

const facts = (days: number) => ({ applicantRole: 'ordinary', leaveType: 'personal', days });

describe('townships sharing a decision structure', () => {
  const bundles = {
    'test-base': basePack(),
    'town-a': township('town-a', 2, '主管领导', '请假2天以内的由主管领导审批。'),
    'town-b': township('town-b', 3, '分管副镇长', '请假3天以内的由分管副镇长审批。'),
  };
  const a = loadPack('town-a', bundleSource(bundles));
  const b = loadPack('town-b', bundleSource(bundles));
  const decisionA = a.decisions.get('leaveApproval')!;
  const decisionB = b.decisions.get('leaveApproval')!;

  it('walk one plan and one unknown-fact finder', () => {
    expect(decisionA).not.toBe(decisionB);
    expect(decisionA.plan).toBeDefined();
    expect(decisionA.plan).toBe(decisionB.plan);
    expect(decisionA.unknownFacts).toBe(decisionB.unknownFacts);
    expect(decisionA.derive).toBe(decisionB.derive);
    expect(hitPlanCount()).toBeGreaterThan(0);
    // the same outcome in both packs is one list of key strings
    expect(decisionA.rules.get('leave.long')!.outcomeKeys).toBe(decisionB.rules.get('leave.long')!.outcomeKeys);
  });

  it('each answers with its own threshold, words and clause', async () => {
    for (const answer of [evaluateSync(a, 'leaveApproval', facts(2))!, await evaluate(a, 'leaveApproval', facts(2))]) {
      expect(answer.pack).toBe('town-a');
      expect(answer.fired.map((r) => r.title)).toEqual(['2天以内：分管领导审批']);
      expect(answer.outcomes).toEqual([
        {
          type: 'approval',
          step: 1,
          roles: ['supervisingLeader'],
          words: { supervisingLeader: { code: 'lead', zh: '主管领导', en: 'supervising leader' } },
        },
      ]);
      expect(answer.fired[0].citations.map((c) => c.text)).toEqual(['请假2天以内的由主管领导审批。']);
      expect(explain(answer, 'zh').summary).toContain('主管领导审批');
    }
    const answer = evaluateSync(b, 'leaveApproval', facts(2))!;
    expect(answer.pack).toBe('town-b');
    expect(answer.fired.map((r) => r.title)).toEqual(['3天以内：分管领导审批']);
    expect(answer.outcomes[0].words).toEqual({
      supervisingLeader: { code: 'lead', zh: '分管副镇长', en: 'supervising leader' },
    });
    expect(answer.fired[0].citations.map((c) => c.text)).toEqual(['请假3天以内的由分管副镇长审批。']);
    expect(explain(answer, 'zh').summary).toContain('分管副镇长审批');
  });

  it('each matches with its own threshold: 2.5 days is the head’s in one, the supervisor’s in the other', () => {
    const roles = (pack: typeof a) =>
      (evaluateSync(pack, 'leaveApproval', facts(2.5))!.outcomes[0] as { roles?: string[] }).roles;
    expect(roles(a)).toEqual(['townshipHead']);
    expect(roles(b)).toEqual(['supervisingLeader']);
  });
});
