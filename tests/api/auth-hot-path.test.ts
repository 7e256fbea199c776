/**
 * A request with a token verified before answers from memory without waiting on anything
 * (AuthService.cachedIdentity), and only while nothing has changed: after a logout, on this
 * server or another one sharing the database, the token is looked up again and refused.
 */
import type { Request } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, DATABASES, bearer, openApp, startApp, type TestApp } from './helpers/app.js';

const withHeader = (token: string) => ({ headers: { authorization: `Bearer ${token}` } }) as unknown as Request;

/**
 * The cached identity once the server may answer from memory: on PostgreSQL only after its
 * listener for other processes' changes is up (until then every request reads the generation).
 */
async function verified(t: TestApp, token: string) {
  for (let tries = 0; tries < 100; tries++) {
    await t.app.services.auth.authenticate(withHeader(token));
    const identity = t.app.services.auth.cachedIdentity(withHeader(token));
    if (identity) return identity;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return undefined;
}

describe.each(DATABASES)('the token cache on %s', (kind) => {
  let t: TestApp;
  let other: Awaited<ReturnType<typeof openApp>>;
  beforeAll(async () => {
    t = await startApp(kind);
    other = await openApp(kind, t.url);
  });
  afterAll(async () => {
    await other?.close();
    await t?.close();
  });

  it('a verified token is known at once until it is revoked', async () => {
    const token = await t.login('admin', ADMIN_PASSWORD);
    const auth = t.app.services.auth;
    expect(auth.cachedIdentity(withHeader(token))).toBeUndefined(); // never verified here
    const identity = await auth.authenticate(withHeader(token));
    expect(identity).toMatchObject({ kind: 'user', username: 'admin' });
    expect(await verified(t, token)).toBe(identity);
    expect(auth.cachedIdentity(withHeader('someone-else'))).toBeUndefined();
    expect(auth.cachedIdentity({ headers: {} } as Request)).toBeUndefined();
    expect((await t.http.post('/api/auth/logout').set(bearer(token))).status).toBe(204);
    expect(auth.cachedIdentity(withHeader(token))).toBeUndefined();
    await expect(auth.authenticate(withHeader(token))).rejects.toMatchObject({ status: 401 });
    expect((await t.http.get('/api/auth/me').set(bearer(token))).status).toBe(401);
  });

  it('a logout on another server sharing the database ends the cached identity here', async () => {
    const token = await t.login('admin', ADMIN_PASSWORD);
    const auth = t.app.services.auth;
    expect((await t.http.get('/api/auth/me').set(bearer(token))).status).toBe(200);
    expect(await verified(t, token)).toMatchObject({ username: 'admin' });
    expect(auth.cachedIdentity(withHeader(token))).toMatchObject({ username: 'admin' });
    expect((await other.http.post('/api/auth/logout').set(bearer(token))).status).toBe(204);
    // SQLite: within the generation's one-second age; PostgreSQL: when the NOTIFY arrives
    let status = 200;
    for (let tries = 0; tries < 60 && status === 200; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      status = (await t.http.get('/api/auth/me').set(bearer(token))).status;
    }
    expect(status).toBe(401);
    expect(auth.cachedIdentity(withHeader(token))).toBeUndefined();
  });
});
