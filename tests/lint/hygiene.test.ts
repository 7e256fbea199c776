/** Hygiene: parameters, citations, clauses, and fixtures on rules and thresholds. */
import { describe, expect, it } from 'vitest';
import {
  lintCompiledPack,
  lintPack,
  type Condition,
  type FixtureCase,
  type LintFinding,
  type PackBundle,
} from '../../engine/index.js';
import { buildLint, clone, outcome, packWith, rule, smallBase } from './packs.js';

const days = (operator: string, value: unknown) => ({ fact: 'days', operator, value }) as Condition;
const ordinary = { fact: 'applicantRole', operator: 'equal', value: 'ordinary' } as Condition;
const only = (code: string, findings: LintFinding[]) => findings.filter((f) => f.code === code);
const leaveCase = (id: string, d: number, applicantRole = 'ordinary'): FixtureCase => ({
  id,
  name: `请假${d}天`,
  facts: { applicantRole, leaveType: 'personal', days: d },
  expect: { outcomes: [] },
});

function parameterPack(): PackBundle {
  return packWith(
    'leaveApproval',
    { g: { hitPolicy: 'collect' } },
    [rule('r.long', '长假', 'g', { all: [days('greaterThan', { param: 'leave.longDays' })] }, outcome('late'))],
    {
      parameters: [
        {
          id: 'leave.longDays',
          type: 'number',
          label: '长假起点',
          unit: '天',
          min: 1,
          max: 30,
          value: 5,
          source: 'SEED-A',
        },
        {
          id: 'leave.forgotten',
          type: 'number',
          label: '无人使用的参数',
          unit: '天',
          min: 1,
          max: 30,
          value: 3,
          source: 'SEED-A',
        },
      ],
    },
  );
}

describe('parameters', () => {
  it('a parameter no rule, outcome or derived fact uses is a warning at its definition', () => {
    const findings = only('UNUSED_PARAMETER', lintPack(buildLint(parameterPack()).resolved!));
    expect(findings).toEqual([
      expect.objectContaining({
        severity: 'warning',
        pack: 'lint-case',
        file: 'parameters.json',
        pointer: '/parameters/1',
      }),
    ]);
    expect(findings[0].messageZh).toContain('参数「无人使用的参数」没有被任何规则、结果或计算事实使用');
  });

  it('a parameter used only through a derived fact (countModuloConversion) counts as used', () => {
    const pack = packWith(
      'attendance',
      { g: { hitPolicy: 'collect' } },
      [
        rule(
          'a.convert',
          '每满3次折算',
          'g',
          { all: [{ fact: 'countModuloConversion', operator: 'equal', value: 0 }] },
          [{ type: 'absence', days: 1 }],
        ),
      ],
      {
        parameters: [
          {
            id: 'attendance.convertCount',
            type: 'integer',
            label: '折算次数',
            unit: '次',
            min: 1,
            max: 20,
            value: 3,
            source: 'SEED-A',
          },
        ],
      },
    );
    expect(only('UNUSED_PARAMETER', lintPack(buildLint(pack).resolved!))).toEqual([]);
  });

  it('a value outside min/max is an error, at the override when an override sets it', () => {
    const pack = parameterPack();
    pack.parameters.parameters![0].value = 45;
    expect(only('PARAMETER_OUT_OF_RANGE', lintPack(buildLint(pack).resolved!))).toEqual([
      expect.objectContaining({
        severity: 'error',
        file: 'parameters.json',
        pointer: '/parameters/0/value',
        message: 'parameter leave.longDays = 45 is above its maximum 30',
        messageZh: '参数「长假起点」的值 45天大于允许的最大值 30天',
      }),
    ]);

    const base = smallBase();
    base.parameters.parameters = [
      {
        id: 'leave.baseDays',
        type: 'number',
        label: '基础天数',
        unit: '天',
        min: 1,
        max: 10,
        value: 2,
        source: 'BASE-A',
      },
    ];
    const town = parameterPack();
    town.parameters.overrides = [{ id: 'leave.baseDays', value: 0.5 }];
    (town.rules['rules/case.json'].rules[0] as any).conditions.all.push(days('lessThan', { param: 'leave.baseDays' }));
    const [finding] = only('PARAMETER_OUT_OF_RANGE', lintPack(buildLint(town, base).resolved!));
    expect(finding).toMatchObject({ pack: 'lint-case', file: 'parameters.json', pointer: '/overrides/0/value' });
    expect(finding.message).toContain('below its minimum 1');
  });
});

describe('citations', () => {
  it('a rule without citation and a clause no rule cites are warnings', () => {
    const pack = packWith('leaveApproval', { g: { hitPolicy: 'collect' } }, [
      rule('r.bare', '无依据', 'g', { all: [days('greaterThan', 3)] }, outcome('late'), []),
    ]);
    const findings = lintPack(buildLint(pack).resolved!);
    expect(only('UNCITED_RULE', findings)).toEqual([
      expect.objectContaining({ severity: 'warning', ruleIds: ['r.bare'], pointer: '/rules/0/citations' }),
    ]);
    expect(only('UNCITED_CLAUSE', findings).map((f) => [f.pack, f.pointer])).toEqual([['lint-case', '/clauses/0']]);
  });
});

describe('fixtures', () => {
  const pack = (cases: FixtureCase[]) =>
    packWith(
      'leaveApproval',
      { g: { hitPolicy: 'collect' } },
      [
        rule('r.short', '5天以内', 'g', { all: [ordinary, days('lessThanInclusive', 5)] }, outcome('late')),
        rule('r.never', '30天以上', 'g', { all: [ordinary, days('greaterThanInclusive', 30)] }, outcome('absent')),
      ],
      { fixtures: cases },
    );

  it('rules no fixture makes fire are warnings, when the fixtures were run', async () => {
    const built = buildLint(pack([leaveCase('d5', 5)]));
    const findings = only('UNEXERCISED_RULE', await lintCompiledPack(built.compiled!));
    expect(findings.map((f) => f.ruleIds)).toEqual([['r.never']]);
    expect(findings[0].messageZh).toBe('规则「30天以上」没有任何测试用例命中');
    expect(only('UNEXERCISED_RULE', lintPack(built.resolved!))).toEqual([]);
  });

  const boundary = (cases: FixtureCase[]) =>
    only('UNTESTED_BOUNDARY', lintPack(buildLint(pack(cases)).resolved!)).filter((f) => f.ruleIds![0] === 'r.short');

  it('a threshold is covered by fixtures exactly at it and on the other side', () => {
    expect(boundary([leaveCase('d5', 5), leaveCase('d6', 6)])).toEqual([]);
  });

  it('missing: the exact value, or the other side', () => {
    expect(boundary([leaveCase('d4', 4), leaveCase('d6', 6)]).map((f) => f.message)).toEqual([
      'boundary days ≤ 5 of rule r.short lacks fixtures with days = 5',
    ]);
    const [finding] = boundary([leaveCase('d5', 5)]);
    expect(finding.message).toBe('boundary days ≤ 5 of rule r.short lacks fixtures with days > 5');
    expect(finding.messageZh).toBe('规则「5天以内」的边界「请假天数小于等于 5 天」缺少请假天数大于 5 天的测试用例');
    expect(finding.pointer).toBe('/rules/0/conditions/all/1');
  });

  it("only fixtures in the rule's context count: a leading cadre at 6 days does not test the ordinary cadres' threshold", () => {
    expect(boundary([leaveCase('d5', 5), leaveCase('leader-d6', 6, 'leader')]).map((f) => f.message)).toEqual([
      expect.stringContaining('lacks fixtures with days > 5'),
    ]);
  });

  it('a cut at the edge of the schema range (days > 0) needs no fixtures', () => {
    const edge = packWith('leaveApproval', { g: { hitPolicy: 'collect' } }, [
      rule('r.any', '任何请假', 'g', { all: [days('greaterThan', 0)] }, outcome('late')),
    ]);
    expect(only('UNTESTED_BOUNDARY', lintPack(buildLint(edge).resolved!))).toEqual([]);
  });
});

describe('inherited content', () => {
  it('findings on inherited elements name the pack that wrote them', () => {
    const base = clone(smallBase());
    (base.rules['rules/leave-base.json'].rules[0] as any).citations = [];
    const findings = only('UNCITED_RULE', lintPack(buildLint(parameterPack(), base).resolved!));
    expect(findings.map((f) => [f.pack, f.file])).toEqual([['lint-base', 'rules/leave-base.json']]);
  });
});
