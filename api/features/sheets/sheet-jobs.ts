/**
 * Long batch trials (`?async=1`) as job rows (features/jobs): the uploaded sheet is stored with
 * the job, so whichever server process claims it reads the sheet from the row, and any process
 * answers polls, cancels and the result download. Batch trials run one at a time per process;
 * ended jobs and their result sheets are kept for an hour, at most MAX_FINISHED_JOBS of them.
 */
import { ApiError, ConflictError, NotFoundError } from '../../errors.js';
import type { Identity } from '../auth/identity.js';
import type { JobContext, JobOutcome, JobsService } from '../jobs/jobs-service.js';
import type { Job, JobError } from '../jobs/jobs-store.js';

export const SHEET_TRIAL_JOB = 'sheet-trial';
/** batch trials waiting or running over all server processes; more → 429 */
export const MAX_PENDING_JOBS = 20;
/** jobs waiting or running per user; more → 429 (each holds its uploaded file until it runs) */
export const MAX_PENDING_JOBS_PER_USER = 3;
/** ended batch trials kept (with their result sheet); the oldest are forgotten first */
export const MAX_FINISHED_JOBS = 50;

export interface JobResult {
  buffer: Buffer;
  evaluated: number;
  failed: number;
}

/** What the view shows besides progress: set when the job is queued. */
export interface SheetJobMeta {
  packId: string;
  decision: string;
  version: string | number;
  fileName: string;
  asciiName: string;
}

/** Runs a stored batch trial: its parameters and sheet as stored, progress as rows are evaluated. */
export type SheetTrialWork = (
  params: Record<string, unknown>,
  bytes: Buffer,
  progress: (done: number, total: number) => Promise<void>,
) => Promise<JobResult>;

export class SheetJobs {
  constructor(
    private readonly jobs: JobsService,
    work: SheetTrialWork,
  ) {
    jobs.register({
      kind: SHEET_TRIAL_JOB,
      concurrency: 1,
      keepEnded: MAX_FINISHED_JOBS,
      title: { en: 'batch trial', zh: '批量试算任务' },
      limits: { all: MAX_PENDING_JOBS, perOwner: MAX_PENDING_JOBS_PER_USER },
      run: async (context: JobContext): Promise<JobOutcome> => {
        const bytes = await context.input();
        if (!bytes) throw new NotFoundError('uploaded sheet', context.job.id, '上传的表格');
        const result = await work(context.job.params, bytes, context.progress);
        const total = result.evaluated + result.failed;
        return {
          done: total,
          total,
          result: { evaluated: result.evaluated, failed: result.failed },
          resultFile: result.buffer,
        };
      },
    });
  }

  /** Queue a batch trial of `bytes`; returns at once. */
  start(identity: Identity, meta: SheetJobMeta, params: Record<string, unknown>, bytes: Buffer): Promise<Job> {
    return this.jobs.enqueue(identity, SHEET_TRIAL_JOB, { ...params, identity }, { ...meta }, bytes);
  }

  get(identity: Identity, id: string): Promise<Job> {
    return this.jobs.get(identity, SHEET_TRIAL_JOB, id);
  }

  /** The finished sheet; 409 while the job waits or runs, the job's own error when it failed. */
  async result(
    identity: Identity,
    id: string,
  ): Promise<{ job: Job; meta: SheetJobMeta; evaluated: number; failed: number; buffer: Buffer }> {
    const job = await this.get(identity, id);
    if (job.state === 'failed' && job.error) {
      const { status, code, message, messageZh, ...details } = job.error as JobError;
      throw new ApiError(status, code, message, messageZh, details);
    }
    const buffer = job.state === 'done' ? await this.jobs.resultFile(id) : undefined;
    if (!buffer) {
      throw new ConflictError(
        'JOB_NOT_DONE',
        `The batch trial is ${job.state} (${job.done}/${job.total} rows)`,
        `批量试算尚未完成（${job.done}/${job.total} 行）`,
        { state: job.state, done: job.done, total: job.total },
      );
    }
    const counts = job.result as { evaluated: number; failed: number };
    return {
      job,
      meta: job.meta as unknown as SheetJobMeta,
      evaluated: counts.evaluated,
      failed: counts.failed,
      buffer,
    };
  }

  /** What GET /sheet-jobs/:job answers. */
  static view(job: Job) {
    const { packId, decision, version } = job.meta as unknown as SheetJobMeta;
    const counts = job.result as { evaluated: number; failed: number } | undefined;
    return {
      job: job.id,
      state: job.state,
      done: job.done,
      total: job.total,
      packId,
      decision,
      version,
      createdAt: job.createdAt,
      ...(job.finishedAt ? { finishedAt: job.finishedAt } : {}),
      ...(counts ? { evaluated: counts.evaluated, failed: counts.failed } : {}),
      ...(job.error ? { error: job.error } : {}),
      resultUrl: job.state === 'done' ? `/api/sheet-jobs/${job.id}/result` : undefined,
    };
  }
}
