/**
 * End-to-end harness: build the admin UI when needed, start the real server (`node --import tsx
 * api/main.ts`) on a free port with a temporary SQLite database, create users through the API,
 * and drive headless Chromium (fresh context per test).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './chromium.js';
import { afterAll, beforeAll } from 'vitest';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const SCREENSHOTS = join(REPO, 'test-artifacts', 'screenshots');
export const ADMIN_PASSWORD = 'e2e-admin-password';

/** Build admin-ui/dist when it is missing or older than admin-ui/src (the prestart script). */
export function ensureUiBuilt(): void {
  const result = spawnSync(process.execPath, [join(REPO, 'scripts', 'ensure-build.mjs'), 'ui'], {
    cwd: REPO,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`admin UI build failed:\n${result.stdout}\n${result.stderr}`);
}

export interface Server {
  url: string;
  process: ChildProcess;
  dir: string;
  stop(): Promise<void>;
}

export async function startServer(): Promise<Server> {
  const dir = mkdtempSync(join(tmpdir(), 'rules-e2e-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/main.ts'], {
    cwd: REPO,
    env: {
      ...process.env,
      PORT: '0',
      DATABASE_URL: `sqlite:${join(dir, 'rules.sqlite')}`,
      RULES_DATA_DIR: dir,
      RULES_ADMIN_PASSWORD: ADMIN_PASSWORD,
      RULES_ADMIN_UI_DIR: join(REPO, 'admin-ui', 'dist'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/[^\s]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1].replace(/\/$/, ''));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    process: child,
    dir,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A small JSON client for setting up users, townships and packs through the API. */
export class Api {
  constructor(
    readonly url: string,
    private token?: string,
  ) {}

  static async login(url: string, username: string, password: string): Promise<Api> {
    const api = new Api(url);
    const { token } = await api.call('POST', '/auth/login', { username, password });
    api.token = token;
    return api;
  }

  async call(method: string, path: string, body?: unknown): Promise<any> {
    const response = await fetch(`${this.url}/api${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...(this.token ? { Authorization: `Bearer ${this.token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await response.json().catch(() => undefined);
    if (!response.ok)
      throw Object.assign(new Error(`${method} ${path} → ${response.status} ${JSON.stringify(json)}`), {
        status: response.status,
        body: json,
      });
    return json;
  }

  createUser(username: string, password: string, role: string, townshipId: string | null) {
    return this.call('POST', '/users', { username, password, role, townshipId, displayName: username });
  }
}

export const launchBrowser = launchChromium;

/** What a file's tests share: the server, one browser and the administrator's API client. */
export interface Stack {
  server: Server;
  browser: Browser;
  admin: Api;
}

/**
 * Starts the stack before a file's tests (building the UI when stale), runs `setup` with it, and
 * stops it after them. The returned object is filled in once `beforeAll` has run.
 */
export function useStack(setup?: (stack: Stack) => Promise<void>, timeoutMs = 240_000): Stack {
  const stack = {} as Stack;
  beforeAll(async () => {
    ensureUiBuilt();
    stack.server = await startServer();
    stack.browser = await launchBrowser();
    stack.admin = await Api.login(stack.server.url, 'admin', ADMIN_PASSWORD);
    await setup?.(stack);
  }, timeoutMs);
  afterAll(async () => {
    await stack.browser?.close();
    await stack.server?.stop();
  });
  return stack;
}

export async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  if (process.env.E2E_DEBUG) {
    page.on('response', async (r) => {
      if (r.url().includes('/api/') && (r.request().method() !== 'GET' || /\/api\/packs\/[a-z-]+(\?|$)/.test(r.url())))
        console.log(r.request().method(), r.url(), r.status(), (await r.text().catch(() => '')).slice(0, 200));
    });
  }
  return { context, page, errors };
}

/** Log in through the login page and wait for the menu. */
export async function loginAs(page: Page, url: string, username: string, password: string): Promise<void> {
  await page.goto(`${url}/#/login`);
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
  await page.getByRole('menuitem', { name: '规则包' }).waitFor();
}

export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage });
}

/** Today and tomorrow in China time (Asia/Shanghai, UTC+8 all year), as YYYY-MM-DD. */
export function shanghaiDay(offsetDays = 0, now = Date.now()): string {
  return new Date(now + 8 * 60 * 60 * 1000 + offsetDays * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

/**
 * Publishing a shipped pack needs an approval: approve the pack's open publish request
 * as `approver` (a user with canApprove of the pack's township, not the requester). Returns the
 * approved request (with `version` once it published).
 */
export async function approveOpenRequest(approver: Api, packId: string, comment = '同意'): Promise<any> {
  const open = await approver.call(
    'GET',
    `/publish-requests?filter=${encodeURIComponent(JSON.stringify({ packId, status: 'requested' }))}`,
  );
  if (!Array.isArray(open) || open.length !== 1)
    throw new Error(`expected one open publish request of ${packId}, found ${JSON.stringify(open)}`);
  return approver.call('POST', `/publish-requests/${open[0].id}/approve`, { comment });
}
