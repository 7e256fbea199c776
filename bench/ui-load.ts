/**
 * The admin UI loaded cold in headless Chromium (a new browser context each time: no cache, no
 * storage) from the real server on a throwaway SQLite database, as an office's browser would:
 *   - bytes transferred (as served: brotli/gzip) for the login screen, and then for logging in
 *     and landing on the first screen, per file;
 *   - time until 参数 is interactive (its search field takes input and the parameter cards are
 *     drawn), opened straight by URL with a session already stored, median of several runs.
 *
 * `UI_DIST=/path/to/dist` measures another build (e.g. an older one for a before/after figure);
 * by default admin-ui/dist is rebuilt when older than its sources.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { adminToken, startServer } from './api-server.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const RUNS = Number(process.env.UI_RUNS ?? 7);
const BUDGET_KIB = 300;
const PASSWORD = 'bench-director-password';
const TOWNSHIP = 'county-township';

interface Transfer { path: string; encoding: string; bytes: number }

/** Every response of a page, with its body size as it crossed the wire, into `log.current`. */
function recordTransfers(page: Page): { current: Transfer[] } {
  const log = { current: [] as Transfer[] };
  page.on('requestfinished', async (request) => {
    const transfers = log.current;
    const response = await request.response();
    if (!response) return;
    const sizes = await request.sizes();
    const path = new URL(request.url()).pathname;
    transfers.push({ path, encoding: (await response.headerValue('content-encoding')) ?? 'identity', bytes: sizes.responseBodySize });
  });
  return log;
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const isCode = (t: Transfer) => /\.(js|css)$/.test(t.path) || t.path === '/' || t.path.endsWith('.html');

function printTransfers(title: string, transfers: Transfer[]) {
  const code = transfers.filter(isCode).sort((a, b) => b.bytes - a.bytes);
  const api = transfers.filter((t) => t.path.startsWith('/api/'));
  const total = code.reduce((sum, t) => sum + t.bytes, 0);
  console.log(`\n${title}: ${kib(total)} of HTML/JS/CSS in ${code.length} files (+ ${kib(api.reduce((s, t) => s + t.bytes, 0))} API in ${api.length} calls)`);
  for (const t of code) console.log(`  ${kib(t.bytes).padStart(11)}  ${t.encoding.padEnd(8)} ${t.path}`);
  return total;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
  const dist = process.env.UI_DIST ?? join(ROOT, 'admin-ui', 'dist');
  if (!process.env.UI_DIST) {
    const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'ensure-build.mjs'), 'ui'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('admin UI build failed');
  }
  const dir = mkdtempSync(join(tmpdir(), 'bench-ui-'));
  process.env.RULES_ADMIN_UI_DIR = dist;
  process.env.RULES_DATA_DIR = dir;
  const server = await startServer(`sqlite:${join(dir, 'rules.sqlite')}`);
  let browser: Browser | undefined;
  try {
    const admin = await adminToken(server.url);
    const created = await fetch(`${server.url}/api/users`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({ username: 'director', password: PASSWORD, role: 'director', townshipId: TOWNSHIP, displayName: '镇长' }),
    });
    if (!created.ok) throw new Error(`creating the director failed: ${created.status} ${await created.text()}`);
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    console.log(`admin UI from ${dist}; budget for the login screen: ${BUDGET_KIB} KiB`);

    // 1. bytes: the login screen, then logging in and landing on the first screen
    {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' });
      const page = await context.newPage();
      const log = recordTransfers(page);
      await page.goto(`${server.url}/#/login`, { waitUntil: 'networkidle' });
      await page.locator('input[name="username"]').waitFor();
      const loginBytes = printTransfers('login screen', log.current);
      log.current = [];
      await page.locator('input[name="username"]').fill('director');
      await page.locator('input[name="password"]').fill(PASSWORD);
      await page.locator('button[type="submit"]').click();
      await page.getByRole('menuitem', { name: '规则包' }).waitFor();
      await page.waitForLoadState('networkidle');
      const afterBytes = printTransfers('logging in, first screen (规则包)', log.current);
      log.current = [];
      await page.getByRole('menuitem', { name: '参数' }).click();
      await page.getByTestId('param-search').waitFor();
      await page.waitForLoadState('networkidle');
      const paramBytes = printTransfers('then 参数 from the menu', log.current);
      console.log(`\nlogin screen ${kib(loginBytes)} (${(loginBytes / 1024 / BUDGET_KIB).toFixed(2)}× the ${BUDGET_KIB} KiB budget); ` +
        `login + first screen ${kib(loginBytes + afterBytes)}; + 参数 ${kib(loginBytes + afterBytes + paramBytes)}`);
      await context.close();
    }

    // 2. time: 参数 opened cold by URL, session stored, until its search takes input and cards show
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'director', password: PASSWORD }),
    });
    const { token, user } = (await login.json()) as { token: string; user: unknown };
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' });
      await context.addInitScript(([t, u]) => {
        localStorage.setItem('rules.token', t);
        localStorage.setItem('rules.user', u);
      }, [token, JSON.stringify(user)]);
      const page = await context.newPage();
      const started = performance.now();
      if (process.env.UI_DEBUG) page.on('response', (r) => console.log(`  ${(performance.now() - started).toFixed(0)} ms ${r.status()} ${r.url().slice(server.url.length)}`));
      await page.goto(`${server.url}/#/parameters`);
      await page.locator('[data-testid^="param-"][data-testid*="."]').first().waitFor();
      const search = page.getByTestId('param-search');
      await search.fill('天');
      await page.waitForFunction(() => (document.querySelector('[data-testid="param-search"]') as HTMLInputElement | null)?.value === '天');
      times.push(performance.now() - started);
      await context.close();
    }
    console.log(`\n参数 interactive, cold (new context, no cache): median ${median(times).toFixed(0)} ms over ${RUNS} runs ` +
      `(min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}); target < 1000 ms`);
  } finally {
    await browser?.close();
    server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
