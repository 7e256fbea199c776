/**
 * Spreadsheets in the admin UI, in headless Chromium against the real server:
 *   1. a tester downloads the 请假审批 test-case sheet of county-township-cadres, adds a row in it
 *      (exceljs stands in for Excel/WPS), uploads it, runs the suite and sees the new case pass;
 *      a bad sheet (text in 请假天数) shows the sheet/row/column problem and nothing changes;
 *   2. 批量试算: the sheet uploaded on 试算 comes back with a 试算结果 column (a job with progress);
 *   3. 操作日志 exported as CSV and Excel with the list's filter.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Download, Page } from 'playwright-core';
import { ADMIN_PASSWORD, loginAs, newPage, screenshot, useStack } from './helpers/harness.js';

const PACK = 'county-township-cadres';
const TOWNSHIP = 'county-township';
const PASSWORD = 'e2e-password-123';
const NEW_CASE = 'leave.sheet.0-8d';
const NEW_NAME = '一般干部请事假0.8天，由分管领导审批（表格导入）';

/** the sheet the tester downloaded, with the added row */
let editedSheet: Buffer;

async function chooseOption(page: Page, testId: string, option: string) {
  await page.getByTestId(testId).locator('[role="combobox"]').click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function downloadOf(page: Page, click: () => Promise<void>): Promise<{ download: Download; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return { download, bytes: await readFile((await download.path())!) };
}

async function workbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

/** Column number of a machine name (row 2 of the fixture grid). */
function columnOf(ws: ExcelJS.Worksheet, name: string): number {
  const index = (ws.getRow(2).values as unknown[]).indexOf(name);
  if (index < 1) throw new Error(`column ${name} missing`);
  return index;
}

function lastCaseRow(ws: ExcelJS.Worksheet): number {
  let last = 2;
  ws.eachRow((row, n) => {
    if (n > 2 && row.getCell(1).value) last = n;
  });
  return last;
}

const stack = useStack(async ({ admin }) => {
  await admin.createUser('tester-s', PASSWORD, 'tester', TOWNSHIP);
});

describe('spreadsheets in the admin UI', () => {
  it('1. a tester adds a test case through the Excel sheet and sees it pass; a bad sheet changes nothing', async () => {
    const { context, page, errors } = await newPage(stack.browser);
    try {
      await loginAs(page, stack.server.url, 'tester-s', PASSWORD);
      await page.goto(`${stack.server.url}/#/fixtures`);
      await page.getByTestId('fixture-sheets').waitFor();
      await chooseOption(page, 'sheet-decision', '请假审批');
      const { download, bytes } = await downloadOf(page, () => page.getByTestId('export-fixtures-xlsx').click());
      expect(download.suggestedFilename()).toBe(`${PACK}-请假审批-测试用例-草稿.xlsx`);
      await page.getByText(`已导出 ${PACK}-请假审批-测试用例-草稿.xlsx`).waitFor();
      const before = await stack.admin.call('GET', `/packs/${PACK}`);

      // "in Excel": copy the first case's row below the last one, a new id, 事假 0.8 days
      const wb = await workbook(bytes);
      const ws = wb.getWorksheet('请假审批')!;
      const last = lastCaseRow(ws);
      const source = ws.getRow(3);
      const row = ws.getRow(last + 1);
      source.eachCell((cell, c) => {
        row.getCell(c).value = cell.value;
      });
      row.getCell(columnOf(ws, 'id')).value = NEW_CASE;
      row.getCell(columnOf(ws, 'name')).value = NEW_NAME;
      row.getCell(columnOf(ws, 'leaveType')).value = '事假';
      row.getCell(columnOf(ws, 'days')).value = 0.8;
      row.commit();
      editedSheet = Buffer.from(await wb.xlsx.writeBuffer());
      const existing = last - 2;

      await page.getByTestId('import-fixtures-file').setInputFiles({
        name: '请假审批.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: editedSheet,
      });
      await page
        .getByTestId('import-result')
        .filter({ hasText: `新增 1 个，更新 0 个，未变 ${existing} 个` })
        .waitFor();
      await page.getByText(NEW_NAME).first().waitFor(); // the list shows the new case
      await screenshot(page, 'sheets-01-fixtures-imported', false);
      const after = await stack.admin.call('GET', `/fixtures/${PACK}%3A${NEW_CASE}`);
      expect(after).toMatchObject({
        decision: 'leaveApproval',
        name: NEW_NAME,
        facts: { applicantRole: 'ordinary', leaveType: 'personal', days: 0.8 },
      });
      expect((await stack.admin.call('GET', `/packs/${PACK}`)).revision).toBe(before.revision + 1);

      // 运行测试: the new case passes
      await page.goto(`${stack.server.url}/#/test/${PACK}`);
      await page.getByTestId(`case-${NEW_CASE}`).getByTestId('chip-passed').waitFor();
      await page.getByTestId('test-summary').filter({ hasText: '0 个未通过' }).waitFor();
      await page.getByTestId(`case-${NEW_CASE}`).scrollIntoViewIfNeeded();
      await screenshot(page, 'sheets-02-test-runner', false);

      // a bad sheet: text in 请假天数 of the third case → the problem by sheet, row and column; nothing saved
      const bad = await workbook(editedSheet);
      const badSheet = bad.getWorksheet('请假审批')!;
      const daysColumn = columnOf(badSheet, 'days');
      badSheet.getRow(5).getCell(daysColumn).value = '三天';
      const revision = (await stack.admin.call('GET', `/packs/${PACK}`)).revision;
      const fixturesBefore = await stack.admin.call(
        'GET',
        `/fixtures?filter=${encodeURIComponent(JSON.stringify({ packId: PACK }))}&range=[0,499]`,
      );
      await page.goto(`${stack.server.url}/#/fixtures`);
      await page.getByTestId('import-fixtures-file').setInputFiles({
        name: '请假审批-有误.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: Buffer.from(await bad.xlsx.writeBuffer()),
      });
      const problems = page.getByTestId('sheet-problems');
      await problems.waitFor();
      expect(await problems.locator('th').allTextContents()).toEqual(['工作表', '行', '列', '问题']);
      const column = String.fromCharCode(64 + daysColumn); // F
      expect(await page.getByTestId('sheet-problem-0').locator('td').allTextContents()).toEqual([
        '请假审批',
        '5',
        column,
        '请假天数：「三天」不是数字',
      ]);
      await expect(page.getByTestId('upload-error').textContent()).resolves.toContain('未保存任何内容');
      await screenshot(page, 'sheets-03-bad-sheet', false);
      expect((await stack.admin.call('GET', `/packs/${PACK}`)).revision).toBe(revision);
      expect(
        await stack.admin.call(
          'GET',
          `/fixtures?filter=${encodeURIComponent(JSON.stringify({ packId: PACK }))}&range=[0,499]`,
        ),
      ).toEqual(fixturesBefore);

      // somebody changes the draft after the tester's last import: the same sheet again is a
      // conflict (409, nothing saved) and the page asks to reload
      const other = await stack.admin.call('GET', `/fixtures/${PACK}%3Aleave.ordinary.2d`);
      await stack.admin.call('PUT', `/fixtures/${PACK}%3Aleave.ordinary.2d`, {
        ...other,
        name: `${other.name}（已核对）`,
      });
      const moved = (await stack.admin.call('GET', `/packs/${PACK}`)).revision;
      await page.getByTestId('import-fixtures-file').setInputFiles({
        name: '请假审批.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: editedSheet,
      });
      await page.getByTestId('upload-error').filter({ hasText: '请重新加载' }).waitFor();
      await screenshot(page, 'sheets-03b-conflict', false);
      expect((await stack.admin.call('GET', `/packs/${PACK}`)).revision).toBe(moved);
      await page.getByTestId('reload-after-conflict').click();
      await page.getByTestId('upload-error').waitFor({ state: 'detached' });

      // a file over the server's limit (1 MB by default): 413, said in words
      await page.getByTestId('import-fixtures-file').setInputFiles({
        name: '很大的表格.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: Buffer.alloc(1_200_000, 1),
      });
      await page.getByTestId('upload-error').filter({ hasText: '文件过大' }).waitFor();
      expect((await stack.admin.call('GET', `/packs/${PACK}`)).revision).toBe(moved);
      expect(errors).toEqual([]);
    } catch (error) {
      await screenshot(page, 'failed-sheets-1');
      throw error;
    } finally {
      await context.close();
    }
  }, 180_000);

  it('2. 批量试算: an uploaded sheet comes back with the result of every row', async () => {
    const { context, page, errors } = await newPage(stack.browser);
    try {
      await loginAs(page, stack.server.url, 'tester-s', PASSWORD);
      await page.goto(`${stack.server.url}/#/try/${PACK}`);
      const section = page.getByTestId('batch-trial');
      await section.scrollIntoViewIfNeeded();
      await chooseOption(page, 'batch-decision', '请假审批');
      await chooseOption(page, 'batch-version', '草稿（未发布）');
      const { download, bytes } = await downloadOf(page, () =>
        page.getByTestId('batch-file').setInputFiles({
          name: '请假申请.xlsx',
          mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          buffer: editedSheet,
        }),
      );
      expect(download.suggestedFilename()).toBe(`${PACK}-请假审批-批量试算结果-草稿.xlsx`);
      await page.getByTestId('batch-done').filter({ hasText: '试算完成' }).waitFor();
      await section.scrollIntoViewIfNeeded();
      await screenshot(page, 'sheets-04-batch-trial', false);

      const ws = (await workbook(bytes)).worksheets[0];
      const header = (ws.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
      const resultColumn = header.indexOf('试算结果');
      expect(resultColumn).toBeGreaterThan(0);
      let found = '';
      ws.eachRow((row) => {
        if (row.getCell(1).value === NEW_CASE) found = String(row.getCell(resultColumn).value);
      });
      expect(found).toContain('分管领导审批');
      expect(errors).toEqual([]);
    } catch (error) {
      await screenshot(page, 'failed-sheets-2');
      throw error;
    } finally {
      await context.close();
    }
  }, 120_000);

  it('3. 操作日志 exported as CSV and Excel with the filter of the list', async () => {
    const { context, page, errors } = await newPage(stack.browser);
    try {
      await loginAs(page, stack.server.url, 'admin', ADMIN_PASSWORD);
      await page.goto(`${stack.server.url}/#/audit-events`);
      await page.getByText('鳌江镇机关值班规则包').first().waitFor(); // the whole list first (packs by name)
      await page.getByRole('combobox', { name: '规则包' }).click();
      await page.getByRole('option', { name: '某县某镇干部管理规则包' }).click();
      await page.waitForURL(/county-township-cadres/);
      await page.getByText('鳌江镇机关值班规则包').first().waitFor({ state: 'detached' });
      await page.getByText('请假审批：新增 1 个，更新 0 个').waitFor(); // the import in the list, in words
      const csv = await downloadOf(page, () => page.getByTestId('audit-export-csv').click());
      expect(csv.download.suggestedFilename()).toMatch(/\.csv$/);
      const text = csv.bytes.toString('utf8');
      expect(text.charCodeAt(0)).toBe(0xfeff); // BOM: Excel/WPS read the Chinese
      expect(text).toContain('fixtures.import');
      expect(text).not.toContain('aojiang-town-duty'); // another pack's events are filtered out

      const xlsx = await downloadOf(page, () => page.getByTestId('audit-export-xlsx').click());
      expect(xlsx.download.suggestedFilename()).toMatch(/\.xlsx$/);
      const ws = (await workbook(xlsx.bytes)).worksheets[0];
      const header = (ws.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
      const packColumn = header.indexOf('规则包');
      const ids: number[] = [];
      const packs = new Set<string>();
      ws.eachRow((row, n) => {
        if (n > 1) {
          ids.push(Number(row.getCell(1).value));
          packs.add(String(row.getCell(packColumn).value));
        }
      });
      expect([...packs]).toEqual([PACK]);
      expect(ids.length).toBeGreaterThan(1);
      expect(ids).toEqual([...ids].sort((a, b) => b - a)); // the list's sort: newest first
      await screenshot(page, 'sheets-05-audit-export', false);
      expect(errors).toEqual([]);
    } catch (error) {
      await screenshot(page, 'failed-sheets-3');
      throw error;
    } finally {
      await context.close();
    }
  }, 120_000);
});
