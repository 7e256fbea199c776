/**
 * What an operator relies on, in process: security headers and CORS, the readiness probe,
 * one JSON log line per request (request id, user, route, status, duration; refusals at warn;
 * 5xx with the stack; never the token), and jobs that stop cleanly when the server drains.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../api/app.js';
import { createLogger } from '../../api/logging/logger.js';
import { DATABASES, bearer, setupTownships, SEED_PACK, startApp, type TestApp } from './helpers/app.js';

interface LogLine {
  level: string;
  time: string;
  msg: string;
  req?: { id: string; method: string; url: string };
  res?: { status: number };
  user?: string;
  route?: string;
  code?: string;
  ms?: number;
  err?: { stack: string };
  event?: string;
  username?: string;
}

function loggedApp(
  t: TestApp,
  overrides: Partial<TestApp['config']> = {},
): { app: App; http: ReturnType<typeof request>; lines: LogLine[]; raw: string[] } {
  const raw: string[] = [];
  const lines: LogLine[] = [];
  const logger = createLogger({
    level: 'debug',
    destination: {
      write: (line: string) => {
        raw.push(line);
        lines.push(JSON.parse(line));
      },
    },
  });
  const app = createApp({ db: t.db, config: { ...t.config, ...overrides }, logger });
  return { app, http: request(app), lines, raw };
}

describe('security headers and CORS', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp('sqlite');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('every reply carries a CSP without inline script or eval, nosniff, a same-origin referrer policy and same-origin framing', async () => {
    for (const path of ['/', '/api/health', '/api/packs']) {
      const res = await t.http.get(path);
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'self'");
      expect(csp).toContain("base-uri 'self'");
      expect(/script-src [^;]*'unsafe-inline'/.test(csp)).toBe(false);
      // the UI's JSON Schema validators are precompiled at build time: no script is evaluated
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      expect(csp).not.toContain('unsafe-eval');
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('same-origin');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('without configured origins, no Origin gets CORS access (not even a preflight)', async () => {
    const simple = await t.http.get('/api/health').set('Origin', 'http://evil.example');
    expect(simple.status).toBe(200);
    expect(simple.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await t.http
      .options('/api/packs')
      .set('Origin', 'http://evil.example')
      .set('Access-Control-Request-Method', 'GET')
      .set('Access-Control-Request-Headers', 'authorization');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.headers['access-control-allow-headers']).toBeUndefined();
  });

  it('a configured origin is answered by name; others still get nothing', async () => {
    const { http } = loggedApp(t, { corsOrigins: ['https://oa.county.example'] });
    const preflight = await http
      .options('/api/packs')
      .set('Origin', 'https://oa.county.example')
      .set('Access-Control-Request-Method', 'GET')
      .set('Access-Control-Request-Headers', 'authorization');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://oa.county.example');
    expect(preflight.headers.vary).toMatch(/Origin/);
    const list = await http.get('/api/packs').set('Origin', 'https://oa.county.example').set(bearer(t.adminToken));
    expect(list.headers['access-control-allow-origin']).toBe('https://oa.county.example');
    expect(list.headers['access-control-expose-headers']).toMatch(/Content-Range/);
    const other = await http.get('/api/health').set('Origin', 'https://oa.county.example.evil.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe.each(DATABASES)('readiness and draining on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('/api/ready answers 200 without a token when the database answers and its schema is current', async () => {
    const res = await t.http.get('/api/ready');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ready: true, database: 'ok', migrations: 'current' });
    expect((await t.http.get('/api/health')).status).toBe(200);
  });

  it('503 while a migration is pending or the database ran one this code does not know; health stays 200', async () => {
    const newest = (await t.db('knex_migrations').select('*').orderBy('id', 'desc').first()) as {
      id: number;
      name: string;
    };
    await t.db('knex_migrations').where({ id: newest.id }).delete();
    try {
      const pending = await t.http.get('/api/ready');
      expect(pending.status).toBe(503);
      expect(pending.body).toMatchObject({ ready: false, migrations: 'pending', pending: [newest.name] });
      expect((await t.http.get('/api/health')).status).toBe(200);
    } finally {
      await t.db('knex_migrations').insert(newest);
    }
    await t
      .db('knex_migrations')
      .insert({ name: '29990101_from_a_newer_release.ts', batch: 99, migration_time: new Date() });
    try {
      const unknown = await t.http.get('/api/ready');
      expect(unknown.status).toBe(503);
      expect(unknown.body).toMatchObject({
        ready: false,
        migrations: 'unknown',
        unknown: ['29990101_from_a_newer_release.ts'],
      });
    } finally {
      await t.db('knex_migrations').where({ name: '29990101_from_a_newer_release.ts' }).delete();
    }
    expect((await t.http.get('/api/ready')).status).toBe(200);
  });

  it('once draining, /api/ready says 503 and new background jobs are refused with 503 SHUTTING_DOWN', async () => {
    const { app, http } = loggedApp(t);
    await app.drain(1000);
    const ready = await http.get('/api/ready');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ ready: false, draining: true });
    const whatIf = await http
      .post(`/api/packs/${SEED_PACK}/what-if?async=1`)
      .set(bearer(t.adminToken))
      .send({ against: 'draft' });
    expect(whatIf.status).toBe(503);
    expect(whatIf.body).toMatchObject({ code: 'SHUTTING_DOWN', messageZh: expect.stringContaining('服务器正在重启') });
  });
});

describe('request logs', () => {
  let t: TestApp;
  let tokens: Awaited<ReturnType<typeof setupTownships>>;
  beforeAll(async () => {
    t = await startApp('sqlite');
    tokens = await setupTownships(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("one JSON line per request: the caller's request id (echoed), user, route pattern, status, duration; no token", async () => {
    const { http, lines, raw } = loggedApp(t);
    const res = await http
      .get(`/api/packs/${SEED_PACK}`)
      .set(bearer(tokens.directorA))
      .set('X-Request-Id', 'oa-7f3a.42');
    expect(res.status).toBe(200);
    expect(res.headers['x-request-id']).toBe('oa-7f3a.42');
    const line = lines.find((l) => l.req?.id === 'oa-7f3a.42')!;
    expect(line).toMatchObject({
      level: 'info',
      user: 'director-a',
      route: '/api/packs/:id',
      res: { status: 200 },
      req: { method: 'GET', url: `/api/packs/${SEED_PACK}` },
    });
    expect(typeof line.ms).toBe('number');
    expect(new Date(line.time).toISOString()).toBe(line.time);
    expect(raw.join('')).not.toContain(tokens.directorA);
  });

  it('an X-Request-Id that is not a plain token is replaced, so it cannot forge a log line', async () => {
    const { http, lines } = loggedApp(t);
    const forged = 'x"}\n{"level":"error","msg":"forged';
    const res = await http
      .get('/api/health')
      .set('X-Request-Id', encodeURIComponent(forged))
      .set('Accept', 'application/json');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const long = await http.get('/api/health').set('X-Request-Id', 'a'.repeat(200));
    expect(long.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines.every((l) => !l.msg.includes('forged'))).toBe(true);
  });

  it('refusals that matter to security are at warn with their code; probes at debug', async () => {
    const { http, lines } = loggedApp(t);
    await http.post('/api/auth/login').send({ username: 'director-a', password: 'wrong-password' });
    await http
      .post('/api/users')
      .set(bearer(tokens.viewerA))
      .send({ username: 'mallory', password: 'password-1234', role: 'admin' });
    await http.get('/api/packs');
    await http.get('/api/health');
    // the request's own line (it has the reply); a route may also log events of its own on req.log
    const byUrl = (url: string, method = 'GET') =>
      lines.find((l) => l.req?.url === url && l.req.method === method && l.res)!;
    expect(byUrl('/api/auth/login', 'POST')).toMatchObject({ level: 'warn', res: { status: 401 } });
    expect(lines.find((l) => l.event === 'login.failed')).toMatchObject({
      level: 'warn',
      username: 'director-a',
      req: { url: '/api/auth/login' },
    });
    expect(byUrl('/api/users', 'POST')).toMatchObject({
      level: 'warn',
      user: 'viewer-a',
      code: 'FORBIDDEN',
      res: { status: 403 },
    });
    expect(byUrl('/api/packs')).toMatchObject({ level: 'warn', code: 'UNAUTHENTICATED', res: { status: 401 } });
    expect(byUrl('/api/health')).toMatchObject({ level: 'debug' });
  });

  it('a 5xx is logged at error with the stack and a timestamp; the reply says only 服务器内部错误', async () => {
    const db = await startApp('sqlite');
    try {
      const { http, lines } = loggedApp(db);
      await db.db.schema.dropTable('audit_events');
      const res = await http.get('/api/audit-events').set(bearer(db.adminToken));
      expect(res.status).toBe(500);
      expect(res.body).toMatchObject({ code: 'INTERNAL', messageZh: '服务器内部错误' });
      expect(JSON.stringify(res.body)).not.toContain('audit_events');
      const line = lines.find((l) => l.req?.url === '/api/audit-events')!;
      expect(line.level).toBe('error');
      expect(line.err?.stack).toMatch(/audit_events/);
      expect(line.time).toMatch(/^\d{4}-\d\d-\d\dT/);
    } finally {
      await db.close();
    }
  });
});
