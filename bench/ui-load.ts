/**
 * The admin UI loaded cold in headless Chromium (a new browser context each time: no cache, no
 * storage) from the real server on a throwaway SQLite database, as an office's browser would:
 *   - bytes transferred (as served: brotli/gzip) for the login screen, and then for logging in
 *     and landing on the first screen, per file;
 *   - time until 参数 is interactive (its search field takes input and the parameter cards are
 *     drawn), opened straight by URL with a session already stored, median of several runs;
 *   - the floor on this machine: the login screen (no session, nothing to ask the API) until its
 *     user name field takes input, the same way, and 参数's time as a multiple of it; the load
 *     average before and after, for a machine shared with other work.
 *
 * `UI_DIST=/path/to/dist` measures another build; `UI_COMPARE=/path/to/dist` adds a second build
 * (e.g. an older one) measured in the same run, cold runs interleaved, for a before/after figure;
 * by default admin-ui/dist is rebuilt when older than its sources.
 */
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { median } from './timing.js';
import { launchChromium, newContext, PASSWORD, signedInContext, startSite, type Site } from './ui-site.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const RUNS = Number(process.env.UI_RUNS ?? 7);
const BUDGET_KIB = 300;

interface Transfer {
  path: string;
  encoding: string;
  bytes: number;
}

/** Every response of a page, with its body size as it crossed the wire, into `log.current`. */
function recordTransfers(page: Page): { current: Transfer[] } {
  const log = { current: [] as Transfer[] };
  page.on('requestfinished', async (request) => {
    const transfers = log.current;
    const response = await request.response();
    if (!response) return;
    const sizes = await request.sizes();
    const path = new URL(request.url()).pathname;
    transfers.push({
      path,
      encoding: (await response.headerValue('content-encoding')) ?? 'identity',
      bytes: sizes.responseBodySize,
    });
  });
  return log;
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const isCode = (t: Transfer) => /\.(js|css)$/.test(t.path) || t.path === '/' || t.path.endsWith('.html');

function printTransfers(title: string, transfers: Transfer[]) {
  const code = transfers.filter(isCode).sort((a, b) => b.bytes - a.bytes);
  const api = transfers.filter((t) => t.path.startsWith('/api/'));
  const total = code.reduce((sum, t) => sum + t.bytes, 0);
  console.log(
    `\n${title}: ${kib(total)} of HTML/JS/CSS in ${code.length} files (+ ${kib(api.reduce((s, t) => s + t.bytes, 0))} API in ${api.length} calls)`,
  );
  for (const t of code) console.log(`  ${kib(t.bytes).padStart(11)}  ${t.encoding.padEnd(8)} ${t.path}`);
  return total;
}

/** Bytes: the login screen, then logging in and landing on 规则包, then 参数 from the menu. */
async function measureBytes(browser: Browser, site: Site) {
  const context = await newContext(browser);
  const page = await context.newPage();
  const log = recordTransfers(page);
  await page.goto(`${site.url}/#/login`, { waitUntil: 'networkidle' });
  await page.locator('input[name="username"]').waitFor();
  const login = printTransfers(`[${site.label}] login screen`, log.current);
  log.current = [];
  await page.locator('input[name="username"]').fill('director');
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.locator('button[type="submit"]').click();
  await page.locator('table tbody tr').first().waitFor();
  await page.waitForLoadState('networkidle');
  const first = printTransfers(`[${site.label}] logging in, first screen (规则包)`, log.current);
  log.current = [];
  await page.getByRole('menuitem', { name: '参数' }).click();
  await page.locator('[data-testid^="param-"][data-testid*="."]').first().waitFor();
  await page.waitForLoadState('networkidle');
  const parameters = printTransfers(`[${site.label}] then 参数 from the menu`, log.current);
  console.log(
    `\n[${site.label}] login screen ${kib(login)} (${(login / 1024 / BUDGET_KIB).toFixed(2)}× the ${BUDGET_KIB} KiB budget); ` +
      `+ first screen ${kib(login + first)}; + 参数 ${kib(login + first + parameters)}`,
  );
  await context.close();
}

/**
 * 参数 opened straight by URL in a new context (no cache) with the session stored, until a card
 * shows and the search field has taken input: wall time, and the page's main-thread busy time
 * (less sensitive than wall time to other processes on a shared machine).
 */
async function coldParameters(browser: Browser, site: Site): Promise<{ wallMs: number; mainThreadMs: number }> {
  const context = await signedInContext(browser, site);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const started = performance.now();
  if (process.env.UI_DEBUG)
    page.on('response', (r) =>
      console.log(`  ${(performance.now() - started).toFixed(0)} ms ${r.status()} ${r.url().slice(site.url.length)}`),
    );
  await page.goto(`${site.url}/#/parameters`);
  await page.locator('[data-testid^="param-"][data-testid*="."]').first().waitFor();
  await page.getByTestId('param-search').fill('天');
  const wallMs = performance.now() - started;
  const { metrics } = await cdp.send('Performance.getMetrics');
  const mainThreadMs = (metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN) * 1000;
  await context.close();
  return { wallMs, mainThreadMs };
}

/** The login screen opened in a new context (no session) until its user name field takes input: the floor. */
async function coldLogin(browser: Browser, site: Site): Promise<number> {
  const context = await newContext(browser);
  const page = await context.newPage();
  const started = performance.now();
  await page.goto(`${site.url}/#/login`);
  await page.locator('input[name="username"]').fill('director');
  const wallMs = performance.now() - started;
  await context.close();
  return wallMs;
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

async function main() {
  const dist = process.env.UI_DIST ?? join(ROOT, 'admin-ui', 'dist');
  if (!process.env.UI_DIST) {
    const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'ensure-build.mjs'), 'ui'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    if (build.status !== 0) throw new Error('admin UI build failed');
  }
  const sites: Site[] = [];
  let browser: Browser | undefined;
  try {
    sites.push(await startSite('this build', dist));
    // UI_COMPARE=/path/to/another/dist: the same figures for that build, runs interleaved
    if (process.env.UI_COMPARE) sites.push(await startSite('compared build', process.env.UI_COMPARE));
    browser = await launchChromium();
    for (const site of sites) {
      console.log(`\n[${site.label}] admin UI from ${site.dist}`);
      await measureBytes(browser, site);
    }
    const runs = new Map(sites.map((site) => [site, [] as { wallMs: number; mainThreadMs: number }[]]));
    const floor = new Map(sites.map((site) => [site, [] as number[]]));
    for (const site of sites) await coldParameters(browser, site); // warm the servers' caches, not the browser's
    const loadBefore = load();
    for (let run = 0; run < RUNS; run++)
      for (const site of sites) {
        runs.get(site)!.push(await coldParameters(browser, site));
        floor.get(site)!.push(await coldLogin(browser, site));
      }
    console.log(`\nload average (1, 5, 15 min) ${loadBefore} before the runs, ${load()} after`);
    for (const site of sites) {
      const wall = runs.get(site)!.map((r) => r.wallMs);
      const main = runs.get(site)!.map((r) => r.mainThreadMs);
      console.log(
        `[${site.label}] 参数 interactive, cold: median ${median(wall).toFixed(0)} ms wall (min ${Math.min(...wall).toFixed(0)}), ` +
          `${median(main).toFixed(0)} ms main-thread busy, ${RUNS} runs; target < 1000 ms wall`,
      );
      const login = median(floor.get(site)!);
      console.log(
        `[${site.label}] floor, the login screen cold: median ${login.toFixed(0)} ms wall; 参数 = ${(median(wall) / login).toFixed(2)}× the floor`,
      );
    }
    if (sites.length === 2) {
      const [a, b] = sites.map((site) => runs.get(site)!);
      console.log(
        `this build / compared: wall ${(median(a.map((r) => r.wallMs)) / median(b.map((r) => r.wallMs))).toFixed(2)}×, ` +
          `main thread ${(median(a.map((r) => r.mainThreadMs)) / median(b.map((r) => r.mainThreadMs))).toFixed(2)}×`,
      );
    }
  } finally {
    await browser?.close();
    for (const site of sites) {
      site.stop();
      rmSync(site.dir, { recursive: true, force: true });
    }
  }
}

await main();
