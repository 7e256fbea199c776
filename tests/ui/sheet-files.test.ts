// @vitest-environment jsdom
/**
 * Spreadsheet helpers of the admin UI: file names from Content-Disposition (RFC 5987 first), the
 * draft revision of an ETag, list-export queries, what an upload failure means for the screen,
 * job progress, and the problems table of a refused sheet.
 */
import { createElement as h } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import polyglotI18nProvider from 'ra-i18n-polyglot';
import { AdminContext, memoryStore } from 'react-admin';
import zh from '../../admin-ui/src/i18n/zh';
import en from '../../admin-ui/src/i18n/en';
import {
  downloadFile,
  etagRevision,
  fileNameFromDisposition,
  listExportQuery,
  sheetProblems,
  uploadFailure,
  uploadFile,
  FileRequestError,
} from '../../admin-ui/src/common/sheetFiles';
import { SheetProblemsTable, UploadFailureView } from '../../admin-ui/src/common/SheetProblems';
import { jobPercent, pollJob } from '../../admin-ui/src/common/jobs';

const problem = {
  sheet: '请假审批',
  row: 5,
  column: 'F',
  message: 'days: "三天" is not a number',
  messageZh: '请假天数：「三天」不是数字',
};
const sheetInvalid = {
  status: 422,
  code: 'SHEET_INVALID',
  message: '1 problem(s) in the sheet, nothing was saved',
  messageZh: '表格有 1 处问题，未保存任何内容；第一处：工作表「请假审批」第 5 行 F 列：请假天数：「三天」不是数字',
  problems: [problem],
};

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
});

describe('file names and revisions', () => {
  it('prefers the UTF-8 name of filename*', () => {
    const header = `attachment; filename="county-township-cadres-leaveApproval-fixtures-draft.xlsx"; filename*=UTF-8''county-township-cadres-%E8%AF%B7%E5%81%87%E5%AE%A1%E6%89%B9-%E6%B5%8B%E8%AF%95%E7%94%A8%E4%BE%8B-%E8%8D%89%E7%A8%BF.xlsx`;
    expect(fileNameFromDisposition(header, 'x.xlsx')).toBe('county-township-cadres-请假审批-测试用例-草稿.xlsx');
  });
  it('falls back to filename, then to the given name', () => {
    expect(fileNameFromDisposition('attachment; filename="audit.csv"', 'x')).toBe('audit.csv');
    expect(fileNameFromDisposition('attachment; filename=audit.csv', 'x')).toBe('audit.csv');
    expect(fileNameFromDisposition("attachment; filename*=UTF-8''%E0%A4%A", 'x')).toBe('x');
    expect(fileNameFromDisposition(null, 'fallback.xlsx')).toBe('fallback.xlsx');
  });
  it('reads the draft revision of an ETag', () => {
    expect(etagRevision('"7"')).toBe(7);
    expect(etagRevision('W/"12"')).toBe(12);
    expect(etagRevision(null)).toBeUndefined();
    expect(etagRevision('"abc"')).toBeUndefined();
  });
});

describe('list export query', () => {
  it('passes the filter (empty values dropped) and the sort as the list API reads them', () => {
    const q = new URLSearchParams(
      listExportQuery(
        'csv',
        { packId: 'county-township-cadres', q: '', actor: undefined },
        { field: 'id', order: 'DESC' },
      ),
    );
    expect(q.get('format')).toBe('csv');
    expect(JSON.parse(q.get('filter')!)).toEqual({ packId: 'county-township-cadres' });
    expect(JSON.parse(q.get('sort')!)).toEqual(['id', 'DESC']);
  });
  it('leaves out an empty filter', () => {
    const q = new URLSearchParams(listExportQuery('xlsx', {}, { field: 'at', order: 'ASC' }));
    expect(q.has('filter')).toBe(false);
    expect(JSON.parse(q.get('sort')!)).toEqual(['at', 'ASC']);
  });
});

describe('upload failures', () => {
  it('sorts refusals into problems, conflict, too large and other', () => {
    expect(uploadFailure(new FileRequestError('x', 422, sheetInvalid as any))).toMatchObject({
      kind: 'problems',
      problems: [problem],
    });
    expect(uploadFailure(new FileRequestError('stale', 409, { code: 'STALE_REVISION' }))).toMatchObject({
      kind: 'conflict',
    });
    expect(uploadFailure(new FileRequestError('big', 413, { code: 'PAYLOAD_TOO_LARGE' }))).toMatchObject({
      kind: 'tooLarge',
    });
    const other = uploadFailure(
      new FileRequestError('草稿校验未通过', 422, {
        code: 'DRAFT_INVALID',
        errors: [{ path: '/0', message: 'unknown rule', messageZh: '未知规则' }],
      }),
    );
    expect(other).toEqual({ kind: 'other', message: '草稿校验未通过', details: ['未知规则'] });
    expect(sheetProblems({})).toEqual([]);
  });

  it('uploadFile sends the raw bytes with the token and If-Match; an error keeps the API body', async () => {
    localStorage.setItem('rules.token', 'tok');
    const fetchMock = vi.fn(
      async () =>
        new Response(JSON.stringify(sheetInvalid), { status: 422, headers: { 'Content-Type': 'application/json' } }),
    );
    vi.stubGlobal('fetch', fetchMock);
    const file = new Blob([new Uint8Array([80, 75, 3, 4])]);
    const error = await uploadFile('/packs/p/fixtures/import?decision=leaveApproval', file, {
      'If-Match': '"7"',
    }).catch((e) => e);
    expect(error).toBeInstanceOf(FileRequestError);
    expect(error.status).toBe(422);
    expect(error.message).toBe(sheetInvalid.messageZh);
    expect(sheetProblems(error.body)).toEqual([problem]);
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/packs/p/fixtures/import?decision=leaveApproval');
    const headers = new Headers(init.headers);
    expect(init.method).toBe('POST');
    expect(init.body).toBe(file);
    expect(headers.get('Authorization')).toBe('Bearer tok');
    expect(headers.get('If-Match')).toBe('"7"');
    expect(headers.get('Content-Type')).toContain('spreadsheetml');
  });

  it('downloadFile saves the blob under the Content-Disposition name and returns the ETag', async () => {
    localStorage.setItem('rules.token', 'tok');
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(new Uint8Array([1, 2, 3]), {
            status: 200,
            headers: {
              ETag: '"4"',
              'Content-Disposition': 'attachment; filename="a.xlsx"; filename*=UTF-8\'\'%E6%B5%8B%E8%AF%95.xlsx',
            },
          }),
      ),
    );
    const created: string[] = [];
    URL.createObjectURL = vi.fn(() => 'blob:x');
    URL.revokeObjectURL = vi.fn();
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      created.push(this.download);
    });
    const { fileName, headers } = await downloadFile(
      '/packs/p/fixtures/export.xlsx?decision=leaveApproval&version=draft',
    );
    expect(fileName).toBe('测试.xlsx');
    expect(created).toEqual(['测试.xlsx']);
    expect(etagRevision(headers.get('ETag'))).toBe(4);
    click.mockRestore();
  });
});

describe('batch trial progress', () => {
  it('is a share of the rows, 100 when done, 0 before the sheet is read', () => {
    expect(jobPercent(null)).toBe(0);
    expect(jobPercent({ state: 'queued', done: 0, total: 0 })).toBe(0);
    expect(jobPercent({ state: 'running', done: 250, total: 1000 })).toBe(25);
    expect(jobPercent({ state: 'done', done: 1000, total: 1000 })).toBe(100);
  });

  it('is polled until the job settles, and no longer once the screen has gone', async () => {
    const replies = [
      { state: 'running', done: 5, total: 10 },
      { state: 'done', done: 10, total: 10 },
    ];
    const seen: string[] = [];
    const onUpdate = (job: { state: string; done: number }) => seen.push(`${job.state}:${job.done}`);
    const first = { state: 'queued', done: 0, total: 0 };
    const settled = await pollJob(first, async () => replies.shift()!, { intervalMs: 1, onUpdate });
    expect(settled).toEqual({ state: 'done', done: 10, total: 10 });
    expect(seen).toEqual(['queued:0', 'running:5', 'done:10']);

    let gone = false;
    const next = vi.fn(async () => {
      gone = true; // the screen unmounts while this request is under way
      return { state: 'running', done: 1, total: 10 };
    });
    seen.length = 0;
    await expect(pollJob(first, next, { intervalMs: 1, onUpdate, stopped: () => gone })).resolves.toBeUndefined();
    expect(next).toHaveBeenCalledTimes(1);
    expect(seen).toEqual(['queued:0']);
  });
});

describe('problems table', () => {
  const renderIn = (messages: any, node: any) =>
    render(h(AdminContext, { i18nProvider: polyglotI18nProvider(() => messages, 'zh'), store: memoryStore() }, node));

  it('shows sheet, row, column and the Chinese problem', () => {
    renderIn(
      zh,
      h(SheetProblemsTable, { problems: [problem, { ...problem, row: 0, column: '', messageZh: '不是 .xlsx 文件' }] }),
    );
    const table = screen.getByTestId('sheet-problems');
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((c) => c.textContent),
    ).toEqual(['工作表', '行', '列', '问题']);
    expect(
      within(screen.getByTestId('sheet-problem-0'))
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['请假审批', '5', 'F', '请假天数：「三天」不是数字']);
    expect(
      within(screen.getByTestId('sheet-problem-1'))
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['请假审批', '整个文件', '—', '不是 .xlsx 文件']);
    cleanup();
    renderIn(zh, h(SheetProblemsTable, { problems: [{ ...problem, column: '', messageZh: '用例编号重复' }] }));
    expect(
      within(screen.getByTestId('sheet-problem-0'))
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['请假审批', '5', '整行', '用例编号重复']);
  });

  it('asks to reload on a conflict and says when the file is too large', () => {
    const onReload = vi.fn();
    renderIn(zh, h(UploadFailureView, { failure: { kind: 'conflict', message: 'stale' }, onReload }));
    expect(screen.getByTestId('upload-error').textContent).toContain('请重新加载');
    screen.getByTestId('reload-after-conflict').click();
    expect(onReload).toHaveBeenCalledTimes(1);
    cleanup();
    renderIn(en, h(UploadFailureView, { failure: { kind: 'tooLarge', message: 'big' } }));
    expect(screen.getByTestId('upload-error').textContent).toContain('larger than the server accepts');
  });
});
