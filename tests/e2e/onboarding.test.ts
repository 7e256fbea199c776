/**
 * A township onboards itself in the stack.browser, without a developer: an admin creates the township
 * and two directors (API); director 1 uploads the township's regulation (leave approval,
 * attendance, a penalty ladder), creates the pack, sees on 发布 what is left to finish, goes back
 * to 确认规则建议, settles overlaps and a gap with one click each, adds the text's role words
 * (站所负责人 as the township's own role, 乡长 as the shared 镇长), leaves the page and finds the list
 * again, confirms everything, writes the rules, sees the generated boundary tests pass, and
 * requests publishing; director 2 (可审批) approves; 试算 answers from the new pack with the
 * township's role words and the clause text. No JSON, no id typed. Clicks and filled fields are
 * counted and printed with the wall time, and the share of the text's thresholds that ended as
 * confirmed rules with boundary fixtures.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { Api, REPO, loginAs, newPage, screenshot, useStack } from './helpers/harness.js';

const TOWNSHIP = 'liuhe';
const PASSWORD = 'director-password-1';
const TEXT = readFileSync(join(REPO, 'tests', 'onboarding', 'liuhe-regulation.txt'));

/** What a person does, counted: every click and every field filled or file chosen (this path fills none by hand but the file). */
const effort = { clicks: 0, fields: 0 };
const click = async (l: Locator) => {
  effort.clicks++;
  await l.click();
};
async function choose(page: Page, select: Locator, option: string | RegExp) {
  await click(select.locator('[role="combobox"]'));
  await click(page.getByRole('option', { name: option }));
}

const stack = useStack(async ({ admin }) => {
  await admin.call('POST', '/townships', { id: TOWNSHIP, name: '柳河乡', level: 'township' });
  await admin.createUser('director-l', PASSWORD, 'director', TOWNSHIP);
  await admin.call('POST', '/users', {
    username: 'head-l',
    password: PASSWORD,
    role: 'director',
    townshipId: TOWNSHIP,
    canApprove: true,
    displayName: 'head-l',
  });
}, 300_000);

describe('a township onboards its own regulation', () => {
  it("from the document to a published pack that answers in the township's words", async () => {
    const { context, page, errors } = await newPage(stack.browser);
    page.setDefaultTimeout(60_000); // every edit validates the whole draft on a shared, busy machine
    let packId = '';
    try {
      await loginAs(page, stack.server.url, 'director-l', PASSWORD);
      const started = Date.now();

      // 1. upload: the township is the director's own, the pack id and name come from the text
      await click(page.getByRole('menuitem', { name: '从制度文件创建' }));
      effort.fields++;
      await page
        .getByTestId('drafting-file')
        .setInputFiles({ name: '柳河乡机关工作人员管理办法.txt', mimeType: 'text/plain', buffer: TEXT });
      await page.getByTestId('drafting-township').filter({ hasText: '柳河乡' }).waitFor();
      await click(page.getByTestId('drafting-extract'));
      await page.getByTestId('draft-summary').waitFor();
      await click(page.getByTestId('accept-all'));
      await click(page.getByTestId('drafting-next'));
      await click(page.getByTestId('drafting-create'));
      const created = page.getByTestId('drafting-created');
      await created.waitFor();
      packId = /已创建规则包 ([a-z0-9-]+)/.exec((await created.textContent()) ?? '')![1];

      // 2. 发布 says what is left to finish, with the way back to the review list
      await page.goto(`${stack.server.url}/#/publish/${packId}`);
      effort.clicks++;
      const toFinish = page.getByTestId('publish-onboarding');
      await toFinish.filter({ hasText: '待确认' }).waitFor();
      await screenshot(page, 'onboarding-01-publish-says-what-to-finish', false);
      await click(page.getByTestId('publish-to-review'));

      // 3. the proposed rule groups
      const leave = page
        .locator('[data-testid^="proposal-"][data-decision="leaveApproval"]')
        .filter({ hasText: '站所负责人' });
      const attendance = page.locator('[data-testid^="proposal-"][data-decision="attendance"]');
      const penalty = page.locator('[data-testid^="proposal-"][data-decision="penaltyEscalation"]');
      await leave.waitFor();
      await expect(leave.getByTestId('number-line').count()).resolves.toBe(1);
      await expect(leave.getByTestId('tier-t2').textContent()).resolves.toContain('≥ 1天（含，「以上」）');
      await expect(leave.getByTestId('tier-t2').getByTestId('tier-outcomes').textContent()).resolves.toContain(
        '分管领导',
      );
      await screenshot(page, 'onboarding-02-proposals');
      // overlaps at 1 and 3 days: the lower tier owns each boundary
      await click(leave.getByTestId('issue-overlap:t1:t2').getByTestId('resolve-lowerTier'));
      await leave.getByTestId('issue-overlap:t1:t2').waitFor({ state: 'detached' });
      await click(leave.getByTestId('issue-overlap:t2:t3').getByTestId('resolve-lowerTier'));
      await leave.getByTestId('issue-overlap:t2:t3').waitFor({ state: 'detached' });
      await expect(leave.getByTestId('tier-t2').textContent()).resolves.toContain('> 1天');
      // the gap between 15 and 30 minutes late is outside the regulation
      await click(attendance.getByTestId('issue-gap:t1:t2').getByTestId('resolve-outOfScope'));
      await attendance.getByTestId('issue-gap:t1:t2').waitFor({ state: 'detached' });
      // the text's approvers: 站所负责人 is the township's own role, 乡长 is the shared 镇长
      await choose(page, leave.getByTestId('tier-t1').getByTestId('roleword-map'), '本乡自有角色「站所负责人」');
      await click(leave.getByTestId('tier-t1').getByTestId('roleword-add'));
      await leave.getByTestId('tier-t1').getByTestId('tier-outcomes').filter({ hasText: '站所负责人' }).waitFor();
      await choose(page, leave.getByTestId('tier-t3').getByTestId('roleword-map'), '即统一角色「镇长」');
      await click(leave.getByTestId('tier-t3').getByTestId('roleword-add'));
      await leave.getByTestId('tier-t3').getByTestId('tier-outcomes').filter({ hasText: '乡长' }).waitFor();
      // confirm one tier by hand, then the rest at once
      await click(penalty.getByTestId('tier-t1').getByTestId('tier-confirm'));
      await penalty.getByTestId('tier-t1').getByTestId('tier-status').filter({ hasText: '已确认' }).waitFor();

      // the review list survives leaving the page
      await page.goto(`${stack.server.url}/#/packs`);
      await page.goto(`${stack.server.url}/#/onboarding/${packId}`);
      effort.clicks += 2;
      await penalty.getByTestId('tier-t1').getByTestId('tier-status').filter({ hasText: '已确认' }).waitFor();
      await leave.getByTestId('tier-t1').getByTestId('tier-outcomes').filter({ hasText: '站所负责人' }).waitFor();

      // a single-threshold proposal without a decision (「最多分两段」) is no rule: reject it
      for (const loose of await page.locator('[data-testid^="proposal-"][data-decision=""]').all()) {
        for (const reject of await loose.getByTestId('tier-reject').all()) await click(reject);
      }
      await click(page.getByTestId('confirm-all'));
      await page.getByTestId('proposal-counts').filter({ hasText: '待确认 0 档' }).waitFor();
      await click(page.getByTestId('accept-proposals'));
      const summary = page.getByTestId('generated-summary');
      await summary.waitFor();
      const [passed, total] = /通过 (\d+) \/ (\d+)/
        .exec((await summary.textContent()) ?? '')!
        .slice(1)
        .map(Number);
      expect(total).toBeGreaterThanOrEqual(9);
      expect(passed).toBe(total);
      await page.getByTestId('fixture-row').filter({ hasText: '请假1.5天' }).first().waitFor();
      await screenshot(page, 'onboarding-03-generated-tests');

      // 4. request publishing
      await click(page.getByTestId('go-publish'));
      await page
        .getByTestId('publish-tests')
        .filter({ hasText: '失败 0' })
        .or(page.getByTestId('publish-tests').filter({ hasText: '0 失败' }))
        .first()
        .waitFor()
        .catch(() => undefined);
      await expect(page.getByTestId('publish-onboarding').count()).resolves.toBe(0);
      await click(page.getByTestId('publish-button'));
      await page.getByTestId('publish-requested').waitFor();
      const seconds = (Date.now() - started) / 1000;
      await screenshot(page, 'onboarding-04-requested', false);

      // the share of the text's thresholds that ended as confirmed rules with boundary fixtures
      const filter = encodeURIComponent(JSON.stringify({ packId }));
      const director = await Api.login(stack.server.url, 'director-l', PASSWORD);
      const params: { parameterId: string; definedIn: string; unit?: string; value: unknown }[] = await director.call(
        'GET',
        `/parameters?filter=${filter}&range=${encodeURIComponent('[0,999]')}`,
      );
      const rules: { ruleId: string; group?: string; decision: string; conditions: unknown }[] = await director.call(
        'GET',
        `/rules?filter=${filter}&range=${encodeURIComponent('[0,999]')}`,
      );
      const cases: { caseId: string }[] = await director.call(
        'GET',
        `/fixtures?filter=${filter}&range=${encodeURIComponent('[0,999]')}`,
      );
      const ownParams = params.filter((p) => p.definedIn === packId);
      const own = ownParams.map((p) => p.parameterId);
      const kebab = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
      const tested = new Set(
        rules
          .filter((r) => r.group && cases.some((c) => c.caseId.includes(`${kebab(r.group!)}.at-`)))
          .flatMap((r) => [...JSON.stringify(r.conditions).matchAll(/"param":"([^"]+)"/g)].map((m) => m[1])),
      );
      // a parameter a boundary decision superseded (the tier now compares with its neighbour's bound) counts by its number
      const key = (p: { unit?: string; value: unknown }) => `${p.unit}:${p.value}`;
      const testedValues = new Set(ownParams.filter((p) => tested.has(p.parameterId)).map(key));
      const covered = ownParams.filter((p) => testedValues.has(key(p))).map((p) => p.parameterId);
      const share = covered.length / own.length;
      console.log(
        `onboarding E2E: ${effort.clicks} clicks + ${effort.fields} fields = ${effort.clicks + effort.fields} (target < 150), ${seconds.toFixed(1)} s wall time from upload to publish request`,
      );
      console.log(
        `onboarding E2E: ${covered.length} of ${own.length} thresholds of the text are confirmed rules with boundary fixtures (${(share * 100).toFixed(1)}%); ${own.filter((p) => !tested.has(p)).length} of them superseded by a boundary decision; missing: ${own.filter((p) => !covered.includes(p)).join(', ') || 'none'}`,
      );
      expect(effort.clicks + effort.fields).toBeLessThan(150);
      expect(share).toBeGreaterThanOrEqual(0.9);
      expect(errors).toEqual([]);
    } catch (error) {
      await screenshot(page, 'failed-onboarding');
      throw error;
    } finally {
      await context.close();
    }

    // 5. the second director (可审批) approves
    const b = await newPage(stack.browser);
    try {
      await loginAs(b.page, stack.server.url, 'head-l', PASSWORD);
      await b.page.getByTestId('menu-approvals').click();
      await b.page.locator('tr').filter({ hasText: 'director-l' }).first().click();
      await b.page.getByTestId('approve-button').click();
      await b.page.getByTestId('request-published').waitFor();
    } catch (error) {
      await screenshot(b.page, 'failed-onboarding-approve');
      throw error;
    } finally {
      await b.context.close();
    }

    // 6. 试算 answers from the new pack with the township's words and the clause text
    const c = await newPage(stack.browser);
    try {
      const page = c.page;
      await loginAs(page, stack.server.url, 'director-l', PASSWORD);
      await page.goto(`${stack.server.url}/#/try/${packId}`);
      await page.getByRole('radio', { name: '一般干部', exact: true }).check();
      await page.getByRole('combobox', { name: /假别/ }).click();
      await page.getByRole('option', { name: '事假', exact: true }).click();
      await page.getByRole('spinbutton', { name: /^请假天数（天）/ }).fill('1');
      await page.getByTestId('evaluate').click();
      await page.getByTestId('tryit-outcomes').filter({ hasText: '站所负责人' }).waitFor();
      await page.getByTestId('tryit-result').filter({ hasText: '请假1天以内' }).waitFor();
      await page.getByRole('spinbutton', { name: /^请假天数（天）/ }).fill('5');
      await page.getByTestId('evaluate').click();
      await page.getByTestId('tryit-outcomes').filter({ hasText: '乡长' }).waitFor();
      await screenshot(page, 'onboarding-05-tryit');
      expect(c.errors).toEqual([]);
    } catch (error) {
      await screenshot(c.page, 'failed-onboarding-tryit');
      throw error;
    } finally {
      await c.context.close();
    }
  }, 300_000);

  it('neither the wizard nor the review list scrolls sideways on a 390×844 or a 360px phone', async () => {
    const context = await stack.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    const page = await context.newPage();
    try {
      await loginAs(page, stack.server.url, 'director-l', PASSWORD).catch(async () => {
        // on a phone the menu is folded away: wait for the app instead
        await page
          .getByRole('button', { name: /open drawer|打开菜单|菜单/i })
          .first()
          .waitFor();
      });
      await page.goto(`${stack.server.url}/#/drafting`);
      await page.getByTestId('drafting-extract').waitFor();
      const overflow = () =>
        page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      await screenshot(page, 'onboarding-06-phone-wizard');
      expect(await overflow(), 'wizard').toBeLessThanOrEqual(0);
      // a second draft of the same text, its proposals still open (set up through the API)
      const director = await Api.login(stack.server.url, 'director-l', PASSWORD);
      const drafted = await director.call('POST', '/drafting/extract', {
        text: TEXT.toString('utf8'),
        township: '柳河乡',
        packId: 'liuhe-phone',
      });
      drafted.bundle.pack.owner = { id: TOWNSHIP, name: '柳河乡', level: 'township' };
      await director.call('POST', '/packs/import', { bundle: drafted.bundle });
      await director.call('PUT', '/packs/liuhe-phone/proposals', drafted.review.proposals);
      await page.goto(`${stack.server.url}/#/onboarding/liuhe-phone`);
      await page.locator('[data-testid^="proposal-"][data-decision="leaveApproval"]').first().waitFor();
      await screenshot(page, 'onboarding-07-phone-review');
      // what sticks out, named when an assertion below fails
      const widest = () =>
        page.evaluate(() =>
          [...document.querySelectorAll('body *')]
            .map((e) => ({ e, right: e.getBoundingClientRect().right }))
            .filter((x) => x.right > document.documentElement.clientWidth + 1)
            .slice(-3)
            .map(
              (x) =>
                `${x.e.tagName}.${(x.e.getAttribute('class') ?? '').slice(0, 60)}[${x.e.getAttribute('data-testid') ?? ''}] ${Math.round(x.right)}`,
            )
            .join(' | '),
        );
      expect(await overflow(), `review list at 390px: ${await widest()}`).toBeLessThanOrEqual(0);
      await page.setViewportSize({ width: 360, height: 780 });
      await page.waitForFunction(() => document.documentElement.clientWidth === 360);
      await screenshot(page, 'onboarding-08-phone-review-360');
      expect(await overflow(), `review list at 360px: ${await widest()}`).toBeLessThanOrEqual(0);
    } finally {
      await context.close();
    }
  }, 120_000);
});
