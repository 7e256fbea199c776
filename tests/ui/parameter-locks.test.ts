// @vitest-environment jsdom
/**
 * Base-pack locks on the parameter screens: a fixed parameter shows the lock and its reason and
 * cannot be edited; a bounded one shows the allowed range in its input and refuses a value out of
 * the base's bound before anything is sent, with the reason.
 */
import { createElement as h } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import polyglotI18nProvider from 'ra-i18n-polyglot';
import { AdminContext, ResourceContextProvider, memoryStore, type DataProvider } from 'react-admin';
import zh from '../../admin-ui/src/i18n/zh';
import en from '../../admin-ui/src/i18n/en';
import { ParameterEdit } from '../../admin-ui/src/parameters/ParameterEdit';
import { LockNote } from '../../admin-ui/src/parameters/ParameterList';
import { lockText, rangeHint, type ParameterRecord } from '../../admin-ui/src/parameters/parameterValidation';

const PACK = 'town-c-duty';
const reviewMonth: ParameterRecord = {
  id: `${PACK}:review.month`,
  packId: PACK,
  parameterId: 'review.month',
  label: '年度自评报告提交月份',
  type: 'integer',
  unit: '月',
  min: 1,
  max: 12,
  source: 'DUTY-003-REVIEW',
  value: 12,
  definedIn: 'district-duty-standard',
  inherited: true,
  overridden: false,
  inheritedValue: 12,
  revision: 1,
  lock: {
    kind: 'fixed',
    source: 'DUTY-003-REVIEW',
    reason: '区政务值班标准规定每年12月报送值班工作自评报告，各镇、街道不可修改',
  },
};
const roomArea: ParameterRecord = {
  id: `${PACK}:room.minAreaSqm`,
  packId: PACK,
  parameterId: 'room.minAreaSqm',
  label: '值班室最小建筑面积',
  type: 'number',
  unit: '平方米',
  min: 0,
  max: 1000,
  source: 'DUTY-003-ROOM',
  value: 30,
  definedIn: 'district-duty-standard',
  inherited: true,
  overridden: false,
  inheritedValue: 30,
  revision: 1,
  lock: {
    kind: 'bounded',
    min: 30,
    source: 'DUTY-003-ROOM',
    reason: '区政务值班标准规定值班室面积不小于30平方米，各镇、街道可以提高，不得降低',
  },
};

const i18nZh = polyglotI18nProvider(() => zh, 'zh');
const t = (key: string, options?: Record<string, unknown>) => i18nZh.translate(key, options);

function provider(record: ParameterRecord, update: DataProvider['update']): DataProvider {
  return {
    getOne: async (resource) => ({ data: resource === 'parameters' ? record : { id: 'x' } }) as any,
    getList: async (resource) => {
      if (resource === 'packs')
        return {
          data: [{ id: PACK, name: '丙镇值班规则包', townshipId: 'town-c', extends: 'district-duty-standard' }],
          total: 1,
        } as any;
      return { data: [], total: 0 } as any;
    },
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

const renderEdit = (record: ParameterRecord, update: DataProvider['update']) =>
  render(
    h(
      AdminContext,
      { dataProvider: provider(record, update), i18nProvider: i18nZh, store: memoryStore() },
      h(ResourceContextProvider, { value: 'parameters', children: h(ParameterEdit, { id: record.id }) }),
    ),
  );

describe('lock texts', () => {
  it('say who locks a parameter and why', () => {
    expect(lockText(reviewMonth, t)).toBe(`由 district-duty-standard 锁定，不可修改：${reviewMonth.lock!.reason}`);
    expect(lockText(roomArea, t)).toBe(`district-duty-standard 限定：不得低于 30平方米（${roomArea.lock!.reason}）`);
    expect(lockText({ ...roomArea, lock: { ...roomArea.lock!, max: 500 } }, t)).toContain(
      '不得低于 30平方米，不得高于 500平方米',
    );
    // the pack that defines the lock is not bound by it
    expect(lockText({ ...roomArea, inherited: false }, t)).toBeUndefined();
    expect(lockText({ ...roomArea, lock: undefined }, t)).toBeUndefined();
  });
  it('name the locking pack by its name, not its id', () => {
    const name = (id: string) => (id === 'district-duty-standard' ? '区值班工作标准' : id);
    expect(lockText(reviewMonth, t, name)).toBe(`由 区值班工作标准 锁定，不可修改：${reviewMonth.lock!.reason}`);
    expect(lockText(roomArea, t, name)).toMatch(/^区值班工作标准 限定：/);
  });
  it('give the range a bounded value may take', () => {
    expect(rangeHint(roomArea, t)).toBe('允许范围：30 – 1000 平方米');
    expect(rangeHint({ ...roomArea, inherited: false }, t)).toBe('允许范围：0 – 1000 平方米');
    expect(rangeHint({ ...roomArea, type: 'boolean' }, t)).toBeUndefined();
  });
  it('exist in English', () => {
    const i18nEn = polyglotI18nProvider(() => en, 'en');
    expect(lockText(roomArea, (k, o) => i18nEn.translate(k, o))).toMatch(
      /^district-duty-standard bounds it: at least 30平方米/,
    );
  });
});

describe('parameter form with base locks', () => {
  it('a fixed parameter shows its lock and reason and cannot be edited', async () => {
    const update = vi.fn(async () => ({ data: reviewMonth }));
    renderEdit(reviewMonth, update as any);
    const input = (await screen.findByTestId('param-value-input')) as HTMLInputElement;
    expect(input.disabled).toBe(true);
    expect(screen.getByTestId('param-lock-fixed').textContent).toContain(
      '区政务值班标准规定每年12月报送值班工作自评报告',
    );
    expect(screen.getByLabelText('已锁定')).toBeTruthy();
    expect((screen.getByRole('button', { name: /保存/ }) as HTMLButtonElement).disabled).toBe(true);
    expect(update).not.toHaveBeenCalled();
  });

  it('a bounded parameter shows the range in its input and refuses a value below the bound before saving', async () => {
    const update = vi.fn(async (_resource: string, params: any) => ({ data: { ...roomArea, ...params.data } }));
    renderEdit(roomArea, update as any);
    const input = (await screen.findByTestId('param-value-input')) as HTMLInputElement;
    expect(screen.getByText('允许范围：30 – 1000 平方米')).toBeTruthy();
    expect(screen.getByTestId('param-lock-bounded').textContent).toContain('不得低于 30平方米');
    fireEvent.change(input, { target: { value: '20' } });
    fireEvent.click(screen.getByRole('button', { name: /保存/ }));
    expect(await screen.findByText(`不得低于 30平方米（基础规则包的限制：${roomArea.lock!.reason}）`)).toBeTruthy();
    expect(update).not.toHaveBeenCalled();

    fireEvent.change(input, { target: { value: '40' } });
    // the refusal goes away once the value is acceptable
    await waitFor(() => expect(screen.queryByText(/基础规则包的限制/)).toBeNull());
    fireEvent.click(screen.getByRole('button', { name: /保存/ }));
    await waitFor(() => expect(update).toHaveBeenCalledTimes(1));
    expect((update.mock.calls[0] as any)[1].data).toMatchObject({ value: 40, overridden: true, revision: 1 });
  });

  it('the card shows a lock icon with the reason', () => {
    render(h(AdminContext, { i18nProvider: i18nZh, store: memoryStore() }, h(LockNote, { record: reviewMonth })));
    expect(screen.getByLabelText('已锁定')).toBeTruthy();
    expect(screen.getByTestId('param-lock-fixed').textContent).toContain('不可修改');
  });
});
