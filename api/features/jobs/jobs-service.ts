/**
 * Background jobs shared by every server process on one database. A feature registers a kind
 * (what it runs, how many at once per process, its queue limits); `enqueue` stores a queued row
 * and wakes this process's worker, which claims rows (JobsStore.claim) and runs them. Any
 * process answers polls and cancels, since the row is the job.
 *
 * A running job writes its progress and a heartbeat into its row. When a process dies, its
 * jobs' heartbeats go stale: the next poll of any process requeues them (the work is re-run
 * from its stored parameters and upload) until `maxAttempts` runs were started, then marks them
 * failed with JOB_INTERRUPTED so the poll shows why. A process stopping gracefully gives its
 * unfinished jobs back to the queue at the end of the grace period rather than failing them.
 */
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { ApiError, ForbiddenError, NotFoundError, ShuttingDownError, toApiError } from '../../errors.js';
import { settlesWithin } from '../../lifecycle/shutdown.js';
import { silentLogger, type Logger } from '../../logging/logger.js';
import { isAdmin, type Identity } from '../auth/identity.js';
import { TooBusyError } from '../uploads/upload-gate.js';
import type { Job, JobError, JobsStore } from './jobs-store.js';

export interface JobSettings {
  /** how often a process looks for queued jobs and stale runs */
  pollMs: number;
  /** how often a running job's heartbeat is written even without progress */
  heartbeatMs: number;
  /** a running job whose heartbeat is older than this lost its process */
  staleMs: number;
  /** runs started per job before a lost one is failed instead of requeued */
  maxAttempts: number;
  /** ended jobs (and their results) are forgotten after this long */
  keepMs: number;
}

export const DEFAULT_JOB_SETTINGS: JobSettings = {
  pollMs: 2_000,
  heartbeatMs: 2_000,
  staleMs: 30_000,
  maxAttempts: 2,
  keepMs: 60 * 60 * 1000,
};

/** Progress rows are written at most this often (each write also sees a cancel). */
const PROGRESS_WRITE_MS = 200;

/** The job was cancelled, or is no longer this process's: stop quietly. */
export class JobStopped extends Error {
  constructor() {
    super('job stopped');
  }
}

export interface JobContext {
  job: Job;
  /** the uploaded file stored with the job */
  input(): Promise<Buffer | undefined>;
  /** record progress and yield to the event loop; throws JobStopped once the job was cancelled */
  progress(done: number, total: number): Promise<void>;
}

export interface JobOutcome {
  done: number;
  total: number;
  /** JSON the poll shows */
  result?: unknown;
  /** a file to download */
  resultFile?: Buffer;
}

export interface JobKind {
  kind: string;
  /** jobs of this kind run at once per process */
  concurrency: number;
  run(context: JobContext): Promise<JobOutcome>;
  /** queued or running jobs allowed, over all processes and per user (more → 429) */
  limits?: { all: number; perOwner: number };
  /** ended jobs kept (their results can be large); the oldest are forgotten first */
  keepEnded?: number;
  /** what the 404 and 403 replies call it */
  title: { en: string; zh: string };
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export class JobsService {
  private readonly kinds = new Map<string, JobKind>();
  private readonly running = new Map<string, { kind: string; settled: Promise<void> }>();
  private readonly worker = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly settings: JobSettings;
  private timer?: NodeJS.Timeout;
  /** the claim loop in progress (drain waits for it: a row it claimed is not in `running` yet) */
  private claiming?: Promise<void>;
  /** the poll in progress (drain waits for it, so a closing database never aborts its queries) */
  private polling?: Promise<void>;
  private closing = false;

  constructor(
    private readonly store: JobsStore,
    settings: Partial<JobSettings> = {},
    private readonly logger: Logger = silentLogger,
  ) {
    this.settings = { ...DEFAULT_JOB_SETTINGS, ...settings };
  }

  register(kind: JobKind): void {
    this.kinds.set(kind.kind, kind);
  }

  /** Start looking for queued and lost jobs every `pollMs` (the timer does not keep the process alive). */
  start(): void {
    if (this.timer || this.closing) return;
    this.timer = setInterval(() => this.poll(), this.settings.pollMs);
    this.timer.unref();
    this.poll();
  }

  private poll(): void {
    if (this.polling || this.closing) return;
    this.polling = this.tick().finally(() => {
      this.polling = undefined;
    });
  }

  /** Store a queued job for `identity` and wake this process's worker. */
  async enqueue(
    identity: Identity,
    kind: string,
    params: Record<string, unknown>,
    meta: Record<string, unknown>,
    input?: Buffer,
  ): Promise<Job> {
    if (this.closing) throw new ShuttingDownError();
    const spec = this.spec(kind);
    if (spec.limits) {
      const active = await this.store.activeCounts(kind, identity.username);
      if (active.mine >= spec.limits.perOwner) {
        throw new TooBusyError(
          `You already have ${active.mine} ${spec.title.en}s waiting; retry when one has finished`,
          `您已有 ${active.mine} 个${spec.title.zh}在排队，请待其完成后再试`,
          'TOO_MANY_JOBS',
        );
      }
      if (active.all >= spec.limits.all) {
        throw new TooBusyError(
          `${active.all} ${spec.title.en}s are waiting; retry later`,
          `已有 ${active.all} 个${spec.title.zh}在排队，请稍后再试`,
          'TOO_MANY_JOBS',
        );
      }
    }
    const job = await this.store.insert({ id: randomUUID(), kind, owner: identity.username, params, meta, input });
    this.start();
    void this.claimAndRun();
    return job;
  }

  /** The job, for its owner or an admin (403 for anyone else, 404 when unknown, forgotten or of another kind). */
  async get(identity: Identity, kind: string, id: string): Promise<Job> {
    const spec = this.spec(kind);
    const job = await this.store.get(id);
    if (!job || job.kind !== kind) throw new NotFoundError(spec.title.en, id, spec.title.zh);
    if (!isAdmin(identity) && job.owner !== identity.username) {
      throw new ForbiddenError(`This ${spec.title.en} was started by someone else`, `该${spec.title.zh}由他人发起`);
    }
    return job;
  }

  /** Cancel a queued or running job (its worker stops at its next progress report); an ended job stays as it was. */
  async cancel(identity: Identity, kind: string, id: string): Promise<Job> {
    await this.get(identity, kind, id);
    await this.store.cancel(id);
    return this.get(identity, kind, id);
  }

  resultFile(id: string): Promise<Buffer | undefined> {
    return this.store.resultFile(id);
  }

  /**
   * Server stopping: refuse new jobs, let running ones finish within `graceMs`, then give the
   * rest back to the queue, where another process (or this one after its restart) resumes them.
   */
  async drain(graceMs: number): Promise<void> {
    this.closing = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.polling;
    await this.claiming;
    const runs = [...this.running.values()].map((r) => r.settled);
    if (await settlesWithin(Promise.all(runs), graceMs)) return;
    for (const id of this.running.keys()) await this.store.release(id, this.worker).catch(() => undefined);
  }

  private spec(kind: string): JobKind {
    const spec = this.kinds.get(kind);
    if (!spec) throw new Error(`unknown job kind ${kind}`);
    return spec;
  }

  private async tick(): Promise<void> {
    try {
      const now = Date.now();
      const lost = toJobError(new JobInterruptedError());
      const { requeued, failed } = await this.store.recoverStale(
        new Date(now - this.settings.staleMs).toISOString(),
        this.settings.maxAttempts,
        lost,
      );
      if (requeued || failed) this.logger.warn({ requeued, failed }, 'jobs: runs of a lost process requeued or failed');
      const keep = Object.fromEntries(
        [...this.kinds.values()].filter((k) => k.keepEnded !== undefined).map((k) => [k.kind, k.keepEnded!]),
      );
      await this.store.forget(new Date(now - this.settings.keepMs).toISOString(), keep);
      await this.claimAndRun();
    } catch (error) {
      // the database is away (or closed under a test): the next tick tries again
      this.logger.debug({ err: error }, 'jobs: poll failed');
    }
  }

  /** Claim queued jobs of the kinds with a free slot on this process, until none is left. */
  private claimAndRun(): Promise<void> {
    if (this.claiming || this.closing) return this.claiming ?? Promise.resolve();
    this.claiming = this.claimLoop().finally(() => {
      this.claiming = undefined;
    });
    return this.claiming;
  }

  private async claimLoop(): Promise<void> {
    try {
      while (!this.closing) {
        const free = [...this.kinds.values()]
          .filter((k) => [...this.running.values()].filter((r) => r.kind === k.kind).length < k.concurrency)
          .map((k) => k.kind);
        const job = await this.store.claim(free, this.worker);
        if (!job) return;
        const settled = this.run(job).finally(() => {
          this.running.delete(job.id);
          void this.claimAndRun();
        });
        this.running.set(job.id, { kind: job.kind, settled });
      }
    } catch (error) {
      this.logger.debug({ err: error }, 'jobs: claim failed');
    }
  }

  private async run(job: Job): Promise<void> {
    const spec = this.spec(job.kind);
    let stopped = false;
    let lastWrite = 0;
    const beat = setInterval(() => {
      this.store.progress(job.id, this.worker).then(
        (mine) => {
          if (!mine) stopped = true;
        },
        () => undefined,
      );
    }, this.settings.heartbeatMs);
    beat.unref();
    const context: JobContext = {
      job,
      input: () => this.store.input(job.id),
      progress: async (done, total) => {
        if (stopped) throw new JobStopped();
        if (Date.now() - lastWrite >= PROGRESS_WRITE_MS) {
          lastWrite = Date.now();
          if (!(await this.store.progress(job.id, this.worker, done, total))) stopped = true;
        }
        await yieldToEventLoop();
        if (stopped) throw new JobStopped();
      },
    };
    try {
      const outcome = await spec.run(context);
      if (!stopped) await this.store.finish(job.id, this.worker, outcome);
    } catch (error) {
      if (error instanceof JobStopped || stopped) return;
      const api = toApiError(error);
      if (api.status >= 500) this.logger.error({ err: error, job: job.id, kind: job.kind }, 'job failed');
      await this.store
        .fail(job.id, this.worker, toJobError(error))
        .catch((e) => this.logger.error({ err: e }, 'jobs: could not record a failure'));
    } finally {
      clearInterval(beat);
    }
  }
}

/** A job whose process was lost more often than it may be retried. */
export class JobInterruptedError extends ApiError {
  constructor() {
    super(
      503,
      'JOB_INTERRUPTED',
      'The server running this job stopped unexpectedly, also on retry; submit it again',
      '任务执行中服务器意外停止，重试后仍未完成，请重新提交',
    );
  }
}

/** What a failed job's poll shows: the reply the synchronous route would have given. */
export function toJobError(error: unknown): JobError {
  const api = toApiError(error);
  return { status: api.status, code: api.code, message: api.message, messageZh: api.messageZh, ...api.details };
}
