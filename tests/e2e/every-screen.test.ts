/**
 * Every screen of the admin UI in zh, at 1280×800 and on a phone (390×844), in headless Chromium
 * against the real server:
 *   - no visible Latin identifier (ids such as `county-township-cadres`, `draft`, `seed`,
 *     `approvalChain`) outside an explicit allow-list (units, numbers, names people typed);
 *   - axe-core (injected from node_modules) finds no serious or critical violation;
 *   - on the phone, no page is wider than the viewport;
 *   - by keyboard alone, Tab reaches 试算 on the trial page and 同意 on a publish request.
 * Screenshots of both sizes: test-artifacts/screenshots/screen-<size>-<name>.png.
 * The phone stories' clicks (试算 and approving) are written to test-artifacts/phone-clicks.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, Api, REPO, screenshot, useStack } from './helpers/harness.js';

const PACK = 'county-township-cadres';
const TOWNSHIP = 'county-township';
const PASSWORD = 'e2e-password-123';
const AXE = join(REPO, 'node_modules', 'axe-core', 'axe.min.js');

const SIZES = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;
type Size = keyof typeof SIZES;

/**
 * Latin words allowed on screen: the login names people typed (the user list, where the login
 * name is the point), file formats and software named on buttons, units, and the example of the
 * id format the administrator types when creating a pack.
 */
const ALLOWED_LATIN = new Set([
  'director-a',
  'approver-a',
  'admin',
  'Excel',
  'EXCEL',
  'WPS',
  'CSV',
  'PDF',
  'JSON',
  'HTML',
  'XLSX',
  'DOCX',
  'MD',
  'TXT',
  'xlsx',
  'csv',
  'json',
  'docx',
  'pdf',
  'km',
  'kg',
  'some-town-rules',
]);

let requestId: number;
const clicks: Record<string, number> = {};

interface Finding {
  size: Size;
  screen: string;
  kind: 'latin' | 'axe' | 'overflow';
  detail: string;
}
const findings: Finding[] = [];

async function pageFor(size: Size): Promise<Page> {
  // bypassCSP: the app's policy forbids inline scripts, and axe is injected as one
  const context = await stack.browser.newContext({
    viewport: SIZES[size],
    locale: 'zh-CN',
    isMobile: size === 'phone',
    hasTouch: size === 'phone',
    bypassCSP: true,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

/** Log in through the login page; on a phone the menu is folded away, so wait for the app bar. */
async function loginAs(page: Page, url: string, username: string, password: string) {
  await page.goto(`${url}/#/login`);
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
  await page
    .getByRole('button', { name: /打开菜单|关闭菜单/ })
    .first()
    .waitFor();
}

/** Wait until react-admin has loaded the screen (no progress bar, no skeleton). */
async function settle(page: Page) {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page
    .locator('.MuiLinearProgress-root, .MuiSkeleton-root, .MuiCircularProgress-root')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => undefined);
  await page.waitForTimeout(300);
}

/** Latin words in the visible text (not in inputs' values, not in the allow-list). */
async function latinWords(page: Page): Promise<string[]> {
  const text: string = await page.evaluate(() => document.body.innerText);
  const words = text.match(/[A-Za-z][A-Za-z0-9_.:-]*[A-Za-z0-9]|[A-Za-z]/g) ?? [];
  return [...new Set(words.filter((w) => !ALLOWED_LATIN.has(w)))];
}

async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  const violations: { id: string; impact: string; nodes: { target: string[] }[] }[] = await page.evaluate(
    async () =>
      // @ts-expect-error axe is injected above
      (await window.axe.run(document, { resultTypes: ['violations'] })).violations,
  );
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(', ')}`,
    );
}

async function check(page: Page, size: Size, screen: string) {
  await settle(page);
  for (const word of await latinWords(page)) findings.push({ size, screen, kind: 'latin', detail: word });
  for (const v of await axeViolations(page)) findings.push({ size, screen, kind: 'axe', detail: v });
  if (size === 'phone') {
    const { scroll, inner } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      inner: window.innerWidth,
    }));
    if (scroll > inner)
      findings.push({ size, screen, kind: 'overflow', detail: `${scroll}px wide in a ${inner}px viewport` });
  }
  await screenshot(page, `screen-${size}-${screen}`, size === 'phone');
}

/** An ordinary cadre's 1.5 days of personal leave, in the 试算 form. */
async function fillLeave(page: Page) {
  await page.getByRole('radio', { name: '一般干部', exact: true }).check();
  await page.getByRole('combobox', { name: /假别/ }).click();
  await page.getByRole('option', { name: '事假', exact: true }).click();
  await page.getByRole('spinbutton', { name: /^请假天数（天）/ }).fill('1.5');
}

/** How many Tab presses from the top of the page until the element with this test id has focus (or -1). */
async function tabsTo(page: Page, testId: string, limit = 80): Promise<number> {
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
  await page.locator('body').focus();
  for (let n = 1; n <= limit; n++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((id) => document.activeElement?.getAttribute('data-testid') === id, testId)) return n;
  }
  return -1;
}

/** Count the clicks and keystroke-less taps a story takes. */
function counter(page: Page) {
  let n = 0;
  return {
    async tap(locator: ReturnType<Page['locator']>) {
      n++;
      await locator.click();
    },
    get count() {
      return n;
    },
    page,
  };
}

const stack = useStack(async ({ server, admin }) => {
  await admin.call('POST', '/users', {
    username: 'director-a',
    password: PASSWORD,
    role: 'director',
    townshipId: TOWNSHIP,
    displayName: '张三',
    canApprove: true,
  });
  await admin.call('POST', '/users', {
    username: 'approver-a',
    password: PASSWORD,
    role: 'director',
    townshipId: TOWNSHIP,
    displayName: '李四',
    canApprove: true,
  });
  const director = await Api.login(server.url, 'director-a', PASSWORD);
  // a publish request awaiting 李四: 张三 raised 分管领导单独审批的最长天数 and fixed the cases it moves
  const param = await director.call('GET', `/parameters/${PACK}:leave.supervisorOnlyMaxDays`);
  await director.call('PUT', `/parameters/${PACK}:leave.supervisorOnlyMaxDays`, { ...param, help: '经镇党委会研究' });
  const reply = await director.call('POST', `/packs/${PACK}/publish`, {
    basis: { text: '经镇党委会2026年第12次会议研究通过', date: '2026-11-30' },
  });
  requestId = reply.request.id;
});

afterAll(async () => {
  mkdirSync(join(REPO, 'test-artifacts'), { recursive: true });
  writeFileSync(join(REPO, 'test-artifacts', 'phone-clicks.json'), JSON.stringify(clicks, null, 2));
});

/** The screens a director, an approver and an administrator see, by URL hash. */
const DIRECTOR_SCREENS: [string, string][] = [
  ['packs', '#/packs'],
  ['pack', `#/packs/${PACK}/show`],
  ['parameters', '#/parameters'],
  ['rules', '#/rules'],
  ['fixtures', '#/fixtures'],
  ['test', `#/test/${PACK}`],
  ['tryit', `#/try/${PACK}`],
  ['publish', `#/publish/${PACK}`],
  ['versions', '#/versions'],
  ['audit', '#/audit-events'],
  ['decisions', '#/decisions'],
];
const APPROVER_SCREENS: [string, string][] = [
  ['requests', '#/publish-requests'],
  ['request', ''],
];
const ADMIN_SCREENS: [string, string][] = [
  ['users', '#/users'],
  ['user-create', '#/users/create'],
  ['townships', '#/townships'],
  ['import-export', '#/import-export'],
  ['drafting', '#/drafting'],
];

describe.each(Object.keys(SIZES) as Size[])('every screen at %s size', (size) => {
  it("walks the director's, the approver's and the administrator's screens", async () => {
    for (const [who, password, screens] of [
      ['director-a', PASSWORD, DIRECTOR_SCREENS],
      ['approver-a', PASSWORD, APPROVER_SCREENS],
      ['admin', ADMIN_PASSWORD, ADMIN_SCREENS],
    ] as const) {
      const page = await pageFor(size);
      try {
        await loginAs(page, stack.server.url, who, password);
        for (const [name, hash] of screens) {
          await page.goto(`${stack.server.url}/${hash || `#/publish-requests/${requestId}/show`}`);
          if (name === 'tryit') {
            // the answer, too, is a screen of its own
            await check(page, size, 'tryit-form');
            await fillLeave(page);
            await page.getByTestId('evaluate').click();
            await page.getByTestId('tryit-result').waitFor();
          }
          await check(page, size, name);
        }
      } finally {
        await page.context().close();
      }
    }
  }, 300_000);
});

describe('by keyboard and by thumb on a phone', () => {
  it('Tab reaches 试算; a trial on the phone takes few taps and scrolls the answer into view', async () => {
    const page = await pageFor('phone');
    try {
      await loginAs(page, stack.server.url, 'director-a', PASSWORD);
      await page.goto(`${stack.server.url}/#/try/${PACK}`);
      await settle(page);
      const tabs = await tabsTo(page, 'evaluate');
      expect(tabs, 'Tab never reached 试算').toBeGreaterThan(0);
      clicks.tryitTabsToButton = tabs;
      // the button is on screen without scrolling, even below a long form
      const button = await page.getByTestId('evaluate').boundingBox();
      expect(button!.y + button!.height).toBeLessThanOrEqual(SIZES.phone.height);
      const story = counter(page);
      await story.tap(page.getByRole('radio', { name: '一般干部', exact: true }));
      await story.tap(page.getByRole('combobox', { name: /假别/ }));
      await story.tap(page.getByRole('option', { name: '事假', exact: true }));
      await page.getByRole('spinbutton', { name: /^请假天数（天）/ }).fill('1.5');
      await story.tap(page.getByTestId('evaluate'));
      await page.getByTestId('tryit-outcomes').waitFor();
      await page.waitForTimeout(800);
      clicks.tryitOnPhone = story.count;
      const answer = await page.getByTestId('tryit-result').boundingBox();
      expect(answer!.y, 'the answer is scrolled into view').toBeLessThan(SIZES.phone.height);
      expect(answer!.y + 40).toBeGreaterThan(0);
      await screenshot(page, 'screen-phone-tryit-answer', false);
    } finally {
      await page.context().close();
    }
  }, 120_000);

  it('Tab reaches 同意; approving on the phone takes few taps', async () => {
    const page = await pageFor('phone');
    try {
      await loginAs(page, stack.server.url, 'approver-a', PASSWORD);
      const story = counter(page);
      await page.goto(`${stack.server.url}/#/packs`);
      await settle(page);
      // the menu sits behind the ☰ button on a phone
      await story.tap(page.getByRole('button', { name: '打开菜单' }).first());
      await story.tap(page.getByTestId('menu-approvals'));
      await story.tap(page.getByText(/某县某镇/).first());
      await page.getByTestId('request-show').waitFor();
      await settle(page);
      const tabs = await tabsTo(page, 'approve-button', 120);
      expect(tabs, 'Tab never reached 同意').toBeGreaterThan(0);
      clicks.approveTabsToButton = tabs;
      await page.getByTestId('review-comment').fill('同意');
      await story.tap(page.getByTestId('approve-button'));
      await page.getByTestId('request-published').waitFor();
      clicks.approveOnPhone = story.count;
    } finally {
      await page.context().close();
    }
  }, 120_000);
});

describe('the sweep', () => {
  it('finds no Latin identifier, no serious axe violation and no page wider than a phone', () => {
    const report = findings.map((f) => `${f.size} ${f.screen} ${f.kind}: ${f.detail}`);
    mkdirSync(join(REPO, 'test-artifacts'), { recursive: true });
    writeFileSync(join(REPO, 'test-artifacts', 'every-screen-findings.txt'), report.join('\n') + '\n');
    expect(report).toEqual([]);
  });
});
