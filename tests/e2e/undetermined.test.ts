/**
 * 试算 says what it is still waiting for: 20 days of absence without 干部管理权限 answers 认定为旷工
 * and lists 还需确认 with both options right under the answer; choosing 组织部门管理 runs 试算 again
 * and the referral to 县委组织部 is in the answer.
 */
import { describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, loginAs, newPage, screenshot, useStack } from './helpers/harness.js';

const PACK = 'county-township-cadres';

const stack = useStack();

describe('试算: missing facts', () => {
  it('lists 还需确认 with the options under the answer; choosing one runs 试算 again', async () => {
    const { context, page, errors } = await newPage(stack.browser);
    try {
      await loginAs(page, stack.server.url, 'admin', ADMIN_PASSWORD);
      await page.goto(`${stack.server.url}/#/try/${PACK}`);
      await page.getByTestId('decision-select').locator('[role="combobox"]').click();
      await page.getByRole('option', { name: '考勤认定', exact: true }).click();
      await page.getByRole('combobox', { name: /考勤事件/ }).click();
      await page.getByRole('option', { name: '未请假不上班', exact: true }).click();
      await page.getByRole('spinbutton', { name: /^连续旷工或逾期不归天数/ }).fill('20');
      await page.getByTestId('evaluate').click();

      const missing = page.getByTestId('missing-facts');
      await missing.waitFor();
      expect(await page.getByTestId('tryit-outcomes').textContent()).toContain('认定为旷工');
      const text = (await missing.textContent()) ?? '';
      expect(text).toContain('还需确认');
      expect(text).toContain('干部管理权限');
      expect(text).toContain('县委组织部');
      expect(text).toContain('县人社局');
      await screenshot(page, 'undetermined-01-missing-facts');

      await page.getByTestId('missing-option-managedBy-orgDept').click();
      await page.getByTestId('tryit-outcomes').filter({ hasText: '县委组织部' }).waitFor();
      await missing.waitFor({ state: 'detached' });
      expect(errors).toEqual([]);
    } catch (error) {
      await screenshot(page, 'failed-undetermined');
      throw error;
    } finally {
      await context.close();
    }
  }, 120_000);
});
