/**
 * Adopting a change end to end in headless Chromium against the real server:
 * director A of 某县某镇 raises a threshold, asks to publish it with a basis (a meeting's minutes)
 * to take effect tomorrow; director B of the same township sees the request under 待审批 with the
 * frozen diff and approves it; the versions timeline shows the new version 已排期 for tomorrow and
 * the old one in force; 试算 with 事件日期 today gives the old answer and with tomorrow the new one,
 * naming the version; the printable record shows old → new. Screenshots: test-artifacts/screenshots/adoption-*.png.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, loginAs, newPage, screenshot, shanghaiDay, useStack } from './helpers/harness.js';

const PACK = 'county-township-cadres';
const TOWNSHIP = 'county-township';
const PASSWORD = 'e2e-password-123';
const BASIS = '经镇党委会2026年第12次会议研究通过';
const PARAM = 'leave.supervisorOnlyMaxDays';

async function chooseOption(page: Page, testId: string, option: string) {
  await page.getByTestId(testId).locator('[role="combobox"]').click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** 试算 of an ordinary cadre's 1.5 days of personal leave on the version in force on `day`. */
async function tryLeaveOn(page: Page, day: string) {
  await page.goto(`${stack.server.url}/#/try/${PACK}`);
  await chooseOption(page, 'version-select', '事件当日施行的版本');
  await page.getByTestId('as-of').fill(day);
  await page.getByRole('radio', { name: '一般干部', exact: true }).check();
  await page.getByRole('combobox', { name: /假别/ }).click();
  await page.getByRole('option', { name: '事假', exact: true }).click();
  await page.getByRole('spinbutton', { name: /^请假天数（天）/ }).fill('1.5');
  await page.getByTestId('evaluate').click();
  await page.getByTestId('tryit-outcomes').waitFor();
  return {
    outcomes: (await page.getByTestId('tryit-outcomes').textContent()) ?? '',
    source: (await page.getByTestId('tryit-source').textContent()) ?? '',
  };
}

const stack = useStack(async ({ admin }) => {
  for (const username of ['director-a', 'director-b']) {
    await admin.call('POST', '/users', {
      username,
      password: PASSWORD,
      role: 'director',
      townshipId: TOWNSHIP,
      displayName: username,
      canApprove: true,
    });
  }
});

describe('adopting a change: request, approval, effective date, printable record', () => {
  it('director A requests a change effective tomorrow, director B approves it, 试算 answers by the day of the event', async () => {
    const today = shanghaiDay(0);
    const tomorrow = shanghaiDay(1);
    const yesterday = shanghaiDay(-1);
    const a = await newPage(stack.browser);
    const b = await newPage(stack.browser);
    let page = a.page;
    try {
      // director A raises 「分管领导单独审批的最长天数」 from 1 to 2 days and fixes the test cases it changes
      await loginAs(page, stack.server.url, 'director-a', PASSWORD);
      await page.goto(`${stack.server.url}/#/parameters`);
      const card = page.getByTestId(`param-${PARAM}`);
      await card.getByRole('link', { name: '编辑' }).click();
      await page.getByTestId('param-value-input').fill('2');
      await page.getByRole('button', { name: '保存' }).click();
      await page.getByTestId(`param-${PARAM}`).getByTestId('param-value').filter({ hasText: '2 天' }).waitFor();
      await screenshot(page, 'adoption-01-parameter', false);
      await page.goto(`${stack.server.url}/#/test/${PACK}`);
      await page.getByTestId('test-summary').filter({ hasText: '4 个未通过' }).waitFor();
      for (const id of ['leave.ordinary.1-5d', 'leave.ordinary.2d', 'leave.cap.4d', 'leave.cap.sick']) {
        await page.getByTestId(`fix-${id}`).click();
        await page.getByTestId(`case-${id}`).getByTestId('chip-passed').waitFor();
      }
      await page.getByTestId('test-summary').filter({ hasText: '0 个未通过' }).waitFor();

      // 发布: a day in the past is refused with the API's message
      await page.goto(`${stack.server.url}/#/publish/${PACK}`);
      await page.getByTestId(`diff-param-${PARAM}`).waitFor();
      await page.getByTestId('publish-tests').filter({ hasText: '0 个未通过' }).waitFor();
      await expect(page.getByTestId('approval-note').textContent()).resolves.toContain('1 名审批人');
      await page.getByRole('radio', { name: '指定日期生效' }).check();
      await page.getByTestId('effective-day').fill(yesterday);
      await page.getByTestId('basis-text').fill(BASIS);
      await page.getByTestId('publish-button').click();
      await page.getByTestId('publish-blocked').filter({ hasText: '不能追溯生效' }).waitFor();
      await screenshot(page, 'adoption-02-past-date-refused');

      // tomorrow, with the basis → a publish request waiting for approval
      await page.getByTestId('effective-day').fill(tomorrow);
      await expect(page.getByTestId('publish-button').textContent()).resolves.toContain('提交发布申请');
      await screenshot(page, 'adoption-03-publish-form');
      await page.getByTestId('publish-button').click();
      await page.getByTestId('publish-requested').filter({ hasText: '已提交发布申请，等待审批' }).waitFor();
      await page.getByTestId('open-request').filter({ hasText: '待审批' }).waitFor();
      expect(await page.getByTestId('in-force').textContent()).toContain('第 1 版');
      await screenshot(page, 'adoption-04-requested');
      const [request] = await stack.admin.call(
        'GET',
        `/publish-requests?filter=${encodeURIComponent(JSON.stringify({ packId: PACK, status: 'requested' }))}`,
      );
      expect(request).toMatchObject({
        requestedBy: 'director-a',
        basis: { text: BASIS },
        approvalsNeeded: 1,
        approvals: 0,
      });

      // A may not approve A's own request: no buttons, the reason instead
      await page.getByTestId('request-link').click();
      await page.getByTestId('cannot-approve').filter({ hasText: '不能自己审批' }).waitFor();
      expect(await page.getByTestId('approve-button').count()).toBe(0);

      // director B: 待审批 (with the count in the menu), the frozen diff, 同意
      page = b.page;
      await loginAs(page, stack.server.url, 'director-b', PASSWORD);
      await page.getByTestId('approvals-badge').filter({ hasText: '1' }).waitFor();
      await page.getByTestId('menu-approvals').click();
      const row = page.locator('tr').filter({ hasText: `#${request.id}` });
      await row.filter({ hasText: 'director-a' }).waitFor();
      await expect(row.textContent()).resolves.toContain(tomorrow);
      await screenshot(page, 'adoption-05-approvals-list', false);
      await row.click();
      await page.getByTestId(`diff-param-${PARAM}`).waitFor();
      const diffText = (await page.getByTestId(`diff-param-${PARAM}`).textContent()) ?? '';
      expect(diffText).toContain('1');
      expect(diffText).toContain('2');
      await expect(page.getByTestId('request-basis').textContent()).resolves.toBe(BASIS);
      await expect(page.getByTestId('request-effective').textContent()).resolves.toBe(tomorrow);
      await page.getByTestId('request-checks').filter({ hasText: '✓' }).waitFor();
      await screenshot(page, 'adoption-06-request-frozen-diff');
      // 驳回 needs a comment: refused in the form, nothing sent
      await page.getByTestId('reject-button').click();
      await page.getByText('驳回须填写审批意见').waitFor();
      await page.getByTestId('review-comment').fill('同意，按会议决定执行');
      await page.getByTestId('approve-button').click();
      await page.getByTestId('request-published').filter({ hasText: '第 2 版' }).waitFor();
      await page.getByTestId('request-reviews').filter({ hasText: 'director-b' }).waitFor();
      await page.getByTestId('request-stage').filter({ hasText: '已排期' }).waitFor();
      await screenshot(page, 'adoption-07-approved');

      // 版本: v2 scheduled for tomorrow, v1 in force until then
      await page.goto(`${stack.server.url}/#/versions`);
      const v2 = page.getByTestId('version-row-2');
      await v2.filter({ hasText: '已排期' }).waitFor();
      await expect(v2.getByTestId('version-period').textContent()).resolves.toBe(`${tomorrow} 起`);
      await expect(v2.getByTestId('version-basis').textContent()).resolves.toContain(BASIS);
      await expect(v2.getByTestId('version-approvers').textContent()).resolves.toContain('director-b');
      const v1 = page.getByTestId('version-row-1');
      await v1.filter({ hasText: '当前生效' }).waitFor();
      await expect(v1.getByTestId('version-period').textContent()).resolves.toContain(`→ ${tomorrow}`);
      await page.getByTestId('reschedule-2').waitFor();
      await page.getByTestId('cancel-2').waitFor();
      await screenshot(page, 'adoption-08-timeline');
      const versions = await stack.admin.call('GET', `/packs/${PACK}/versions`);
      expect(versions.inForce).toBe(1);
      expect(versions.timeline.find((v: { version: number }) => v.version === 2)).toMatchObject({
        state: 'scheduled',
        basis: { text: BASIS },
      });

      // 试算 by the day of the event: today the old chain (v1), tomorrow the new one (v2)
      const before = await tryLeaveOn(page, today);
      expect(before.outcomes).toContain('第2步：党委书记或镇长审批');
      expect(before.source).toContain('第1版');
      await screenshot(page, 'adoption-09-tryit-today');
      const after = await tryLeaveOn(page, tomorrow);
      expect(after.outcomes).toContain('第1步：分管领导审批');
      expect(after.outcomes).not.toContain('第2步');
      expect(after.source).toContain('第2版');
      expect(after.source).toContain(`${tomorrow} 起施行`);
      expect(after.source).toContain(BASIS);
      await screenshot(page, 'adoption-10-tryit-tomorrow');
      // a day before the first version: refused with the API's message, never another version's answer
      await page.getByTestId('as-of').fill('2020-01-01');
      await page.getByTestId('evaluate').click();
      await page.getByTestId('tryit-error').filter({ hasText: '尚无生效版本' }).waitFor();
      expect(await page.getByTestId('tryit-result').count()).toBe(0);

      // the printable record of v2: 制度参数对照表 with old → new, the basis and the approver
      await page.goto(`${stack.server.url}/#/versions`);
      await page.getByTestId('record-2').click();
      const frame = page.frameLocator('[data-testid="record-frame"]');
      await frame.locator('body').filter({ hasText: '分管领导单独审批的最长天数' }).waitFor();
      const record = (await frame.locator('body').textContent()) ?? '';
      expect(record).toContain(BASIS);
      expect(record).toContain('director-b');
      const change = frame.locator('table.changes tr').filter({ hasText: '分管领导单独审批的最长天数' });
      await expect(change.locator('td.value').textContent()).resolves.toMatch(/^1\s*天\s*→\s*2\s*天$/);
      await change.scrollIntoViewIfNeeded();
      await screenshot(page, 'adoption-11-record');
      const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByTestId('record-pdf').click()]);
      expect((await readFile((await pdf.path())!)).subarray(0, 5).toString()).toBe('%PDF-');
      expect(a.errors).toEqual([]);
      expect(b.errors).toEqual([]);
    } catch (error) {
      await screenshot(page, 'failed-adoption');
      throw error;
    } finally {
      await a.context.close();
      await b.context.close();
    }
  }, 240_000);

  it('an admin withdraws a request, publishes without approval for a stated reason on a later day, re-dates the scheduled version and cancels it; 用户 shows who may approve', async () => {
    const PACK2 = 'tianjin-township-office';
    const later = shanghaiDay(2);
    const evenLater = shanghaiDay(3);
    await stack.admin.call('PUT', `/packs/${PACK2}`, { description: '补充：值班室电话变更（e2e）' });
    const { context, page, errors } = await newPage(stack.browser);
    try {
      await loginAs(page, stack.server.url, 'admin', ADMIN_PASSWORD);
      await page.goto(`${stack.server.url}/#/publish/${PACK2}`);
      await page.getByTestId('publish-tests').filter({ hasText: '0 个未通过' }).waitFor();
      // a request first (one at most per pack), then 撤回
      await page.getByTestId('publish-button').click();
      await page.getByTestId('publish-requested').waitFor();
      await page.getByTestId('open-request').filter({ hasText: '待审批' }).waitFor();
      await expect(page.getByTestId('publish-button').isDisabled()).resolves.toBe(true);
      await page.getByTestId('withdraw-request').click();
      await page.getByRole('button', { name: '确认' }).click();
      await page.getByTestId('open-request').waitFor({ state: 'detached' });
      const [withdrawn] = await stack.admin.call(
        'GET',
        `/publish-requests?filter=${encodeURIComponent(JSON.stringify({ packId: PACK2 }))}`,
      );
      expect(withdrawn.status).toBe('withdrawn');
      await page.getByTestId('bypass-approval').check();
      await page.getByTestId('publish-button').click();
      await page.getByText('不经审批直接发布，须说明理由').waitFor();
      await page.getByTestId('bypass-reason').fill('上级紧急通知，先行发布');
      await page.getByRole('radio', { name: '指定日期生效' }).check();
      await page.getByTestId('effective-day').fill(later);
      await expect(page.getByTestId('publish-button').textContent()).resolves.toBe('发布');
      await screenshot(page, 'adoption-12-admin-bypass');
      await page.getByTestId('publish-button').click();
      await page
        .getByTestId('publish-done')
        .filter({ hasText: `已发布为第 2 版，${later} 起施行` })
        .waitFor();

      // 版本: scheduled with the reason it skipped approval; 改期 to the day after, then 取消排期
      await page.goto(`${stack.server.url}/#/versions`);
      const v2 = page.getByTestId('version-row-2');
      await v2.filter({ hasText: '已排期' }).waitFor();
      await expect(v2.getByTestId('version-bypass').textContent()).resolves.toContain('上级紧急通知，先行发布');
      await page.getByTestId('reschedule-2').click();
      await page.getByTestId('reschedule-day').fill(shanghaiDay(-1));
      await page.getByTestId('version-action-confirm').click();
      await page.getByTestId('version-action-error').filter({ hasText: '不能追溯生效' }).waitFor();
      await page.getByTestId('reschedule-day').fill(evenLater);
      await page.getByTestId('version-action-confirm').click();
      await v2
        .getByTestId('version-period')
        .filter({ hasText: `${evenLater} 起` })
        .waitFor();
      await page
        .getByTestId('version-row-1')
        .getByTestId('version-period')
        .filter({ hasText: `→ ${evenLater}` })
        .waitFor();
      await screenshot(page, 'adoption-13-rescheduled');
      await page.getByTestId('cancel-2').click();
      await page.getByTestId('cancel-reason').fill('上级通知暂缓执行');
      await page.getByTestId('version-action-confirm').click();
      await v2.filter({ hasText: '已取消' }).waitFor();
      await page.getByTestId('version-row-1').filter({ hasText: '当前生效' }).waitFor();
      await expect(page.getByTestId('version-row-1').getByTestId('version-period').textContent()).resolves.toMatch(
        / 起$/,
      );
      expect(await page.getByTestId('reschedule-2').count()).toBe(0);
      await screenshot(page, 'adoption-14-cancelled');
      // the same timeline in English
      await page.evaluate(() => localStorage.setItem('RaStore.locale', JSON.stringify('en')));
      await page.reload();
      await v2.filter({ hasText: 'Cancelled' }).waitFor();
      await page.getByTestId('version-row-1').filter({ hasText: 'In force' }).waitFor();
      await expect(v2.getByTestId('version-bypass').textContent()).resolves.toContain('Published without approval');
      await screenshot(page, 'adoption-15-timeline-en');

      // 用户: who may approve
      await page.evaluate(() => localStorage.setItem('RaStore.locale', JSON.stringify('zh')));
      await page.goto(`${stack.server.url}/#/users`);
      await page.reload();
      await page.locator('tr').filter({ hasText: 'director-b' }).filter({ hasText: '✓' }).waitFor();
      await page.locator('tr').filter({ hasText: 'director-b' }).click();
      await expect(page.getByLabel('可审批', { exact: true }).isChecked()).resolves.toBe(true);
      await screenshot(page, 'adoption-16-user-can-approve', false);
      const versions = await stack.admin.call('GET', `/packs/${PACK2}/versions`);
      expect(versions.timeline.find((v: { version: number }) => v.version === 2)).toMatchObject({
        state: 'cancelled',
        bypassReason: '上级紧急通知，先行发布',
        cancelReason: '上级通知暂缓执行',
      });
      expect(errors).toEqual([]);
    } catch (error) {
      await screenshot(page, 'failed-adoption-admin');
      throw error;
    } finally {
      await context.close();
    }
  }, 180_000);
});
