/**
 * Publishing: validate, lint, run every fixture, then write an immutable numbered version in one
 * transaction (version row, head counter, audit). Rollback publishes a copy of an older version
 * with the same pinned bases. Diff compares any two of {versions, draft}.
 */
import { evaluate, outcomeKey, packsBrokenByBase, runFixtures, type AffectedPack, type BuiltPack, type CaseResult, type CompiledPack, type Outcome, type PackBundle } from '../../../engine/index.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/knex.js';
import { ConflictError, PublishBlockedError, StaleRevisionError, ValidationError, issuesToFieldErrors } from '../../errors.js';
import type { AuditService } from '../audit/audit-service.js';
import { authorizePack } from '../auth/access.js';
import type { Identity } from '../auth/identity.js';
import type { DraftsService } from '../drafts/drafts-service.js';
import type { PackBuilder } from '../evaluation/pack-builder.js';
import { lintBuiltPack } from '../lint/lint-adapter.js';
import { ancestorsOf, type PackCatalog } from '../packs/pack-catalog.js';
import type { PackMeta, PacksStore } from '../packs/packs-store.js';
import type { ChainVersions, VersionsStore } from './versions-store.js';

export interface Check {
  check: 'schema-and-consistency' | 'lint' | 'fixtures';
  ok: boolean;
  label: string;
  errors?: number;
  warnings?: number;
  passed?: number;
  failed?: number;
  available?: boolean;
}

function failedCase(r: CaseResult) {
  return { id: r.id, name: r.name, decision: r.decision, definedIn: r.definedIn, expected: r.expected, actual: r.actual, missing: r.missing, unexpected: r.unexpected, explanation: r.explanation };
}

export class VersionsService {
  /** issue 7: the what-if summary of the draft against the version in force, set by createServices; never blocks a publish */
  publishPreview?: (identity: Identity, packId: string, draft: CompiledPack, inForce: number | undefined) => Promise<unknown>;

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
  async check(built: BuiltPack): Promise<{ checks: Check[]; ok: boolean; details: Record<string, unknown> }> {
    const checks: Check[] = [];
    const errors = built.issues.filter((i) => i.severity === 'error');
    const warnings = built.issues.filter((i) => i.severity === 'warning');
    checks.push({ check: 'schema-and-consistency', label: '格式与一致性校验 / schema and consistency', ok: errors.length === 0, errors: errors.length, warnings: warnings.length });
    if (errors.length || !built.compiled) return { checks, ok: false, details: { errors: issuesToFieldErrors(errors), issues: built.issues } };
    const report = await runFixtures(built.compiled);
    const lint = lintBuiltPack(built, report);
    const lintErrors = lint.issues.filter((i) => i.severity === 'error');
    checks.push({ check: 'lint', label: '规则检查（冲突、遗漏、失效规则）/ lint', ok: lintErrors.length === 0, available: lint.available, errors: lintErrors.length, warnings: lint.issues.length - lintErrors.length });
    if (lintErrors.length) return { checks, ok: false, details: { errors: issuesToFieldErrors(lintErrors), lint: lint.issues } };
    checks.push({ check: 'fixtures', label: '测试用例 / fixtures', ok: report.failed === 0, passed: report.passed, failed: report.failed });
    if (report.failed) return { checks, ok: false, details: { failures: report.results.filter((r) => !r.passed).map(failedCase) } };
    return { checks, ok: true, details: { warnings, lint: lint.issues } };
  }

  async publish(identity: Identity, packId: string, body: { revision?: number; basis?: unknown }) {
    const loaded = await this.drafts.load(identity, packId, 'publish');
    const { row, snapshot } = loaded;
    if (body.revision !== undefined && body.revision !== row.revision) throw new StaleRevisionError(body.revision, row.revision);
    if (body.basis !== undefined && body.basis !== null && typeof body.basis !== 'string') {
      throw new ValidationError([{ path: '/basis', message: 'basis must be text', messageZh: '发布依据应为文字' }]);
    }
    const chain = await this.builder.draftChain(snapshot, packId, loaded.bundle);
    const built = await this.builder.buildWith(packId, loaded.bundle, chain, 'draft');
    const { checks, ok, details } = await this.check(built);
    if (!ok) {
      const failed = checks.find((c) => !c.ok)!;
      throw new PublishBlockedError(`Publishing ${packId} was blocked by ${failed.check}`, `规则包 ${packId} 未能发布：${failed.label.split(' / ')[0]}未通过`, { checks, ...details });
    }
    const whatIf = this.publishPreview?.(identity, packId, built.compiled!, await snapshot.inForce(packId))
      .catch((error) => ({ error: { code: error?.code ?? 'WHAT_IF_FAILED', message: String(error?.message ?? error) } }));
    const affectedPacks = await this.packsBrokenBy(packId, loaded.bundle, snapshot.packs);
    const version = await this.writeVersion(identity, packId, loaded.meta.townshipId, {
      bundle: loaded.bundle, chain, origin: 'publish', draftRevision: row.revision, checks, basis: (body.basis as string | undefined) ?? null,
    });
    return { packId, version, checks, chainVersions: chain, warnings: details.warnings ?? [], lint: details.lint ?? [], affectedPacks, whatIf: await whatIf };
  }

  /**
   * Issue 10: the packs extending this one whose drafts break its locks as they are about to be
   * published (a base that tightened a bound). Listed in the reply; it does not block the base.
   */
  private async packsBrokenBy(packId: string, bundle: PackBundle, packs: Map<string, PackMeta>): Promise<AffectedPack[]> {
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

  async rollback(identity: Identity, packId: string, body: { version?: unknown }) {
    const loaded = await this.drafts.load(identity, packId, 'publish');
    const target = Number(body.version);
    if (!Number.isInteger(target) || target < 1) throw new ValidationError([{ path: '/version', message: 'version must be a version number', messageZh: '请指定要回滚到的版本号' }]);
    const stored = await this.builder.requireVersion(packId, target);
    const built = await this.builder.buildVersion(packId, target);
    const checks: Check[] = [{ check: 'schema-and-consistency', label: '格式与一致性校验 / schema and consistency', ok: !!built.compiled, errors: built.issues.filter((i) => i.severity === 'error').length }];
    const version = await this.writeVersion(identity, packId, loaded.meta.townshipId, {
      bundle: stored.bundle, chain: stored.chainVersions, origin: 'rollback', copiedFrom: target, checks, basis: null,
    });
    return { packId, version, copiedFrom: target, chainVersions: stored.chainVersions, checks };
  }

  private async writeVersion(identity: Identity, packId: string, townshipId: string, v: {
    bundle: PackBundle; chain: ChainVersions; origin: 'publish' | 'rollback'; draftRevision?: number; copiedFrom?: number; checks: Check[]; basis: string | null;
  }): Promise<number> {
    let version = 0;
    await this.db.transaction(async (trx) => {
      if (v.draftRevision !== undefined) {
        const current = await this.packs.get(packId, trx);
        if (current && current.revision !== v.draftRevision) throw new StaleRevisionError(v.draftRevision, current.revision);
      }
      const before = await this.versions.inForce(packId, undefined, trx);
      const latest = await this.versions.latestNumber(packId, trx);
      if (v.origin === 'publish' && latest > 0) {
        // publishing the same draft twice (a double click, two tabs) writes one version
        const head = await this.versions.get(packId, latest, trx);
        if (head?.origin === 'publish' && head.draft_revision === v.draftRevision) {
          throw new ConflictError('ALREADY_PUBLISHED', `This draft (revision ${v.draftRevision}) is already version ${latest}`, `该草稿（修订 ${v.draftRevision}）已发布为第 ${latest} 版`, { version: latest });
        }
      }
      version = latest + 1;
      await this.versions.insert(trx, {
        packId, version, bundle: v.bundle, chainVersions: v.chain, publishedBy: identity.username, origin: v.origin,
        copiedFrom: v.copiedFrom, draftRevision: v.draftRevision, checks: v.checks, basis: v.basis,
      });
      if (this.config.crashDuringPublish) {
        // test hook: die inside the transaction after writing the version row
        console.error('RULES_TEST_CRASH_DURING_PUBLISH: exiting inside the publish transaction');
        process.exit(86);
      }
      await this.packs.bumpHead(trx, packId, version);
      await this.audit.record(identity, {
        action: v.origin === 'rollback' ? 'pack.rollback' : 'pack.publish', resource: 'versions', recordId: `${packId}:${version}`,
        packId, version, townshipId, before: { version: before ?? null }, after: { version, copiedFrom: v.copiedFrom ?? null, chainVersions: v.chain, checks: v.checks },
      }, trx);
    });
    this.catalog.invalidate();
    return version;
  }

  /** `draft`, a version number, or undefined (the version in force). */
  async builtFor(identity: Identity, packId: string, which: string | number | undefined, action: 'read' | 'test' = 'read'): Promise<{ built: BuiltPack; label: string }> {
    const snapshot = await this.catalog.snapshot();
    if (which === 'draft') {
      const loaded = await this.drafts.load(identity, packId, action);
      const { built } = await this.builder.buildDraft(snapshot, packId, loaded.bundle, loaded.row.revision);
      return { built, label: 'draft' };
    }
    authorizePack(identity, snapshot, packId, 'read');
    const version = which === undefined || which === '' ? await snapshot.inForce(packId) : Number(which);
    if (version === undefined || !Number.isInteger(version)) {
      if (which === undefined) throw new ConflictError('NOT_PUBLISHED', `Pack ${packId} has no published version`, `规则包 ${packId} 尚未发布`);
      throw new ValidationError([{ path: '/version', message: 'version must be a number or "draft"', messageZh: '版本应为数字或 draft' }]);
    }
    return { built: await this.builder.buildVersion(packId, version), label: String(version) };
  }

  async diff(identity: Identity, packId: string, from: string | undefined, to: string | undefined) {
    if (!from || !to) throw new ValidationError([{ path: from ? '/to' : '/from', message: 'from and to are required (version numbers or "draft")', messageZh: '请指定要比较的两个版本（版本号或 draft）' }]);
    const a = await this.builtFor(identity, packId, from === 'draft' ? 'draft' : from);
    const b = await this.builtFor(identity, packId, to === 'draft' ? 'draft' : to);
    const ra = a.built.resolved;
    const rb = b.built.resolved;
    const parameters: { id: string; label: string; from?: unknown; to?: unknown; change: 'added' | 'removed' | 'changed' }[] = [];
    const pa = ra?.parameters ?? new Map();
    const pb = rb?.parameters ?? new Map();
    for (const [id, p] of pa) {
      const q = pb.get(id);
      if (!q) parameters.push({ id, label: p.definition.label, from: p.value, change: 'removed' });
      else if (JSON.stringify(p.value) !== JSON.stringify(q.value)) parameters.push({ id, label: q.definition.label, from: p.value, to: q.value, change: 'changed' });
    }
    for (const [id, q] of pb) if (!pa.has(id)) parameters.push({ id, label: q.definition.label, to: q.value, change: 'added' });

    const ruleMap = (r: typeof ra) => new Map([...(r?.decisions.values() ?? [])].flatMap((d) => d.rules.map((rule) => {
      const { origin: _o, replaces: _r, ...rest } = rule;
      return [rule.id, rest] as const;
    })));
    const rulesA = ruleMap(ra);
    const rulesB = ruleMap(rb);
    const rules = {
      added: [...rulesB.values()].filter((r) => !rulesA.has(r.id)).map((r) => ({ id: r.id, title: r.title, decision: r.decision, definedIn: r.definedIn })),
      removed: [...rulesA.values()].filter((r) => !rulesB.has(r.id)).map((r) => ({ id: r.id, title: r.title, decision: r.decision, definedIn: r.definedIn })),
      changed: [...rulesB.values()].filter((r) => rulesA.has(r.id) && JSON.stringify(rulesA.get(r.id)) !== JSON.stringify(r))
        .map((r) => ({ id: r.id, title: r.title, decision: r.decision, from: rulesA.get(r.id), to: r })),
    };

    // fixtures whose outcome changes: every case of either side, evaluated on both sides
    const cases = new Map([...(ra?.fixtures ?? []), ...(rb?.fixtures ?? [])].map((c) => [c.id, c]));
    const outcomeOf = async (built: BuiltPack, decision: string, facts: Record<string, unknown>) => {
      if (!built.compiled) return { error: 'PACK_INVALID' };
      try {
        const e = await evaluate(built.compiled, decision, facts);
        return { outcomes: e.outcomes, rules: e.fired.map((r) => r.id) };
      } catch (error) {
        return { error: (error as { code?: string }).code ?? 'ERROR' };
      }
    };
    const key = (o: { outcomes?: Outcome[]; error?: string }) => o.error ?? (o.outcomes ?? []).map(outcomeKey).sort().join('|');
    const fixtures = [];
    for (const c of cases.values()) {
      const x = await outcomeOf(a.built, c.decision, c.facts);
      const y = await outcomeOf(b.built, c.decision, c.facts);
      if (key(x) !== key(y)) fixtures.push({ id: c.id, name: c.name, decision: c.decision, from: x, to: y });
    }
    return {
      packId, from: a.label, to: b.label, parameters, rules, fixtures,
      issues: { from: a.built.issues.filter((i) => i.severity === 'error'), to: b.built.issues.filter((i) => i.severity === 'error') },
    };
  }
}
