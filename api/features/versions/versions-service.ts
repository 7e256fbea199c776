/**
 * Versions: the publish checks (validate, lint, run every fixture), writing an immutable numbered
 * version in one transaction (version row, head counter, audit), the timeline of effective dates
 * (scheduled versions re-dated or cancelled), rollback (a copy of an older version with the same
 * pinned bases) and diff of any two of {versions, draft}. Whether a publish needs approval first
 * is the publish-requests feature's business.
 */
import type { Knex } from 'knex';
import {
  AsOfBeforeFirstVersionError,
  asOfInstant,
  casesMovedByParameters,
  diffPacks,
  formatEffective,
  packsBrokenByBase,
  runFixtures,
  type AffectedPack,
  type BuiltPack,
  type CaseResult,
  type CompiledPack,
  type PackBundle,
} from '../../../engine/index.js';
import { onboardingBlockers, type ProposalSet } from '../../../engine/proposals/index.js';
import type { Config } from '../../config.js';
import { nowIso, type Db } from '../../db/knex.js';
import {
  ConflictError,
  NotFoundError,
  StaleRevisionError,
  ValidationError,
  issuesToFieldErrors,
  toApiError,
} from '../../errors.js';
import type { AuditService } from '../audit/audit-service.js';
import { authorizePack } from '../auth/access.js';
import type { Identity } from '../auth/identity.js';
import type { DraftsService } from '../drafts/drafts-service.js';
import type { PackBuilder } from '../evaluation/pack-builder.js';
import { lintBuiltPack } from '../lint/lint-adapter.js';
import { ancestorsOf, type PackCatalog } from '../packs/pack-catalog.js';
import type { PackMeta, PacksStore } from '../packs/packs-store.js';
import { parseAsOf, parseBasis, parseEffectiveFrom } from './adoption-input.js';
import {
  firstEffective,
  governingVersion,
  versionInForce,
  type TimelineEntry,
} from '../../../engine/timeline/index.js';
import type { Basis, ChainVersions, VersionRecord, VersionsStore } from './versions-store.js';

export interface Check {
  check: 'schema-and-consistency' | 'lint' | 'fixtures' | 'onboarding';
  ok: boolean;
  label: string;
  errors?: number;
  warnings?: number;
  passed?: number;
  failed?: number;
  available?: boolean;
}

function failedCase(r: CaseResult) {
  return {
    id: r.id,
    name: r.name,
    decision: r.decision,
    definedIn: r.definedIn,
    expected: r.expected,
    actual: r.actual,
    missing: r.missing,
    unexpected: r.unexpected,
    explanation: r.explanation,
  };
}

/** A version about to be written (publish, approved request, rollback). */
export interface NewVersion {
  bundle: PackBundle;
  chain: ChainVersions;
  origin: 'publish' | 'rollback';
  draftRevision?: number;
  copiedFrom?: number;
  checks: Check[];
  basis: Basis | null;
  /** undefined or past: now */
  effectiveFrom?: string;
  requestId?: number;
  approvedBy?: string[];
  /** an admin published without approval, for this reason */
  bypassReason?: string;
  /** the proposer, when an approval publishes someone else's request */
  publishedBy?: string;
}

export interface WrittenVersion {
  version: number;
  effectiveFrom: string;
  state: 'scheduled' | 'inForce';
  basis: Basis | null;
}

function notScheduled(packId: string, version: number): ConflictError {
  return new ConflictError(
    'NOT_SCHEDULED',
    `Version ${version} of ${packId} is not scheduled (already in force, superseded or cancelled)`,
    `${packId} 第${version}版不是待生效状态（已生效、已被取代或已取消），不能改期或取消`,
    { version },
  );
}

function formatFirst(timeline: TimelineEntry[]): string | undefined {
  const first = firstEffective(timeline);
  return first && formatEffective(first);
}

export class VersionsService {
  /** the what-if summary of the draft against the version in force, set by createServices; never blocks a publish */
  publishPreview?: (
    identity: Identity,
    packId: string,
    draft: CompiledPack,
    inForce: number | undefined,
  ) => Promise<unknown>;

  constructor(
    private readonly db: Db,
    private readonly config: Config,
    private readonly packs: PacksStore,
    private readonly versions: VersionsStore,
    private readonly catalog: PackCatalog,
    private readonly builder: PackBuilder,
    private readonly drafts: DraftsService,
    private readonly audit: AuditService,
  ) {}

  /** Run the publish checks on a built pack; returns what was checked and whether it may go out. */
  async check(
    built: BuiltPack,
    packFor?: (asOf: string) => Promise<CompiledPack>,
    own?: { bundle: PackBundle; proposals?: ProposalSet },
  ): Promise<{ checks: Check[]; ok: boolean; details: Record<string, unknown> }> {
    const checks: Check[] = [];
    const errors = built.issues.filter((i) => i.severity === 'error');
    const warnings = built.issues.filter((i) => i.severity === 'warning');
    checks.push({
      check: 'schema-and-consistency',
      label: '格式与一致性校验 / schema and consistency',
      ok: errors.length === 0,
      errors: errors.length,
      warnings: warnings.length,
    });
    if (errors.length || !built.compiled)
      return { checks, ok: false, details: { errors: issuesToFieldErrors(errors), issues: built.issues } };
    const report = await runFixtures(built.compiled, { packFor });
    const lint = lintBuiltPack(built, report);
    const lintErrors = lint.issues.filter((i) => i.severity === 'error');
    checks.push({
      check: 'lint',
      label: '规则检查（冲突、遗漏、失效规则）/ lint',
      ok: lintErrors.length === 0,
      available: lint.available,
      errors: lintErrors.length,
      warnings: lint.issues.length - lintErrors.length,
    });
    if (lintErrors.length)
      return { checks, ok: false, details: { errors: issuesToFieldErrors(lintErrors), lint: lint.issues } };
    checks.push({
      check: 'fixtures',
      label: '测试用例 / fixtures',
      ok: report.failed === 0,
      passed: report.passed,
      failed: report.failed,
    });
    if (report.failed)
      return { checks, ok: false, details: { failures: report.results.filter((r) => !r.passed).map(failedCase) } };
    if (own) {
      // what the township still has to finish: unconfirmed rule proposals, parameters without rules
      const blockers = onboardingBlockers(own.bundle, own.proposals);
      checks.push({
        check: 'onboarding',
        label: '规则建议已确认 / onboarding complete',
        ok: blockers.length === 0,
        errors: blockers.length,
      });
      if (blockers.length) {
        const errors = blockers.map((b) => ({ path: '', code: b.code, message: b.message, messageZh: b.messageZh }));
        return { checks, ok: false, details: { errors, blockers } };
      }
    }
    return { checks, ok: true, details: { warnings, lint: lint.issues } };
  }

  /**
   * The pack in force on the day a fixture is dated, for a run whose own pack takes effect at
   * `effectiveFrom`: days from then on are the pack under test's, earlier days the timeline's
   * (old cases are judged by the old text).
   */
  fixturePacks(
    packId: string,
    underTest: CompiledPack,
    effectiveFrom: string,
  ): (asOf: string) => Promise<CompiledPack> {
    return async (asOf) => {
      const at = asOfInstant(asOf);
      if (!at || at >= effectiveFrom) return underTest;
      const snapshot = await this.catalog.snapshot();
      const timeline = await snapshot.timeline(packId);
      const version = versionInForce(timeline, at);
      if (version === undefined) throw new AsOfBeforeFirstVersionError(packId, asOf, formatFirst(timeline));
      const built = await this.builder.buildVersion(packId, version);
      if (!built.compiled) throw new AsOfBeforeFirstVersionError(packId, asOf);
      return built.compiled;
    };
  }

  /** The adoption settings that govern publishing this pack (governingVersion); the draft's before any version. */
  async governingSettings(
    packId: string,
    draft: PackBundle,
  ): Promise<Required<NonNullable<PackBundle['pack']['settings']>>> {
    const snapshot = await this.catalog.snapshot();
    const governing = governingVersion(await snapshot.timeline(packId), nowIso());
    const settings =
      governing !== undefined
        ? (await this.builder.requireVersion(packId, governing)).bundle.pack.settings
        : draft.pack.settings;
    return {
      approvalRequired: settings?.approvalRequired ?? false,
      approvers: settings?.approvers ?? 1,
      basisRequired: settings?.basisRequired ?? false,
    };
  }

  /**
   * The packs extending this one whose drafts break its locks as they are about to be
   * published (a base that tightened a bound). Listed in the reply; it does not block the base.
   */
  async packsBrokenBy(packId: string, bundle: PackBundle, packs: Map<string, PackMeta>): Promise<AffectedPack[]> {
    const descendants = [...packs.keys()].filter((id) => ancestorsOf(packs, id).includes(packId));
    if (descendants.length === 0) return [];
    const drafts = new Map<string, PackBundle>([[packId, bundle]]);
    for (const id of new Set([...descendants, ...descendants.flatMap((d) => ancestorsOf(packs, d))])) {
      if (id === packId) continue;
      const row = await this.packs.get(id);
      if (row) drafts.set(id, this.packs.draftOf(row));
    }
    return packsBrokenByBase(packId, { get: (id) => drafts.get(id) }, descendants);
  }

  /** Rollback: publish a copy of an older version (its pinned bases too), effective now or on a day. No approval: it restores an approved text. */
  async rollback(identity: Identity, packId: string, body: Record<string, unknown>) {
    const now = nowIso();
    const loaded = await this.drafts.load(identity, packId, 'publish');
    const target = Number(body.version);
    if (!Number.isInteger(target) || target < 1)
      throw new ValidationError([
        { path: '/version', message: 'version must be a version number', messageZh: '请指定要回滚到的版本号' },
      ]);
    const effectiveFrom = parseEffectiveFrom(body.effectiveFrom, now);
    const basis = parseBasis(body.basis);
    const stored = await this.builder.requireVersion(packId, target);
    const built = await this.builder.buildVersion(packId, target);
    const checks: Check[] = [
      {
        check: 'schema-and-consistency',
        label: '格式与一致性校验 / schema and consistency',
        ok: !!built.compiled,
        errors: built.issues.filter((i) => i.severity === 'error').length,
      },
    ];
    const written = await this.writeVersion(identity, packId, loaded.meta.townshipId, {
      bundle: stored.bundle,
      chain: stored.chainVersions,
      origin: 'rollback',
      copiedFrom: target,
      checks,
      basis,
      effectiveFrom,
    });
    return {
      packId,
      ...written,
      copiedFrom: target,
      chainVersions: stored.chainVersions,
      checks,
      timeline: await this.timeline(identity, packId),
    };
  }

  /** Write a version in its own transaction, then let every cache know. */
  async writeVersion(identity: Identity, packId: string, townshipId: string, v: NewVersion): Promise<WrittenVersion> {
    const written = await this.db.transaction((trx) => this.writeVersionIn(trx, identity, packId, townshipId, v));
    this.catalog.invalidate();
    return written;
  }

  /**
   * The one place a version is written (publish, approval, rollback): the version row, the head
   * counter (other processes drop their caches) and the audit event, inside the caller's
   * transaction. A crash anywhere in it leaves the previous versions as they were.
   */
  async writeVersionIn(
    trx: Knex.Transaction,
    identity: Identity,
    packId: string,
    townshipId: string,
    v: NewVersion,
  ): Promise<WrittenVersion> {
    const now = nowIso();
    if (v.draftRevision !== undefined) {
      const current = await this.packs.get(packId, trx);
      if (current && current.revision !== v.draftRevision)
        throw new StaleRevisionError(v.draftRevision, current.revision);
    }
    const before = await this.versions.inForce(packId, now, trx);
    const latest = await this.versions.latestNumber(packId, trx);
    if (v.origin === 'publish' && latest > 0) {
      // publishing the same draft twice (a double click, two tabs) writes one version
      const head = await this.versions.get(packId, latest, trx);
      if (head?.origin === 'publish' && head.draft_revision === v.draftRevision) {
        throw new ConflictError(
          'ALREADY_PUBLISHED',
          `This draft (revision ${v.draftRevision}) is already version ${latest}`,
          `该草稿（修订 ${v.draftRevision}）已发布为第 ${latest} 版`,
          { version: latest },
        );
      }
    }
    const version = latest + 1;
    // an approval that arrives after the requested moment publishes effective at once
    const effectiveFrom = v.effectiveFrom && v.effectiveFrom > now ? v.effectiveFrom : now;
    await this.versions.insert(trx, {
      packId,
      version,
      bundle: v.bundle,
      chainVersions: v.chain,
      publishedBy: v.publishedBy ?? identity.username,
      origin: v.origin,
      copiedFrom: v.copiedFrom,
      draftRevision: v.draftRevision,
      checks: v.checks,
      basis: v.basis,
      effectiveFrom,
      now,
      requestId: v.requestId,
      bypassReason: v.bypassReason ?? null,
    });
    if (this.config.crashDuringPublish) {
      // test hook: die inside the transaction after writing the version row
      console.error('RULES_TEST_CRASH_DURING_PUBLISH: exiting inside the publish transaction');
      process.exit(86);
    }
    await this.packs.bumpHead(trx, packId, version);
    const action =
      v.origin === 'rollback'
        ? 'pack.rollback'
        : v.bypassReason !== undefined
          ? 'pack.publishWithoutApproval'
          : 'pack.publish';
    await this.audit.record(
      identity,
      {
        action,
        resource: 'versions',
        recordId: `${packId}:${version}`,
        packId,
        version,
        townshipId,
        before: { version: before ?? null },
        after: {
          version,
          effectiveFrom,
          scheduled: effectiveFrom > now,
          basis: v.basis,
          copiedFrom: v.copiedFrom ?? null,
          chainVersions: v.chain,
          checks: v.checks,
          ...(v.requestId !== undefined ? { requestId: v.requestId, approvedBy: v.approvedBy ?? [] } : {}),
          ...(v.bypassReason !== undefined ? { bypassApproval: { reason: v.bypassReason } } : {}),
        },
      },
      trx,
    );
    return { version, effectiveFrom, state: effectiveFrom > now ? 'scheduled' : 'inForce', basis: v.basis };
  }

  /** The pack's versions on its timeline, newest number first, with the one in force now. */
  async timeline(identity: Identity, packId: string) {
    const snapshot = await this.catalog.snapshot();
    authorizePack(identity, snapshot, packId, 'read');
    const now = nowIso();
    const records = await this.versions.records(await this.versions.allOf(packId), now);
    return { packId, now, inForce: records.find((r) => r.state === 'inForce')?.version ?? null, timeline: records };
  }

  /** One version record (state, effective span, basis, approvals). */
  async versionInfo(identity: Identity, packId: string, version: number): Promise<VersionRecord> {
    const snapshot = await this.catalog.snapshot();
    authorizePack(identity, snapshot, packId, 'read');
    const row = await this.versions.get(packId, version);
    if (!row) throw new NotFoundError('version', `${packId}:${version}`, '版本');
    return (await this.versions.records([row]))[0];
  }

  /** The version in force at `asOf` (a day or a moment), as a record; 422 before the first version. */
  async inForceOn(identity: Identity, packId: string, asOf: unknown): Promise<VersionRecord> {
    const parsed = parseAsOf(asOf, '/inForceOn')!;
    const snapshot = await this.catalog.snapshot();
    authorizePack(identity, snapshot, packId, 'read');
    const timeline = await snapshot.timeline(packId);
    const version = versionInForce(timeline, parsed.instant);
    if (version === undefined)
      throw toApiError(new AsOfBeforeFirstVersionError(packId, parsed.given, formatFirst(timeline)));
    return this.versionInfo(identity, packId, version);
  }

  /** Move a scheduled version to another day or moment (never into the past). */
  async reschedule(identity: Identity, packId: string, version: number, body: Record<string, unknown>) {
    const now = nowIso();
    const loaded = await this.drafts.load(identity, packId, 'publish');
    if (body.effectiveFrom === undefined || body.effectiveFrom === null || body.effectiveFrom === '') {
      throw new ValidationError([
        { path: '/effectiveFrom', message: 'effectiveFrom is required', messageZh: '请填写新的生效日期' },
      ]);
    }
    const effectiveFrom = parseEffectiveFrom(body.effectiveFrom, now) ?? now;
    const before = await this.versionInfo(identity, packId, version);
    await this.db.transaction(async (trx) => {
      if (!(await this.versions.reschedule(trx, packId, version, now, effectiveFrom)))
        throw notScheduled(packId, version);
      await this.packs.bumpHead(trx, packId, null);
      await this.audit.record(
        identity,
        {
          action: 'version.reschedule',
          resource: 'versions',
          recordId: `${packId}:${version}`,
          packId,
          version,
          townshipId: loaded.meta.townshipId,
          before: { effectiveFrom: before.effectiveFrom },
          after: { effectiveFrom },
        },
        trx,
      );
    });
    this.catalog.invalidate();
    return this.versionInfo(identity, packId, version);
  }

  /** Cancel a scheduled version: it never takes effect; the record stays. */
  async cancel(identity: Identity, packId: string, version: number, body: Record<string, unknown>) {
    const now = nowIso();
    const loaded = await this.drafts.load(identity, packId, 'publish');
    const reason = typeof body.reason === 'string' && body.reason.trim() ? body.reason.trim() : null;
    await this.versionInfo(identity, packId, version);
    await this.db.transaction(async (trx) => {
      if (!(await this.versions.cancel(trx, packId, version, now, identity.username, reason)))
        throw notScheduled(packId, version);
      await this.packs.bumpHead(trx, packId, null);
      await this.audit.record(
        identity,
        {
          action: 'version.cancel',
          resource: 'versions',
          recordId: `${packId}:${version}`,
          packId,
          version,
          townshipId: loaded.meta.townshipId,
          before: { state: 'scheduled' },
          after: { state: 'cancelled', reason },
        },
        trx,
      );
    });
    this.catalog.invalidate();
    return this.versionInfo(identity, packId, version);
  }

  /**
   * The draft's failing test cases split in two: those its changed parameters moved (they passed
   * on the version in force, and that version with the draft's parameter values answers what the
   * draft answers), with the old and new outcome of each, and those failing for other reasons.
   */
  async movedCases(identity: Identity, packId: string) {
    const draft = await this.builtFor(identity, packId, 'draft', 'test');
    const snapshot = await this.catalog.snapshot();
    const version = await snapshot.inForce(packId);
    if (!draft.built.compiled)
      return { packId, inForce: version ?? null, parameters: [], moved: [], otherFailures: [] };
    const report = await runFixtures(draft.built.compiled, {
      packFor: this.fixturePacks(packId, draft.built.compiled, nowIso()),
    });
    const failing = report.results.filter((r) => !r.passed);
    if (version === undefined)
      return { packId, inForce: null, parameters: [], moved: [], otherFailures: failing.map((r) => r.id) };
    const inForce = await this.builder.buildVersion(packId, version);
    if (!inForce.compiled)
      return { packId, inForce: version, parameters: [], moved: [], otherFailures: failing.map((r) => r.id) };
    const split = await casesMovedByParameters(inForce.compiled, draft.built.compiled, report.results);
    return {
      packId,
      inForce: version,
      parameters: split.parameters,
      moved: split.moved,
      otherFailures: split.otherFailures.map((r) => r.id),
    };
  }

  /** `draft`, a version number, or undefined (the version in force). */
  async builtFor(
    identity: Identity,
    packId: string,
    which: string | number | undefined,
    action: 'read' | 'test' = 'read',
  ): Promise<{ built: BuiltPack; label: string }> {
    const snapshot = await this.catalog.snapshot();
    if (which === 'draft') {
      const loaded = await this.drafts.load(identity, packId, action);
      const { built } = await this.builder.buildDraft(snapshot, packId, loaded.bundle, loaded.row.revision);
      return { built, label: 'draft' };
    }
    authorizePack(identity, snapshot, packId, 'read');
    const version = which === undefined || which === '' ? await snapshot.inForce(packId) : Number(which);
    if (version === undefined || !Number.isInteger(version)) {
      if (which === undefined)
        throw new ConflictError(
          'NOT_PUBLISHED',
          `Pack ${packId} has no published version`,
          `规则包 ${packId} 尚未发布`,
        );
      throw new ValidationError([
        { path: '/version', message: 'version must be a number or "draft"', messageZh: '版本应为数字或 draft' },
      ]);
    }
    return { built: await this.builder.buildVersion(packId, version), label: String(version) };
  }

  async diff(identity: Identity, packId: string, from: string | undefined, to: string | undefined) {
    if (!from || !to)
      throw new ValidationError([
        {
          path: from ? '/to' : '/from',
          message: 'from and to are required (version numbers or "draft")',
          messageZh: '请指定要比较的两个版本（版本号或 draft）',
        },
      ]);
    const a = await this.builtFor(identity, packId, from === 'draft' ? 'draft' : from);
    const b = await this.builtFor(identity, packId, to === 'draft' ? 'draft' : to);
    const { parameters, rules, fixtures } = await diffPacks(a.built, b.built);
    // what each side was adopted by, and when it took or takes effect
    const adoption = async (label: string) => {
      if (!/^\d+$/.test(label)) return null;
      const info = await this.versionInfo(identity, packId, Number(label));
      return {
        version: info.version,
        state: info.state,
        effectiveFrom: info.effectiveFrom,
        basis: info.basis,
        approvedBy: info.approvedBy.map((x) => x.username),
        bypassReason: info.bypassReason,
      };
    };
    return {
      packId,
      from: a.label,
      to: b.label,
      adoption: { from: await adoption(a.label), to: await adoption(b.label) },
      parameters,
      rules,
      fixtures,
      issues: {
        from: a.built.issues.filter((i) => i.severity === 'error'),
        to: b.built.issues.filter((i) => i.severity === 'error'),
      },
    };
  }
}
