/**
 * Jobs as rows: two JobsService instances on one database stand for two server processes.
 * A job queued on one is run once and read on the other; cancel stops a running job; a run
 * whose process died is requeued by a survivor and, past its attempts, failed visibly; a
 * draining process gives its unfinished runs back to the queue.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, describeDatabase, migrate, type Db } from '../../api/db/knex.js';
import {
  JobsService,
  JobStopped,
  type JobContext,
  type JobKind,
  type JobSettings,
} from '../../api/features/jobs/jobs-service.js';
import { JobsStore } from '../../api/features/jobs/jobs-store.js';
import type { Identity } from '../../api/features/auth/identity.js';
import { DATABASES, freshDatabase } from './helpers/app.js';

const alice = { kind: 'user', tokenId: 1, username: 'alice', role: 'tester', townshipId: 't1' } as Identity;
const bob = { kind: 'user', tokenId: 2, username: 'bob', role: 'tester', townshipId: 't1' } as Identity;
const admin = { kind: 'user', tokenId: 3, username: 'admin', role: 'admin', townshipId: null } as Identity;

/** Fast polls for tests: a lost run is noticed within a few hundred milliseconds. */
const FAST: Partial<JobSettings> = { pollMs: 50, heartbeatMs: 50, staleMs: 300, maxAttempts: 2 };

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function kind(
  run: (context: JobContext) => Promise<{ done: number; total: number; result?: unknown; resultFile?: Buffer }>,
  extra: Partial<JobKind> = {},
): JobKind {
  return { kind: 'test', concurrency: 1, title: { en: 'test job', zh: '测试任务' }, run, ...extra };
}

describe.each(DATABASES)('jobs on %s', (dbKind) => {
  let db: Db;
  let drop: () => Promise<void>;
  const services: JobsService[] = [];
  const service = (k: JobKind, settings: Partial<JobSettings> = FAST) => {
    const s = new JobsService(new JobsStore(db), settings);
    s.register(k);
    services.push(s);
    return s;
  };

  beforeAll(async () => {
    const fresh = await freshDatabase(dbKind);
    drop = fresh.drop;
    db = createDb(describeDatabase(fresh.url, '.'));
    await migrate(db);
  });
  afterAll(async () => {
    for (const s of services) await s.drain(0);
    await db?.destroy();
    await drop?.();
  });

  it('a job queued on one process runs and is read, with its progress and result, on another', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const a = service(
      kind(async (context) => {
        await context.progress(5, 10);
        await gate;
        return {
          done: 10,
          total: 10,
          result: { answer: 42, params: context.job.params },
          resultFile: Buffer.from('sheet'),
        };
      }),
    );
    const b = service(
      kind(
        async () => {
          throw new Error('b has no slot for this job');
        },
        { concurrency: 0 },
      ),
    );
    const queued = await a.enqueue(alice, 'test', { n: 1 }, { label: 'x' }, Buffer.from('upload'));
    expect(queued).toMatchObject({ state: 'queued', owner: 'alice', done: 0, total: 0 });
    const running = await until(
      () => b.get(alice, 'test', queued.id),
      (j) => j.state === 'running' && j.done === 5,
      'progress',
    );
    expect(running.total).toBe(10);
    release();
    const done = await until(
      () => b.get(alice, 'test', queued.id),
      (j) => j.state === 'done',
      'done',
    );
    expect(done).toMatchObject({ done: 10, total: 10, result: { answer: 42, params: { n: 1 } }, meta: { label: 'x' } });
    expect((await b.resultFile(queued.id))?.toString()).toBe('sheet');
    // the owner or an admin only; an unknown id is 404
    await expect(b.get(bob, 'test', queued.id)).rejects.toMatchObject({ status: 403 });
    expect((await b.get(admin, 'test', queued.id)).id).toBe(queued.id);
    await expect(b.get(alice, 'test', 'no-such-job')).rejects.toMatchObject({ status: 404 });
    await expect(b.get(alice, 'other-kind', queued.id)).rejects.toThrow();
    // the upload is not kept once the job ended
    expect(await new JobsStore(db).input(queued.id)).toBeUndefined();
  });

  it('two processes claiming at once run every job exactly once', async () => {
    const runs: string[] = [];
    const work = kind(
      async (context) => {
        runs.push(context.job.id);
        await new Promise((r) => setTimeout(r, 5));
        return { done: 1, total: 1 };
      },
      { kind: 'race', concurrency: 3 },
    );
    // no stale-run recovery here (a late heartbeat on a busy machine would rightly run a job again)
    const a = service(work, { ...FAST, staleMs: 60_000 });
    const b = service(work, { ...FAST, staleMs: 60_000 });
    const ids = await Promise.all(
      Array.from({ length: 24 }, (_, i) => (i % 2 ? a : b).enqueue(alice, 'race', { i }, {}).then((j) => j.id)),
    );
    await until(
      () => db('jobs').where({ kind: 'race', state: 'done' }).count({ n: '*' }).first(),
      (r) => Number((r as { n: number | string } | undefined)?.n) === ids.length,
      'all done',
    );
    expect([...runs].sort()).toEqual([...ids].sort());
  });

  it('cancel stops a running job at its next progress report, and a queued one before it runs', async () => {
    let stopped = false;
    const a = service(
      kind(
        async (context) => {
          try {
            for (let i = 0; ; i++) {
              await context.progress(i, 1_000_000);
              await new Promise((r) => setTimeout(r, 10));
            }
          } catch (error) {
            stopped = error instanceof JobStopped;
            throw error;
          }
        },
        { kind: 'endless' },
      ),
    );
    const running = await a.enqueue(alice, 'endless', {}, {});
    const queued = await a.enqueue(alice, 'endless', {}, {});
    await until(
      () => a.get(alice, 'endless', running.id),
      (j) => j.state === 'running',
      'running',
    );
    await expect(a.cancel(bob, 'endless', running.id)).rejects.toMatchObject({ status: 403 });
    expect((await a.cancel(alice, 'endless', queued.id)).state).toBe('cancelled');
    expect((await a.cancel(alice, 'endless', running.id)).state).toBe('cancelled');
    await until(
      async () => stopped,
      (s) => s,
      'the worker to stop',
    );
    const after = await a.get(alice, 'endless', running.id);
    expect(after.state).toBe('cancelled');
    expect(after.error).toBeUndefined();
    expect((await a.get(alice, 'endless', queued.id)).startedAt).toBeUndefined();
  });

  it('a run whose process died is requeued and finished by a survivor; a job lost on every attempt fails with JOB_INTERRUPTED', async () => {
    // "a" claims and then hangs forever without heartbeats: its process is gone
    const dead = service(
      kind(() => new Promise(() => {}), { kind: 'lost' }),
      { ...FAST, heartbeatMs: 60_000, pollMs: 60_000 },
    );
    const job = await dead.enqueue(alice, 'lost', {}, {});
    await until(
      () => dead.get(alice, 'lost', job.id),
      (j) => j.state === 'running',
      'claimed by the dead process',
    );
    const survivor = service(
      kind(async (context) => ({ done: 1, total: 1, result: { attempts: context.job.attempts } }), { kind: 'lost' }),
    );
    survivor.start();
    const done = await until(
      () => survivor.get(alice, 'lost', job.id),
      (j) => j.state === 'done',
      'resumed',
    );
    expect(done.result).toEqual({ attempts: 2 });

    // lost twice: failed, visibly
    const unlucky = service(
      kind(() => new Promise(() => {}), { kind: 'doomed' }),
      { ...FAST, heartbeatMs: 60_000, pollMs: 60_000 },
    );
    const doomed = await unlucky.enqueue(alice, 'doomed', {}, {});
    await until(
      () => unlucky.get(alice, 'doomed', doomed.id),
      (j) => j.state === 'running',
      'first run',
    );
    const other = service(
      kind(() => new Promise(() => {}), { kind: 'doomed' }),
      { ...FAST, heartbeatMs: 60_000 },
    );
    other.start();
    const failed = await until(
      () => other.get(alice, 'doomed', doomed.id),
      (j) => j.state === 'failed',
      'failed after its attempts',
    );
    expect(failed.attempts).toBe(2);
    expect(failed.error).toMatchObject({
      status: 503,
      code: 'JOB_INTERRUPTED',
      messageZh: expect.stringContaining('请重新提交'),
    });
  });

  it('a draining process refuses new jobs and gives unfinished runs back to the queue', async () => {
    const stopping = service(kind(() => new Promise(() => {}), { kind: 'handover' }));
    const job = await stopping.enqueue(alice, 'handover', {}, {});
    await until(
      () => stopping.get(alice, 'handover', job.id),
      (j) => j.state === 'running',
      'running',
    );
    await stopping.drain(20);
    await expect(stopping.enqueue(alice, 'handover', {}, {})).rejects.toMatchObject({
      status: 503,
      code: 'SHUTTING_DOWN',
    });
    expect((await stopping.get(alice, 'handover', job.id)).state).toBe('queued');
    const next = service(kind(async () => ({ done: 1, total: 1 }), { kind: 'handover' }));
    next.start();
    expect(
      (
        await until(
          () => next.get(alice, 'handover', job.id),
          (j) => j.state === 'done',
          'taken over',
        )
      ).attempts,
    ).toBe(2);
  });

  it('drain waits for a poll under way, so closing the database after it aborts no query', async () => {
    let entered!: () => void;
    const polling = new Promise<void>((r) => {
      entered = r;
    });
    let finish!: () => void;
    const slow = new Promise<void>((r) => {
      finish = r;
    });
    let pollEnded = false;
    const store = new JobsStore(db);
    const recoverStale = store.recoverStale.bind(store);
    store.recoverStale = async (...args) => {
      entered();
      await slow;
      const result = await recoverStale(...args);
      pollEnded = true;
      return result;
    };
    const draining = new JobsService(store, FAST);
    draining.start();
    await polling;
    const drained = draining.drain(0).then(() => pollEnded);
    setTimeout(finish, 30);
    expect(await drained).toBe(true);
  });

  it('queue limits count the jobs of every process: per user and in all', async () => {
    const limited = kind(() => new Promise(() => {}), {
      kind: 'limited',
      concurrency: 0,
      limits: { all: 3, perOwner: 2 },
    });
    const a = service(limited);
    const b = service(limited);
    await a.enqueue(alice, 'limited', {}, {});
    await b.enqueue(alice, 'limited', {}, {});
    await expect(a.enqueue(alice, 'limited', {}, {})).rejects.toMatchObject({ status: 429, code: 'TOO_MANY_JOBS' });
    await a.enqueue(bob, 'limited', {}, {});
    await expect(b.enqueue(admin, 'limited', {}, {})).rejects.toMatchObject({ status: 429, code: 'TOO_MANY_JOBS' });
  });
});
