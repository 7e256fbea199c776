// @vitest-environment jsdom
/**
 * 参数 draws each card once: the list around the cards is drawn again whenever a query it reads
 * changes state or a letter is typed, and cards whose parameter has not changed are not drawn
 * again (on a 2-core machine each redraw of every card cost 100–300 ms of the first screen).
 * Their inputs stay the same objects while the data is the same: the packs, the clauses.
 */
import { createElement as h, type ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, renderHook, screen, waitFor } from '@testing-library/react';
import polyglotI18nProvider from 'ra-i18n-polyglot';
import { AdminContext, memoryStore, type DataProvider } from 'react-admin';
import zh from '../../admin-ui/src/i18n/zh';
import { CURRENT_PACK_KEY } from '../../admin-ui/src/common/packChoice';
import type { ParameterRecord } from '../../admin-ui/src/parameters/parameterValidation';

// every card formats its value once per draw: the count of calls is the count of card draws
const draws = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../admin-ui/src/parameters/parameterValidation', async (original) => {
  const actual = await original<typeof import('../../admin-ui/src/parameters/parameterValidation')>();
  return {
    ...actual,
    formatParameterValue: (...args: Parameters<typeof actual.formatParameterValue>) => {
      draws.count++;
      return actual.formatParameterValue(...args);
    },
  };
});

const { ParameterList } = await import('../../admin-ui/src/parameters/ParameterList');
const { useClauses } = await import('../../admin-ui/src/common/ClauseText');
const { usePacks } = await import('../../admin-ui/src/common/currentPack');

const PACK = 'county-township-cadres';
const parameter = (id: string, label: string, value: number): ParameterRecord => ({
  id: `${PACK}:${id}`,
  packId: PACK,
  parameterId: id,
  label,
  type: 'integer',
  unit: '天',
  min: 0,
  max: 30,
  source: 'CADRE-001',
  value,
  definedIn: PACK,
  inherited: false,
  overridden: false,
  revision: 1,
});
const parameters = [
  parameter('leave.annualDays', '年休假天数', 5),
  parameter('leave.sickDays', '病假天数', 10),
  parameter('leave.marriageDays', '婚假天数', 3),
];

const dataProvider = {
  getList: async (resource: string) => {
    if (resource === 'packs')
      return { data: [{ id: PACK, name: '某镇干部管理规则包', townshipId: 'county-township' }], total: 1 };
    if (resource === 'parameters') return { data: parameters, total: parameters.length };
    if (resource === 'sources')
      return {
        data: [
          {
            id: `${PACK}:CADRE-001`,
            packId: PACK,
            clauseId: 'CADRE-001',
            document: '办法',
            article: '第三条',
            text: '……',
          },
        ],
        total: 1,
      };
    return { data: [], total: 0 };
  },
} as unknown as DataProvider;

const i18nProvider = polyglotI18nProvider(() => zh, 'zh');
const admin = ({ children }: { children: ReactNode }) =>
  h(AdminContext, { dataProvider, i18nProvider, store: memoryStore({ [CURRENT_PACK_KEY]: PACK }) }, children);

describe('参数 redraws', () => {
  it('typing in the search draws no card again whose parameter is unchanged', async () => {
    render(h(admin, null, h(ParameterList)));
    await screen.findByTestId('param-leave.marriageDays');
    await waitFor(() => expect(screen.getAllByText('第三条').length).toBe(3));
    draws.count = 0;
    // a blank search keeps every card: the list is filtered and drawn again, the cards not
    fireEvent.change(screen.getByTestId('param-search'), { target: { value: ' ' } });
    await waitFor(() => expect((screen.getByTestId('param-search') as HTMLInputElement).value).toBe(' '));
    expect(screen.getAllByTestId(/^param-leave\./)).toHaveLength(3);
    expect(draws.count).toBe(0);
  });

  it('the packs and the clauses stay the same objects while their data is the same', async () => {
    const { result, rerender } = renderHook(() => ({ packs: usePacks().packs, clauses: useClauses([PACK]) }), {
      wrapper: admin,
    });
    await waitFor(() => expect(result.current.packs).toHaveLength(1));
    await waitFor(() => expect(result.current.clauses.size).toBe(1));
    const first = result.current;
    rerender();
    expect(result.current.packs).toBe(first.packs);
    expect(result.current.clauses).toBe(first.clauses);
  });
});
