/**
 * Accounts in the admin UI, in headless Chromium against the real server: a user changes their
 * own password from the user menu (修改密码; the wrong current password is refused under the
 * field) and their session elsewhere ends at once; an admin sees a locked account on the users
 * screen and unlocks it (解锁).
 */
import { describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, Api, loginAs, newPage, screenshot, useStack } from './helpers/harness.js';

const PASSWORD = 'e2e-password-123';
const NEW_PASSWORD = 'e2e-new-password-456';

const stack = useStack(async ({ admin }) => {
  await admin.createUser('clerk-e', PASSWORD, 'viewer', 'county-township');
  await admin.createUser('locked-e', PASSWORD, 'viewer', 'county-township');
});

describe('accounts in the admin UI', () => {
  it('a user changes their own password from the user menu; their other session ends at once', async () => {
    const elsewhere = await Api.login(stack.server.url, 'clerk-e', PASSWORD);
    const { context, page, errors } = await newPage(stack.browser);
    try {
      await loginAs(page, stack.server.url, 'clerk-e', PASSWORD);
      await page.getByRole('button', { name: 'clerk-e' }).click(); // the user menu is named after the person
      await page.getByTestId('menu-change-password').click();
      await page.getByTestId('change-password').waitFor();

      await page.getByLabel('当前密码').fill('not-my-password');
      await page.getByLabel('新密码', { exact: false }).first().fill(NEW_PASSWORD);
      await page.getByLabel('再次输入新密码').fill(NEW_PASSWORD);
      await page.getByRole('button', { name: '确认修改' }).click();
      await page.getByText('当前密码不正确').waitFor();

      await page.getByLabel('当前密码').fill(PASSWORD);
      await page.getByRole('button', { name: '确认修改' }).click();
      await page.getByText('密码已修改，其他登录已失效').waitFor();

      await expect(elsewhere.call('GET', '/auth/me')).rejects.toMatchObject({ status: 401 });
      await expect(Api.login(stack.server.url, 'clerk-e', NEW_PASSWORD)).resolves.toBeInstanceOf(Api);
      // this browser's session goes on
      await page.getByRole('menuitem', { name: '规则包' }).click();
      await page.waitForURL(/#\/packs/);
      expect(errors).toEqual([]);
    } catch (error) {
      await screenshot(page, 'failed-account-1');
      throw error;
    } finally {
      await context.close();
    }
  }, 120_000);

  it('an admin sees a locked account on the users screen and unlocks it', async () => {
    for (let i = 0; i < 5; i++) await Api.login(stack.server.url, 'locked-e', 'wrong-password').catch(() => undefined);
    await expect(Api.login(stack.server.url, 'locked-e', PASSWORD)).rejects.toMatchObject({ status: 423 });
    const { context, page, errors } = await newPage(stack.browser);
    try {
      await loginAs(page, stack.server.url, 'admin', ADMIN_PASSWORD);
      await page.goto(`${stack.server.url}/#/users`);
      await page.getByTestId('user-locked').waitFor();
      await page.getByTestId('unlock-user').click();
      await page.getByText('已解锁 locked-e').waitFor();
      await page.getByTestId('user-locked').waitFor({ state: 'detached' });
      await expect(Api.login(stack.server.url, 'locked-e', PASSWORD)).resolves.toBeInstanceOf(Api);
      expect(errors).toEqual([]);
    } catch (error) {
      await screenshot(page, 'failed-account-2');
      throw error;
    } finally {
      await context.close();
    }
  }, 120_000);
});
