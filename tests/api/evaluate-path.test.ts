/**
 * An evaluation goes straight from the shared middleware (request log, security headers, body)
 * through authentication to its route: it does not walk the public routers (the API's
 * description, login) that other requests pass on their way to authentication. The routers'
 * entry points are counted from express's own tables.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEAVE_FACTS, SEED_PACK, bearer, startApp, type TestApp } from './helpers/app.js';

interface Layer {
  handle: ((...args: unknown[]) => unknown) & { stack?: Layer[] };
  route?: { path: string };
}

/** Count the calls of each router mounted in the API router, named by its first route. */
function countRouterEntries(app: TestApp['app']): Map<string, number> {
  const counts = new Map<string, number>();
  const appStack = (app as unknown as { router: { stack: Layer[] } }).router.stack;
  const api = appStack.find((layer) => layer.handle.stack?.some((l) => l.route?.path === '/health'));
  for (const layer of api!.handle.stack!) {
    const first = layer.handle.stack?.find((l) => l.route)?.route?.path;
    if (!first) continue;
    const original = layer.handle;
    counts.set(first, 0);
    layer.handle = Object.assign((...args: unknown[]) => {
      counts.set(first, counts.get(first)! + 1);
      return original(...args);
    }, original);
  }
  return counts;
}

describe('the evaluation path', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp('sqlite');
  });
  afterAll(() => t?.close());

  it('an evaluation enters none of the routers mounted before authentication', async () => {
    const counts = countRouterEntries(t.app);
    expect(counts.get('/openapi.json')).toBe(0);
    expect(counts.get('/auth/login')).toBe(0);
    const evaluated = await t.http
      .post(`/api/packs/${SEED_PACK}/evaluate`)
      .set(bearer(t.adminToken))
      .send({ decision: 'leaveApproval', facts: LEAVE_FACTS });
    expect(evaluated.status).toBe(200);
    expect(counts.get('/openapi.json')).toBe(0);
    expect(counts.get('/auth/login')).toBe(0);
    // the counting itself works: another request walks them on its way
    expect((await t.http.get('/api/auth/me').set(bearer(t.adminToken))).status).toBe(200);
    expect(counts.get('/openapi.json')).toBe(1);
    expect(counts.get('/auth/login')).toBe(1);
  });

  it('still refuses an evaluation without a valid token, single or batch', async () => {
    const body = { decision: 'leaveApproval', facts: LEAVE_FACTS };
    expect((await t.http.post(`/api/packs/${SEED_PACK}/evaluate`).send(body)).status).toBe(401);
    expect((await t.http.post(`/api/packs/${SEED_PACK}/evaluate/batch`).send({ items: [body] })).status).toBe(401);
    expect((await t.http.post(`/api/packs/${SEED_PACK}/evaluate`).set(bearer('nope')).send(body)).status).toBe(401);
  });
});
