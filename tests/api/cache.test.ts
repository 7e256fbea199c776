import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, DATABASES, LEAVE_FACTS, LONG_LEAVE_RULE, SEED_PACK, bearer, openApp, startApp, type TestApp } from './helpers/app.js';

const LONG_FACTS = { ...LEAVE_FACTS, days: 250 };
const hasFiling = (body: { outcomes: { type: string; code?: string }[] }) => body.outcomes.some((o) => o.code === 'longLeaveFiling');

describe.each(DATABASES)('compiled-pack cache across server processes on %s', (kind) => {
  let a: TestApp;
  let b: Awaited<ReturnType<typeof openApp>>;
  let tokenB: string;
  beforeAll(async () => {
    a = await startApp(kind);
    b = await openApp(kind, a.url);
    tokenB = await b.login('admin', ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  const evaluateOnB = async () => (await b.http.post(`/api/packs/${SEED_PACK}/evaluate`).set(bearer(tokenB)).send({ decision: 'leaveApproval', facts: LONG_FACTS })).body;

  it('a second server sharing the database serves the new version right after the first one publishes', async () => {
    const first = await evaluateOnB();
    expect(first.version).toBe('1');
    expect(hasFiling(first)).toBe(false);
    expect((await a.http.post('/api/rules').set(bearer(a.adminToken)).send(LONG_LEAVE_RULE)).status).toBe(201);
    // editing the draft does not change what is in force
    expect((await evaluateOnB()).version).toBe('1');
    expect((await a.http.post(`/api/packs/${SEED_PACK}/publish`).set(bearer(a.adminToken)).send({ bypassApproval: { reason: '测试' } })).status).toBe(201);
    const second = await evaluateOnB();
    expect(second.version).toBe('2');
    expect(hasFiling(second)).toBe(true);
    expect((await a.http.post(`/api/packs/${SEED_PACK}/rollback`).set(bearer(a.adminToken)).send({ version: 1 })).status).toBe(201);
    const third = await evaluateOnB();
    expect(third.version).toBe('3');
    expect(hasFiling(third)).toBe(false);
  });

  it('a pack created on one server is known to the other at once', async () => {
    expect((await a.http.post('/api/packs').set(bearer(a.adminToken)).send({ id: 'fresh-pack', name: '新包', townshipId: 'county-township', extends: 'base' })).status).toBe(201);
    expect((await b.http.get('/api/packs/fresh-pack').set(bearer(tokenB))).status).toBe(200);
  });
});
