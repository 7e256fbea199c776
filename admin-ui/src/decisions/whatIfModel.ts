/** POST /api/packs/:id/what-if as a job (?async=1) polled until done; the reply's shape. */

import { pollJob } from '../common/jobs';

export interface WhatIfExplanation {
  summary: string;
  lines: string[];
}
export interface WhatIfCase {
  id?: number | string;
  decision: string;
  facts: Record<string, unknown>;
  before: { outcomes: { type: string; [k: string]: unknown }[]; explanation?: WhatIfExplanation };
  after: {
    outcomes?: { type: string; [k: string]: unknown }[];
    explanation?: WhatIfExplanation;
    error?: { code: string; message: string };
  };
}
export interface WhatIfResult {
  pack: string;
  against: string;
  before?: string;
  total: number;
  changed: number;
  transitions: { from: string; to: string; count: number }[];
  cases: WhatIfCase[];
  partial?: boolean;
  logged?: number;
  ms: number;
}
export interface WhatIfJob {
  job: string;
  state: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  done: number;
  total: number;
  result?: WhatIfResult;
  error?: { code: string; message: string; messageZh: string };
}

type Call = <T>(path: string, init?: { method?: string; body?: unknown }) => Promise<T>;

/**
 * Start the job and poll it; `onProgress` gets done/total. A server without jobs (the 202 reply
 * missing) answers the result directly, which is taken as is.
 */
export async function runWhatIf(
  call: Call,
  packId: string,
  body: Record<string, unknown>,
  onProgress: (done: number, total: number) => void,
  options: { intervalMs?: number; signal?: { cancelled: boolean } } = {},
): Promise<WhatIfResult | undefined> {
  const started = await call<WhatIfJob | WhatIfResult>(`/packs/${encodeURIComponent(packId)}/what-if?async=1`, {
    body,
  });
  if (!('job' in started)) return started as WhatIfResult;
  const job = await pollJob(
    started as WhatIfJob,
    () => call<WhatIfJob>(`/what-if-jobs/${encodeURIComponent((started as WhatIfJob).job)}`),
    {
      intervalMs: options.intervalMs,
      onUpdate: (seen) => {
        if (seen.state === 'queued' || seen.state === 'running') onProgress(seen.done, seen.total);
      },
      stopped: () => options.signal?.cancelled ?? false,
    },
  );
  if (!job) return undefined;
  if (job.state === 'cancelled') return undefined;
  if (job.state === 'failed') {
    throw Object.assign(new Error(job.error?.message ?? 'what-if failed'), { body: { ...job.error } });
  }
  onProgress(job.done, job.total);
  return job.result;
}
