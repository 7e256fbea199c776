/** Dead and shadowed rules, gaps per context, and which hit policies report overlaps. */
import { describe, expect, it } from 'vitest';
import { lintPack, type Condition, type GroupDefinition, type RuleDefinition } from '../../engine/index.js';
import { buildLint, outcome, packWith, rule } from './packs.js';

const days = (operator: string, value: unknown) => ({ fact: 'days', operator, value }) as Condition;
const role = (value: string) => ({ fact: 'applicantRole', operator: 'equal', value }) as Condition;
const lint = (groups: Record<string, GroupDefinition>, rules: RuleDefinition[], parameters = []) =>
  lintPack(buildLint(packWith('leaveApproval', groups, rules, { parameters })).resolved!).filter(
    (f) => f.code !== 'UNTESTED_BOUNDARY' && f.code !== 'UNCOVERED_ABSENCE',
  );

describe('dead rules', () => {
  it('days > 5 and days < 3 can never hold: error, naming both conditions', () => {
    const [dead] = lint({ main: { hitPolicy: 'collect' } }, [
      rule('r.dead', '矛盾', 'main', { all: [days('greaterThan', 5), days('lessThan', 3)] }, outcome('late')),
    ]);
    expect(dead).toMatchObject({
      severity: 'error',
      code: 'DEAD_RULE',
      ruleIds: ['r.dead'],
      file: 'rules/case.json',
      pointer: '/rules/0/conditions',
    });
    expect(dead.message).toBe('rule r.dead can never fire: days > 5 and days < 3 never hold together');
    expect(dead.messageZh).toBe('规则「矛盾」永远不会命中：「请假天数大于 5 天」与「请假天数小于 3 天」不可能同时成立');
  });

  it('a threshold outside the schema range: days ≤ 0', () => {
    const [dead] = lint({ main: { hitPolicy: 'collect' } }, [
      rule('r.zero', '零天', 'main', { all: [days('lessThanInclusive', 0)] }, outcome('late')),
    ]);
    expect(dead.message).toContain('days ≤ 0 is impossible within the range of days');
  });

  it('parameters are substituted: a crossed ladder names the parameters', () => {
    const findings = lint(
      { main: { hitPolicy: 'collect' } },
      [
        rule(
          'r.mid',
          '中间档',
          'main',
          { all: [days('greaterThan', { param: 'leave.low' }), days('lessThanInclusive', { param: 'leave.high' })] },
          outcome('late'),
        ),
      ],
      [
        { id: 'leave.low', type: 'number', label: '下限', unit: '天', value: 6, source: 'SEED-A' },
        { id: 'leave.high', type: 'number', label: '上限', unit: '天', value: 5, source: 'SEED-A' },
      ] as any,
    );
    expect(findings[0].message).toBe(
      'rule r.mid can never fire: days > 6 (leave.low) and days ≤ 5 (leave.high) never hold together',
    );
  });

  it('first group: a rule wholly pre-empted by higher-priority rules is a warning', () => {
    const findings = lint({ chain: { hitPolicy: 'first' } }, [
      { ...rule('r.low', '5天以内', 'chain', { all: [days('lessThanInclusive', 5)] }, outcome('late')), priority: 1 },
      { ...rule('r.any', '任何天数', 'chain', { all: [days('greaterThan', 0)] }, outcome('absent')), priority: 5 },
      {
        ...rule('r.partly', '10天以内', 'chain', { all: [days('lessThanInclusive', 10)] }, outcome('onTime')),
        priority: 1,
      },
    ]);
    expect(findings.map((f) => [f.severity, f.code, f.ruleIds])).toEqual([
      ['warning', 'SHADOWED_RULE', ['r.low', 'r.any']],
      ['warning', 'SHADOWED_RULE', ['r.partly', 'r.any']],
    ]);
    expect(findings[0].messageZh).toContain('「任何天数」总是先命中');
  });

  it('first group: partial masking is not reported; collect groups never report overlaps', () => {
    const rules = [
      rule('r.a', '5天以内', 'g', { all: [days('lessThanInclusive', 5)] }, outcome('late')),
      rule('r.b', '3天以上', 'g', { all: [days('greaterThanInclusive', 3)] }, outcome('absent')),
    ];
    expect(lint({ g: { hitPolicy: 'first' } }, rules)).toEqual([]);
    expect(lint({ g: { hitPolicy: 'collect' } }, rules)).toEqual([]);
    expect(lint({ g: { hitPolicy: 'unique' } }, rules).map((f) => f.message)).toEqual([
      expect.stringContaining('both fire when 3 ≤ days ≤ 5'),
    ]);
  });

  it('unique group: a rule inside another with the same outcome is redundant, and still an error (the engine refuses the double hit)', () => {
    const [finding] = lint({ g: { hitPolicy: 'unique' } }, [
      rule('r.wide', '10天以内', 'g', { all: [days('lessThanInclusive', 10)] }, outcome('late')),
      rule('r.narrow', '5天以内', 'g', { all: [days('lessThanInclusive', 5)] }, outcome('late')),
    ]);
    expect(finding).toMatchObject({ severity: 'error', code: 'OVERLAP', ruleIds: ['r.wide', 'r.narrow'] });
    expect(finding.message).toContain('r.narrow lies entirely inside the other: remove it');
  });
});

describe('gaps per context', () => {
  const chain = { chain: { hitPolicy: 'unique', completeOver: ['days'] } as GroupDefinition };

  it('each role the rules name is checked on its own; roles no rule names are not', () => {
    const findings = lint(chain, [
      rule('r.ordinary', '一般干部', 'chain', { all: [role('ordinary')] }, outcome('late')),
      rule(
        'r.leader',
        '领导干部5天以内',
        'chain',
        { all: [role('leader'), days('lessThanInclusive', 5)] },
        outcome('absent'),
      ),
    ]);
    expect(findings.map((f) => [f.code, f.message])).toEqual([
      [
        'GAP',
        'no rule of group chain fires when applicantRole = leader and days > 5 (the group is declared complete over days)',
      ],
    ]);
    expect(findings[0].messageZh).toBe(
      '区间遗漏：申请人类别为领导干部、请假天数超过 5 天没有规则（条件组「chain」须覆盖「请假天数」的所有取值）',
    );
    expect(findings[0].ruleIds).toEqual(['r.leader']);
  });

  it('a rule for "every other role" brings the other roles into the check', () => {
    const findings = lint(chain, [
      rule('r.ordinary', '一般干部', 'chain', { all: [role('ordinary')] }, outcome('late')),
      rule(
        'r.others',
        '其他人员10天以内',
        'chain',
        { all: [{ fact: 'applicantRole', operator: 'notEqual', value: 'ordinary' }, days('lessThanInclusive', 10)] },
        outcome('absent'),
      ),
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      expect.stringContaining('applicantRole ∈ {leader, principal, teamMember, dutyOfficer} and days > 10'),
    ]);
  });

  it('booleans and numeric context facts are cut into cells too', () => {
    const findings = lint(chain, [
      rule(
        'r.duty',
        '值班期间',
        'chain',
        { all: [{ fact: 'onDuty', operator: 'equal', value: true }] },
        outcome('late'),
      ),
      rule(
        'r.free',
        '非值班3天以内',
        'chain',
        { all: [{ fact: 'onDuty', operator: 'equal', value: false }, days('lessThanInclusive', 3)] },
        outcome('absent'),
      ),
      rule(
        'r.freeLong',
        '非值班、本月不超过4天的长假',
        'chain',
        {
          all: [
            { fact: 'onDuty', operator: 'equal', value: false },
            days('greaterThan', 3),
            { fact: 'monthLeaveDaysTotal', operator: 'lessThanInclusive', value: 4 },
          ],
        },
        outcome('onTime'),
      ),
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      expect.stringContaining('when onDuty = false and monthLeaveDaysTotal > 4 and days > 3'),
    ]);
  });

  it('the same gap in neighbouring cells is one finding', () => {
    const month = (operator: string, value: number) => ({ fact: 'monthLeaveDaysTotal', operator, value }) as Condition;
    const onDuty = { fact: 'onDuty', operator: 'equal', value: true } as Condition;
    const findings = lint(chain, [
      rule(
        'r.capped',
        '本月不超过4天',
        'chain',
        { all: [onDuty, month('lessThanInclusive', 4), days('lessThanInclusive', 3)] },
        outcome('late'),
      ),
      rule(
        'r.over',
        '本月超过4天',
        'chain',
        { all: [onDuty, month('greaterThan', 4), days('lessThanInclusive', 3)] },
        outcome('absent'),
      ),
      rule(
        'r.free',
        '不值班',
        'chain',
        { all: [{ fact: 'onDuty', operator: 'equal', value: false }] },
        outcome('onTime'),
      ),
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      expect.stringContaining('fires when onDuty = true and days > 3 ('),
    ]);
    expect(findings[0].ruleIds).toEqual(['r.capped', 'r.over']);
  });

  it('integer facts: priorCount ≤ 1 and priorCount ≥ 2 leave no gap', () => {
    const count = (operator: string, value: number) => ({ fact: 'priorCount', operator, value }) as Condition;
    const group = { g: { hitPolicy: 'unique', completeOver: ['priorCount'] } as GroupDefinition };
    const build = (first: Condition) =>
      lintPack(
        buildLint(
          packWith('penaltyEscalation', group, [
            rule('p.low', '第1、2次', 'g', { all: [first] }, [{ type: 'penalty', measure: 'talk' }]),
            rule('p.high', '第3次起', 'g', { all: [count('greaterThanInclusive', 2)] }, [
              { type: 'penalty', measure: 'notice' },
            ]),
          ]),
        ).resolved!,
      ).filter((f) => f.code === 'GAP');
    expect(build(count('lessThanInclusive', 1))).toEqual([]);
    expect(build(count('lessThan', 1)).map((f) => f.message)).toEqual([expect.stringContaining('when priorCount = 1')]);
  });

  it('an enum fact in completeOver is checked over all its values', () => {
    const findings = lintPack(
      buildLint(
        packWith('attendance', { g: { hitPolicy: 'unique', completeOver: ['managedBy'] } }, [
          rule(
            'a.org',
            '组织部门',
            'g',
            { all: [{ fact: 'managedBy', operator: 'equal', value: 'orgDept' }] },
            outcome('absent'),
          ),
        ]),
      ).resolved!,
    ).filter((f) => f.code === 'GAP');
    expect(findings.map((f) => f.messageZh)).toEqual([expect.stringContaining('干部管理权限为人社部门管理没有规则')]);
  });
});
