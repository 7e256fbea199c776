/**
 * The decision log's writer. EvaluationService.evaluate calls `record` once per call
 * (one entry for a single evaluation, all items of a batch together) and answers only after the
 * rows are written: the log is evidence of what the office decided.
 *
 * Group commit: while one INSERT is in flight, entries of other requests queue up and go out
 * together in the next multi-row INSERT, so under load the database sees few statements (on
 * SQLite a single connection serialises every query) and each evaluation waits for about one
 * insert. A batch's rows always stay in one statement (≤ 1000 items < ROWS_PER_INSERT).
 *
 * A failed insert fails every request whose rows it held with a 503: no reply claims a logged
 * decision that is not in the log. Nothing but the insert runs on this path: the pack's township
 * comes with the entry, from the catalog snapshot the evaluation used (no second catalog read).
 * The insert's triggers count the rows into decision_fact_sets (what what-if reads) within the
 * same statement, so a reply also means its decision is counted.
 */
import type { Outcome } from '../../../engine/index.js';
import { nowIso } from '../../db/knex.js';
import { ApiError } from '../../errors.js';
import type { Identity } from '../auth/identity.js';
import type { PackCatalog } from '../packs/pack-catalog.js';
import { ROWS_PER_INSERT, type DecisionInsert, type DecisionsStore } from './decisions-store.js';

export interface LoggedEvaluation {
  decision: string;
  /** the facts as the caller sent them (not the derived ones) */
  facts: Record<string, unknown>;
  outcomes: Outcome[];
  /** the day of the event asked for, when not "now" */
  asOf?: string;
}

/** The log could not be written: the evaluation is not answered (evidence first). */
export class DecisionLogUnavailableError extends ApiError {
  constructor(readonly cause: unknown) {
    super(
      503,
      'DECISION_LOG_UNAVAILABLE',
      'The decision could not be written to the decision log; nothing was decided. Retry in a moment',
      '计算结果未能写入决策日志，本次计算不生效，请稍后重试',
    );
  }
}

interface Pending {
  rows: DecisionInsert[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class DecisionLog {
  private queue: Pending[] = [];
  private flushing = false;

  constructor(
    private readonly store: DecisionsStore,
    private readonly catalog: PackCatalog,
  ) {}

  /**
   * Log the evaluations of one API call; resolves once they are written. `packTownshipId`: the
   * pack owner's township as the evaluation's catalog snapshot had it (looked up when not given).
   */
  async record(
    identity: Identity,
    packId: string,
    version: string,
    evaluations: LoggedEvaluation[],
    packTownshipId?: string | null,
  ): Promise<void> {
    if (!evaluations.length) return;
    // admins and county-wide tokens have no township: the pack's
    const townshipId =
      identity.townshipId ??
      (packTownshipId !== undefined
        ? packTownshipId
        : ((await this.catalog.snapshot()).packs.get(packId)?.townshipId ?? null));
    const at = nowIso();
    const rows = evaluations.map((e): DecisionInsert => ({
      at,
      packId,
      version,
      decision: e.decision,
      facts: e.facts,
      outcomes: e.outcomes,
      caller: identity.username,
      callerKind: identity.kind,
      townshipId,
      asOf: e.asOf ?? null,
    }));
    await new Promise<void>((resolve, reject) => {
      this.queue.push({ rows, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  /** Resolves when everything queued so far is written (lists and what-if call it first). */
  async drain(): Promise<void> {
    if (!this.flushing && !this.queue.length) return;
    await new Promise<void>((resolve) => {
      this.queue.push({ rows: [], resolve, reject: () => resolve() });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length) {
        // take whole entries up to ROWS_PER_INSERT rows (at least one entry)
        const group: Pending[] = [];
        let count = 0;
        while (this.queue.length && (group.length === 0 || count + this.queue[0].rows.length <= ROWS_PER_INSERT)) {
          const next = this.queue.shift()!;
          group.push(next);
          count += next.rows.length;
        }
        try {
          await this.store.insertMany(group.flatMap((p) => p.rows));
          for (const p of group) p.resolve();
        } catch (error) {
          const failed = new DecisionLogUnavailableError(error);
          for (const p of group) p.reject(failed);
        }
      }
    } finally {
      this.flushing = false;
    }
  }
}
