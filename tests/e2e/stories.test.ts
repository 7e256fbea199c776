/**
 * The admin UI end to end, in headless Chromium against the real server (temporary SQLite):
 *   1. a director raises a leave-approval threshold, sees the test cases it breaks, fixes them,
 *      publishes (another director of the township approves the request), gets the new approval
 *      chain in 试算, rolls back and gets the old one;
 *   2. a tester adds a test case from a trial and runs the suite;
 *   3. a director of township A cannot see or open township B's pack, not even by URL.
 * Screenshots of the main screens go to test-artifacts/screenshots/.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  ADMIN_PASSWORD,
  Api,
  REPO,
  approveOpenRequest,
  loginAs,
  newPage,
  screenshot,
  useStack,
} from './helpers/harness.js';

const PACK = 'county-township-cadres';
const TOWNSHIP = 'county-township';
const PASSWORD = 'e2e-password-123';

/** a second director of the township who approves director-a's publish requests */
let approver: Api;
const metrics: Record<string, number> = {};

async function chooseOption(page: Page, testId: string, option: string) {
  await page.getByTestId(testId).locator('[role="combobox"]').click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Fill the 请假审批 form of 试算 and evaluate. */
async function tryLeave(page: Page, version: string, role: string, leaveType: string, days: string) {
  await page.goto(`${stack.server.url}/#/try/${PACK}`);
  await chooseOption(page, 'version-select', version);
  await page.getByRole('radio', { name: role, exact: true }).check();
  await page.getByRole('combobox', { name: /假别/ }).click();
  await page.getByRole('option', { name: leaveType, exact: true }).click();
  await page.getByRole('spinbutton', { name: /^请假天数（天）/ }).fill(days);
  await page.getByTestId('evaluate').click();
  return page.getByTestId('tryit-outcomes');
}

const stack = useStack(async ({ server, admin }) => {
  await admin.createUser('director-a', PASSWORD, 'director', TOWNSHIP);
  await admin.call('POST', '/users', {
    username: 'approver-a',
    password: PASSWORD,
    role: 'director',
    townshipId: TOWNSHIP,
    canApprove: true,
  });
  approver = await Api.login(server.url, 'approver-a', PASSWORD);
  await admin.createUser('tester-a', PASSWORD, 'tester', TOWNSHIP);
  await admin.call('POST', '/townships', { id: 'township-b', name: '某乡B', level: 'township' });
  await admin.call('POST', '/packs', {
    id: 'township-b-cadres',
    name: '某乡B干部管理规则包',
    townshipId: 'township-b',
    extends: 'base',
  });
  await admin.createUser('director-b', PASSWORD, 'director', 'township-b');
});

afterAll(async () => {
  mkdirSync(join(REPO, 'test-artifacts'), { recursive: true });
  writeFileSync(join(REPO, 'test-artifacts', 'e2e-metrics.json'), JSON.stringify(metrics, null, 2));
});

describe('admin UI stories', () => {
  it('1. a director raises a threshold, fixes the test cases it breaks, publishes, tries it and rolls back', async () => {
    const { context, page, errors } = await newPage(stack.browser);
    try {
      await loginAs(page, stack.server.url, 'director-a', PASSWORD);
      await screenshot(page, '01-packs');

      // 参数: time from navigation to an interactive parameters page
      const started = Date.now();
      await page.goto(`${stack.server.url}/#/parameters`);
      const card = page.getByTestId('param-leave.supervisorOnlyMaxDays');
      await card.getByTestId('param-value').filter({ hasText: '1 天' }).waitFor();
      await card.getByRole('link', { name: '编辑' }).waitFor();
      metrics.parametersInteractiveInAppMs = Date.now() - started;
      await screenshot(page, '02-parameters', false);
      // and cold: a new tab (same session) loading the whole app straight onto 参数
      const cold = await context.newPage();
      const coldStart = Date.now();
      await cold.goto(`${stack.server.url}/#/parameters`);
      await cold.getByTestId('param-leave.supervisorOnlyMaxDays').getByRole('link', { name: '编辑' }).waitFor();
      metrics.parametersInteractiveColdMs = Date.now() - coldStart;
      await cold.close();

      await card.getByRole('link', { name: '编辑' }).click();
      const input = page.getByTestId('param-value-input');
      await input.fill('0.1');
      await page.getByRole('button', { name: '保存' }).click();
      await page.getByText('不得小于 0.5天').waitFor();
      await screenshot(page, '03-parameter-invalid');
      expect((await stack.admin.call('GET', `/parameters/${PACK}%3Aleave.supervisorOnlyMaxDays`)).value).toBe(1);

      await input.fill('2');
      await page.getByRole('button', { name: '保存' }).click();
      await page
        .getByTestId('param-leave.supervisorOnlyMaxDays')
        .getByTestId('param-value')
        .filter({ hasText: '2 天' })
        .waitFor();
      expect((await stack.admin.call('GET', `/parameters/${PACK}%3Aleave.supervisorOnlyMaxDays`)).value).toBe(2);

      // 发布 before fixing: the diff shows the change and the cases whose outcome changes; publishing is refused
      await page.goto(`${stack.server.url}/#/publish/${PACK}`);
      await page.getByTestId('diff-param-leave.supervisorOnlyMaxDays').waitFor();
      await page.getByTestId('diff-fixture-leave.ordinary.1-5d').waitFor();
      await page.getByTestId('publish-tests').filter({ hasText: '个未通过' }).waitFor();
      await page.getByTestId('publish-button').click();
      await page.getByTestId('publish-blocked').waitFor();
      await expect(page.getByTestId('publish-blocked').textContent()).resolves.toContain('测试用例');
      await screenshot(page, '04-publish-blocked');

      // 运行测试: the broken cases, red, with expected vs actual; take the new result as expected
      await page.goto(`${stack.server.url}/#/test/${PACK}`);
      await page.getByTestId('test-summary').filter({ hasText: '4 个未通过' }).waitFor();
      await page.getByTestId('case-leave.ordinary.1-5d').getByTestId('chip-failed').waitFor();
      await screenshot(page, '05-test-failures', false);
      for (const id of ['leave.ordinary.1-5d', 'leave.ordinary.2d', 'leave.cap.4d', 'leave.cap.sick']) {
        await page.getByTestId(`fix-${id}`).click();
        await page.getByTestId(`case-${id}`).getByTestId('chip-passed').waitFor();
      }
      await page.getByTestId('test-summary').filter({ hasText: '0 个未通过' }).waitFor();
      // each fixed case is renamed from its facts and new outcome, so its name no longer says 书记或镇长
      await page.getByTestId('case-leave.ordinary.1-5d').getByText('一般干部、病假、请假1.5天：分管领导审批').waitFor();
      expect((await stack.admin.call('GET', `/fixtures/${PACK}%3Aleave.ordinary.1-5d`)).name).toMatch(
        /^一般干部、病假、请假1\.5天：分管领导审批/,
      );

      // 发布
      await page.goto(`${stack.server.url}/#/publish/${PACK}`);
      await page.getByTestId('publish-tests').filter({ hasText: '0 个未通过' }).waitFor();
      await screenshot(page, '06-publish');
      await page.getByTestId('publish-button').click();
      // the shipped pack needs one approval: the request waits for another director of the township
      await page.getByTestId('publish-requested').waitFor();
      await page.getByTestId('open-request').waitFor();
      expect(await page.getByTestId('in-force').textContent()).toContain('第 1 版');
      const approved = await approveOpenRequest(approver, PACK);
      expect(approved).toMatchObject({ status: 'approved', version: 2 });
      await page.reload();
      await page.getByTestId('in-force').filter({ hasText: '第 2 版' }).waitFor();

      // 试算 on the version in force: 1.5 days is now the supervising leader's alone
      let outcomes = await tryLeave(page, '事件当日施行的版本', '一般干部', '事假', '1.5');
      await outcomes.filter({ hasText: '第1步：分管领导审批' }).waitFor();
      expect(await outcomes.textContent()).not.toContain('第2步');
      // the rule's title follows the new value
      await page.getByText('【一般干部请假2天以内：分管领导审批】').first().waitFor();
      await screenshot(page, '07-tryit-new-chain');

      // 回滚 to version 1 (published as version 3) and get the old chain back
      await page.goto(`${stack.server.url}/#/diff/${PACK}`);
      await page.getByTestId('rollback-1').click();
      await page.getByRole('button', { name: '确认' }).click();
      await page.getByTestId('version-row-3').filter({ hasText: '当前生效' }).waitFor();
      await page.getByTestId('version-row-2').filter({ hasText: '已被替代' }).waitFor();
      await screenshot(page, '08-versions');
      outcomes = await tryLeave(page, '事件当日施行的版本', '一般干部', '事假', '1.5');
      await outcomes.filter({ hasText: '第2步：党委书记或镇长审批' }).waitFor();
      expect(await outcomes.textContent()).toContain('第1步：分管领导签字');

      // 操作日志: who changed what, before and after
      await page.goto(`${stack.server.url}/#/audit-events`);
      await page.getByText('修改参数').first().waitFor();
      await page.getByText('分管领导单独审批的最长天数：1 → 2').first().waitFor();
      await screenshot(page, '09-audit');
      expect(errors).toEqual([]);
    } catch (error) {
      await screenshot(page, 'failed-story-1');
      throw error;
    } finally {
      await context.close();
    }
  }, 180_000);

  it('2. a tester adds a test case from a trial and runs the suite', async () => {
    const { context, page, errors } = await newPage(stack.browser);
    try {
      await loginAs(page, stack.server.url, 'tester-a', PASSWORD);
      const outcomes = await tryLeave(page, '草稿（未发布的修改）', '领导干部', '病假', '3');
      await outcomes.filter({ hasText: '党委书记审批' }).waitFor();
      await page.getByTestId('save-as-fixture').click();
      await page.getByTestId('fixture-name').fill('领导干部请病假3天，由党委书记审批（试算保存）');
      // nobody types an id: it is generated and shown only in the advanced view
      expect(await page.getByTestId('fixture-id').count()).toBe(0);
      await page.getByTestId('fixture-advanced').click();
      expect(await page.getByTestId('fixture-id').inputValue()).toMatch(/^leave-approval\.[a-z0-9.-]*days-3/);
      await screenshot(page, '10-save-fixture');
      await page.getByTestId('confirm-save-fixture').click();
      await page.getByText('已添加测试用例').waitFor();

      await page.goto(`${stack.server.url}/#/test/${PACK}`);
      await page.getByTestId('test-summary').filter({ hasText: '0 个未通过' }).waitFor();
      await page.getByText('领导干部请病假3天，由党委书记审批（试算保存）').waitFor();
      await screenshot(page, '11-test-runner', false);
      const report = await stack.admin.call('POST', `/packs/${PACK}/test`, { version: 'draft' });
      expect(report.failed).toBe(0);
      expect(
        report.results.some((r: { name: string }) => r.name === '领导干部请病假3天，由党委书记审批（试算保存）'),
      ).toBe(true);
      expect(errors).toEqual([]);
    } catch (error) {
      await screenshot(page, 'failed-story-2');
      throw error;
    } finally {
      await context.close();
    }
  }, 120_000);

  it("3. a director of township A cannot see or open township B's pack", async () => {
    const { context, page } = await newPage(stack.browser);
    try {
      await loginAs(page, stack.server.url, 'director-a', PASSWORD);
      await page.goto(`${stack.server.url}/#/packs`);
      // packs are listed by name (ids only under 显示编号)
      await page.getByText('某县某镇干部管理规则包', { exact: true }).first().waitFor();
      expect(await page.getByText('township-b-cadres').count()).toBe(0);
      expect(await page.getByText('某乡B干部管理规则包').count()).toBe(0);

      // typing the URL of B's pack: refused, and still logged in
      await page.goto(`${stack.server.url}/#/packs/township-b-cadres/show`);
      await page.getByText('该规则包属于其他乡镇').first().waitFor();
      expect(await page.getByText('某乡B干部管理规则包').count()).toBe(0);
      await screenshot(page, '12-forbidden');
      await page.goto(`${stack.server.url}/#/try/township-b-cadres`);
      await page.getByRole('radio', { name: '一般干部', exact: true }).check();
      await page.getByRole('combobox', { name: /假别/ }).click();
      await page.getByRole('option', { name: '事假', exact: true }).click();
      await page.getByRole('spinbutton', { name: /^请假天数（天）/ }).fill('1');
      await page.getByTestId('evaluate').click();
      await page.getByTestId('tryit-error').filter({ hasText: '该规则包属于其他乡镇' }).waitFor();
      await page.getByRole('menuitem', { name: '规则包' }).waitFor();

      // and B's director sees B's pack but not A's
      const other = await newPage(stack.browser);
      try {
        await loginAs(other.page, stack.server.url, 'director-b', PASSWORD);
        await other.page.goto(`${stack.server.url}/#/packs`);
        await other.page.getByText('某乡B干部管理规则包', { exact: true }).first().waitFor();
        expect(await other.page.getByText('某县某镇干部管理规则包').count()).toBe(0);
        expect(await other.page.getByText(PACK, { exact: true }).count()).toBe(0);
      } finally {
        await other.context.close();
      }
    } catch (error) {
      await screenshot(page, 'failed-story-3');
      throw error;
    } finally {
      await context.close();
    }
  }, 120_000);
  it('4. a director edits a rule with the condition builder; JSON mode refuses what the rule schema refuses', async () => {
    const { context, page, errors } = await newPage(stack.browser);
    try {
      await loginAs(page, stack.server.url, 'director-a', PASSWORD);
      await page.goto(`${stack.server.url}/#/rules`);
      // the editor opens with the list's copy of the rule and resets when the fetched record
      // arrives: edit only after that, or a slow reply overwrites the edit
      const fetched = page.waitForResponse(
        (r) => r.request().method() === 'GET' && /\/api\/rules\/[^/?]+$/.test(new URL(r.url()).pathname),
      );
      await page.getByText('重点工作推进关键时期不得请假').click();
      await fetched;
      await page.getByTestId('condition-builder').waitFor();
      await page.getByRole('button', { name: '+ 条件', exact: true }).click();
      await expect(page.locator('.queryBuilder .rule').count()).resolves.toBe(2);
      await screenshot(page, '13-rule-editor');
      await page.getByRole('button', { name: '保存' }).click();
      await page.getByText('重点工作推进关键时期不得请假').waitFor();
      const rule = await stack.admin.call('GET', `/rules/${PACK}%3Aleave.keyTaskPeriod`);
      expect(rule.conditions.all).toHaveLength(2);
      expect(rule.conditions.all[0]).toEqual({ fact: 'keyTaskPeriod', operator: 'equal', value: true });

      await page.getByText('重点工作推进关键时期不得请假').click();
      await page.getByRole('button', { name: 'JSON 模式' }).click();
      await page.locator('.cm-content').click();
      await page.keyboard.press('Control+End');
      await page.keyboard.type(',');
      await page.getByTestId('json-problems').filter({ hasText: 'JSON 语法错误' }).waitFor();
      await page.keyboard.press('Backspace');
      await page.getByTestId('json-problems').waitFor({ state: 'detached' });
      // a rule without outcomes does not match the rule schema
      await page.locator('.cm-content').click();
      await page.keyboard.press('Control+A');
      await page.keyboard.insertText(
        JSON.stringify({
          id: 'leave.keyTaskPeriod',
          title: '重点工作推进关键时期不得请假',
          citations: [],
          conditions: { all: [] },
          outcomes: [],
        }),
      );
      await page.getByTestId('json-problems').filter({ hasText: '至少需要 1 项' }).waitFor();
      await expect(page.getByRole('button', { name: '保存' }).isDisabled()).resolves.toBe(true);
      await screenshot(page, '14-rule-json', false);
      expect(errors).toEqual([]);
    } catch (error) {
      await screenshot(page, 'failed-story-4');
      throw error;
    } finally {
      await context.close();
    }
  }, 120_000);
  it('5. an admin creates a township pack from the base pack, exports it and imports it as another pack', async () => {
    const { context, page, errors } = await newPage(stack.browser);
    try {
      await loginAs(page, stack.server.url, 'admin', ADMIN_PASSWORD);
      await page.goto(`${stack.server.url}/#/packs/create`);
      await page.getByLabel('规则包编号').fill('township-b-extra');
      await page.getByLabel('规则包名称').fill('某乡B补充规则包');
      await page.getByRole('combobox', { name: '乡镇' }).click();
      await page.getByRole('option', { name: '某乡B' }).click();
      await screenshot(page, '15-pack-create', false);
      await page.getByRole('button', { name: '保存' }).click();
      await page.getByText('某乡B补充规则包').first().waitFor();
      const created = await stack.admin.call('GET', '/packs/township-b-extra');
      expect(created).toMatchObject({ townshipId: 'township-b', extends: 'base' });

      // export the draft (a download), import it under another id
      await page.goto(`${stack.server.url}/#/import-export`);
      await page.getByRole('combobox', { name: '当前规则包' }).click();
      await page.getByRole('option', { name: '某乡B补充规则包' }).click();
      await page.getByRole('combobox', { name: '使用版本' }).click();
      await page.getByRole('option', { name: '草稿' }).click();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: '导出' }).click(),
      ]);
      const bundle = JSON.parse(await (await import('node:fs/promises')).readFile((await download.path())!, 'utf8'));
      expect(bundle.pack).toMatchObject({ id: 'township-b-extra', extends: 'base' });
      bundle.pack.id = 'township-b-imported';
      bundle.pack.name = '某乡B导入的规则包';
      await page.getByTestId('import-file').setInputFiles({
        name: 'pack.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(bundle)),
      });
      await page.getByText('已导入规则包 township-b-imported').waitFor();
      await page.getByText('某乡B导入的规则包').first().waitFor();
      expect((await stack.admin.call('GET', '/packs/township-b-imported')).extends).toBe('base');
      expect(errors).toEqual([]);
    } catch (error) {
      await screenshot(page, 'failed-story-5');
      throw error;
    } finally {
      await context.close();
    }
  }, 120_000);

  it("6. seed 004's director reads the township's own word 主管领导 and titles with the numbers in force", async () => {
    await stack.admin.createUser('director-h', PASSWORD, 'director', 'henan-district-office');
    const { context, page, errors } = await newPage(stack.browser);
    try {
      await loginAs(page, stack.server.url, 'director-h', PASSWORD);
      await page.goto(`${stack.server.url}/#/rules`);
      await page.getByText('事假、病假超过半天至1天：主管领导签批').waitFor();
      await page.getByText('第1步：主管领导签字', { exact: true }).first().waitFor();
      await page.goto(`${stack.server.url}/#/fixtures`);
      await page.getByText('事假0.75天（半天与1天之间）：按1天由主管领导签批').waitFor();
      expect(await page.content()).not.toContain('{leave.');
      await screenshot(page, '12-township-words', false);
      expect(errors).toEqual([]);
    } catch (error) {
      await screenshot(page, 'failed-story-6');
      throw error;
    } finally {
      await context.close();
    }
  }, 120_000);
});
