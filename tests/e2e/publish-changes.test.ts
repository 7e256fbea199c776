/**
 * 发布 after a threshold change, in headless Chromium against the real server: the cases the change
 * moved are listed under 「本次修改改变了这些用例的结果」 with old → new outcomes, apart from real
 * failures; one click accepts them all (renamed from their facts and new outcome); a refusal shown
 * before is gone once the checks pass; the publish request goes through.
 * Screenshots: test-artifacts/screenshots/publish-changes-*.png.
 */
import { describe, expect, it } from 'vitest';
import { loginAs, newPage, screenshot, useStack } from './helpers/harness.js';

const PACK = 'county-township-cadres';
const TOWNSHIP = 'county-township';
const PASSWORD = 'e2e-password-123';
const PARAM = 'leave.supervisorOnlyMaxDays';
const MOVED = ['leave.cap.4d', 'leave.cap.sick', 'leave.ordinary.1-5d', 'leave.ordinary.2d'];

const stack = useStack(async ({ admin }) => {
  await admin.call('POST', '/users', {
    username: 'director-a',
    password: PASSWORD,
    role: 'director',
    townshipId: TOWNSHIP,
    displayName: '张三',
  });
});

describe('a threshold change on 发布', () => {
  it('lists the moved cases old → new, accepts them in one click and the request goes through', async () => {
    const { page, context, errors } = await newPage(stack.browser);
    let clicks = 0;
    const click = async (locator: ReturnType<typeof page.getByTestId>) => {
      clicks += 1;
      await locator.click();
    };
    try {
      await loginAs(page, stack.server.url, 'director-a', PASSWORD);
      await page.goto(`${stack.server.url}/#/parameters`);
      await click(page.getByTestId(`param-${PARAM}`).getByRole('link', { name: '编辑' }));
      await page.getByTestId('param-value-input').fill('2');
      await click(page.getByRole('button', { name: '保存' }));
      await page.getByTestId(`param-${PARAM}`).getByTestId('param-value').filter({ hasText: '2 天' }).waitFor();

      await click(page.getByRole('menuitem', { name: '发布' }));
      const panel = page.getByTestId('moved-cases');
      await panel.filter({ hasText: '本次修改改变了这些用例的结果' }).waitFor();
      await panel.getByTestId('moved-because').filter({ hasText: '分管领导单独审批的最长天数 1天 → 2天' }).waitFor();
      for (const id of MOVED) await panel.getByTestId(`moved-${id}`).waitFor();
      expect(await panel.locator('[data-testid^="moved-leave."]').count()).toBe(4);
      const twoDays = panel.getByTestId('moved-leave.ordinary.2d');
      await expect(twoDays.getByTestId('moved-before').textContent()).resolves.toContain('党委书记或镇长');
      await expect(twoDays.getByTestId('moved-after').textContent()).resolves.not.toContain('党委书记或镇长');
      // not shown as failures: no red 未通过 card for a moved case, and the form says what to do
      for (const id of MOVED) expect(await page.getByTestId(`case-${id}`).count()).toBe(0);
      await page.getByTestId('publish-only-moved').filter({ hasText: '改变了 4 个用例的结果' }).waitFor();
      await screenshot(page, 'publish-changes-01-moved');

      // trying anyway: refused, with the API's reason
      await page.getByTestId('publish-button').click();
      await page.getByTestId('publish-blocked').filter({ hasText: '未通过' }).waitFor();

      // one click accepts all four; the refusal does not outlive the checks that caused it
      await click(page.getByTestId('accept-moved'));
      await page.getByTestId('publish-tests').filter({ hasText: '0 个未通过' }).waitFor();
      expect(await page.getByTestId('moved-cases').count()).toBe(0);
      expect(await page.getByTestId('publish-blocked').count()).toBe(0);
      expect(await page.getByTestId('publish-only-moved').count()).toBe(0);
      await screenshot(page, 'publish-changes-02-accepted');

      // the cases now expect the new answers, named from their facts and outcome
      const renamed = await stack.admin.call('GET', `/fixtures/${encodeURIComponent(`${PACK}:leave.ordinary.2d`)}`);
      expect(renamed.name).toMatch(/请假2天.*：分管领导/);
      expect(JSON.stringify(renamed.expect)).not.toContain('partySecretary');

      await click(page.getByTestId('publish-button'));
      await page.getByTestId('publish-requested').filter({ hasText: '已提交发布申请，等待审批' }).waitFor();
      await screenshot(page, 'publish-changes-03-requested');
      // parameter: 编辑, 保存; 发布 menu; one accept; 提交 (before: four 以实际结果为期望结果 instead of one)
      expect(clicks).toBe(5);
      console.log(`director story, change 1 → 2 days to publish request: ${clicks} clicks (before: ${clicks + 3})`);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);
});
