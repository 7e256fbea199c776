// @vitest-environment jsdom
/** A 时刻 parameter is typed and shown as HH:MM; it is stored as minutes after midnight. */
import { createElement as h } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import polyglotI18nProvider from 'ra-i18n-polyglot';
import { AdminContext, ResourceContextProvider, memoryStore, type DataProvider } from 'react-admin';
import zh from '../../admin-ui/src/i18n/zh';
import { ParameterEdit } from '../../admin-ui/src/parameters/ParameterEdit';
import {
  formatParameterValue,
  parseClock,
  parseParameterInput,
  parameterValueProblem,
  type ParameterRecord,
} from '../../admin-ui/src/parameters/parameterValidation';

const record: ParameterRecord = {
  id: 'qinghe:hours.morningStart',
  packId: 'qinghe',
  parameterId: 'hours.morningStart',
  label: '上午上班时间',
  type: 'integer',
  unit: '时刻',
  min: 360,
  max: 600,
  source: 'HR-1',
  value: 510,
  definedIn: 'qinghe',
  inherited: false,
  overridden: false,
  revision: 2,
};
const t = (key: string, args?: Record<string, unknown>) => `${key}${args ? JSON.stringify(args) : ''}`;

describe('clock-time parameters', () => {
  it('read 08:30 and the ways townships write it', () => {
    expect(parseClock('08:30')).toBe(510);
    expect(parseClock('8：30')).toBe(510);
    expect(parseClock('8点30分')).toBe(510);
    expect(parseClock('17点')).toBe(1020);
    expect(parseClock('8:75')).toBeUndefined();
    expect(parseClock('510')).toBeUndefined();
    expect(parseParameterInput(record, '08:45')).toBe(525);
    expect(formatParameterValue(record, 510, t)).toBe('08:30');
  });
  it('say what is wrong in HH:MM words', () => {
    expect(parameterValueProblem(record, parseParameterInput(record, 'eight'), t)).toBe('director.clock.invalid');
    expect(parameterValueProblem(record, parseParameterInput(record, '05:00'), t)).toBe(
      'params.min{"min":"06:00","unit":""}',
    );
    expect(parameterValueProblem(record, parseParameterInput(record, '08:45'), t)).toBeUndefined();
  });
});

function provider(update: DataProvider['update']): DataProvider {
  return {
    getOne: async () => ({ data: record }) as any,
    getList: async () => ({ data: [], total: 0 }) as any,
    getMany: async () => ({ data: [] }),
    getManyReference: async () => ({ data: [], total: 0 }),
    update,
    updateMany: async () => ({ data: [] }),
    create: async () => {
      throw new Error('no');
    },
    delete: async () => {
      throw new Error('no');
    },
    deleteMany: async () => ({ data: [] }),
  };
}

describe('the parameter form for a 时刻', () => {
  it('shows 08:30, refuses 8:75 before saving, and saves 08:45 as 525 minutes', async () => {
    const update = vi.fn(async (_r: string, params: { data: ParameterRecord }) => ({ data: params.data }));
    render(
      h(
        AdminContext,
        {
          dataProvider: provider(update as any),
          i18nProvider: polyglotI18nProvider(() => zh, 'zh'),
          store: memoryStore(),
        },
        h(ResourceContextProvider, { value: 'parameters', children: h(ParameterEdit, { id: record.id }) }),
      ),
    );
    const input = (await screen.findByTestId('param-value-input')) as HTMLInputElement;
    await waitFor(() => expect(input.value).toBe('08:30'));
    fireEvent.change(input, { target: { value: '8:75' } });
    fireEvent.click(screen.getByRole('button', { name: /保存/ }));
    expect(await screen.findByText('请按 时:分 填写时刻，如 08:30')).toBeTruthy();
    expect(update).not.toHaveBeenCalled();
    fireEvent.change(input, { target: { value: '08:45' } });
    await waitFor(() => expect(screen.queryByText('请按 时:分 填写时刻，如 08:30')).toBeNull());
    const save = screen.getByRole('button', { name: /保存/ }) as HTMLButtonElement;
    await waitFor(() => expect(save.disabled).toBe(false));
    fireEvent.click(save);
    await waitFor(() => expect(update).toHaveBeenCalledTimes(1));
    expect((update.mock.calls[0] as any)[1].data).toMatchObject({ value: 525 });
  });
});
