/**
 * The request log builds what it writes and nothing else: a request whose line is below the
 * log level (a probe at info) creates no child logger and serialises nothing, and `req.log` is
 * made only for a route that logs an event of its own. The lines themselves are checked in
 * operations.test.ts.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../api/app.js';
import { createLogger } from '../../api/logging/logger.js';
import { startApp, type TestApp } from './helpers/app.js';

describe('request log cost', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp('sqlite');
  });
  afterAll(async () => {
    await t?.close();
  });

  function appLoggingAt(level: string) {
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger({
      level,
      destination: {
        write: (line: string) => {
          lines.push(JSON.parse(line));
        },
      },
    });
    // pino's loggers share one prototype: this sees child() on the logger and on any child of it
    const child = vi.spyOn(Object.getPrototypeOf(logger), 'child');
    const app = createApp({ db: t.db, config: t.config, logger });
    return { http: request(app), lines, child };
  }

  it('a probe below the log level makes no child logger and no line', async () => {
    const { http, lines, child } = appLoggingAt('info');
    try {
      child.mockClear();
      for (let i = 0; i < 5; i++) expect((await http.get('/api/health')).status).toBe(200);
      expect(child).not.toHaveBeenCalled();
      expect(lines.filter((l) => (l.req as { url?: string } | undefined)?.url === '/api/health')).toEqual([]);
    } finally {
      child.mockRestore();
    }
  });

  it('an evaluation is logged at info without a child logger; its line has the request, user, route, status', async () => {
    const { http, lines, child } = appLoggingAt('info');
    try {
      const url = '/api/packs/county-township-cadres/evaluate';
      child.mockClear();
      const res = await http
        .post(url)
        .set('Authorization', `Bearer ${t.adminToken}`)
        .send({ decision: 'leaveApproval', facts: { applicantRole: 'ordinary', leaveType: 'sick', days: 3 } });
      expect(res.status).toBe(200);
      expect(child).not.toHaveBeenCalled();
      const line = lines.find((l) => (l.req as { url?: string } | undefined)?.url === url);
      expect(line).toMatchObject({
        level: 'info',
        user: 'admin',
        route: '/api/packs/:id/evaluate',
        res: { status: 200 },
        req: { method: 'POST', id: res.headers['x-request-id'] },
      });
    } finally {
      child.mockRestore();
    }
  });
});
