/**
 * Two API processes on one PostgreSQL database, as behind a load balancer (compose.yaml's two
 * replicas): a version published through A is what B evaluates with at once, and a what-if job
 * started on A is polled to its end, and its result read, on B.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, LEAVE_FACTS, SEED_PACK, bearer, freshDatabase } from './helpers/app.js';
import { startChildServer, type ChildServer } from './helpers/child.js';

const url = process.env.TEST_PG_URL;

describe.skipIf(url)(
  'two API processes: skipped because TEST_PG_URL is not set (bash .ci/postgres.sh starts one on :5433)',
  () => {
    it.skip('publish on A, evaluate on B; a what-if job started on A is read on B', () => {});
  },
);

describe.runIf(url)('two API processes on one PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let a: ChildServer;
  let b: ChildServer;
  let admin: Record<string, string>;

  beforeAll(async () => {
    database = await freshDatabase('postgres');
    const env = { DATABASE_URL: database.url, RULES_ADMIN_PASSWORD: ADMIN_PASSWORD, RULES_JOB_POLL_MS: '200' };
    // one after the other: the first migrates and seeds the empty database
    a = await startChildServer(env, 90_000);
    b = await startChildServer(env, 90_000);
    const login = await request(a.url).post('/api/auth/login').send({ username: 'admin', password: ADMIN_PASSWORD });
    expect(login.status).toBe(200);
    admin = bearer(login.body.token);
  }, 200_000);

  afterAll(async () => {
    for (const server of [a, b]) {
      if (!server) continue;
      server.process.kill('SIGTERM');
      await server.exited;
    }
    await database?.drop();
  }, 60_000);

  const evaluate = (server: ChildServer) =>
    request(server.url)
      .post(`/api/packs/${SEED_PACK}/evaluate`)
      .set(admin)
      .send({ decision: 'leaveApproval', facts: LEAVE_FACTS });

  it('a version published on A is the one B evaluates with, at once', async () => {
    const before = await evaluate(b);
    expect(before.status, JSON.stringify(before.body)).toBe(200);
    expect(String(before.body.version)).toBe('1');

    const param = (await request(a.url).get(`/api/parameters/${SEED_PACK}:leave.supervisorOnlyMaxDays`).set(admin))
      .body;
    expect(
      (
        await request(a.url)
          .put(`/api/parameters/${param.id}`)
          .set(admin)
          .send({ ...param, value: 1 })
      ).status,
    ).toBe(200);
    const published = await request(a.url)
      .post(`/api/packs/${SEED_PACK}/publish`)
      .set(admin)
      .send({ bypassApproval: { reason: '测试：两个进程' } });
    expect(published.status, JSON.stringify(published.body).slice(0, 500)).toBe(201);

    const after = await evaluate(b);
    expect(after.status).toBe(200);
    expect(String(after.body.version)).toBe('2');
  }, 60_000);

  it('a what-if job started on A finishes and is read on B, with the result B computes itself', async () => {
    const body = { against: 1 };
    const started = await request(a.url).post(`/api/packs/${SEED_PACK}/what-if?async=1`).set(admin).send(body);
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    let job = started.body;
    for (let i = 0; i < 600 && (job.state === 'queued' || job.state === 'running'); i++) {
      await new Promise((r) => setTimeout(r, 50));
      const poll = await request(b.url).get(`/api/what-if-jobs/${started.body.job}`).set(admin);
      expect(poll.status).toBe(200);
      job = poll.body;
    }
    expect(job.state).toBe('done');
    const direct = await request(b.url).post(`/api/packs/${SEED_PACK}/what-if`).set(admin).send(body);
    const { ms: _a, ...result } = job.result;
    const { ms: _b, ...expected } = direct.body;
    expect(result).toEqual(expected);
    expect(result.total).toBeGreaterThanOrEqual(2);
    // and cancelling it on B once it has ended changes nothing
    const cancelled = await request(b.url).post(`/api/what-if-jobs/${started.body.job}/cancel`).set(admin);
    expect(cancelled.body.state).toBe('done');
  }, 60_000);
});
