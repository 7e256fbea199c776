/**
 * The HTTP server main.ts starts: node builds each request and response on the express app's
 * own prototypes, so express's per-request Object.setPrototypeOf changes nothing (changing a
 * live object's prototype made V8 keep each request's objects past their young-generation
 * collection: long scavenges, most of /api/health's p99). The app answers through it as ever.
 */
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../api/http/server.js';
import { LEAVE_FACTS, SEED_PACK, bearer, startApp, type TestApp } from './helpers/app.js';

describe('the HTTP server', () => {
  let t: TestApp;
  let server: ReturnType<typeof createHttpServer>;
  let url: string;
  /** for each request: whether request and response had the app's prototypes when node handed them over */
  const arrived: boolean[] = [];

  beforeAll(async () => {
    t = await startApp('sqlite');
    server = createHttpServer(t.app);
    // before express's own listener: what node built, before express touches it
    server.prependListener('request', (req, res) => {
      arrived.push(Object.getPrototypeOf(req) === t.app.request && Object.getPrototypeOf(res) === t.app.response);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await t?.close();
  });

  it("builds requests and responses on the app's prototypes", async () => {
    arrived.length = 0;
    expect((await request(url).get('/api/health')).status).toBe(200);
    expect(arrived).toEqual([true]);
  });

  it('serves the API as before: probes, evaluation, refusals', async () => {
    const health = await request(url).get('/api/health');
    expect(health.body).toEqual({ ok: true });
    expect(health.headers['x-request-id']).toBeTruthy();
    const evaluated = await request(url)
      .post(`/api/packs/${SEED_PACK}/evaluate`)
      .set(bearer(t.adminToken))
      .send({ decision: 'leaveApproval', facts: LEAVE_FACTS });
    expect(evaluated.status).toBe(200);
    expect(evaluated.body.explanation.zh.summary).toContain('请假审批');
    const unknown = await request(url).get('/api/no-such-route').set(bearer(t.adminToken));
    expect(unknown.status).toBe(404);
    const anonymous = await request(url)
      .post(`/api/packs/${SEED_PACK}/evaluate`)
      .send({ decision: 'leaveApproval', facts: LEAVE_FACTS });
    expect(anonymous.status).toBe(401);
    const malformed = await request(url)
      .post(`/api/packs/${SEED_PACK}/evaluate`)
      .set(bearer(t.adminToken))
      .set('content-type', 'application/json')
      .send('{"decision": ');
    expect(malformed.status).toBe(400);
  });
});
