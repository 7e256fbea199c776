/**
 * Base-pack locks in the admin UI, in headless Chromium against the real server: an
 * admin creates a township pack from district-duty-standard; a director of that township sees
 * review.month locked with its reason (and cannot edit it, not even by URL), is refused
 * room.minAreaSqm = 20 with 「不得低于 30平方米」 before anything is saved, then saves 40. The API
 * refuses the same values sent directly (422 PARAMETER_OUT_OF_BOUNDS / LOCKED_PARAMETER).
 */
import { describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, Api, loginAs, newPage, screenshot, useStack } from './helpers/harness.js';

const PACK = 'town-c-duty';
const TOWNSHIP = 'town-c';
const PASSWORD = 'e2e-password-123';
const ROOM = `${PACK}:room.minAreaSqm`;
const REVIEW = `${PACK}:review.month`;
const ROOM_REASON = '区政务值班标准规定值班室面积不小于30平方米，各镇、街道可以提高，不得降低';
const REVIEW_REASON = '区政务值班标准规定每年12月报送值班工作自评报告，各镇、街道不可修改';

const stack = useStack(async ({ admin }) => {
  await admin.call('POST', '/townships', { id: TOWNSHIP, name: '某区丙镇', level: 'township' });
  await admin.createUser('director-c', PASSWORD, 'director', TOWNSHIP);
});

describe('base-pack locks in the admin UI', () => {
  it('an admin creates a township pack from district-duty-standard', async () => {
    const { context, page, errors } = await newPage(stack.browser);
    try {
      await loginAs(page, stack.server.url, 'admin', ADMIN_PASSWORD);
      await page.goto(`${stack.server.url}/#/packs/create`);
      await page.getByLabel('规则包编号').fill(PACK);
      await page.getByLabel('规则包名称').fill('某区丙镇值班规则包');
      await page.getByRole('combobox', { name: '基础规则包' }).click();
      await page.getByRole('option', { name: /区政府政务值班/ }).click();
      await page.getByRole('combobox', { name: '乡镇' }).click();
      await page.getByRole('option', { name: '某区丙镇' }).click();
      await page.getByRole('button', { name: '保存' }).click();
      await page.getByText('某区丙镇值班规则包').first().waitFor();
      expect(await stack.admin.call('GET', `/packs/${PACK}`)).toMatchObject({
        townshipId: TOWNSHIP,
        extends: 'district-duty-standard',
      });
      expect(errors).toEqual([]);
    } catch (error) {
      await screenshot(page, 'failed-locks-1');
      throw error;
    } finally {
      await context.close();
    }
  }, 120_000);

  it('a director sees review.month locked, is refused room.minAreaSqm = 20 before saving, and saves 40', async () => {
    const { context, page, errors } = await newPage(stack.browser);
    try {
      await loginAs(page, stack.server.url, 'director-c', PASSWORD);
      await page.goto(`${stack.server.url}/#/parameters`);
      await page.getByTestId('pack-selector').filter({ hasText: '某区丙镇值班规则包' }).waitFor();

      // fixed by the base: collapsed under one line at first; a lock and the Chinese reason on the card, no 编辑
      expect(await page.getByTestId('param-review.month').count()).toBe(0);
      await page.getByTestId('param-locked-toggle').click();
      const review = page.getByTestId('param-review.month');
      await review.getByTestId('param-lock-fixed').filter({ hasText: REVIEW_REASON }).waitFor();
      await review.getByTestId('chip-locked').waitFor();
      expect(await review.getByRole('link', { name: '编辑' }).count()).toBe(0);
      await review.scrollIntoViewIfNeeded();
      await screenshot(page, 'locks-01-parameters', false);
      // annual leave is fixed by base
      await page
        .getByTestId('param-annualLeave.shortServiceDays')
        .getByTestId('param-lock-fixed')
        .filter({ hasText: '职工带薪年休假条例' })
        .waitFor();

      // even by URL the fixed value cannot be edited
      await page.goto(`${stack.server.url}/#/parameters/${encodeURIComponent(REVIEW)}`);
      await page.getByTestId('param-lock-fixed').filter({ hasText: REVIEW_REASON }).waitFor();
      await expect(page.getByTestId('param-value-input').isDisabled()).resolves.toBe(true);
      await expect(page.getByRole('button', { name: '保存' }).isDisabled()).resolves.toBe(true);
      await screenshot(page, 'locks-02-fixed-edit', false);

      // bounded by the base: the range in the input, 20 refused before saving, with the reason
      await page.goto(`${stack.server.url}/#/parameters`);
      const room = page.getByTestId('param-room.minAreaSqm');
      await room.getByTestId('param-lock-bounded').filter({ hasText: '不得低于 30平方米' }).waitFor();
      await room.getByRole('link', { name: '编辑' }).click();
      const input = page.getByTestId('param-value-input');
      await page.getByText('允许范围：30 – 1000 平方米').waitFor();
      await input.fill('20');
      await page.getByRole('button', { name: '保存' }).click();
      await page.getByText(`不得低于 30平方米（基础规则包的限制：${ROOM_REASON}）`).waitFor();
      await screenshot(page, 'locks-03-out-of-bounds', false);
      expect(await stack.admin.call('GET', `/parameters/${encodeURIComponent(ROOM)}`)).toMatchObject({
        value: 30,
        overridden: false,
      });

      await input.fill('40');
      await page.getByRole('button', { name: '保存' }).click();
      await page
        .getByTestId('param-room.minAreaSqm')
        .getByTestId('param-value')
        .filter({ hasText: '40 平方米' })
        .waitFor();
      expect(await stack.admin.call('GET', `/parameters/${encodeURIComponent(ROOM)}`)).toMatchObject({
        value: 40,
        overridden: true,
      });
      await screenshot(page, 'locks-04-saved', false);
      expect(errors).toEqual([]);
    } catch (error) {
      await screenshot(page, 'failed-locks-2');
      throw error;
    } finally {
      await context.close();
    }
  }, 120_000);

  it('the API refuses the same values sent directly', async () => {
    const director = await Api.login(stack.server.url, 'director-c', PASSWORD);
    const room = await director.call('GET', `/parameters/${encodeURIComponent(ROOM)}`);
    const refused = await director
      .call('PUT', `/parameters/${encodeURIComponent(ROOM)}`, { ...room, value: 20 })
      .catch((e) => e);
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0]).toMatchObject({ code: 'PARAMETER_OUT_OF_BOUNDS' });
    expect(refused.body.errors[0].messageZh).toContain('不得低于 30平方米');
    const locked = await director
      .call('PUT', `/parameters/${encodeURIComponent(REVIEW)}`, { value: 11 })
      .catch((e) => e);
    expect(locked.status).toBe(422);
    expect(locked.body.errors[0]).toMatchObject({ code: 'LOCKED_PARAMETER' });
    expect(await stack.admin.call('GET', `/parameters/${encodeURIComponent(ROOM)}`)).toMatchObject({ value: 40 });
    expect(await stack.admin.call('GET', `/parameters/${encodeURIComponent(REVIEW)}`)).toMatchObject({
      value: 12,
      overridden: false,
    });
  }, 60_000);
});
