/**
 * Sign-in cannot stall the server or probe accounts, and account changes take effect at once:
 * throttling per IP and per username (429 + Retry-After), a persisted lockout (423, even with the
 * right password, for unknown names alike) that the admin lifts, one scrypt for unknown users,
 * audit of sign-in, sign-out and failures, password changes that end the other sessions, and
 * demotion and deletion seen at once by this process and promptly by a second server process on
 * the same database (PostgreSQL: NOTIFY; SQLite: within a second), without a query per request.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LoginPolicy } from '../../api/config.js';
import { createDb, describeDatabase, migrate, migrateDown } from '../../api/db/knex.js';
import { kdf } from '../../api/features/auth/passwords.js';
import {
  ADMIN_PASSWORD,
  DATABASES,
  PASSWORD,
  bearer,
  openApp,
  setupTownships,
  startApp,
  type TestApp,
} from './helpers/app.js';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const LOOSE: LoginPolicy = {
  maxFailuresPerIp: 1000,
  maxFailuresPerAccount: 1000,
  windowMinutes: 15,
  lockAfter: 5,
  lockMinutes: 15,
};
const filter = (f: object) => `filter=${encodeURIComponent(JSON.stringify(f))}`;

/** Another process sees an account change promptly: read until it does, for at most `withinMs`. */
async function promptly<T>(read: () => Promise<T>, expected: T, withinMs = 3000): Promise<void> {
  const deadline = Date.now() + withinMs;
  let last = await read();
  while (last !== expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    last = await read();
  }
  expect(last).toBe(expected);
}

describe.each(DATABASES)('login security on %s', (kind) => {
  let t: TestApp;
  /** a second server process on the same database, with its own token cache */
  let other: Awaited<ReturnType<typeof openApp>>;
  let tokens: Awaited<ReturnType<typeof setupTownships>>;

  const userId = async (username: string) =>
    (await t.http.get(`/api/users?${filter({ username })}`).set(bearer(t.adminToken))).body.find(
      (u: { username: string }) => u.username === username,
    ).id as number;
  const auditOf = async (action: string) =>
    (await t.http.get(`/api/audit-events?${filter({ action })}`).set(bearer(t.adminToken))).body as {
      actor: string;
      recordId: string;
      after: any;
    }[];
  const wrong = (http: TestApp['http'], username: string) =>
    http.post('/api/auth/login').send({ username, password: 'wrong-password' });

  beforeAll(async () => {
    t = await startApp(kind, { login: LOOSE });
    tokens = await setupTownships(t);
    other = await openApp(kind, t.url, { login: LOOSE });
  });
  afterAll(async () => {
    await other?.close();
    await t?.close();
  });
  afterEach(() => vi.restoreAllMocks());

  it('throttles failed sign-ins per IP: 429 with Retry-After and a Chinese message, successes not counted', async () => {
    const strict = await openApp(kind, t.url, { login: { ...LOOSE, maxFailuresPerIp: 3 } });
    try {
      for (let i = 0; i < 5; i++)
        expect(
          (await strict.http.post('/api/auth/login').send({ username: 'admin', password: ADMIN_PASSWORD })).status,
        ).toBe(200);
      for (const name of ['nobody-1', 'nobody-2', 'nobody-3'])
        expect((await wrong(strict.http, name)).status).toBe(401);
      const refused = await wrong(strict.http, 'nobody-4');
      expect(refused.status).toBe(429);
      expect(refused.body.code).toBe('LOGIN_RATE_LIMITED');
      expect(refused.body.messageZh).toMatch(/登录失败次数过多/);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      // the right password from this IP waits too: the limit comes before any password work
      expect(
        (await strict.http.post('/api/auth/login').send({ username: 'admin', password: ADMIN_PASSWORD })).status,
      ).toBe(429);
    } finally {
      await strict.close();
    }
  });

  it('behind a trusted proxy, the per-IP throttle counts each client (X-Forwarded-For), not the proxy', async () => {
    const proxied = await openApp(kind, t.url, { login: { ...LOOSE, maxFailuresPerIp: 2 }, trustProxy: 1 });
    try {
      const from = (ip: string, name: string) => wrong(proxied.http, name).set('X-Forwarded-For', ip);
      expect((await from('203.0.113.1', 'nobody-a')).status).toBe(401);
      expect((await from('203.0.113.1', 'nobody-b')).status).toBe(401);
      expect((await from('203.0.113.1', 'nobody-c')).status).toBe(429);
      // another client behind the same proxy is not throttled for the first one's failures
      expect((await from('203.0.113.2', 'nobody-d')).status).toBe(401);
    } finally {
      await proxied.close();
    }
  });

  it('throttles failed sign-ins per username from any IP, leaving other names alone', async () => {
    const strict = await openApp(kind, t.url, { login: { ...LOOSE, maxFailuresPerAccount: 2 } });
    try {
      expect((await wrong(strict.http, 'target-name')).status).toBe(401);
      expect((await wrong(strict.http, 'target-name')).status).toBe(401);
      const refused = await wrong(strict.http, 'target-name');
      expect(refused.status).toBe(429);
      expect(refused.headers['retry-after']).toBeDefined();
      expect((await wrong(strict.http, 'another-name')).status).toBe(401);
    } finally {
      await strict.close();
    }
  });

  it('locks a username after 5 failures (423 even with the right password, audited), and the admin unlocks it', async () => {
    for (let i = 1; i <= 4; i++) expect((await wrong(t.http, 'viewer-a')).status).toBe(401);
    const locking = await wrong(t.http, 'viewer-a');
    expect(locking.status).toBe(423);
    expect(locking.body.code).toBe('ACCOUNT_LOCKED');
    expect(locking.body.messageZh).toMatch(/账户已锁定/);
    const right = await t.http.post('/api/auth/login').send({ username: 'viewer-a', password: PASSWORD });
    expect(right.status).toBe(423);
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
    // the lock is in the database: the other process refuses too
    expect((await other.http.post('/api/auth/login').send({ username: 'viewer-a', password: PASSWORD })).status).toBe(
      423,
    );

    const id = await userId('viewer-a');
    const failures = (await auditOf('auth.loginFailed')).filter((e) => e.actor === 'viewer-a');
    expect(failures).toHaveLength(5);
    expect((await auditOf('auth.locked')).some((e) => e.recordId === String(id))).toBe(true);
    const listed = (await t.http.get(`/api/users?${filter({ username: 'viewer-a' })}`).set(bearer(t.adminToken)))
      .body[0];
    expect(Date.parse(listed.lockedUntil)).toBeGreaterThan(Date.now());

    expect((await t.http.post(`/api/users/${id}/unlock`).set(bearer(tokens.directorA))).status).toBe(403);
    const unlocked = await t.http.post(`/api/users/${id}/unlock`).set(bearer(t.adminToken));
    expect(unlocked.status).toBe(200);
    expect(unlocked.body.lockedUntil).toBeNull();
    expect((await auditOf('user.unlock')).some((e) => e.recordId === String(id))).toBe(true);
    expect((await t.http.post('/api/auth/login').send({ username: 'viewer-a', password: PASSWORD })).status).toBe(200);
  });

  it('locks an unknown username the same way, so a lockout does not reveal who has an account', async () => {
    for (let i = 1; i <= 4; i++) expect((await wrong(t.http, 'ghost-user')).status).toBe(401);
    const locking = await wrong(t.http, 'ghost-user');
    expect(locking.status).toBe(423);
    expect(locking.body.code).toBe('ACCOUNT_LOCKED');
  });

  it('an unknown username costs one scrypt like a known one', async () => {
    const scrypt = vi.spyOn(kdf, 'scrypt');
    expect((await wrong(t.http, 'no-such-user')).status).toBe(401);
    expect(scrypt).toHaveBeenCalledTimes(1);
    expect((await wrong(t.http, 'tester-a')).status).toBe(401);
    expect(scrypt).toHaveBeenCalledTimes(2);
  });

  it('audits sign-in and sign-out', async () => {
    const token = await t.login('tester-a');
    expect((await t.http.post('/api/auth/logout').set(bearer(token))).status).toBe(204);
    const id = String(await userId('tester-a'));
    expect((await auditOf('auth.login')).some((e) => e.recordId === id && e.actor === 'tester-a')).toBe(true);
    expect((await auditOf('auth.logout')).some((e) => e.recordId === id && e.actor === 'tester-a')).toBe(true);
    expect((await t.http.get('/api/auth/me').set(bearer(token))).status).toBe(401);
  });

  it('a user changes their own password with the current one; their other sessions end at once, on every process', async () => {
    const here = await t.login('tester-a');
    const elsewhere = await t.login('tester-a');
    const onOther = await t.login('tester-a');
    // verified and cached in both processes
    expect((await t.http.get('/api/auth/me').set(bearer(elsewhere))).status).toBe(200);
    expect((await other.http.get('/api/auth/me').set(bearer(onOther))).status).toBe(200);

    const bad = await t.http
      .post('/api/auth/password')
      .set(bearer(here))
      .send({ currentPassword: 'not-it-at-all', newPassword: 'brand-new-pass' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toBe('/currentPassword');
    const short = await t.http
      .post('/api/auth/password')
      .set(bearer(here))
      .send({ currentPassword: PASSWORD, newPassword: 'short' });
    expect(short.status).toBe(422);
    expect(short.body.errors[0].path).toBe('/newPassword');

    expect(
      (
        await t.http
          .post('/api/auth/password')
          .set(bearer(here))
          .send({ currentPassword: PASSWORD, newPassword: 'brand-new-pass' })
      ).status,
    ).toBe(204);
    expect((await t.http.get('/api/auth/me').set(bearer(elsewhere))).status).toBe(401);
    await promptly(async () => (await other.http.get('/api/auth/me').set(bearer(onOther))).status, 401);
    expect((await t.http.get('/api/auth/me').set(bearer(here))).status).toBe(200);
    expect((await t.http.post('/api/auth/login').send({ username: 'tester-a', password: PASSWORD })).status).toBe(401);
    expect(
      (await t.http.post('/api/auth/login').send({ username: 'tester-a', password: 'brand-new-pass' })).status,
    ).toBe(200);
    expect(
      (await auditOf('auth.passwordChange')).some((e) => e.actor === 'tester-a' && e.after.revokedSessions >= 2),
    ).toBe(true);
  });

  it("an admin sets a user's password: that user's sessions end at once", async () => {
    const session = await t.login('approver-a');
    expect((await other.http.get('/api/auth/me').set(bearer(session))).status).toBe(200);
    const id = await userId('approver-a');
    expect(
      (await t.http.put(`/api/users/${id}`).set(bearer(t.adminToken)).send({ password: 'set-by-admin-1' })).status,
    ).toBe(200);
    expect((await t.http.get('/api/auth/me').set(bearer(session))).status).toBe(401);
    await promptly(async () => (await other.http.get('/api/auth/me').set(bearer(session))).status, 401);
    expect(
      (await t.http.post('/api/auth/login').send({ username: 'approver-a', password: 'set-by-admin-1' })).status,
    ).toBe(200);
  });

  it('demotion and a new township take effect at once here and promptly in another process', async () => {
    const director = tokens.directorA;
    expect((await other.http.get('/api/auth/me').set(bearer(director))).body).toMatchObject({
      role: 'director',
      townshipId: 'county-township',
    });
    expect((await other.http.post('/api/auth/tokens').set(bearer(director)).send({ name: 'oa' })).status).toBe(201);

    const id = await userId('director-a');
    expect((await t.http.put(`/api/users/${id}`).set(bearer(t.adminToken)).send({ role: 'viewer' })).status).toBe(200);
    expect((await t.http.get('/api/auth/me').set(bearer(director))).body).toMatchObject({ role: 'viewer' });
    await promptly(async () => (await other.http.get('/api/auth/me').set(bearer(director))).body.role, 'viewer');
    expect((await other.http.post('/api/auth/tokens').set(bearer(director)).send({ name: 'oa' })).status).toBe(403);

    expect((await t.http.put(`/api/users/${id}`).set(bearer(t.adminToken)).send({ townshipId: 'town-b' })).status).toBe(
      200,
    );
    await promptly(async () => (await other.http.get('/api/auth/me').set(bearer(director))).body.townshipId, 'town-b');
  });

  it('authenticated requests do not read the auth generation each time', async () => {
    const token = await t.login('viewer-a');
    let reads = 0;
    const count = (query: { sql: string }) => {
      if (/auth_generation/.test(query.sql)) reads++;
    };
    t.db.on('query', count);
    try {
      for (let i = 0; i < 20; i++) expect((await t.http.get('/api/auth/me').set(bearer(token))).status).toBe(200);
    } finally {
      t.db.removeListener('query', count);
    }
    // at most a re-read when the cached value aged (SQLite) — not one per request
    expect(reads).toBeLessThanOrEqual(2);
  });

  it('a deleted user is signed out promptly in another process', async () => {
    const token = tokens.directorB;
    expect((await other.http.get('/api/auth/me').set(bearer(token))).status).toBe(200);
    const id = await userId('director-b');
    expect((await t.http.delete(`/api/users/${id}`).set(bearer(t.adminToken))).status).toBe(200);
    await promptly(async () => (await other.http.get('/api/auth/me').set(bearer(token))).status, 401);
  });

  it.runIf(kind === 'sqlite')(
    'npm run reset-password resets a password on a real SQLite file, clears the lock, ends sessions, audits',
    async () => {
      const session = await t.login('admin', ADMIN_PASSWORD);
      expect((await t.http.get('/api/auth/me').set(bearer(session))).status).toBe(200);
      for (let i = 0; i < 5; i++) await wrong(t.http, 'admin');
      expect((await t.http.post('/api/auth/login').send({ username: 'admin', password: ADMIN_PASSWORD })).status).toBe(
        423,
      );

      const env = { ...process.env, DATABASE_URL: t.url, RULES_NEW_PASSWORD: 'reset-from-cli-1' };
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'api/reset-password.ts', 'admin'], {
        cwd: REPO,
        env,
        encoding: 'utf8',
      });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/password of "admin" reset/);
      expect(run.stdout).not.toMatch(/reset-from-cli-1/);

      expect((await t.http.get('/api/auth/me').set(bearer(session))).status).toBe(401);
      const login = await t.http.post('/api/auth/login').send({ username: 'admin', password: 'reset-from-cli-1' });
      expect(login.status).toBe(200);
      const audited = (
        await t.http.get(`/api/audit-events?${filter({ action: 'auth.passwordReset' })}`).set(bearer(login.body.token))
      ).body;
      expect(audited).toHaveLength(1);

      // without RULES_NEW_PASSWORD a random password is printed once
      const generated = spawnSync(process.execPath, ['--import', 'tsx', 'api/reset-password.ts', 'admin'], {
        cwd: REPO,
        env: { ...env, RULES_NEW_PASSWORD: '' },
        encoding: 'utf8',
      });
      expect(generated.status, generated.stderr).toBe(0);
      const printed = /shown only once\): (\S+)/.exec(generated.stdout)?.[1];
      expect(printed).toBeTruthy();
      expect((await t.http.post('/api/auth/login').send({ username: 'admin', password: printed })).status).toBe(200);

      const unknown = spawnSync(process.execPath, ['--import', 'tsx', 'api/reset-password.ts', 'nobody-here'], {
        cwd: REPO,
        env,
        encoding: 'utf8',
      });
      expect(unknown.status).toBe(1);
      expect(unknown.stderr).toMatch(/找不到用户/);
    },
    120_000,
  );

  it('the login security migration goes down and up again with users in place', async () => {
    const db = createDb(describeDatabase(t.url, REPO));
    try {
      await migrateDown(db, '20261210_login_security.ts');
      expect(await db.schema.hasTable('login_lockouts')).toBe(false);
      expect(await db.schema.hasTable('auth_generation')).toBe(false);
      await migrate(db);
      expect(await db.schema.hasTable('login_lockouts')).toBe(true);
      expect(Number((await db('auth_generation').first()).generation)).toBe(1);
      expect(await db('users').where({ username: 'admin' }).first()).toBeTruthy();
    } finally {
      await db.destroy();
    }
  });
});
