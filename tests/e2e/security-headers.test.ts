/**
 * The admin UI works under the server's Content-Security-Policy: in headless Chromium an admin
 * logs in and visits every main screen (规则包, 参数, 规则 with its editor, 测试用例, 试算 with a
 * run, 发布, 版本, 发布申请, 操作日志, 决策记录, 用户, 导入导出, 起草); any CSP violation
 * (a `securitypolicyviolation` event or a console report) fails the test. A control first
 * proves the policy is in force and the listener hears it: an injected inline script is
 * blocked and reported. The policy has no 'unsafe-eval', so the forms' JSON Schema validation
 * (试算, the rule editor's JSON mode) must still work without compiling code in the stack.browser.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, loginAs, newPage, screenshot, useStack } from './helpers/harness.js';

const PACK = 'county-township-cadres';

const stack = useStack();

/** Collect CSP violations of the page (events, across navigations) and console reports. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction('reportCspViolation', (text: string) => {
    violations.push(text);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (globalThis as unknown as { reportCspViolation: (t: string) => void }).reportCspViolation(
        `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber} on ${location.hash}`,
      );
    });
  });
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(`console: ${message.text()}`);
  });
  return violations;
}

/** Open a screen and wait until it has loaded its data. */
async function visit(page: Page, hash: string, ready?: (page: Page) => Promise<unknown>) {
  await page.goto(`${stack.server.url}/#${hash}`);
  await page.waitForLoadState('networkidle');
  if (ready) await ready(page);
  await page.waitForLoadState('networkidle');
}

/** Open the first record of a list screen (a table row or an 编辑 link), when it has one. */
async function openFirst(page: Page) {
  const row = page.locator('table tbody tr').first();
  const edit = page.getByRole('link', { name: '编辑' }).first();
  if (await row.count()) await row.click();
  else if (await edit.count()) await edit.click();
  else return;
  await page.waitForLoadState('networkidle');
}

describe('the admin UI under the Content-Security-Policy', () => {
  it('the policy is sent with the UI and enforced: an injected inline script is blocked and reported', async () => {
    const { context, page } = await newPage(stack.browser);
    try {
      const violations = await watchViolations(page);
      const response = await page.goto(`${stack.server.url}/`);
      const csp = response!.headers()['content-security-policy'];
      expect(csp).toMatch(/script-src 'self'/);
      expect(csp).toMatch(/object-src 'none'/);
      // validators are precompiled at build time: nothing in the UI may evaluate code
      expect(csp).not.toMatch(/unsafe-eval/);
      expect(response!.headers()['x-content-type-options']).toBe('nosniff');
      await page.waitForLoadState('networkidle');
      const ran = await page.evaluate(() => {
        const script = document.createElement('script');
        script.textContent = 'globalThis.injectedRan = true';
        document.body.appendChild(script);
        return (globalThis as { injectedRan?: boolean }).injectedRan === true;
      });
      expect(ran).toBe(false);
      await expect.poll(() => violations.length).toBeGreaterThan(0);
      expect(violations.join('\n')).toMatch(/script-src/);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('an admin visits every main screen without a single CSP violation', async () => {
    const { context, page, errors } = await newPage(stack.browser);
    const violations = await watchViolations(page);
    try {
      await loginAs(page, stack.server.url, 'admin', ADMIN_PASSWORD);
      const rules = await stack.admin.call(
        'GET',
        `/rules?filter=${encodeURIComponent(JSON.stringify({ packId: PACK }))}&range=[0,0]`,
      );

      await visit(page, '/packs', (p) => p.getByText('某县某镇干部管理规则包').first().waitFor());
      await visit(page, `/packs/${PACK}/show`, (p) => p.getByText('某县某镇干部管理规则包').first().waitFor());
      await visit(page, '/parameters', (p) => p.getByRole('heading', { name: '分管领导单独审批的最长天数' }).waitFor());
      await openFirst(page);
      await visit(page, '/rules');
      await openFirst(page);
      // the rule editor: condition builder, CodeMirror JSON view and schema validation (Ajv)
      await visit(page, `/rules/${encodeURIComponent(rules[0].id)}`, (p) =>
        p.getByRole('button', { name: '保存' }).first().waitFor(),
      );
      await visit(page, '/fixtures');
      await openFirst(page);

      // 试算: a form generated from the decision's JSON schema, validated in the stack.browser, then run
      await visit(page, `/try/${PACK}`, (p) => p.getByTestId('evaluate').waitFor());
      await page.getByRole('radio').first().check();
      await page.getByTestId('evaluate').click();
      await page.waitForLoadState('networkidle');

      for (const screen of [`/test/${PACK}`, `/publish/${PACK}`, `/diff/${PACK}`]) await visit(page, screen);
      for (const list of ['/versions', '/publish-requests', '/audit-events', '/decisions', '/users', '/townships']) {
        await visit(page, list);
        await openFirst(page);
      }
      await visit(page, '/import-export');
      await visit(page, '/drafting');

      expect(violations).toEqual([]);
      expect(errors).toEqual([]);
    } catch (error) {
      await screenshot(page, 'failed-security-headers');
      if (violations.length) console.error(`CSP violations before the failure:\n${violations.join('\n')}`);
      throw error;
    } finally {
      await context.close();
    }
  }, 240_000);

  it('without eval, 试算 still refuses a bad value and the JSON mode a bad rule, in Chinese', async () => {
    const { context, page, errors } = await newPage(stack.browser);
    const violations = await watchViolations(page);
    try {
      await loginAs(page, stack.server.url, 'admin', ADMIN_PASSWORD);
      await visit(page, `/try/${PACK}`, (p) => p.getByTestId('evaluate').waitFor());
      await page.locator('#root_days').fill('400');
      await page.getByTestId('evaluate').click();
      await page.getByText('应当为 <= 366').waitFor();
      await page.locator('#root_days').fill('');
      await page.getByTestId('evaluate').click();
      await page.getByText('应当填写「请假天数（天）」').waitFor();
      expect(await page.getByTestId('tryit-result').count()).toBe(0);

      const rules = await stack.admin.call(
        'GET',
        `/rules?filter=${encodeURIComponent(JSON.stringify({ packId: PACK }))}&range=[0,0]`,
      );
      await visit(page, `/rules/${encodeURIComponent(rules[0].id)}`, (p) =>
        p.getByRole('button', { name: 'JSON 模式' }).waitFor(),
      );
      await page.getByRole('button', { name: 'JSON 模式' }).click();
      await page.locator('.cm-content').click();
      await page.keyboard.press('Control+A');
      await page.keyboard.insertText(
        JSON.stringify({ id: 'leave.example', title: '', citations: [], conditions: { all: [] }, outcomes: [] }),
      );
      const problems = page.getByTestId('json-problems');
      // one plain problem at a time, in Chinese: the precompiled validator ran without eval
      await problems.filter({ hasText: /至少需要 1 项|不应少于 1 个字符/ }).waitFor();
      await expect(page.getByRole('button', { name: '保存' }).isDisabled()).resolves.toBe(true);

      expect(violations).toEqual([]);
      expect(errors).toEqual([]);
    } catch (error) {
      await screenshot(page, 'failed-security-headers-validation');
      if (violations.length) console.error(`CSP violations before the failure:\n${violations.join('\n')}`);
      throw error;
    } finally {
      await context.close();
    }
  }, 120_000);
});
