/**
 * The decision log and what-if in the browser: leave requests evaluated through the API are in the decision log; a
 * director raises 「分管领导单独审批的最长天数」 to 3 in the draft, and 发布 shows which logged
 * decisions the draft would decide differently (the 2- and 3-day requests move from
 * 「分管领导+党委书记或镇长」 to 「分管领导」); 决策日志 lists the decisions and exports them.
 */
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { loginAs, newPage, screenshot, useStack } from './helpers/harness.js';

const PACK = 'county-township-cadres';
const PASSWORD = 'e2e-password-123';
const LEAVE = { applicantRole: 'ordinary', leaveType: 'personal' };

const stack = useStack(async ({ admin }) => {
  await admin.createUser('director-w', PASSWORD, 'director', 'county-township');
  for (const days of [1, 2, 3])
    await admin.call('POST', `/packs/${PACK}/evaluate`, { decision: 'leaveApproval', facts: { ...LEAVE, days } });
});

describe('decision log and what-if', () => {
  it('a director raises a threshold and sees which logged decisions would change; the log lists them', async () => {
    const { context, page, errors } = await newPage(stack.browser);
    try {
      const before = await stack.admin.call(
        'GET',
        `/decisions?filter=${encodeURIComponent(JSON.stringify({ packId: PACK }))}`,
      );
      expect(before.map((d: { summary: string }) => d.summary.split('；')[0])).toEqual([
        '分管领导+党委书记或镇长',
        '分管领导+党委书记或镇长',
        '分管领导',
      ]);

      await loginAs(page, stack.server.url, 'director-w', PASSWORD);
      await page.goto(`${stack.server.url}/#/parameters`);
      const card = page.getByTestId('param-leave.supervisorOnlyMaxDays');
      await card.getByRole('link', { name: '编辑' }).click();
      await page.getByTestId('param-value-input').fill('3');
      await page.getByRole('button', { name: '保存' }).click();
      await page
        .getByTestId('param-leave.supervisorOnlyMaxDays')
        .getByTestId('param-value')
        .filter({ hasText: '3 天' })
        .waitFor();

      await page.goto(`${stack.server.url}/#/publish/${PACK}`);
      const panel = page.getByTestId('whatif-panel');
      await panel.getByTestId('whatif-summary').filter({ hasText: '共 3 件中 2 件结果会改变' }).waitFor();
      const transitions = await panel.getByTestId('whatif-transition').allTextContents();
      expect(transitions).toHaveLength(1);
      expect(transitions[0]).toMatch(/^分管领导\+党委书记或镇长(；[^→]*)? → 分管领导(；.*)?：2 件$/);
      const cases = panel.getByTestId('whatif-case');
      await expect(cases.count()).resolves.toBe(2);
      const first = await cases.nth(0).textContent();
      expect(first).toMatch(/请假天数：[23] 天/);
      expect(first).toContain('第2步：党委书记或镇长审批'); // before
      expect(first).toContain('现行结果');
      expect(first).toContain('发布后结果');
      await screenshot(page, 'whatif-01-publish');

      await page.goto(`${stack.server.url}/#/decisions`);
      await page.getByTestId('decision-facts').first().waitFor();
      const facts = await page.getByTestId('decision-facts').allTextContents();
      expect(facts).toHaveLength(3);
      expect(facts.join('\n')).toMatch(/请假天数：3 天/);
      expect(
        (await page.getByTestId('decision-outcomes').allTextContents()).filter((t) =>
          t.startsWith('分管领导+党委书记或镇长'),
        ),
      ).toHaveLength(2);
      await screenshot(page, 'whatif-02-decision-log');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('decisions-export-csv').click(),
      ]);
      const csv = await readFile((await download.path())!, 'utf8');
      expect(download.suggestedFilename()).toMatch(/^决策日志-.*\.csv$/);
      expect(csv.split('\r\n').filter(Boolean)).toHaveLength(4);
      expect(csv).toContain('时间');
      // the export follows the filter: this pack as Excel, then a period with no decisions
      await page.getByRole('combobox', { name: '规则包' }).click();
      await page.getByRole('option', { name: '某县某镇干部管理规则包' }).click();
      await page.waitForURL(/county-township-cadres/);
      const [xlsx] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('decisions-export-xlsx').click(),
      ]);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await readFile((await xlsx.path())!)) as any);
      const cells: string[] = [];
      workbook.worksheets[0].eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value))));
      expect(cells.filter((c) => c === PACK)).toHaveLength(3);
      await page.getByLabel('起始日期').fill('2099-01-01');
      await page.getByTestId('decision-facts').first().waitFor({ state: 'detached' });
      const [empty] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('decisions-export-csv').click(),
      ]);
      expect((await readFile((await empty.path())!, 'utf8')).split('\r\n').filter(Boolean)).toHaveLength(1);
      await screenshot(page, 'whatif-03-decision-log-empty-period', false);
      await page.goto(`${stack.server.url}/#/decisions?filter=${encodeURIComponent('{}')}`);
      await page.getByTestId('decision-facts').first().waitFor();

      // one decision in full
      await page.getByTestId('decision-facts').filter({ hasText: '请假天数：2 天' }).click();
      const shown = page.getByTestId('decision-show');
      await shown.filter({ hasText: '第2步：党委书记或镇长审批' }).waitFor();
      expect(await shown.textContent()).toContain('请假天数：2 天');
      await screenshot(page, 'whatif-04-decision', false);
      expect(errors).toEqual([]);
    } catch (error) {
      await screenshot(page, 'failed-what-if');
      throw error;
    } finally {
      await context.close();
    }
  }, 180_000);
});
