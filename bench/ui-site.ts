/**
 * What the UI benchmarks share: the real server on a throwaway SQLite database serving one build
 * of the admin UI, with a township director who can sign in, and Chromium launched the same way.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { adminToken, startServer } from './api-server.js';

export const PASSWORD = 'bench-director-password';
const TOWNSHIP = 'county-township';

export interface Site {
  label: string;
  dist: string;
  url: string;
  token: string;
  user: string;
  stop: () => void;
  dir: string;
}

/** The server on a throwaway SQLite serving one build of the UI, with a township director. */
export async function startSite(label: string, dist: string): Promise<Site> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-ui-'));
  process.env.RULES_ADMIN_UI_DIR = dist;
  process.env.RULES_DATA_DIR = dir;
  const server = await startServer(`sqlite:${join(dir, 'rules.sqlite')}`);
  const admin = await adminToken(server.url);
  const created = await fetch(`${server.url}/api/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
    body: JSON.stringify({
      username: 'director',
      password: PASSWORD,
      role: 'director',
      townshipId: TOWNSHIP,
      displayName: '镇长',
    }),
  });
  if (!created.ok) throw new Error(`creating the director failed: ${created.status} ${await created.text()}`);
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'director', password: PASSWORD }),
  });
  const { token, user } = (await login.json()) as { token: string; user: unknown };
  return { label, dist, url: server.url, token, user: JSON.stringify(user), stop: server.stop, dir };
}

export const newContext = (browser: Browser) =>
  browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' });

/** A new context that starts signed in, as a browser holding a stored session does. */
export async function signedInContext(browser: Browser, site: Site): Promise<BrowserContext> {
  const context = await newContext(browser);
  await context.addInitScript(
    ([t, u]) => {
      localStorage.setItem('rules.token', t);
      localStorage.setItem('rules.user', u);
    },
    [site.token, site.user],
  );
  return context;
}

// launched as the E2E tests launch it
export { launchChromium } from '../tests/e2e/helpers/chromium.js';
