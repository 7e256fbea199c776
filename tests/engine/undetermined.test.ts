/**
 * Missing facts are never a silent "no": a rule whose firing hinges on an optional fact that was
 * not given is undetermined, with the facts that would settle it; hit policies stay honest; both
 * evaluators agree; the explanation says what is still to confirm; fixtures may assert it.
 */
import { describe, expect, it } from 'vitest';
import {
  bundleSource,
  evaluate,
  evaluateSync,
  explain,
  folderSource,
  loadPack,
  runCase,
  type CompiledPack,
  type PackBundle,
  type RuleDefinition,
} from '../../engine/index.js';
import { basePack, clone } from '../helpers/packs.js';
import { unknownFactFinder } from '../../engine/undetermined/unknown-facts.js';
import { decisions } from '../../engine/schema/registry.js';
import type { Condition } from '../../engine/model.js';

const cadres = loadPack('county-township-cadres', folderSource());
const absent20 = { event: 'noLeaveAbsence', absenceDaysInRow: 20 };

/** Both evaluators, compared as the API would serialise them. */
async function both(pack: CompiledPack, decision: string, facts: Record<string, unknown>) {
  const reference = await evaluate(pack, decision, facts);
  const compiled = evaluateSync(pack, decision, facts)!;
  expect(JSON.parse(JSON.stringify(compiled))).toEqual(JSON.parse(JSON.stringify(reference)));
  return compiled;
}

function packWith(groups: PackBundle['rules'][string]['groups'], rules: RuleDefinition[]): CompiledPack {
  const bundle = clone(basePack());
  bundle.rules['rules/leave.json'] = { decision: 'leaveApproval', groups, rules };
  bundle.fixtures = {};
  return loadPack('test-base', bundleSource({ 'test-base': bundle }));
}

const rule = (
  id: string,
  conditions: RuleDefinition['conditions'],
  role: string,
  extra: Partial<RuleDefinition> = {},
): RuleDefinition => ({
  id,
  title: `规则 ${id}`,
  group: 'chain',
  citations: ['LV-T-A'],
  conditions,
  outcomes: [{ type: 'approval', step: 1, roles: [role] }],
  ...extra,
});
const leave = (extra: Record<string, unknown> = {}) => ({
  applicantRole: 'ordinary',
  leaveType: 'personal',
  days: 2,
  ...extra,
});

describe('undetermined: the 002 absence case', () => {
  it('20 days of absence without the management authority: absent for certain, the referral undetermined with both options', async () => {
    const result = await both(cadres, 'attendance', absent20);
    expect(result.outcomes).toEqual([{ type: 'classification', category: 'absent' }]);
    expect(result.undetermined.map((u) => u.rule)).toEqual(['attendance.referToOrgDept', 'attendance.referToHrBureau']);
    for (const entry of result.undetermined) {
      expect(entry.facts).toEqual([
        {
          name: 'managedBy',
          label: '干部管理权限',
          options: [
            { value: 'orgDept', label: '组织部门管理', labelEn: 'managed by the organisation department' },
            { value: 'hrBureau', label: '人社部门管理', labelEn: 'managed by the HR bureau' },
          ],
        },
      ]);
      expect(entry.citations.map((c) => c.id)).toEqual(['ATT-002-LONG']);
    }
    expect(result.undetermined[0].couldAdd).toEqual([
      { type: 'approval', step: 1, roles: ['countyOrgDept'], action: 'report' },
    ]);
    expect(result.undetermined[1].couldAdd).toEqual([
      { type: 'approval', step: 1, roles: ['countyHrBureau'], action: 'report' },
    ]);
  });

  it('with the authority given it answers as before, and nothing is left to confirm', async () => {
    const result = await both(cadres, 'attendance', { ...absent20, managedBy: 'hrBureau' });
    expect(result.outcomes).toEqual([
      { type: 'classification', category: 'absent' },
      { type: 'approval', step: 1, roles: ['countyHrBureau'], action: 'report' },
    ]);
    expect(result.undetermined).toEqual([]);
  });

  it('the explanation says plainly what is still to confirm, with the options and the clause', async () => {
    const result = await evaluate(cadres, 'attendance', absent20);
    const zh = explain(result, 'zh');
    expect(zh.summary).toBe('考勤认定：认定为旷工');
    expect(zh.undetermined).toHaveLength(1);
    expect(zh.undetermined[0]).toMatch(
      /^还需确认：干部管理权限（组织部门管理 \/ 人社部门管理）——【长期旷工报县委组织部处理/,
    );
    expect(zh.undetermined[0]).toContain('县人社局');
    expect(zh.undetermined[0]).toContain('（依据 ATT-002-LONG《某县某镇机关干部管理制度》三、考勤制度 第5条）');
    const en = explain(result, 'en');
    expect(en.undetermined[0]).toMatch(
      /^Still to confirm: managedBy \(managed by the organisation department \/ managed by the HR bureau\) — \[attendance.referToOrgDept\]/,
    );
  });
});

describe('undetermined: what counts as unknown', () => {
  it('a rule the case has not entered is not listed (a late arrival says nothing about absence days)', async () => {
    const result = await both(cadres, 'attendance', { event: 'lateArrival', minutes: 10, priorCount: 0 });
    expect(result.undetermined).toEqual([]);
  });

  it('absence covered by the rule as written (「除特殊情况外」: specialCase ≠ true) is settled', async () => {
    const result = await both(cadres, 'attendance', { event: 'proxyLeave' });
    expect(result.outcomes).toEqual([{ type: 'classification', category: 'absent' }]);
    expect(result.undetermined).toEqual([]);
  });

  it('a derived fact built on a missing input asks for the input, and a stopping group says it would replace the rest', async () => {
    const result = await both(cadres, 'leaveApproval', leave());
    expect(result.outcomes.length).toBeGreaterThan(0); // the approval chain stays certain
    const cap = result.undetermined.find((u) => u.rule === 'leave.monthlyCap')!;
    expect(cap.facts.map((f) => f.name)).toEqual(['monthLeaveDaysBefore']);
    expect(cap.stopsOthers).toBe(true);
    expect(explain(result, 'zh').undetermined.join('')).toContain('（若成立，不再适用其余结果）');
    expect((await both(cadres, 'leaveApproval', leave({ monthLeaveDaysBefore: 0 }))).undetermined).toEqual([]);
  });

  it('a yes/no fact left out reads as 否 where that is what the test says, and is unknown where 否 would change it', async () => {
    const pack = packWith({ chain: { hitPolicy: 'collect' } }, [
      rule(
        'key',
        {
          all: [
            { fact: 'days', operator: 'greaterThan', value: 0 },
            { fact: 'keyTaskPeriod', operator: 'equal', value: true },
          ],
        },
        'townshipHead',
      ),
      rule(
        'calm',
        {
          all: [
            { fact: 'days', operator: 'greaterThan', value: 0 },
            { fact: 'keyTaskPeriod', operator: 'equal', value: false },
          ],
        },
        'supervisingLeader',
      ),
    ]);
    const result = await both(pack, 'leaveApproval', leave());
    expect(result.outcomes).toEqual([]);
    expect(result.undetermined.map((u) => u.rule)).toEqual(['calm']);
    expect(result.undetermined[0].facts[0].options).toEqual([
      { value: true, label: '是', labelEn: 'yes' },
      { value: false, label: '否', labelEn: 'no' },
    ]);
  });
});

describe('undetermined: hit policies stay honest', () => {
  const notice = (operator: 'lessThan' | 'greaterThanInclusive') => ({ fact: 'noticeDays', operator, value: 3 });
  const days = { fact: 'days', operator: 'greaterThan' as const, value: 0 };

  it('first: an undetermined rule ahead of the first hit makes the group undetermined, naming both candidates', async () => {
    const pack = packWith({ chain: { hitPolicy: 'first' } }, [
      rule('lateNotice', { all: [days, notice('lessThan')] }, 'townshipHead', { priority: 2 }),
      rule('ordinary', { all: [days] }, 'supervisingLeader', { priority: 1 }),
    ]);
    const open = await both(pack, 'leaveApproval', leave());
    expect(open.outcomes).toEqual([]);
    expect(open.fired).toEqual([]);
    expect(open.undetermined.map((u) => [u.rule, u.candidates, u.facts.map((f) => f.name)])).toEqual([
      ['lateNotice', ['lateNotice', 'ordinary'], ['noticeDays']],
      ['ordinary', ['lateNotice', 'ordinary'], ['noticeDays']],
    ]);
    const settled = await both(pack, 'leaveApproval', leave({ noticeDays: 5 }));
    expect(settled.outcomes).toEqual([{ type: 'approval', step: 1, roles: ['supervisingLeader'] }]);
    expect(settled.undetermined).toEqual([]);
  });

  it('first: an undetermined rule after the first hit cannot win and changes nothing', async () => {
    const pack = packWith({ chain: { hitPolicy: 'first' } }, [
      rule('ordinary', { all: [days] }, 'supervisingLeader', { priority: 2 }),
      rule('lateNotice', { all: [days, notice('lessThan')] }, 'townshipHead', { priority: 1 }),
    ]);
    const result = await both(pack, 'leaveApproval', leave());
    expect(result.outcomes).toEqual([{ type: 'approval', step: 1, roles: ['supervisingLeader'] }]);
    expect(result.undetermined).toEqual([]);
  });

  it('unique: no certain hit and two undetermined rules: both candidates, the group has no answer yet', async () => {
    const pack = packWith({ chain: { hitPolicy: 'unique' } }, [
      rule('shortNotice', { all: [days, notice('lessThan')] }, 'townshipHead'),
      rule('enoughNotice', { all: [days, notice('greaterThanInclusive')] }, 'supervisingLeader'),
    ]);
    const result = await both(pack, 'leaveApproval', leave());
    expect(result.outcomes).toEqual([]);
    expect(result.undetermined.map((u) => u.candidates)).toEqual([
      ['shortNotice', 'enoughNotice'],
      ['shortNotice', 'enoughNotice'],
    ]);
    expect(explain(result, 'zh').summary).toBe('请假审批：尚无确定结果；还需确认：提前申请天数');
    expect(explain(result, 'zh').undetermined[0]).toContain('只取其一：');
  });
});

describe('undetermined: fixtures', () => {
  const fixture = (undetermined: { rule: string; facts?: string[] }[]) => ({
    id: 'x',
    name: 'x',
    decision: 'attendance',
    definedIn: 'county-township-cadres',
    origin: { pack: 'county-township-cadres' },
    facts: absent20,
    expect: { outcomes: [{ type: 'classification' as const, category: 'absent' }], undetermined },
  });

  it('a case asserting the undetermined rules passes, and fails when they differ', async () => {
    const both = [{ rule: 'attendance.referToOrgDept', facts: ['managedBy'] }, { rule: 'attendance.referToHrBureau' }];
    expect((await runCase(cadres, fixture(both) as any)).passed).toBe(true);
    expect((await runCase(cadres, fixture(both.slice(0, 1)) as any)).passed).toBe(false);
    expect(
      (
        await runCase(
          cadres,
          fixture([{ rule: 'attendance.referToOrgDept', facts: ['absenceDaysThisYear'] }, both[1]]) as any,
        )
      ).passed,
    ).toBe(false);
    const result = await runCase(cadres, fixture([]) as any);
    expect(result.passed).toBe(false);
    expect(result.actual.undetermined).toEqual([
      { rule: 'attendance.referToOrgDept', facts: ['managedBy'] },
      { rule: 'attendance.referToHrBureau', facts: ['managedBy'] },
    ]);
  });
});

describe('undetermined: the check costs nothing when no missing fact can leave a test unknown', () => {
  const finder = (conditions: Condition[]) => unknownFactFinder(decisions.get('attendance')!, conditions);

  it('a flag left out that the rules test only as 是 (`= true`, `≠ true`) reads as 否: nothing to analyse', () => {
    const find = finder([
      { all: [{ fact: 'specialCase', operator: 'equal', value: true }] },
      { not: { fact: 'specialCase', operator: 'notEqual', value: true } },
    ]);
    expect(find({ event: 'lateArrival' })).toBeUndefined();
  });

  it('a flag tested `= false`, a number or an option left out is analysed', () => {
    expect(
      finder([{ fact: 'specialCase', operator: 'equal', value: false }])({ event: 'lateArrival' })?.has('specialCase'),
    ).toBe(true);
    expect(
      finder([{ fact: 'managedBy', operator: 'equal', value: 'orgDept' }])({ event: 'noLeaveAbsence' })?.has(
        'managedBy',
      ),
    ).toBe(true);
    // once one such fact is missing, every missing fact is known as missing, flags included
    const both = finder([
      {
        all: [
          { fact: 'specialCase', operator: 'equal', value: true },
          { fact: 'managedBy', operator: 'equal', value: 'orgDept' },
        ],
      },
    ]);
    const unknown = both({ event: 'noLeaveAbsence' })!;
    expect([unknown.has('specialCase'), unknown.has('managedBy')]).toEqual([true, true]);
    expect(both({ event: 'noLeaveAbsence', managedBy: 'orgDept' })).toBeUndefined();
  });
});
