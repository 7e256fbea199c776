// @vitest-environment jsdom
import { createElement as h } from 'react';
import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import polyglotI18nProvider from 'ra-i18n-polyglot';
import { AdminContext, SaveButton, SimpleForm, TextInput, Toolbar, type ValidateForm } from 'react-admin';
import {
  allowedRange,
  formatParameterValue,
  isLockedHere,
  parameterValueProblem,
  parseParameterInput,
  type ParameterRecord,
} from '../../admin-ui/src/parameters/parameterValidation';
import zh from '../../admin-ui/src/i18n/zh';

const i18n = polyglotI18nProvider(() => zh, 'zh');
const t = (key: string, options?: Record<string, unknown>) => i18n.translate(key, options);

const supervisorDays: ParameterRecord = {
  id: 'county-township-cadres:leave.supervisorOnlyMaxDays',
  packId: 'county-township-cadres',
  parameterId: 'leave.supervisorOnlyMaxDays',
  label: '分管领导单独审批的最长天数',
  type: 'number',
  unit: '天',
  min: 0.5,
  max: 30,
  source: 'LV-002-A',
  value: 1,
  definedIn: 'county-township-cadres',
  inherited: false,
  overridden: false,
  revision: 1,
};
const annualDays: ParameterRecord = {
  ...supervisorDays,
  id: 'x:annualLeave.minServiceYears',
  parameterId: 'annualLeave.minServiceYears',
  label: '享受年休假的最低工作年限',
  unit: '年',
  min: 0,
  max: 5,
  definedIn: 'base',
  inherited: true,
  lock: { kind: 'fixed', source: 'ENT-ANNUAL', reason: '年休假天数由国家规定，不可修改' },
};
const bounded: ParameterRecord = {
  ...supervisorDays,
  type: 'integer',
  unit: '分钟',
  min: 0,
  max: 600,
  inherited: true,
  definedIn: 'base',
  lock: { kind: 'bounded', min: 10, max: 120, source: 'X', reason: '上级规定' },
};

describe('parameter value checks', () => {
  it('accepts values in range', () => {
    expect(parameterValueProblem(supervisorDays, 2, t)).toBeUndefined();
    expect(parameterValueProblem(supervisorDays, 0.5, t)).toBeUndefined();
  });
  it('refuses values out of range with the unit, in Chinese', () => {
    expect(parameterValueProblem(supervisorDays, 0.1, t)).toBe('不得小于 0.5天');
    expect(parameterValueProblem(supervisorDays, 31, t)).toBe('不得大于 30天');
  });
  it('refuses text and fractions of integers', () => {
    expect(parameterValueProblem(supervisorDays, parseParameterInput(supervisorDays, 'abc'), t)).toBe('必须是数字');
    expect(parameterValueProblem({ ...supervisorDays, type: 'integer' }, 1.5, t)).toBe('必须是整数');
  });
  it('refuses a list holding something other than text as a list, not as a number', () => {
    const townships: ParameterRecord = {
      ...supervisorDays,
      type: 'stringList',
      unit: undefined,
      min: undefined,
      max: undefined,
      value: ['甲镇'],
    };
    expect(parameterValueProblem(townships, ['甲镇', '乙镇'], t)).toBeUndefined();
    expect(parameterValueProblem(townships, ['甲镇', 3], t)).toBe('必须是文字列表');
    expect(parameterValueProblem(townships, '甲镇', t)).toBe('必须是文字列表');
  });
  it('refuses changing a fixed inherited parameter, quoting the reason', () => {
    expect(isLockedHere(annualDays)).toBe(true);
    expect(parameterValueProblem(annualDays, 2, t)).toContain('年休假天数由国家规定');
  });
  it('narrows the range by a bounded lock on overrides', () => {
    expect(allowedRange(bounded)).toEqual({ min: 10, max: 120 });
    expect(parameterValueProblem(bounded, 5, t)).toContain('不得低于 10分钟');
    expect(parameterValueProblem(bounded, 60, t)).toBeUndefined();
  });
  it('parses typed input (full-width comma as decimal point, lists from lines)', () => {
    expect(parseParameterInput(supervisorDays, ' 1.5 ')).toBe(1.5);
    expect(parseParameterInput(supervisorDays, '')).toBeUndefined();
    expect(parseParameterInput({ type: 'stringList' }, '甲\n乙、丙')).toEqual(['甲', '乙', '丙']);
  });
  it('formats values with units', () => {
    expect(formatParameterValue(supervisorDays, 2, t)).toBe('2 天');
    expect(formatParameterValue({ type: 'boolean' }, true, t)).toBe('是');
    expect(formatParameterValue({ type: 'number', unit: '比例' }, 0.5, t)).toBe('50%');
  });
});

describe('parameter form', () => {
  it('shows why a value is refused and keeps the save button from submitting', async () => {
    const validate: ValidateForm = (values) => {
      const problem = parameterValueProblem(
        values as ParameterRecord,
        parseParameterInput(supervisorDays, values.value),
        t,
      );
      return problem ? { value: problem } : {};
    };
    let saved: unknown = null;
    render(
      h(
        AdminContext,
        { i18nProvider: i18n },
        h(SimpleForm, {
          record: { ...supervisorDays, value: '0.1' },
          validate,
          mode: 'onChange',
          toolbar: h(Toolbar, null, h(SaveButton)),
          onSubmit: (v: unknown) => {
            saved = v;
          },
          children: h(TextInput, { source: 'value', label: '参数值' }),
        }),
      ),
    );
    const input = await screen.findByLabelText('参数值');
    const { fireEvent } = await import('@testing-library/react');
    fireEvent.change(input, { target: { value: '0.2' } });
    fireEvent.blur(input);
    expect(await screen.findByText('不得小于 0.5天')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /保存/ }));
    await new Promise((r) => setTimeout(r, 50));
    expect(saved).toBeNull();
  });
});
