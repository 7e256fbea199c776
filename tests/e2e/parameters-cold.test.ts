/**
 * 参数 opened straight by its address with a session stored (a bookmark, a reload), in a new
 * browser context: the parameters are asked for without waiting for the screen's code, and each
 * list the page draws is asked for once (the boot's replies land where the screen's hooks read).
 */
import { describe, expect, it } from 'vitest';
import { Api, newPage, screenshot, useStack } from './helpers/harness.js';

const TOWNSHIP = 'county-township';
const PASSWORD = 'e2e-password-123';

const stack = useStack(async ({ admin }) => {
  await admin.createUser('director-cold', PASSWORD, 'director', TOWNSHIP);
});

describe('参数 opened cold', () => {
  it('asks for the parameters before the screen’s code has arrived, and for each list once', async () => {
    const { token, user } = await new Api(stack.server.url).call('POST', '/auth/login', {
      username: 'director-cold',
      password: PASSWORD,
    });
    const { context, page, errors } = await newPage(stack.browser);
    try {
      await context.addInitScript(
        ([t, u]) => {
          localStorage.setItem('rules.token', t);
          localStorage.setItem('rules.user', u);
        },
        [token as string, JSON.stringify(user)],
      );
      const asked = new Map<string, number>();
      let parametersAsked!: () => void;
      const parametersRequest = new Promise<void>((resolve) => (parametersAsked = resolve));
      page.on('request', (request) => {
        const path = new URL(request.url()).pathname;
        if (!path.startsWith('/api/')) return;
        asked.set(path, (asked.get(path) ?? 0) + 1);
        if (path === '/api/parameters') parametersAsked();
      });
      // the screen's code is held until the parameters are asked for (or 15 s have passed)
      let codeWaitedForData = false;
      await page.route(/\/assets\/ParameterList-[\w-]+\.js$/, async (route) => {
        codeWaitedForData = await Promise.race([
          parametersRequest.then(() => true),
          new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 15_000)),
        ]);
        await route.continue();
      });

      await page.goto(`${stack.server.url}/#/parameters`);
      await page.locator('[data-testid^="param-"][data-testid*="."]').first().waitFor({ timeout: 40_000 });
      await page.waitForLoadState('networkidle');

      expect(codeWaitedForData, 'the parameters were asked for before the screen’s code arrived').toBe(true);
      expect(asked.get('/api/packs')).toBe(1);
      expect(asked.get('/api/parameters')).toBe(1);
      expect(asked.get('/api/sources')).toBe(1);
      expect(errors).toEqual([]);
    } catch (error) {
      await screenshot(page, 'failed-parameters-cold');
      throw error;
    } finally {
      await context.close();
    }
  }, 120_000);
});
