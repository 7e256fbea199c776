/**
 * The director's forms in headless Chromium against the real server: a 422 lands on its field in
 * the server's words and the form sends again once fixed; an incomplete day is an error, not a
 * silent fallback; JSON mode shows one plain problem at its line and never widens the page; 参数
 * finds a parameter by words or decision with the locked national ones collapsed.
 * Screenshots: test-artifacts/screenshots/director-forms-*.png.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, loginAs, newPage, screenshot, useStack } from './helpers/harness.js';

const PACK = 'county-township-cadres';
const TOWNSHIP = 'county-township';
const PASSWORD = 'e2e-password-123';

const stack = useStack(async ({ admin }) => {
  await admin.call('POST', '/users', {
    username: 'director-a',
    password: PASSWORD,
    role: 'director',
    townshipId: TOWNSHIP,
    displayName: '张三',
  });
});

const pageIsNotWider = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe("the director's forms", () => {
  it('user create: every problem on its field at once (password length, township), then the fixed form is sent', async () => {
    const { page, context, errors } = await newPage(stack.browser);
    const posts: number[] = [];
    page.on('response', (r) => {
      if (r.request().method() === 'POST' && r.url().endsWith('/api/users')) posts.push(r.status());
    });
    try {
      await loginAs(page, stack.server.url, 'admin', ADMIN_PASSWORD);
      await page.goto(`${stack.server.url}/#/users/create`);
      await page.locator('input[name="username"]').fill('wangwu');
      await page.getByRole('combobox', { name: /角色/ }).click();
      await page.getByRole('option', { name: '主任', exact: true }).click();
      const password = page.locator('input[name="password"]');
      await password.fill('1234567');
      await page.getByRole('button', { name: '保存' }).click();
      // every problem of one save on its field: the request schema's words on the password
      const field = page.locator('.ra-input-password');
      await field.getByText('不应少于 8 个字符').waitFor();
      await expect(password.getAttribute('aria-invalid')).resolves.toBe('true');
      // a director belongs to a township: said on the township field
      await page.locator('.ra-input-townshipId').getByText('请指定用户所属乡镇').waitFor();
      expect(posts).toEqual([422]);
      await screenshot(page, 'director-forms-01-password', false);

      await page.getByRole('combobox', { name: /乡镇/ }).click();
      await page.getByRole('option', { name: '某县某镇', exact: true }).click();
      await password.fill('12345678');
      await page.getByRole('button', { name: '保存' }).click();
      await expect.poll(() => posts, { timeout: 20_000 }).toEqual([422, 201]);
      const [created] = await stack.admin.call(
        'GET',
        `/users?filter=${encodeURIComponent(JSON.stringify({ q: 'wangwu' }))}`,
      );
      expect(created).toMatchObject({ username: 'wangwu', role: 'director' });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('publish form: an incomplete effective day is an error on the field and nothing is sent', async () => {
    const { page, context, errors } = await newPage(stack.browser);
    const publishes: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/publish')) publishes.push(r.url());
    });
    try {
      await loginAs(page, stack.server.url, 'director-a', PASSWORD);
      await page.goto(`${stack.server.url}/#/publish/${PACK}`);
      await page.getByTestId('publish-tests').waitFor();
      await page.getByRole('radio', { name: '指定日期生效' }).check();
      const day = page.getByTestId('effective-day');
      await expect(day.getAttribute('placeholder')).resolves.toBe('年-月-日');
      await day.fill('2027-01');
      await page.getByTestId('publish-button').click();
      await page.getByText('日期不完整，请按 年-月-日 填写').waitFor();
      await expect(day.getAttribute('aria-invalid')).resolves.toBe('true');
      // a day typed without dashes reads as yyyy-mm-dd once the field is left
      await day.fill('20270101');
      await page.getByTestId('basis-text').click();
      await expect(day.inputValue()).resolves.toBe('2027-01-01');
      expect(publishes).toEqual([]);
      await screenshot(page, 'director-forms-02-day', false);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('JSON mode: one plain problem at its line, and the page stays as wide as the screen', async () => {
    const { page, context, errors } = await newPage(stack.browser);
    try {
      await page.setViewportSize({ width: 1280, height: 800 });
      await loginAs(page, stack.server.url, 'director-a', PASSWORD);
      await page.goto(`${stack.server.url}/#/rules/create`);
      await page.getByRole('button', { name: 'JSON 模式' }).click();
      const long = '很长的规则名称'.repeat(60);
      const text = [
        '{',
        '  "id": "leave.test",',
        `  "title": "${long}",`,
        '  "citations": ["LV-002-A"],',
        '  "conditions": { "all": [ { "fact": "days", "operator": "atMost", "value": 1 } ] },',
        '  "outcomes": []',
        '}',
      ].join('\n');
      await page.locator('.cm-content').click();
      await page.keyboard.press('Control+A');
      await page.keyboard.insertText(text);
      const problem = page.locator('.cm-json-problem');
      await problem.filter({ hasText: '第 5 行：「operator」应为以下之一' }).waitFor();
      expect(await problem.count()).toBe(1);
      await expect(page.getByTestId('json-problems').textContent()).resolves.not.toMatch(/\/conditions|oneOf|anyOf/);
      expect(await pageIsNotWider(page)).toBe(true);
      await screenshot(page, 'director-forms-03-json', false);

      // a missing comma: named on its line
      await page.keyboard.press('Control+A');
      await page.keyboard.insertText(text.replace('"id": "leave.test",', '"id": "leave.test"'));
      await problem.filter({ hasText: '上一项后面缺少逗号' }).waitFor();
      await expect(page.getByRole('button', { name: '保存' }).isDisabled()).resolves.toBe(true);
      expect(await pageIsNotWider(page)).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('rule editor: the group is a choice by Chinese name, or a new group named in Chinese', async () => {
    const { page, context, errors } = await newPage(stack.browser);
    try {
      await loginAs(page, stack.server.url, 'director-a', PASSWORD);
      await page.goto(`${stack.server.url}/#/rules/create`);
      await page.getByRole('combobox', { name: /条件组/ }).click();
      await page.getByRole('option', { name: '新建条件组…' }).click();
      await page.getByTestId('new-group-label').fill('超长请假备案');
      expect(await page.locator('input[name="group"]').inputValue()).not.toBe('超长请假备案');
      await screenshot(page, 'director-forms-06-new-group', false);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('参数: locked national parameters collapsed, search by words or clause, filter by decision', async () => {
    const { page, context, errors } = await newPage(stack.browser);
    try {
      await loginAs(page, stack.server.url, 'director-a', PASSWORD);
      await page.goto(`${stack.server.url}/#/parameters`);
      await page.getByTestId('param-leave.supervisorOnlyMaxDays').waitFor();
      const toggle = page.getByTestId('param-locked-toggle');
      await toggle.filter({ hasText: '国家规定（已锁定）' }).waitFor();
      expect(await page.getByTestId('param-annualLeave.shortServiceDays').count()).toBe(0);
      await screenshot(page, 'director-forms-04-parameters', false);

      // by words of the label
      await page.getByTestId('param-search').fill('迟到');
      await page.getByTestId('param-penalty.meetingLateSelfCriticismFrom').waitFor();
      expect(await page.getByTestId('param-leave.supervisorOnlyMaxDays').count()).toBe(0);
      // by words of the clause: the national annual-leave regulation shows its locked parameters
      await page.getByTestId('param-search').fill('年休假条例');
      await page.getByTestId('param-annualLeave.shortServiceDays').waitFor();
      // by decision
      await page.getByTestId('param-search').fill('');
      await page.getByTestId('param-decision').click();
      await page.getByRole('option', { name: '考勤认定' }).click();
      await page.getByTestId('param-attendance.convertCount').waitFor();
      expect(await page.getByTestId('param-leave.supervisorOnlyMaxDays').count()).toBe(0);
      await screenshot(page, 'director-forms-05-parameters-filtered', false);
      // unfolding the locked ones
      await page.getByTestId('param-decision').click();
      await page.getByRole('option', { name: '全部事项' }).click();
      await toggle.click();
      await page.getByTestId('param-annualLeave.shortServiceDays').getByTestId('chip-locked').waitFor();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('参数: a parameter no rule reads says so and may be deleted', async () => {
    await stack.admin.call('POST', '/parameters', {
      packId: PACK,
      parameterId: 'leave.draftedAboveDays',
      type: 'number',
      label: '起草时「1天以上」的天数',
      unit: '天',
      value: 1,
      source: 'LV-002-A',
    });
    const { page, context, errors } = await newPage(stack.browser);
    try {
      await loginAs(page, stack.server.url, 'director-a', PASSWORD);
      await page.goto(`${stack.server.url}/#/parameters`);
      const card = page.getByTestId('param-leave.draftedAboveDays');
      await card.getByTestId('param-unused').filter({ hasText: '未被任何规则使用' }).waitFor();
      expect(await page.getByTestId('param-leave.supervisorOnlyMaxDays').getByTestId('param-unused').count()).toBe(0);
      await screenshot(page, 'director-forms-07-unused', false);
      await card.getByRole('button', { name: '删除' }).click();
      await page
        .getByRole('dialog')
        .getByRole('button', { name: /确认|确定/ })
        .click();
      await card.waitFor({ state: 'detached' });
      const rows = await stack.admin.call(
        'GET',
        `/parameters?filter=${encodeURIComponent(JSON.stringify({ packId: PACK }))}&range=[0,499]`,
      );
      expect(rows.map((r: { parameterId: string }) => r.parameterId)).not.toContain('leave.draftedAboveDays');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
