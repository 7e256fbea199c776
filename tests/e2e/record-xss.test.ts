/**
 * Stored XSS through the printable record, end to end in headless Chromium against the real
 * stack.server. A director writes attacks into everything the record prints — the pack's name (which
 * also goes into the CSS of the page footer), a parameter's label, a clause's document (an
 * attribute) and text, the basis — and gets them published with an approval whose comment is an
 * attack too. The admin opens 打印对照表 for those versions: every attack shows as text, no script
 * or handler runs (no flag set, no user created with the admin's token), and 打印 still prints.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, Api, loginAs, newPage, screenshot, useStack } from './helpers/harness.js';

const PACK = 'county-township-cadres';
const TOWNSHIP = 'county-township';
const PASSWORD = 'e2e-password-123';
const PARAM = 'leave.supervisorOnlyMaxDays';
const CLAUSE = 'LV-002-A';

/** What a script in the record would do with the admin's token: make itself an stack.admin. */
const steal = (flag: string) =>
  `parent.__pwned='${flag}';window.__pwned='${flag}';` +
  `fetch('/api/users',{method:'POST',headers:{'Content-Type':'application/json',Authorization:'Bearer '+localStorage.getItem('rules.token')},` +
  `body:JSON.stringify({username:'pwned-${flag}',password:'pwned-password-1',role:'admin'})})`;

const SCRIPT = (flag: string) => `</style><script>${steal(flag)}</script>`;
const IMG = (flag: string) => `</style><img src=x onerror="${steal(flag)}">`;
const ATTRIBUTE = (flag: string) => `x" autofocus onfocus="${steal(flag)}" onmouseover="${steal(flag)}`;

/** Director A writes `attack` into every field the record prints; director B approves with it as the comment. */
async function publishAttack(
  director: Api,
  approver: Api,
  attack: (flag: string) => string,
  tag: string,
): Promise<number> {
  const pack = await director.call('GET', `/packs/${PACK}`);
  await director.call('PUT', `/packs/${PACK}`, { ...pack, name: `镇干部规则包${attack(`${tag}-name`)}` });
  const parameter = await director.call('GET', `/parameters/${PACK}:${PARAM}`);
  await director.call('PUT', `/parameters/${parameter.id}`, {
    ...parameter,
    label: `分管领导审批天数${attack(`${tag}-label`)}`,
  });
  const clause = await director.call('GET', `/sources/${PACK}:${CLAUSE}`);
  await director.call('PUT', `/sources/${clause.id}`, {
    ...clause,
    document: ATTRIBUTE(`${tag}-document`),
    text: `请假1天的${attack(`${tag}-clause`)}`,
  });
  const reply = await director.call('POST', `/packs/${PACK}/publish`, {
    basis: { text: `会议纪要${attack(`${tag}-basis`)}`, date: '2026-11-30' },
  });
  const approved = await approver.call('POST', `/publish-requests/${reply.request.id}/approve`, {
    comment: `同意${attack(`${tag}-comment`)}`,
  });
  return approved.version;
}

/** The admin's record dialog for `version`, loaded to the end (images failed, handlers had their chance). */
async function openRecord(page: Page, version: number) {
  await page.goto(`${stack.server.url}/#/diff/${PACK}`);
  await page.getByTestId(`record-${version}`).click();
  const frame = page.frameLocator('[data-testid="record-frame"]');
  await frame.locator('.subtitle').waitFor();
  await page.waitForFunction(
    () =>
      (document.querySelector('[data-testid="record-frame"]') as HTMLIFrameElement | null)?.contentDocument
        ?.readyState === 'complete',
  );
  return frame;
}

const stack = useStack(async ({ admin }) => {
  for (const [username, canApprove] of [
    ['director-a', false],
    ['director-b', true],
  ] as const) {
    await admin.call('POST', '/users', {
      username,
      password: PASSWORD,
      role: 'director',
      townshipId: TOWNSHIP,
      displayName: username,
      canApprove,
    });
  }
});

describe('the printable record runs nothing a director wrote', () => {
  it('script, image and attribute attacks in every printed field stay text for the admin, and 打印 still prints', async () => {
    const directorA = await Api.login(stack.server.url, 'director-a', PASSWORD);
    const directorB = await Api.login(stack.server.url, 'director-b', PASSWORD);
    const imgVersion = await publishAttack(directorA, directorB, IMG, 'img');
    const scriptVersion = await publishAttack(directorA, directorB, SCRIPT, 'script');

    const { page, context, errors } = await newPage(stack.browser);
    const userPosts: string[] = [];
    const consoleLines: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/api/users')) userPosts.push(r.url());
    });
    page.on('console', (m) => consoleLines.push(m.text()));
    try {
      await loginAs(page, stack.server.url, 'admin', ADMIN_PASSWORD);
      for (const [version, attack, tag] of [
        [scriptVersion, SCRIPT, 'script'],
        [imgVersion, IMG, 'img'],
      ] as const) {
        const frame = await openRecord(page, version);
        // nothing ran while the record loaded: no flag, no request made with the admin's token
        expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
        expect(userPosts).toEqual([]);
        // every attack is on the page as the text the director typed
        await expect(frame.locator('.subtitle').textContent()).resolves.toContain(attack(`${tag}-name`));
        const body = (await frame.locator('body').textContent()) ?? '';
        for (const field of ['label', 'clause', 'basis', 'comment'])
          expect(body, field).toContain(attack(`${tag}-${field}`));
        const clauseRef = frame
          .locator('span.id[title]')
          .filter({ hasText: new RegExp(`^${CLAUSE}$`) })
          .first();
        await expect(clauseRef.getAttribute('title')).resolves.toContain(ATTRIBUTE(`${tag}-document`));
        expect(await frame.locator('script, img, [onerror], [onfocus], [onmouseover]').count()).toBe(0);
        // hovering the clause reference would fire an injected onmouseover
        await clauseRef.hover();
        await screenshot(page, `record-xss-${tag}`);
        // 打印 prints the frame: the sandbox still lets the app call its print() (allow-modals)
        await page.evaluate(() => {
          const frameWindow = (document.querySelector('[data-testid="record-frame"]') as HTMLIFrameElement)
            .contentWindow!;
          frameWindow.addEventListener('beforeprint', () => {
            (window as unknown as { __printed: number }).__printed =
              ((window as unknown as { __printed?: number }).__printed ?? 0) + 1;
          });
        });
        await page.getByTestId('record-print').click();
        await page.waitForFunction(() => (window as unknown as { __printed?: number }).__printed === 1);
        await page.evaluate(() => {
          (window as unknown as { __printed?: number }).__printed = undefined;
        });
        await page.getByRole('button', { name: '关闭' }).click();
        await page.getByTestId('record-dialog').waitFor({ state: 'detached' });
      }
      expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
      expect(userPosts).toEqual([]);
      const users: { username: string }[] = await stack.admin.call('GET', '/users?range=[0,99]');
      expect(users.map((u) => u.username).filter((u) => u.startsWith('pwned'))).toEqual([]);
      expect(consoleLines.filter((l) => /Ignored call to 'print\(\)'/.test(l))).toEqual([]);
      expect(errors).toEqual([]);
    } catch (error) {
      await screenshot(page, 'failed-record-xss');
      throw error;
    } finally {
      await context.close();
    }
  }, 180_000);
});
