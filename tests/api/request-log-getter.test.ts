/**
 * `req.log` comes from express's request prototype, not from a getter defined on each request:
 * a property defined on a live object gives it a hidden class of its own, which V8 keeps in the
 * old generation, and the request's objects with it, past every scavenge. It is still made only
 * when a route logs, and its lines carry the request.
 */
import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { httpLogger } from '../../api/logging/http-logger.js';
import { createLogger } from '../../api/logging/logger.js';

function appWithLines() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    level: 'info',
    destination: { write: (line: string) => void lines.push(JSON.parse(line)) },
  });
  const app = express();
  app.use(httpLogger(logger));
  const own: boolean[] = [];
  app.get('/quiet', (req, res) => {
    own.push(Object.hasOwn(req, 'log'));
    res.json({ ok: true });
  });
  app.get('/noisy', (req, res) => {
    req.log.warn({ detail: 42 }, 'something worth a line');
    own.push(Object.hasOwn(req, 'log'));
    res.json({ ok: true });
  });
  return { http: request(app), lines, own };
}

describe('req.log', () => {
  it('is no property of the request itself, logged or not', async () => {
    const { http, own } = appWithLines();
    expect((await http.get('/quiet')).status).toBe(200);
    expect((await http.get('/noisy')).status).toBe(200);
    expect(own).toEqual([false, false]);
  });

  it("a route's own line carries the request's id, method and url", async () => {
    const { http, lines } = appWithLines();
    const res = await http.get('/noisy').set('X-Request-Id', 'req-123');
    expect(res.status).toBe(200);
    expect(lines.find((l) => l.msg === 'something worth a line')).toMatchObject({
      level: 'warn',
      detail: 42,
      req: { id: 'req-123', method: 'GET', url: '/noisy' },
    });
  });

  it('is undefined on a request the request log did not see', async () => {
    const app = express();
    app.get('/', (req, res) => {
      res.json({ log: req.log === undefined });
    });
    expect((await request(app).get('/')).body).toEqual({ log: true });
  });
});
