/**
 * The `jobs` table: insert, read, claim (FOR UPDATE SKIP LOCKED on PostgreSQL; on SQLite a
 * conditional UPDATE … WHERE state = 'queued' is the claim, since one connection serialises
 * every statement), progress with heartbeat, finish, cancel, requeue stale runs, forget old ones.
 *
 * Every write by a worker names the worker and `state = 'running'`: a job that was cancelled,
 * or requeued and claimed by another process meanwhile, answers "0 rows" and the worker stops.
 */
import { fromJson, isPostgres, nowIso, toJson, type Db } from '../../db/knex.js';

export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
export const ACTIVE_STATES: JobState[] = ['queued', 'running'];

export interface JobError {
  status: number;
  code: string;
  message: string;
  messageZh: string;
  [detail: string]: unknown;
}

export interface Job {
  id: string;
  kind: string;
  state: JobState;
  owner: string;
  params: Record<string, unknown>;
  meta: Record<string, unknown>;
  done: number;
  total: number;
  result?: unknown;
  error?: JobError;
  attempts: number;
  worker?: string;
  createdAt: string;
  startedAt?: string;
  heartbeatAt?: string;
  finishedAt?: string;
}

interface JobRow {
  id: string;
  kind: string;
  state: JobState;
  owner: string;
  params: string;
  meta: string;
  done: number | string;
  total: number | string;
  result: string | null;
  error: string | null;
  attempts: number | string;
  worker: string | null;
  created_at: string;
  started_at: string | null;
  heartbeat_at: string | null;
  finished_at: string | null;
}

/** Every column but the two blobs (read only when asked for). */
const COLUMNS = [
  'id',
  'kind',
  'state',
  'owner',
  'params',
  'meta',
  'done',
  'total',
  'result',
  'error',
  'attempts',
  'worker',
  'created_at',
  'started_at',
  'heartbeat_at',
  'finished_at',
];

function toJob(row: JobRow): Job {
  return {
    id: row.id,
    kind: row.kind,
    state: row.state,
    owner: row.owner,
    params: fromJson(row.params),
    meta: fromJson(row.meta),
    done: Number(row.done),
    total: Number(row.total),
    result: fromJson(row.result) ?? undefined,
    error: fromJson<JobError | null>(row.error) ?? undefined,
    attempts: Number(row.attempts),
    worker: row.worker ?? undefined,
    createdAt: row.created_at,
    startedAt: row.started_at ?? undefined,
    heartbeatAt: row.heartbeat_at ?? undefined,
    finishedAt: row.finished_at ?? undefined,
  };
}

export interface NewJob {
  id: string;
  kind: string;
  owner: string;
  params: Record<string, unknown>;
  meta: Record<string, unknown>;
  input?: Buffer;
}

export class JobsStore {
  constructor(private readonly db: Db) {}

  async insert(job: NewJob): Promise<Job> {
    const row = {
      id: job.id,
      kind: job.kind,
      state: 'queued',
      owner: job.owner,
      params: toJson(job.params),
      meta: toJson(job.meta),
      input: job.input ?? null,
      done: 0,
      total: 0,
      attempts: 0,
      created_at: nowIso(),
    };
    await this.db('jobs').insert(row);
    return (await this.get(job.id))!;
  }

  async get(id: string): Promise<Job | undefined> {
    const row = await this.db('jobs').where({ id }).first(COLUMNS);
    return row ? toJob(row) : undefined;
  }

  async input(id: string): Promise<Buffer | undefined> {
    const row = await this.db('jobs').where({ id }).first('input');
    return row?.input ? Buffer.from(row.input) : undefined;
  }

  async resultFile(id: string): Promise<Buffer | undefined> {
    const row = await this.db('jobs').where({ id }).first('result_file');
    return row?.result_file ? Buffer.from(row.result_file) : undefined;
  }

  /** Queued or running jobs of a kind: all of them, and those of one owner. */
  async activeCounts(kind: string, owner: string): Promise<{ all: number; mine: number }> {
    const rows: { owner: string; n: number | string }[] = await this.db('jobs')
      .where({ kind })
      .whereIn('state', ACTIVE_STATES)
      .groupBy('owner')
      .select('owner', this.db.raw('count(*) as n'));
    let all = 0;
    let mine = 0;
    for (const r of rows) {
      all += Number(r.n);
      if (r.owner === owner) mine += Number(r.n);
    }
    return { all, mine };
  }

  /** The oldest queued job of one of `kinds`, now running on `worker`; undefined when none is left. */
  async claim(kinds: string[], worker: string): Promise<Job | undefined> {
    if (!kinds.length) return undefined;
    const now = nowIso();
    const set = { state: 'running', worker, started_at: now, heartbeat_at: now, attempts: this.db.raw('attempts + 1') };
    if (isPostgres(this.db)) {
      const next = this.db('jobs')
        .select('id')
        .where('state', 'queued')
        .whereIn('kind', kinds)
        .orderBy('created_at')
        .limit(1)
        .forUpdate()
        .skipLocked();
      // `id = (subquery)`, not `in`: the planner may run an IN subquery more than once
      const rows: JobRow[] = await this.db('jobs').where('id', next).where('state', 'queued').update(set, COLUMNS);
      return rows[0] ? toJob(rows[0]) : undefined;
    }
    for (;;) {
      const next = await this.db('jobs')
        .where('state', 'queued')
        .whereIn('kind', kinds)
        .orderBy('created_at')
        .first('id');
      if (!next) return undefined;
      const claimed = await this.db('jobs').where({ id: next.id, state: 'queued' }).update(set);
      if (claimed) return this.get(next.id);
    }
  }

  /** Progress and heartbeat of a running job; false when the job is no longer this worker's (cancelled or taken over). */
  async progress(id: string, worker: string, done?: number, total?: number): Promise<boolean> {
    const set: Record<string, unknown> = { heartbeat_at: nowIso() };
    if (done !== undefined) set.done = done;
    if (total !== undefined) set.total = total;
    return (await this.db('jobs').where({ id, worker, state: 'running' }).update(set)) > 0;
  }

  async finish(
    id: string,
    worker: string,
    outcome: { done: number; total: number; result?: unknown; resultFile?: Buffer; meta?: Record<string, unknown> },
  ): Promise<boolean> {
    const set: Record<string, unknown> = {
      state: 'done',
      done: outcome.done,
      total: outcome.total,
      result: toJson(outcome.result),
      result_file: outcome.resultFile ?? null,
      input: null,
      finished_at: nowIso(),
      heartbeat_at: nowIso(),
    };
    if (outcome.meta) set.meta = toJson(outcome.meta);
    return (await this.db('jobs').where({ id, worker, state: 'running' }).update(set)) > 0;
  }

  async fail(id: string, worker: string, error: JobError): Promise<boolean> {
    return (
      (await this.db('jobs')
        .where({ id, worker, state: 'running' })
        .update({ state: 'failed', error: toJson(error), input: null, finished_at: nowIso() })) > 0
    );
  }

  /** Queued or running → cancelled; false when the job had already ended. */
  async cancel(id: string): Promise<boolean> {
    return (
      (await this.db('jobs')
        .where({ id })
        .whereIn('state', ACTIVE_STATES)
        .update({ state: 'cancelled', input: null, finished_at: nowIso() })) > 0
    );
  }

  /** A running job back to the queue (its worker is stopping); false when it was not this worker's. */
  async release(id: string, worker: string): Promise<boolean> {
    return (
      (await this.db('jobs')
        .where({ id, worker, state: 'running' })
        .update({ state: 'queued', worker: null, done: 0 })) > 0
    );
  }

  /**
   * Running jobs whose heartbeat is older than `before` lost their process (killed, crashed):
   * requeued while they have attempts left, otherwise failed with `error`. Returns how many of each.
   */
  async recoverStale(
    before: string,
    maxAttempts: number,
    error: JobError,
  ): Promise<{ requeued: number; failed: number }> {
    const stale = () => this.db('jobs').where('state', 'running').where('heartbeat_at', '<', before);
    const failed = await stale()
      .where('attempts', '>=', maxAttempts)
      .update({ state: 'failed', error: toJson(error), input: null, finished_at: nowIso() });
    const requeued = await stale().update({ state: 'queued', worker: null, done: 0 });
    return { requeued: Number(requeued), failed: Number(failed) };
  }

  /** Forget jobs that ended before `before`, and all but the newest `keep` ended ones of a kind. */
  async forget(before: string, keep: Record<string, number>): Promise<void> {
    await this.db('jobs').whereNotIn('state', ACTIVE_STATES).where('finished_at', '<', before).delete();
    for (const [kind, count] of Object.entries(keep)) {
      const newest = this.db('jobs')
        .select('id')
        .where({ kind })
        .whereNotIn('state', ACTIVE_STATES)
        .orderBy('finished_at', 'desc')
        .limit(count);
      await this.db('jobs').where({ kind }).whereNotIn('state', ACTIVE_STATES).whereNotIn('id', newest).delete();
    }
  }
}
