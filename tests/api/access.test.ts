import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DATABASES,
  LEAVE_FACTS,
  OTHER_PACK,
  SEED_PACK,
  SEED_TOWNSHIP,
  bearer,
  setupTownships,
  startApp,
  type TestApp,
} from './helpers/app.js';

type Call = [method: 'get' | 'post' | 'put' | 'delete', path: string, body?: unknown];

const f = (filter: object) => `filter=${encodeURIComponent(JSON.stringify(filter))}`;

/** Everything of township A (county-township) a user of township B must not touch. */
function townshipARoutes(directorAId: number): Call[] {
  const calls: Call[] = [
    ['get', `/api/packs/${SEED_PACK}`],
    ['put', `/api/packs/${SEED_PACK}`, { description: 'x' }],
    ['delete', `/api/packs/${SEED_PACK}`],
    ['get', `/api/packs?${f({ id: [SEED_PACK] })}`],
    ['get', `/api/packs?${f({ townshipId: SEED_TOWNSHIP })}`],
    ['get', `/api/packs/${SEED_PACK}/export`],
    ['post', `/api/packs/${SEED_PACK}/publish`, {}],
    ['post', `/api/packs/${SEED_PACK}/rollback`, { version: 1 }],
    ['get', `/api/packs/${SEED_PACK}/diff?from=1&to=draft`],
    ['post', `/api/packs/${SEED_PACK}/evaluate`, { decision: 'leaveApproval', facts: LEAVE_FACTS }],
    ['post', `/api/packs/${SEED_PACK}/evaluate/batch`, { decision: 'leaveApproval', items: [{ facts: LEAVE_FACTS }] }],
    ['post', `/api/packs/${SEED_PACK}/test`, {}],
    ['post', `/api/packs/${SEED_PACK}/lint`, {}],
    ['get', `/api/versions?${f({ packId: SEED_PACK })}`],
    ['get', `/api/versions?${f({ id: [`${SEED_PACK}:1`] })}`],
    ['get', `/api/versions/${SEED_PACK}:1`],
    ['get', `/api/audit-events?${f({ packId: SEED_PACK })}`],
    ['get', `/api/audit-events?${f({ townshipId: SEED_TOWNSHIP })}`],
    ['get', `/api/users?${f({ townshipId: SEED_TOWNSHIP })}`],
    ['get', `/api/users/${directorAId}`],
    ['get', `/api/townships/${SEED_TOWNSHIP}`],
    ['get', `/api/townships?${f({ id: [SEED_TOWNSHIP] })}`],
    ['post', '/api/packs', { id: 'sneaky', name: 'x', townshipId: SEED_TOWNSHIP, extends: 'base' }],
  ];
  for (const [resource, key] of [
    ['parameters', 'leave.secretaryMaxDays'],
    ['rules', 'leave.ordinary.upToFiveDays'],
    ['fixtures', 'leave.ordinary.1d'],
    ['sources', 'LV-002-A'],
  ]) {
    calls.push(
      ['get', `/api/${resource}?${f({ packId: SEED_PACK })}`],
      ['get', `/api/${resource}?${f({ id: [`${SEED_PACK}:${key}`] })}`],
      ['get', `/api/${resource}/${SEED_PACK}:${key}`],
      ['put', `/api/${resource}/${SEED_PACK}:${key}`, { value: 1 }],
      ['delete', `/api/${resource}/${SEED_PACK}:${key}`],
      ['post', `/api/${resource}`, { packId: SEED_PACK }],
    );
  }
  return calls;
}

describe.each(DATABASES)('access control on %s', (kind) => {
  let t: TestApp;
  let tokens: Awaited<ReturnType<typeof setupTownships>>;
  let calls: Call[];

  beforeAll(async () => {
    t = await startApp(kind);
    tokens = await setupTownships(t);
    const users = await t.http.get(`/api/users?${f({ username: 'director-a' })}`).set(bearer(t.adminToken));
    calls = townshipARoutes(users.body[0].id);
  });
  afterAll(() => t?.close());

  const send = (call: Call, token?: string) => {
    const [method, path, body] = call;
    let req = t.http[method](path);
    if (token) req = req.set(bearer(token));
    return body === undefined ? req : req.send(body as object);
  };

  it('a director of township B gets 403 on every route of township A, list filters included', async () => {
    for (const call of calls) {
      const res = await send(call, tokens.directorB);
      expect(res.status, `${call[0].toUpperCase()} ${call[1]} → ${JSON.stringify(res.body)}`).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
    }
  });

  it('an unauthenticated request gets 401 on every route but health and login', async () => {
    for (const call of calls) expect((await send(call)).status, call[1]).toBe(401);
    for (const path of [
      '/api/packs',
      '/api/users',
      '/api/townships',
      '/api/audit-events',
      '/api/versions',
      '/api/auth/me',
    ]) {
      expect((await t.http.get(path)).status).toBe(401);
    }
    expect((await t.http.get('/api/packs').set(bearer('made-up-token'))).status).toBe(401);
    expect((await t.http.get('/api/health')).status).toBe(200);
    expect(
      (await t.http.post('/api/auth/login').send({ username: 'director-a', password: 'wrong-password' })).status,
    ).toBe(401);
  });

  it("unfiltered lists show only the township's own packs and their bases", async () => {
    const packs = await t.http.get('/api/packs').set(bearer(tokens.directorB));
    expect(packs.body.map((p: { id: string }) => p.id).sort()).toEqual(['base', OTHER_PACK]);
    for (const resource of ['parameters', 'rules', 'fixtures', 'sources', 'versions', 'audit-events']) {
      const res = await t.http.get(`/api/${resource}`).set(bearer(tokens.directorB));
      expect(res.status).toBe(200);
      expect(
        res.body.filter((r: { packId?: string }) => r.packId === SEED_PACK),
        resource,
      ).toEqual([]);
    }
    const users = await t.http.get('/api/users').set(bearer(tokens.directorB));
    expect(users.body.map((u: { username: string }) => u.username)).toEqual(['director-b']);
    const townships = await t.http.get('/api/townships').set(bearer(tokens.directorB));
    expect(townships.body.map((x: { id: string }) => x.id)).toEqual(['town-b']);
  });

  it('a township reads its base pack but cannot edit or publish it', async () => {
    expect((await t.http.get('/api/packs/base').set(bearer(tokens.directorB))).status).toBe(200);
    expect((await t.http.get('/api/packs/base/export').set(bearer(tokens.directorB))).status).toBe(200);
    expect(
      (
        await t.http
          .post('/api/packs/base/evaluate')
          .set(bearer(tokens.viewerA))
          .send({ decision: 'leaveEntitlement', facts: { leaveType: 'annual', yearsOfService: 12 } })
      ).status,
    ).toBe(200);
    const row = (await t.http.get('/api/parameters/base:annualLeave.shortServiceDays').set(bearer(tokens.directorB)))
      .body;
    expect(
      (
        await t.http
          .put(`/api/parameters/${row.id}`)
          .set(bearer(tokens.directorB))
          .send({ ...row, label: 'x' })
      ).status,
    ).toBe(403);
    expect((await t.http.post('/api/packs/base/publish').set(bearer(tokens.directorB)).send({})).status).toBe(403);
  });

  it('a new township with no packs yet reads the national base and builds its first pack on it', async () => {
    expect(
      (await t.http.post('/api/townships').set(bearer(t.adminToken)).send({ id: 'town-c', name: '丙镇' })).status,
    ).toBe(201);
    expect(
      (
        await t.http
          .post('/api/users')
          .set(bearer(t.adminToken))
          .send({ username: 'director-c', password: 'password-1234', role: 'director', townshipId: 'town-c' })
      ).status,
    ).toBe(201);
    const token = await t.login('director-c');
    const packs = await t.http.get('/api/packs').set(bearer(token));
    expect(packs.body.map((p: { id: string }) => p.id)).toEqual(['base']);
    const created = await t.http
      .post('/api/packs')
      .set(bearer(token))
      .send({ id: 'town-c-rules', name: '丙镇规则包', extends: 'base' });
    expect(created.status).toBe(201);
    expect(created.body.townshipId).toBe('town-c');
    expect((await t.http.get(`/api/packs/${SEED_PACK}`).set(bearer(token))).status).toBe(403);
    expect(
      (await t.http.post('/api/packs').set(bearer(token)).send({ id: 'town-c-2', name: 'x', extends: SEED_PACK }))
        .status,
    ).toBe(403);
  });

  it('only the admin manages users and townships', async () => {
    expect(
      (
        await t.http
          .post('/api/users')
          .set(bearer(tokens.directorA))
          .send({ username: 'x1', password: 'password-1', role: 'viewer', townshipId: SEED_TOWNSHIP })
      ).status,
    ).toBe(403);
    expect(
      (await t.http.post('/api/townships').set(bearer(tokens.directorA)).send({ id: 'c-town', name: '丙镇' })).status,
    ).toBe(403);
    expect((await t.http.get('/api/users').set(bearer(tokens.viewerA))).status).toBe(403);
    const bad = await t.http
      .post('/api/users')
      .set(bearer(t.adminToken))
      .send({ username: 'x2', password: 'short', role: 'chief' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['/password', '/role']),
    );
  });

  it('passwords are stored as scrypt hashes and a logged-out token stops working', async () => {
    const row = await t.db('users').where({ username: 'director-a' }).first();
    expect(row.password_hash).toMatch(/^scrypt\$/);
    const token = await t.login('viewer-a');
    expect((await t.http.get('/api/auth/me').set(bearer(token))).body).toMatchObject({
      username: 'viewer-a',
      role: 'viewer',
      townshipId: SEED_TOWNSHIP,
    });
    expect((await t.http.post('/api/auth/logout').set(bearer(token))).status).toBe(204);
    expect((await t.http.get('/api/auth/me').set(bearer(token))).status).toBe(401);
  });
});
