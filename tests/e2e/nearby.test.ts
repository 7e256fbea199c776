/**
 * 怎样会不同 in 试算: a 3-day personal leave of an ordinary cadre needs two signatures; the panel
 * under the answer says that at most 1 day (the parameter 「分管领导单独审批的最长天数」) needs only
 * the supervisor, and 按此试算 re-runs the trial with 1 day and gets exactly that.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { loginAs, newPage, screenshot, useStack } from './helpers/harness.js';

const PACK = 'county-township-cadres';
const PASSWORD = 'e2e-password-123';

const stack = useStack(async ({ admin }) => {
  await admin.createUser('director-n', PASSWORD, 'director', 'county-township');
});

async function tryLeave(page: Page, days: string) {
  await page.goto(`${stack.server.url}/#/try/${PACK}`);
  await page.getByRole('radio', { name: '一般干部', exact: true }).check();
  await page.getByRole('combobox', { name: /假别/ }).click();
  await page.getByRole('option', { name: '事假', exact: true }).click();
  await page.getByRole('spinbutton', { name: /^请假天数（天）/ }).fill(days);
  await page.getByTestId('evaluate').click();
}

describe('怎样会不同 in 试算', () => {
  it('names the nearest threshold with its parameter, and trying it gives that answer', async () => {
    const { context, page, errors } = await newPage(stack.browser);
    try {
      await loginAs(page, stack.server.url, 'director-n', PASSWORD);
      await tryLeave(page, '3');
      const outcomes = page.getByTestId('tryit-outcomes');
      await outcomes.filter({ hasText: '第2步：党委书记或镇长审批' }).waitFor();
      const panel = page.getByTestId('tryit-nearby');
      await panel.getByText('怎样会不同').waitFor();
      const change = panel
        .getByTestId('nearby-change')
        .filter({ hasText: '若请假天数不超过 1 天（参数「分管领导单独审批的最长天数」），只需分管领导审批' });
      await change.waitFor();
      await expect(change.textContent()).resolves.toContain('《某县某镇机关干部管理制度》三、考勤制度 第3条');
      await screenshot(page, 'nearby-tryit');

      await change.getByTestId('nearby-try').click();
      await expect(page.getByRole('spinbutton', { name: /^请假天数（天）/ }).inputValue()).resolves.toBe('1');
      await outcomes.filter({ hasNotText: '第2步' }).filter({ hasText: '分管领导审批' }).waitFor();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
