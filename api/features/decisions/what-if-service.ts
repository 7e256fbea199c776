/**
 * What-if: re-evaluate a pack's logged decisions under another version (the draft or a
 * published one) with the engine's `whatIf`. Logged decisions repeat heavily, so the database
 * groups them by fact set (decisions.facts_hash) and outcomes, and each distinct fact set is
 * evaluated once, weighted by how many decisions it stands for. Cases are the first changed
 * fact sets (in order of first occurrence), one per distinct fact set.
 *
 * The groups come from the log's counts (decision_fact_sets, see fact-set-summary) and, for
 * months a period cuts, from the rows one id block at a time (see fact-set-groups): only the
 * groups ever reach this process.
 *
 * Long runs: `start` checks access and the body, then queues a job row (features/jobs) that
 * any server process may run and poll: {state, done, total, result?}; `done` counts the logged
 * decisions grouped so far.
 */
import {
  whatIf,
  type CompiledPack,
  type LoggedDecision,
  type Outcome,
  type WhatIfChange,
  type WhatIfMemo,
} from '../../../engine/index.js';
import { ValidationError } from '../../errors.js';
import { isAdmin, type Identity } from '../auth/identity.js';
import type { EvaluationService } from '../evaluation/evaluation-service.js';
import { parseTarget, type Target } from '../evaluation/evaluation-service.js';
import type { PackBuilder } from '../evaluation/pack-builder.js';
import type { JobContext, JobsService } from '../jobs/jobs-service.js';
import type { Job } from '../jobs/jobs-store.js';
import type { PackCatalog } from '../packs/pack-catalog.js';
import type { DecisionLog } from './decision-log.js';
import { periodBound, type DecisionsStore } from './decisions-store.js';
import type { FactSetRow } from './fact-set-groups.js';

/** rows per page of the log export */
export const PAGE_SIZE = 10_000;
/** distinct fact sets evaluated between two yields to the event loop */
const GROUPS_PER_SLICE = 5_000;
const DEFAULT_MAX_CASES = 100;
export const WHAT_IF_JOB = 'what-if';

export interface WhatIfResult {
  pack: string;
  against: string;
  /** the version whose explanations the "before" side shows (undefined: none in force) */
  before?: string;
  filter: { decision?: string; from?: string; to?: string };
  /** rows re-evaluated */
  total: number;
  changed: number;
  transitions: { from: string; to: string; count: number }[];
  cases: WhatIfChange[];
  /** true when a time budget stopped the run early (publish preview): `total` rows were considered out of `logged` */
  partial?: boolean;
  logged?: number;
  ms: number;
}

/** What GET /what-if-jobs/:job answers. */
export function whatIfJobView(job: Job) {
  return {
    job: job.id,
    state: job.state,
    done: job.done,
    total: job.total,
    ...(job.result !== undefined ? { result: job.result as WhatIfResult } : {}),
    ...(job.error ? { error: job.error } : {}),
  };
}

interface Prepared {
  packId: string;
  against: CompiledPack;
  againstLabel: string;
  before?: CompiledPack;
  beforeLabel?: string;
  filter: Record<string, unknown>;
  township: string | null;
  maxCases: number;
}

function parseBody(body: unknown): {
  target: Target;
  filter: { decision?: string; from?: string; to?: string };
  maxCases: number;
} {
  const b = (typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
  if ((b.against === undefined || b.against === null || b.against === '') && !b.asOf) {
    throw new ValidationError([
      {
        path: '/against',
        message: 'against is required: "draft", a version number, or asOf (the version in force on that day)',
        messageZh: '请指定对比的版本（draft、版本号，或事件日期 asOf：按当日施行的版本）',
      },
    ]);
  }
  // asOf alone: the version in force on that day (e.g. a scheduled one) is what the log is re-run under
  const target = parseTarget(b.against, '/against', b.asOf);
  const filter: { decision?: string; from?: string; to?: string } = {};
  if (b.decision !== undefined && b.decision !== null) {
    if (typeof b.decision !== 'string' || !b.decision)
      throw new ValidationError([
        { path: '/decision', message: 'decision must be a decision id', messageZh: '事项（decision）应为事项代码' },
      ]);
    filter.decision = b.decision;
  }
  if (b.period !== undefined && b.period !== null) {
    const p = b.period as Record<string, unknown>;
    if (typeof p !== 'object' || Array.isArray(p))
      throw new ValidationError([
        { path: '/period', message: 'period must be {from, to}', messageZh: '期间应为 {from, to}' },
      ]);
    if (p.from !== undefined) {
      periodBound(p.from, false, '/period/from');
      filter.from = String(p.from);
    }
    if (p.to !== undefined) {
      periodBound(p.to, true, '/period/to');
      filter.to = String(p.to);
    }
  }
  let maxCases = DEFAULT_MAX_CASES;
  if (b.maxCases !== undefined) {
    if (!Number.isInteger(b.maxCases) || (b.maxCases as number) < 0 || (b.maxCases as number) > 1000) {
      throw new ValidationError([
        { path: '/maxCases', message: 'maxCases must be 0…1000', messageZh: 'maxCases 应为 0 到 1000' },
      ]);
    }
    maxCases = b.maxCases as number;
  }
  return { target, filter, maxCases };
}

/**
 * A group of logged decisions (same decision, facts and outcomes) as one LoggedDecision that
 * counts `count` times. A log holds few distinct outcome sets, so their JSON is parsed once per
 * run (`outcomes` is only read, never changed); the facts only when evaluated or shown. The same
 * facts logged with different outcomes (under two versions) are evaluated once (the memo).
 */
function toLogged(group: FactSetRow, outcomes: Map<string, Outcome[]>): LoggedDecision {
  let parsed = outcomes.get(group.outcomes);
  if (!parsed) {
    parsed = JSON.parse(group.outcomes) as Outcome[];
    if (outcomes.size < 10_000) outcomes.set(group.outcomes, parsed);
  }
  let facts: Record<string, unknown> | undefined;
  return {
    id: group.firstId,
    decision: group.decision,
    outcomes: parsed,
    factsKey: group.factsKey,
    count: group.count,
    get facts() {
      return (facts ??= JSON.parse(group.facts));
    },
  };
}

export class WhatIfService {
  constructor(
    private readonly store: DecisionsStore,
    private readonly log: DecisionLog,
    private readonly catalog: PackCatalog,
    private readonly builder: PackBuilder,
    private readonly evaluation: EvaluationService,
    private readonly jobs: JobsService,
  ) {
    jobs.register({
      kind: WHAT_IF_JOB,
      concurrency: 2,
      keepEnded: 200,
      title: { en: 'what-if job', zh: '试算任务' },
      run: (context) => this.runJob(context),
    });
  }

  /** Rows this identity may see: its township's (admins and county-wide identities: all). */
  private township(identity: Identity): string | null {
    return isAdmin(identity) ? null : (identity.townshipId ?? null);
  }

  /** The compiled "before" side: the one version the rows were logged under, else the version in force. */
  private async before(
    packId: string,
    filter: Record<string, unknown>,
    township: string | null,
    inForce?: number,
  ): Promise<{ compiled?: CompiledPack; label?: string }> {
    const versions = await this.store.versions(filter, township);
    let version: number | undefined;
    if (versions.length === 1 && /^\d+$/.test(versions[0])) version = Number(versions[0]);
    else version = inForce ?? (await (await this.catalog.snapshot()).inForce(packId));
    if (version === undefined) return {};
    const built = await this.builder.buildVersion(packId, version);
    return { compiled: built.compiled, label: String(version) };
  }

  private async prepare(identity: Identity, packId: string, body: unknown): Promise<Prepared> {
    const { target, filter, maxCases } = parseBody(body);
    const built = await this.evaluation.resolve(identity, packId, target, 'test');
    const against = this.evaluation.compiled(built, packId);
    const township = this.township(identity);
    const rowFilter = { ...filter, packId };
    const before = await this.before(packId, rowFilter, township);
    return {
      packId,
      against,
      againstLabel:
        target.kind === 'draft'
          ? 'draft'
          : String(against.version ?? (target.kind === 'version' ? target.version : '')),
      before: before.compiled,
      beforeLabel: before.label,
      filter: rowFilter,
      township,
      maxCases,
    };
  }

  private async run(
    p: Prepared,
    onProgress?: (done: number, total: number) => unknown,
    budgetMs?: number,
  ): Promise<WhatIfResult> {
    const started = Date.now();
    await this.log.drain();
    const { groups, logged } = await this.store.factSetGroups(p.filter, p.township, onProgress);
    const transitions = new Map<string, { from: string; to: string; count: number }>();
    const cases: WhatIfChange[] = [];
    let total = 0;
    let changed = 0;
    let partial = false;
    const outcomeSets = new Map<string, Outcome[]>();
    const memo: WhatIfMemo = new Map();
    for (let i = 0; i < groups.length && !partial; i += GROUPS_PER_SLICE) {
      const slice = groups.slice(i, i + GROUPS_PER_SLICE).map((group) => toLogged(group, outcomeSets));
      const summary = await whatIf(p.against, slice, {
        before: p.before,
        maxCases: Math.max(0, p.maxCases - cases.length),
        locale: 'zh',
        memo,
      });
      total += summary.total;
      changed += summary.changed;
      for (const t of summary.transitions) {
        const key = `${t.from}\u0000${t.to}`;
        const found = transitions.get(key);
        if (found) found.count += t.count;
        else transitions.set(key, { ...t });
      }
      cases.push(...summary.cases);
      if (budgetMs !== undefined && Date.now() - started > budgetMs) partial = total < logged;
      // let other requests (and job polls) run between slices
      await new Promise((resolve) => setImmediate(resolve));
    }
    const { decision, from, to } = p.filter as { decision?: string; from?: string; to?: string };
    return {
      pack: p.packId,
      against: p.againstLabel,
      before: p.beforeLabel,
      filter: { decision, from, to },
      total,
      changed,
      transitions: [...transitions.values()].sort((a, b) => b.count - a.count),
      cases,
      ...(partial ? { partial: true, logged } : {}),
      ms: Date.now() - started,
    };
  }

  /** POST /packs/:id/what-if (synchronous). */
  async whatIf(identity: Identity, packId: string, body: unknown): Promise<WhatIfResult> {
    return this.run(await this.prepare(identity, packId, body));
  }

  /** POST /packs/:id/what-if?async=1: checks access and the body now (4xx at once), queues the run. */
  async start(identity: Identity, packId: string, body: unknown): Promise<Job> {
    await this.prepare(identity, packId, body);
    return this.jobs.enqueue(identity, WHAT_IF_JOB, { identity, packId, body: body ?? null }, { packId });
  }

  /** A queued what-if, on whichever process claimed it: prepared again from what was stored. */
  private async runJob(context: JobContext) {
    const { identity, packId, body } = context.job.params as { identity: Identity; packId: string; body: unknown };
    const result = await this.run(await this.prepare(identity, packId, body), (done, total) =>
      context.progress(done, total),
    );
    return { done: result.total, total: result.total, result };
  }

  /**
   * The publish preview: the draft being published against the version in force, over the
   * pack's logged decisions visible to the publisher, first 20 cases, within a time budget.
   */
  async publishPreview(
    identity: Identity,
    packId: string,
    draft: CompiledPack,
    inForce: number | undefined,
    budgetMs = 10_000,
  ): Promise<WhatIfResult> {
    const township = this.township(identity);
    const filter = { packId };
    const before = await this.before(packId, filter, township, inForce);
    return this.run(
      {
        packId,
        against: draft,
        againstLabel: 'draft',
        before: before.compiled,
        beforeLabel: before.label,
        filter,
        township,
        maxCases: 20,
      },
      undefined,
      budgetMs,
    );
  }
}
