/**
 * Spreadsheets in and out: a decision's fixtures as an .xlsx grid (export, and import
 * into the DRAFT as one audited, validated, revision-checked edit), 批量试算 of an uploaded sheet
 * (synchronously or as a job), and the rows of the audit, lint and test-run exports. The grids
 * themselves are the engine's (engine/sheets); this service only picks the pack and checks access.
 */
import {
  UnknownDecisionError,
  decisions,
  evaluateTrial,
  exportFixturesSheet,
  mergeFixtureCases,
  renderOutcome,
  type CaseResult,
  type CompiledPack,
  type FixtureImport,
  type FixtureImportReply,
  type FixturesFile,
  type Issue,
  type Outcome,
  type ResolvedPack,
} from '../../../engine/index.js';
import { StaleRevisionError, packIssuesError } from '../../errors.js';
import { authorizePack } from '../auth/access.js';
import type { Identity } from '../auth/identity.js';
import type { DraftsService } from '../drafts/drafts-service.js';
import type { EvaluationService, Target } from '../evaluation/evaluation-service.js';
import type { FixturesService } from '../fixtures/fixtures-service.js';
import type { Uploads } from '../uploads/uploads.js';
import type { JobsService } from '../jobs/jobs-service.js';
import type { Job } from '../jobs/jobs-store.js';
import { SheetJobs } from './sheet-jobs.js';

/** Which draft fixtures file holds a decision's own cases (the API's `fixtures/<decision>.json` when none). */
function fixturesFileOf(files: Record<string, FixturesFile>, decision: string): [string, FixturesFile | undefined] {
  const found = Object.entries(files).find(([, f]) => f.decision === decision);
  return found ?? [`fixtures/${decision}.json`, undefined];
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export function decisionTitle(decision: string): string {
  return decisions.get(decision)?.title ?? decision;
}

const outcomesText = (outcomes: Outcome[] | undefined) =>
  outcomes?.length ? outcomes.map((o) => renderOutcome(o)).join('；') : '没有规则命中';

/** What a test case expected, in Chinese. */
export function expectedText(c: CaseResult): string {
  const parts = [c.expected.error ? `错误：${c.expected.error}` : outcomesText(c.expected.outcomes)];
  if (c.expected.rules?.length) parts.push(`命中规则：${c.expected.rules.join(', ')}`);
  return parts.join('\n');
}

/** What came out, in Chinese. */
export function actualText(c: CaseResult): string {
  if (c.actual.error) return `错误：${c.actual.error.code} ${c.actual.error.message}`;
  const parts = [outcomesText(c.actual.outcomes)];
  if (c.actual.rules?.length) parts.push(`命中规则：${c.actual.rules.join(', ')}`);
  return parts.join('\n');
}

export class SheetsService {
  readonly jobs: SheetJobs;

  constructor(
    private readonly drafts: DraftsService,
    private readonly evaluation: EvaluationService,
    private readonly fixtures: FixturesService,
    /** reading and writing .xlsx files happens in worker threads (a sheet can be large or hostile) */
    private readonly uploads: Uploads,
    jobs: JobsService,
  ) {
    this.jobs = new SheetJobs(jobs, async (params, bytes, progress) => {
      const { identity, packId, decision, target } = params as {
        identity: Identity;
        packId: string;
        decision: string;
        target: Target;
      };
      const { pack } = await this.compiledFor(identity, packId, decision, target);
      return this.trial(pack, decision, bytes, progress);
    });
  }

  private requireDecision(packId: string, decision: string): void {
    if (!decisions.get(decision)) throw new UnknownDecisionError(decision, packId);
  }

  /** The resolved pack (inherited fixtures included) of the draft or a version, for reading. */
  private async resolvedFor(
    identity: Identity,
    packId: string,
    target: Target,
  ): Promise<{ resolved: ResolvedPack; version: string | number; revision?: number }> {
    if (target.kind === 'draft') {
      const loaded = await this.drafts.load(identity, packId, 'read');
      const { built } = await this.drafts.builder.buildDraft(
        loaded.snapshot,
        packId,
        loaded.bundle,
        loaded.row.revision,
      );
      if (!built.resolved) throw packIssuesError(packId, built.issues, 'DRAFT_INVALID');
      return { resolved: built.resolved, version: 'draft', revision: loaded.row.revision };
    }
    const built = await this.evaluation.resolve(identity, packId, target, 'test');
    if (!built.resolved) throw packIssuesError(packId, built.issues);
    return {
      resolved: built.resolved,
      version: built.compiled?.version ?? (target.kind === 'version' ? target.version : 'inForce'),
    };
  }

  /** GET /packs/:id/fixtures/export.xlsx: the decision's fixtures, inherited ones included. */
  async exportFixtures(identity: Identity, packId: string, decision: string, target: Target) {
    const snapshot = await this.drafts.catalog.snapshot();
    authorizePack(identity, snapshot, packId, 'read');
    this.requireDecision(packId, decision);
    const { resolved, version, revision } = await this.resolvedFor(identity, packId, target);
    const buffer = await exportFixturesSheet(resolved, decision);
    const cases = resolved.fixtures.filter((c) => c.decision === decision).length;
    const label = version === 'draft' ? '草稿' : `v${version}`;
    return {
      buffer,
      cases,
      version,
      revision,
      fileName: `${packId}-${decisionTitle(decision)}-测试用例-${label}.xlsx`,
      asciiName: `${packId}-${decision}-fixtures-${version === 'draft' ? 'draft' : `v${version}`}.xlsx`,
    };
  }

  /**
   * POST /packs/:id/fixtures/import: merge the sheet into the draft. All rows or none: a bad
   * sheet is 422 SHEET_INVALID, a result the engine refuses is 422 DRAFT_INVALID, a stale
   * revision 409, and nothing is saved. When every row is unchanged nothing is written.
   */
  async importFixtures(
    identity: Identity,
    packId: string,
    decision: string,
    bytes: Buffer,
    expectedRevision?: number,
  ): Promise<FixtureImportReply> {
    const snapshot = await this.drafts.catalog.snapshot();
    authorizePack(identity, snapshot, packId, 'editFixtures');
    this.requireDecision(packId, decision);
    const first = await this.drafts.load(identity, packId, 'editFixtures');
    if (expectedRevision !== undefined && expectedRevision !== first.row.revision)
      throw new StaleRevisionError(expectedRevision, first.row.revision);
    const cases = await this.uploads.pool.run('readFixtures', { decision, bytes });
    const merge = async (loaded: Awaited<ReturnType<DraftsService['load']>>) => {
      const { built } = await this.drafts.builder.buildDraft(
        loaded.snapshot,
        packId,
        loaded.bundle,
        loaded.row.revision,
      );
      if (!built.resolved) throw packIssuesError(packId, built.issues, 'DRAFT_INVALID');
      const [file, own] = fixturesFileOf(loaded.bundle.fixtures, decision);
      return { file, own, result: mergeFixtureCases(built.resolved, decision, cases, own), resolved: built.resolved };
    };
    let merged = await merge(first);
    const reply = (result: FixtureImport, revision: number, warnings: unknown[] = []): FixtureImportReply => ({
      pack: packId,
      decision,
      added: result.added,
      updated: result.updated,
      unchanged: result.unchanged,
      revision,
      warnings,
    });
    if (merged.result.added.length === 0 && merged.result.updated.length === 0)
      return reply(merged.result, first.row.revision);

    const mutation = await this.drafts.mutate(
      identity,
      packId,
      {
        // the client's revision only: without one, an edit that lands meanwhile is merged with, not refused
        action: 'editFixtures',
        expectedRevision,
        audit: { action: 'fixtures.import', resource: 'fixtures' },
      },
      async (bundle, loaded) => {
        if (loaded.row.revision !== first.row.revision) merged = await merge(loaded);
        const { file, result, resolved } = merged;
        bundle.fixtures[file] = result.file;
        const changed = new Set([...result.added, ...result.updated]);
        const before = resolved.fixtures
          .filter((c) => c.decision === decision && changed.has(c.id))
          .map(({ definedIn: _d, origin: _o, decision: _x, ...c }) => c);
        return {
          before: { decision, file, cases: before },
          after: {
            decision,
            file,
            added: result.added,
            updated: result.updated,
            unchanged: result.unchanged.length,
            cases: result.file.cases.filter((c) => changed.has(c.id)),
          },
        };
      },
    );
    return reply(merged.result, mutation.revision, mutation.warnings);
  }

  /** The compiled pack for a batch trial (in force, a version, or the draft for directors and testers). */
  private async compiledFor(identity: Identity, packId: string, decision: string, target: Target) {
    const pack = this.evaluation.compiled(await this.evaluation.resolve(identity, packId, target), packId);
    if (!pack.decisions.has(decision)) throw new UnknownDecisionError(decision, packId);
    const label = target.kind === 'draft' ? '草稿' : `v${pack.version}`;
    return {
      pack,
      fileName: `${packId}-${decisionTitle(decision)}-批量试算结果-${label}.xlsx`,
      asciiName: `${packId}-${decision}-trial-${target.kind === 'draft' ? 'draft' : `v${pack.version}`}.xlsx`,
    };
  }

  /**
   * A batch trial in three steps: a worker reads the rows, this thread evaluates them with the
   * compiled pack (yielding every 500 rows), a worker writes the results into the sheet.
   */
  private async trial(
    pack: CompiledPack,
    decision: string,
    bytes: Buffer,
    onProgress: (done: number, total: number) => unknown,
  ) {
    const trial = await this.uploads.pool.run('readTrial', { decision, bytes });
    const { results, evaluated, failed } = await evaluateTrial(pack, decision, trial, { onProgress });
    const written = await this.uploads.pool.run('writeTrial', { decision, bytes, results });
    return { buffer: Buffer.from(written.buffer, written.byteOffset, written.byteLength), evaluated, failed };
  }

  /** POST /packs/:id/batch-trial.xlsx: the sheet back with result columns. */
  async batchTrial(identity: Identity, packId: string, decision: string, target: Target, bytes: Buffer) {
    const { pack, fileName, asciiName } = await this.compiledFor(identity, packId, decision, target);
    const result = await this.trial(pack, decision, bytes, yieldToEventLoop);
    return { ...result, version: pack.version, fileName, asciiName };
  }

  /**
   * ?async=1: access and decision are checked now (403/404 at once); the sheet is stored with
   * the job and read when it runs, under the version picked now (the draft as it is then).
   */
  async startBatchTrial(
    identity: Identity,
    packId: string,
    decision: string,
    target: Target,
    bytes: Buffer,
  ): Promise<Job> {
    const { pack, fileName, asciiName } = await this.compiledFor(identity, packId, decision, target);
    const pinned: Target =
      target.kind === 'draft' || pack.version === undefined
        ? target
        : { kind: 'version', version: Number(pack.version) };
    return this.jobs.start(
      identity,
      { packId, decision, version: pack.version ?? 'draft', fileName, asciiName },
      { packId, decision, target: pinned },
      bytes,
    );
  }

  /** Lint findings of the draft or a version (as POST /packs/:id/lint). */
  async lintIssues(identity: Identity, packId: string, target: Target): Promise<{ version: unknown; issues: Issue[] }> {
    const report = await this.fixtures.lint(identity, packId, target);
    return { version: report.version, issues: report.issues };
  }

  /** Test-run results of the draft or a version (as POST /packs/:id/test). */
  async testResults(identity: Identity, packId: string, target: Target, decisionsWanted?: string[]) {
    const report = await this.fixtures.test(identity, packId, target, decisionsWanted);
    return {
      version: report.version,
      results: report.results as CaseResult[],
      passed: report.passed,
      failed: report.failed,
    };
  }
}
