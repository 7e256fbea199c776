/**
 * The worker threads that parse uploads (piscina). Each parse runs with a time budget (the
 * worker is stopped when it runs out) and a heap budget (V8 stops the worker, not the server,
 * when it is exceeded). Idle workers exit after a while, so the memory a large parse used goes
 * back to the system with its thread.
 */
import { Piscina } from 'piscina';
import type { UploadSettings } from '../../config.js';
import { ApiError } from '../../errors.js';
import type { TaskOutcome, UploadTasks } from './upload-tasks.js';

/** piscina's worker file: the .mjs entry that registers tsx when running from sources. */
function workerFile(): string {
  const here = import.meta.url;
  return new URL(here.endsWith('.ts') ? './upload-worker.mjs' : './upload-tasks.js', here).href;
}

/** statuses of the refusals the parsing tasks send back (the engine's codes, as api/errors.ts maps them) */
const REFUSAL_STATUS: Record<string, number> = {
  SHEET_INVALID: 422,
  SHEET_TOO_LARGE: 413,
  DOCUMENT_UNREADABLE: 422,
  DOCUMENT_TOO_LARGE: 413,
};

type TaskName = keyof UploadTasks;
type TaskInput<K extends TaskName> = Parameters<UploadTasks[K]>[0];
type TaskValue<K extends TaskName> = Awaited<ReturnType<UploadTasks[K]>> extends TaskOutcome<infer V> ? V : never;

export class UploadPool {
  private readonly pool: Piscina;

  constructor(
    private readonly settings: UploadSettings,
    log: (...args: unknown[]) => void = console.error,
  ) {
    this.pool = new Piscina({
      filename: workerFile(),
      minThreads: 0,
      maxThreads: settings.workers,
      idleTimeout: settings.idleMs,
      resourceLimits: { maxOldGenerationSizeMb: settings.workerMemoryMb },
    });
    // a worker that fails outside a task (e.g. cannot start) must not take the server down
    this.pool.on('error', (error) => log(error));
  }

  /** Run a parsing task; the engine's refusals come back as 4xx ApiErrors, budgets exceeded as 413/422. */
  async run<K extends TaskName>(task: K, input: TaskInput<K>): Promise<TaskValue<K>> {
    let outcome: TaskOutcome<TaskValue<K>>;
    try {
      outcome = await this.pool.run(input, { name: task, signal: AbortSignal.timeout(this.settings.timeoutMs) });
    } catch (error) {
      throw this.budgetError(error);
    }
    if ('refused' in outcome) {
      const { code, message, messageZh, details } = outcome.refused;
      throw new ApiError(REFUSAL_STATUS[code] ?? 422, code, message, messageZh, details);
    }
    return outcome.value;
  }

  /** Workers running or idle now (for tests and the bench: they go away when idle). */
  get threads(): number {
    return this.pool.threads.length;
  }

  /** Stop the workers (at shutdown); running parses are cancelled. */
  close(): Promise<void> {
    return this.pool.destroy();
  }

  private budgetError(error: unknown): unknown {
    const e = error as { name?: string; code?: string };
    if (e?.name === 'AbortError') {
      const seconds = Math.round(this.settings.timeoutMs / 1000);
      return new ApiError(
        422,
        'UPLOAD_TIMEOUT',
        `Reading the file took longer than ${seconds} s and was stopped; split it into smaller files`,
        `文件处理超过 ${seconds} 秒仍未完成，已中止；请拆分为较小的文件后重试`,
        { limit: { name: 'timeoutMs', value: this.settings.timeoutMs } },
      );
    }
    if (e?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
      const mb = this.settings.workerMemoryMb;
      return new ApiError(
        413,
        'UPLOAD_TOO_LARGE',
        `Reading the file needs more than the ${mb} MB of memory allowed; split it into smaller files`,
        `解析该文件所需内存超过 ${mb} MB 的上限，已中止；请拆分为较小的文件后重试`,
        { limit: { name: 'workerMemoryMb', value: mb } },
      );
    }
    return error;
  }
}
