// @vitest-environment jsdom
/**
 * The parameter form against a data provider that refuses the value the way the API does
 * (422 with zh/en messages): the API's message is shown, the form stays, nothing is saved.
 */
import { createElement as h } from 'react';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import polyglotI18nProvider from 'ra-i18n-polyglot';
import { AdminContext, HttpError, ResourceContextProvider, memoryStore, type DataProvider } from 'react-admin';
import zh from '../../admin-ui/src/i18n/zh';
import { ParameterEdit } from '../../admin-ui/src/parameters/ParameterEdit';

const record = {
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
  help: '请假天数不超过此值（含）只需分管领导审批',
  definedIn: 'county-township-cadres',
  inherited: false,
  overridden: false,
  revision: 3,
};

function provider(update: DataProvider['update']): DataProvider {
  return {
    getOne: async (resource) => ({ data: resource === 'parameters' ? record : { id: 'x' } }) as any,
    getList: async (resource) => {
      if (resource === 'packs')
        return {
          data: [
            {
              id: 'county-township-cadres',
              name: '某县某镇干部管理规则包',
              townshipId: 'county-township',
              extends: 'base',
            },
          ],
          total: 1,
        } as any;
      if (resource === 'sources')
        return {
          data: [
            {
              id: 'county-township-cadres:LV-002-A',
              packId: 'county-township-cadres',
              clauseId: 'LV-002-A',
              document: '某县某镇机关干部管理制度',
              article: '三、考勤制度 第3条',
              text: '干部请假1天的，由分管领导审批',
            },
          ],
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

describe('parameter edit form', () => {
  it("shows the API's 422 message and keeps the form when the API refuses the value", async () => {
    const message = '草稿校验未通过：参数「分管领导单独审批的最长天数」的取值与上级规定冲突';
    const update = vi.fn(async () => {
      throw new HttpError(message, 422, {
        code: 'DRAFT_INVALID',
        message: 'Draft invalid',
        messageZh: message,
        errors: [{ path: '/value', message: 'x', messageZh: message }],
      });
    });
    // react-admin logs every refusal of the data provider outside production: expected here, so
    // kept off the test output, and checked to be that refusal and nothing else
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    onTestFinished(() => logged.mockRestore());
    const i18n = polyglotI18nProvider(() => zh, 'zh');
    render(
      h(
        AdminContext,
        { dataProvider: provider(update as any), i18nProvider: i18n, store: memoryStore() },
        h(ResourceContextProvider, { value: 'parameters', children: h(ParameterEdit, { id: record.id }) }),
      ),
    );

    const input = await screen.findByTestId('param-value-input');
    expect(await screen.findByText('“干部请假1天的，由分管领导审批”')).toBeTruthy(); // the clause beside the form
    fireEvent.change(input, { target: { value: '2' } });
    fireEvent.click(screen.getByRole('button', { name: /保存/ }));
    await waitFor(() => expect(update).toHaveBeenCalledTimes(1));
    const sent = (update.mock.calls[0] as any)[1];
    expect(sent.data).toMatchObject({ value: 2, revision: 3 }); // typed text saved as a number, with the revision edited
    expect((await screen.findByTestId('server-error')).textContent).toContain(message);
    expect(screen.getByTestId('server-error').textContent).toContain('未保存任何修改');
    expect((screen.getByTestId('param-value-input') as HTMLInputElement).value).toBe('2');
    expect(logged.mock.calls.map(([error]) => (error as HttpError).status)).toEqual([422]);
  });

  it('does not call the API for a value out of range', async () => {
    const update = vi.fn(async () => ({ data: record }));
    const i18n = polyglotI18nProvider(() => zh, 'zh');
    render(
      h(
        AdminContext,
        { dataProvider: provider(update as any), i18nProvider: i18n, store: memoryStore() },
        h(ResourceContextProvider, { value: 'parameters', children: h(ParameterEdit, { id: record.id }) }),
      ),
    );
    const input = await screen.findByTestId('param-value-input');
    fireEvent.change(input, { target: { value: '45' } });
    fireEvent.click(screen.getByRole('button', { name: /保存/ }));
    expect(await screen.findByText('不得大于 30天')).toBeTruthy();
    expect(update).not.toHaveBeenCalled();
  });
});
