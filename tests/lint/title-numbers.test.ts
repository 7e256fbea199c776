/** TITLE_NUMBER: a title that states a parameter's value as a bare number. */
import { describe, expect, it } from 'vitest';
import { folderSource, lintPack, resolvePack, type Condition, type ParameterDefinition } from '../../engine/index.js';
import { numbersInTitle } from '../../engine/lint/title-numbers.js';
import { buildLint, packWith, rule } from './packs.js';

const days = (operator: string, value: unknown) => ({ fact: 'days', operator, value }) as Condition;
const approval = [{ type: 'approval' as const, step: 1, roles: ['supervisingLeader'] }];
const parameter = (id: string, value: number, unit: ParameterDefinition['unit'] = '天'): ParameterDefinition => ({
  id,
  type: 'number',
  label: `参数${id}`,
  unit,
  min: 0,
  max: 100,
  value,
  source: 'SEED-A',
});

function titled(title: string, parameters = [parameter('leave.maxDays', 1)], param = 'leave.maxDays') {
  const pack = packWith(
    'leaveApproval',
    { g: { hitPolicy: 'collect' } },
    [rule('r.short', title, 'g', { all: [days('lessThanInclusive', { param })] }, approval)],
    { parameters },
  );
  return lintPack(buildLint(pack).resolved!).filter((f) => f.code === 'TITLE_NUMBER');
}

describe('TITLE_NUMBER', () => {
  it('warns on a number equal to the value of a parameter the rule uses, in zh and en', () => {
    const findings = titled('一般干部请假1天以内：分管领导审批');
    expect(findings).toEqual([
      expect.objectContaining({
        severity: 'warning',
        pack: 'lint-case',
        file: 'rules/case.json',
        pointer: '/rules/0/title',
        ruleIds: ['r.short'],
      }),
    ]);
    expect(findings[0].messageZh).toBe(
      '规则「一般干部请假1天以内：分管领导审批」的标题写着「1天」，与它使用的参数「参数leave.maxDays」的值相同；参数修改后标题不会跟着变，请写成「{leave.maxDays}」',
    );
    expect(findings[0].message).toContain('write {leave.maxDays}');
  });

  it('reads Chinese numerals before a unit, and shares as percentages', () => {
    expect(titled('请假一天以内')).toHaveLength(1);
    expect(titled('请假半天', [parameter('leave.maxDays', 0.5)])).toHaveLength(1);
    expect(titled('超过总价70%', [parameter('leave.maxDays', 0.7, '比例')])).toHaveLength(1);
    expect(numbersInTitle('货物单项3千元以上或批量3万元以上')).toEqual([
      { written: '3千元', value: 3000, unit: '元' },
      { written: '3万元', value: 30000, unit: '元' },
    ]);
  });

  it('is quiet for placeholders, other numbers, other units, clock times and words like 一般', () => {
    expect(titled('一般干部请假{leave.maxDays}以内')).toEqual([]);
    expect(titled('请假3天以内')).toEqual([]);
    expect(titled('每年1次', [parameter('leave.maxDays', 1, '年')])).toEqual([]);
    expect(titled('8:30以后', [parameter('leave.maxDays', 30, '分钟')])).toEqual([]);
    expect(titled('统一由一般干部办理')).toEqual([]);
    expect(titled('扣一半绩效', [parameter('leave.maxDays', 0.5, '比例')])).toEqual([]);
  });

  it('other findings name a rule by its title as this version reads it', () => {
    const pack = packWith(
      'leaveApproval',
      { g: { hitPolicy: 'collect' } },
      [
        rule(
          'r.short',
          '请假{leave.maxDays}以内',
          'g',
          { all: [days('lessThanInclusive', { param: 'leave.maxDays' })] },
          approval,
          [],
        ),
      ],
      { parameters: [parameter('leave.maxDays', 2)] },
    );
    const uncited = lintPack(buildLint(pack).resolved!).find((f) => f.code === 'UNCITED_RULE')!;
    expect(uncited.messageZh).toContain('规则「请假2天以内」');
  });

  it('the shipped packs state no parameter value as a bare number in a rule title', () => {
    const source = folderSource();
    for (const id of source.ids) {
      const findings = lintPack(resolvePack(id, source).pack!).filter((f) => f.code === 'TITLE_NUMBER');
      expect(
        findings.map((f) => f.messageZh),
        id,
      ).toEqual([]);
    }
  });
});
