/**
 * Long runs (batch trials, what-if) answer 202 with a job the server keeps as a row; any server
 * process may run it, so the client polls until the job leaves the queue and stops running.
 */
export interface JobProgress {
  state: string;
  done: number;
  total: number;
}

const settled = (job: JobProgress) => job.state !== 'queued' && job.state !== 'running';

/**
 * Polls `next()` every `intervalMs` until the job is settled, telling `onUpdate` each state seen
 * (the first included). Returns the settled job, or undefined once `stopped()` says the screen
 * that asked has gone.
 */
export async function pollJob<J extends JobProgress>(
  first: J,
  next: () => Promise<J>,
  options: { intervalMs?: number; onUpdate?: (job: J) => void; stopped?: () => boolean } = {},
): Promise<J | undefined> {
  let job = first;
  options.onUpdate?.(job);
  while (!settled(job)) {
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 400));
    if (options.stopped?.()) return undefined;
    job = await next();
    if (options.stopped?.()) return undefined;
    options.onUpdate?.(job);
  }
  return job;
}

/** Percent done of a job (0 while its input is still being read). */
export function jobPercent(job: Pick<JobProgress, 'state' | 'done' | 'total'> | null): number {
  if (!job) return 0;
  if (job.state === 'done') return 100;
  return job.total > 0 ? Math.min(100, Math.round((job.done / job.total) * 100)) : 0;
}
