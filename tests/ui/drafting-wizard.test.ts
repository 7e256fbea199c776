// @vitest-environment jsdom
/**
 * The drafting wizard against a stubbed API: pasted text → the engine's real draft (as the API
 * would answer it); parameters are accepted, the import is refused with 422 and the wizard shows
 * the refusal with its details; the what-if summary says the counts and transitions in Chinese.
 */
import { createElement as h } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/react';
import polyglotI18nProvider from 'ra-i18n-polyglot';
import { AdminContext, memoryStore, type DataProvider, type TranslationMessages } from 'react-admin';
import zh from '../../admin-ui/src/i18n/zh';
import { featureZh } from '../../admin-ui/src/drafting/messages';
import { DraftReview, DraftingWizard } from '../../admin-ui/src/drafting/DraftingWizard';
import { initialChoices } from '../../admin-ui/src/drafting/draftModel';
import { WhatIfSummary } from '../../admin-ui/src/decisions/WhatIfPanel';
import { draftFromDocument, sourceIdOf } from '../../engine/drafting/index.js';

const TEXT =
  '第一条 干部请假1天的，由分管领导审批；2天以上5天以内的，由党委书记审批；5天以上的，由党委会议研究决定。\n第二条 迟到超过30分钟的，按旷工半天处理。';

const i18n = polyglotI18nProvider(
  () => ({ ...zh, ...featureZh }) as unknown as TranslationMessages,
  'zh',
  [{ locale: 'zh', name: '中文' }],
  { allowMissing: true },
);
const dataProvider = {
  getList: async (resource: string) => {
    if (resource === 'townships') return { data: [{ id: 'mou-zhen', name: '某镇', level: 'township' }], total: 1 };
    if (resource === 'packs')
      return { data: [{ id: 'base', name: '基础规则包', townshipId: 'national', extends: null }], total: 1 };
    return { data: [], total: 0 };
  },
  getOne: async () => ({ data: { id: 'x' } }),
  getMany: async () => ({ data: [] }),
  getManyReference: async () => ({ data: [], total: 0 }),
} as unknown as DataProvider;

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

afterEach(() => {
  vi.unstubAllGlobals();
  localStorage.clear();
});

describe('drafting wizard', () => {
  it('extracts pasted text, highlights the numbers, and shows why the import was refused', async () => {
    // the base select holds no value its options do not have yet (MUI warns "out-of-range value")
    const warned = vi.spyOn(console, 'warn');
    const draft = await draftFromDocument(
      { text: TEXT },
      { township: '某镇', extends: 'base', packId: 'mou-zhen-rules' },
    );
    const reply = {
      ...draft,
      clauses: draft.clauses.map((c) => ({
        id: c.id,
        sourceId: sourceIdOf(c),
        article: c.article,
        heading: c.heading,
        original: c.original,
      })),
      validation: { valid: true, issues: [] },
    };
    const requests: { url: string; body?: any }[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init: RequestInit) => {
        requests.push({ url, body: init?.body ? JSON.parse(String(init.body)) : undefined });
        if (url.startsWith('/api/drafting/extract')) return json(200, reply);
        if (url === '/api/packs/mou-zhen-rules')
          return json(404, { status: 404, code: 'NOT_FOUND', message: 'not found', messageZh: '未找到' });
        if (url === '/api/packs/import') {
          return json(422, {
            status: 422,
            code: 'IMPORT_INVALID',
            message: 'invalid',
            messageZh: '导入的规则包未通过校验',
            errors: [
              { path: '/parameters/0/value', file: 'parameters.json', message: 'bad', messageZh: '取值超出范围' },
            ],
          });
        }
        return json(404, {});
      }),
    );

    render(h(AdminContext, { dataProvider, i18nProvider: i18n, store: memoryStore() }, h(DraftingWizard)));
    fireEvent.change(await screen.findByLabelText('或粘贴制度全文'), { target: { value: TEXT } });
    fireEvent.mouseDown(within(await screen.findByTestId('drafting-township')).getByRole('combobox'));
    fireEvent.click(await screen.findByRole('option', { name: '某镇' }));
    fireEvent.change(screen.getByTestId('drafting-pack-id'), { target: { value: 'mou-zhen-rules' } });
    fireEvent.click(screen.getByTestId('drafting-extract'));

    await screen.findByTestId('draft-summary');
    expect(requests[0].body).toEqual({ text: TEXT, township: '某镇', extends: 'base', packId: 'mou-zhen-rules' });
    const marks = [...document.querySelectorAll('mark')].map((m) => m.textContent);
    expect(marks).toEqual(expect.arrayContaining(['1天', '2天以上5天以内', '5天以上', '超过30分钟']));
    expect(
      screen
        .getAllByTestId('ladder-finding')
        .map((f) => f.textContent)
        .join('\n'),
    ).toContain('重叠');

    // every parameter pending: 下一步 waits; accepting one leaves the others pending
    expect((screen.getByTestId('drafting-next') as HTMLButtonElement).disabled).toBe(true);
    const first = screen.getAllByTestId(/^draft-param-/)[0];
    fireEvent.click(within(first).getByTestId('param-accept'));
    expect(within(first).getByTestId('param-status').textContent).toBe('已接受');
    fireEvent.click(screen.getByTestId('accept-all'));
    expect(screen.getByTestId('draft-counts').textContent).toContain('待处理 0');
    fireEvent.click(screen.getByTestId('drafting-next'));
    fireEvent.click(await screen.findByTestId('drafting-create'));

    const error = await screen.findByTestId('drafting-error');
    expect(error.textContent).toContain('未能创建规则包：导入的规则包未通过校验');
    expect(error.textContent).toContain('parameters.json /parameters/0/value 取值超出范围');
    const imported = requests.find((r) => r.url === '/api/packs/import')!.body.bundle;
    expect(imported.pack.owner).toEqual({ id: 'mou-zhen', name: '某镇', level: 'township' });
    expect(imported.parameters.parameters).toHaveLength(draft.bundle.parameters.parameters!.length);
    expect(warned.mock.calls.flat().join('\n')).not.toMatch(/out-of-range/);
    warned.mockRestore();
  });
});

describe('draft review', () => {
  it('lists a parameter no number could be tied to instead of hiding it', async () => {
    const draft = await draftFromDocument(
      { text: TEXT },
      { township: '某镇', extends: 'base', packId: 'mou-zhen-rules' },
    );
    const reply = {
      ...draft,
      clauses: draft.clauses.map((c) => ({
        id: c.id,
        sourceId: sourceIdOf(c),
        article: c.article,
        heading: c.heading,
        original: c.original,
      })),
      validation: { valid: true, issues: [] },
    } as any;
    const last = reply.bundle.parameters.parameters.at(-1);
    last.label = '改过格式的名称';
    const choices = initialChoices(reply.bundle.parameters.parameters);
    const setChoice = vi.fn();
    render(
      h(
        AdminContext,
        { dataProvider, i18nProvider: i18n, store: memoryStore() },
        h(DraftReview, { reply, choices, setChoice, onAcceptAll: () => {} }),
      ),
    );
    const other = await screen.findByTestId('draft-unlinked');
    expect(other.textContent).toContain('改过格式的名称');
    fireEvent.click(within(within(other).getByTestId(`draft-param-${last.id}`)).getByTestId('param-reject'));
    expect(setChoice).toHaveBeenCalledWith(last.id, expect.objectContaining({ status: 'rejected' }));
  });
});

describe('what-if summary', () => {
  it('says how many decisions change and how', () => {
    const result = {
      pack: 'p',
      against: 'draft',
      before: '1',
      total: 3,
      changed: 2,
      ms: 5,
      transitions: [{ from: '分管领导+党委书记或镇长', to: '分管领导', count: 2 }],
      cases: [
        {
          id: 7,
          decision: 'leaveApproval',
          facts: { applicantRole: 'ordinary', leaveType: 'personal', days: 2 },
          before: {
            outcomes: [
              { type: 'approval', step: 1, roles: ['supervisingLeader'], action: 'sign' },
              { type: 'approval', step: 2, roles: ['partySecretary', 'townshipHead'], mode: 'any', action: 'approve' },
            ],
            explanation: { summary: 's', lines: ['旧的说明'] },
          },
          after: {
            outcomes: [{ type: 'approval', step: 1, roles: ['supervisingLeader'], action: 'approve' }],
            explanation: { summary: 's', lines: ['新的说明'] },
          },
        },
      ],
    };
    render(h(AdminContext, { dataProvider, i18nProvider: i18n, store: memoryStore() }, h(WhatIfSummary, { result })));
    expect(screen.getByTestId('whatif-summary').textContent).toBe('共 3 件中 2 件结果会改变');
    expect(screen.getByTestId('whatif-transition').textContent).toBe('分管领导+党委书记或镇长 → 分管领导：2 件');
    const text = screen.getByTestId('whatif-case').textContent!;
    expect(text).toContain('请假天数：2 天');
    expect(text).toContain('旧的说明');
    expect(text).toContain('新的说明');
    expect(text).toContain('第2步：党委书记或镇长审批');
  });
});
