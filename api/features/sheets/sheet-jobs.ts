/**
 * Long batch trials (`?async=1`) run as in-memory jobs. The registry is PER PROCESS: a job
 * started on one server process is not visible from another (behind a load balancer, poll the
 * process that answered 202, or use sticky sessions), and a restart forgets it. Jobs run one at
 * a time per process in arrival order; finished jobs and their result are kept for JOB_TTL_MS.
 */
import { randomUUID } from 'node:crypto';
import { ApiError, ConflictError, ForbiddenError, NotFoundError, ShuttingDownError, toApiError } from '../../errors.js';
import { settlesWithin } from '../../lifecycle/shutdown.js';
import { isAdmin, type Identity } from '../auth/identity.js';
import { TooBusyError } from '../uploads/upload-gate.js';

export const JOB_TTL_MS = 60 * 60 * 1000;
/** jobs waiting or running per process; more → 429 */
export const MAX_PENDING_JOBS = 20;
/** jobs waiting or running per user; more → 429 (each holds its uploaded file until it runs) */
export const MAX_PENDING_JOBS_PER_USER = 3;
/** finished jobs kept (with their result) per process; the oldest are forgotten first */
export const MAX_FINISHED_JOBS = 50;

export interface JobResult {
  buffer: Buffer;
  evaluated: number;
  failed: number;
}

export interface SheetJob {
  job: string;
  state: 'queued' | 'running' | 'done' | 'failed';
  /** rows evaluated so far, of `total` (0 until the sheet has been read) */
  done: number;
  total: number;
  packId: string;
  decision: string;
  version: string | number;
  createdAt: string;
  finishedAt?: string;
  evaluated?: number;
  failed?: number;
  /** the reply the synchronous route would have given (e.g. 422 SHEET_INVALID with problems) */
  error?: { status: number; code: string; message: string; messageZh: string; [key: string]: unknown };
  fileName: string;
  asciiName: string;
  owner: { username: string; admin: boolean };
  result?: Buffer;
}

export type JobWork = (progress: (done: number, total: number) => Promise<void>) => Promise<JobResult>;

export class SheetJobs {
  private readonly jobs = new Map<string, SheetJob>();
  private queue: Promise<void> = Promise.resolve();
  private closing = false;

  /** Register a job and queue its work; returns at once. */
  start(identity: Identity, meta: Pick<SheetJob, 'packId' | 'decision' | 'version' | 'fileName' | 'asciiName'>, work: JobWork): SheetJob {
    this.sweep();
    if (this.closing) throw new ShuttingDownError();
    const pendingJobs = [...this.jobs.values()].filter((j) => j.state === 'queued' || j.state === 'running');
    const mine = pendingJobs.filter((j) => j.owner.username === identity.username).length;
    if (mine >= MAX_PENDING_JOBS_PER_USER) {
      throw new TooBusyError(`You already have ${mine} batch trials waiting; retry when one has finished`, `您已有 ${mine} 个批量试算任务在排队，请待其完成后再试`, 'TOO_MANY_JOBS');
    }
    const pending = pendingJobs.length;
    if (pending >= MAX_PENDING_JOBS) {
      throw new TooBusyError(`${pending} batch trials are waiting on this server; retry later`, `本服务器已有 ${pending} 个批量试算任务在排队，请稍后再试`, 'TOO_MANY_JOBS');
    }
    const job: SheetJob = {
      ...meta, job: randomUUID(), state: 'queued', done: 0, total: 0, createdAt: new Date().toISOString(),
      owner: { username: identity.username, admin: isAdmin(identity) },
    };
    this.jobs.set(job.job, job);
    const run = async () => {
      if (job.state !== 'queued') return; // failed by drain() before its turn
      job.state = 'running';
      try {
        const result = await work(async (done, total) => {
          job.done = done;
          job.total = total;
          // let other requests (and this job's polls) in between chunks of rows
          await new Promise<void>((resolve) => setImmediate(resolve));
        });
        Object.assign(job, { state: 'done', result: result.buffer, evaluated: result.evaluated, failed: result.failed, done: job.total || result.evaluated + result.failed });
        job.total = job.done;
      } catch (error) {
        const api = toApiError(error);
        job.state = 'failed';
        job.error = { status: api.status, code: api.code, message: api.message, messageZh: api.messageZh, ...api.details };
      } finally {
        job.finishedAt = new Date().toISOString();
      }
    };
    this.queue = this.queue.then(run, run);
    return job;
  }

  /**
   * Server stopping: refuse new jobs, let queued and running ones finish within `graceMs`,
   * then mark the rest failed (SHUTTING_DOWN) so a poll shows why.
   */
  async drain(graceMs: number): Promise<void> {
    this.closing = true;
    if (await settlesWithin(this.queue, graceMs)) return;
    const stopped = new ShuttingDownError();
    for (const job of this.jobs.values()) {
      if (job.state !== 'queued' && job.state !== 'running') continue;
      job.state = 'failed';
      job.error = { status: stopped.status, code: stopped.code, message: stopped.message, messageZh: stopped.messageZh };
      job.finishedAt = new Date().toISOString();
    }
  }

  /** The job, for its owner or an admin (403 for anyone else, 404 when unknown or forgotten). */
  get(identity: Identity, id: string): SheetJob {
    this.sweep();
    const job = this.jobs.get(id);
    if (!job) throw new NotFoundError('sheet job', id, '批量试算任务');
    if (!isAdmin(identity) && job.owner.username !== identity.username) {
      throw new ForbiddenError('This batch trial was started by someone else', '该批量试算任务由他人发起');
    }
    return job;
  }

  /** The finished sheet; 409 while the job runs, the job's own error when it failed. */
  result(identity: Identity, id: string): SheetJob & { result: Buffer } {
    const job = this.get(identity, id);
    if (job.state === 'failed' && job.error) {
      const { status, code, message, messageZh, ...details } = job.error;
      throw new ApiError(status, code, message, messageZh, details);
    }
    if (job.state !== 'done' || !job.result) {
      throw new ConflictError('JOB_NOT_DONE', `The batch trial is ${job.state} (${job.done}/${job.total} rows)`, `批量试算尚未完成（${job.done}/${job.total} 行）`, { state: job.state, done: job.done, total: job.total });
    }
    return job as SheetJob & { result: Buffer };
  }

  /** What GET /sheet-jobs/:job answers. */
  static view(job: SheetJob) {
    const { owner: _owner, result: _result, fileName: _f, asciiName: _a, ...rest } = job;
    return { ...rest, resultUrl: job.state === 'done' ? `/api/sheet-jobs/${job.job}/result` : undefined };
  }

  private sweep(): void {
    const now = Date.now();
    const finished = [...this.jobs.values()].filter((j) => j.finishedAt);
    for (const job of finished) if (now - Date.parse(job.finishedAt!) > JOB_TTL_MS) this.jobs.delete(job.job);
    const kept = finished.filter((j) => this.jobs.has(j.job));
    for (const job of kept.slice(0, Math.max(0, kept.length - MAX_FINISHED_JOBS))) this.jobs.delete(job.job);
  }
}
