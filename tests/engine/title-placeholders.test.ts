/** Rule titles and test-case names with {parameter} placeholders follow the version's values. */
import { describe, expect, it } from 'vitest';
import {
  buildPack,
  bundleSource,
  evaluate,
  explain,
  folderSource,
  loadPack,
  runFixtures,
  type PackBundle,
} from '../../engine/index.js';
import { formatParameterValue, renderTitle, titlePlaceholders } from '../../engine/explain/title.js';
import { basePack, clone } from '../helpers/packs.js';

const facts = (days: number) => ({ applicantRole: 'ordinary', leaveType: 'personal', days });

function placeholderPack(headFromDays = 1): PackBundle {
  const base = clone(basePack());
  const rules = base.rules['rules/leave.json'].rules as any[];
  rules[0].title = '{leave.headFromDays}以内：分管领导审批';
  rules[1].title = '超过{leave.headFromDays}：镇长审批';
  base.parameters.parameters![0].value = headFromDays;
  (base.fixtures['fixtures/leave.json'].cases[0] as any).name = '请假1天（{leave.headFromDays}以内）由分管领导审批';
  return base;
}

const build = (bundle: PackBundle) => buildPack('test-base', bundleSource({ 'test-base': bundle }));

describe('title placeholders', () => {
  it('the explained title says the value of the version, after a change from 1 to 2 days', async () => {
    const before = build(placeholderPack(1)).compiled!;
    const after = build(placeholderPack(2)).compiled!;
    const was = await evaluate(before, 'leaveApproval', facts(1));
    const now = await evaluate(after, 'leaveApproval', facts(2));
    expect(was.fired[0].title).toBe('1天以内：分管领导审批');
    expect(now.fired[0].title).toBe('2天以内：分管领导审批');
    expect(explain(now).lines[0]).toMatch(/^【2天以内：分管领导审批】请假天数 2 天 ≤ 2 天/);
    expect(JSON.parse(JSON.stringify(now)).fired[0].title).toBe('2天以内：分管领导审批');
  });

  it('fixture names render with the parameters of the pack under test; fact values stay as written', async () => {
    const report = await runFixtures(build(placeholderPack(2)).compiled!);
    expect(report.results[0].name).toBe('请假1天（2天以内）由分管领导审批');
  });

  it('an unknown placeholder in a title or a case name is a validation issue', () => {
    const bundle = placeholderPack();
    (bundle.rules['rules/leave.json'].rules[1] as any).title = '超过{leave.headFromDay}：镇长审批';
    (bundle.fixtures['fixtures/leave.json'].cases[1] as any).name = '请假{leave.nothing}';
    const { compiled, issues } = build(bundle);
    expect(compiled).toBeUndefined();
    expect(
      issues.filter((i) => i.code === 'UNKNOWN_TITLE_PLACEHOLDER').map((i) => [i.file, i.pointer, i.messageZh]),
    ).toEqual([
      [
        'rules/leave.json',
        '/rules/1/title',
        '规则「超过{leave.headFromDay}：镇长审批」的标题中的「{leave.headFromDay}」不是本规则包（或其基础规则包）的参数',
      ],
      [
        'fixtures/leave.json',
        '/cases/1/name',
        '测试用例「请假{leave.nothing}」的名称中的「{leave.nothing}」不是本规则包（或其基础规则包）的参数',
      ],
    ]);
  });

  it('values read as a title states them', () => {
    expect(formatParameterValue({ value: 2, unit: '天' })).toBe('2天');
    expect(formatParameterValue({ value: 0.5, unit: '天' })).toBe('半天');
    expect(formatParameterValue({ value: 0.7, unit: '比例' })).toBe('70%');
    expect(formatParameterValue({ value: 120, unit: '分钟' })).toBe('2小时');
    expect(formatParameterValue({ value: 30, unit: '分钟' })).toBe('30分钟');
    expect(formatParameterValue({ value: 30000, unit: '元' })).toBe('3万元');
    expect(formatParameterValue({ value: 510, unit: '时刻' })).toBe('08:30');
    expect(formatParameterValue({ value: 1050, unit: '时刻' }, 'en')).toBe('17:30');
    expect(formatParameterValue({ value: 2, unit: '天' }, 'en')).toBe('2 天');
    expect(renderTitle('{a.b}与{c}', (id) => (id === 'a.b' ? { value: 3, unit: '次' } : undefined))).toBe('3次与{c}');
    expect(titlePlaceholders('{a.b}以上{a.b}，{c.d}')).toEqual(['a.b', 'c.d']);
  });

  it('a shipped pack: a township override changes the inherited title', async () => {
    const source = folderSource();
    const county = loadPack('county-township-cadres', source);
    const title = (await evaluate(county, 'leaveApproval', facts(1))).fired.find(
      (r) => r.id === 'leave.ordinary.upToOneDay',
    )!.title;
    expect(title).toBe('一般干部请假1天以内：分管领导审批');
    const bundle = clone(source.get('county-township-cadres')!);
    const parameter = bundle.parameters.parameters!.find((p) => p.id === 'leave.supervisorOnlyMaxDays')!;
    parameter.value = 2;
    const changed = buildPack('county-township-cadres', {
      get: (id) => (id === 'county-township-cadres' ? bundle : source.get(id)),
    }).compiled!;
    const evaluation = await evaluate(changed, 'leaveApproval', facts(2));
    expect(evaluation.fired.map((r) => r.title)).toContain('一般干部请假2天以内：分管领导审批');
    expect(explain(evaluation).lines.join()).toContain('【一般干部请假2天以内：分管领导审批】');
  });
});
