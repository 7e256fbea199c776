/**
 * The draft of a pack is one PackBundle with a `revision` integer. Parameters, rules, fixtures and
 * sources are rows projected from it; every edit goes through `mutate`: check access and
 * revision, change a copy, validate the whole pack with the engine (422 with pointers on any
 * error, nothing saved), then write it only if the revision has not moved (else 409), with an
 * audit event in the same transaction.
 */
import type { Knex } from 'knex';
import {
  isCaseDisable,
  isRuleDisable,
  parameterViews,
  type BuiltPack,
  type PackBundle,
  type ParameterValue,
  type ResolvedParameter,
} from '../../../engine/index.js';
import type { Db } from '../../db/knex.js';
import { NotFoundError, StaleRevisionError, packIssuesError } from '../../errors.js';
import type { AuditService } from '../audit/audit-service.js';
import { authorizePack, type PackAction } from '../auth/access.js';
import type { Identity } from '../auth/identity.js';
import { parameterUse } from '../../../engine/lint/hygiene.js';
import type { PackBuilder } from '../evaluation/pack-builder.js';
import type { CatalogSnapshot, PackCatalog } from '../packs/pack-catalog.js';
import type { PackMeta, PackRow, PacksStore } from '../packs/packs-store.js';

export interface LoadedDraft {
  snapshot: CatalogSnapshot;
  meta: PackMeta;
  row: PackRow;
  bundle: PackBundle;
}

export interface MutationResult {
  bundle: PackBundle;
  revision: number;
  warnings: unknown[];
}

export class DraftsService {
  /** runs inside every edit's transaction (withdraws the open publish request); set by createServices */
  onDraftEdited?: (trx: Knex.Transaction, identity: Identity, packId: string, townshipId: string) => Promise<void>;

  constructor(
    private readonly db: Db,
    private readonly packs: PacksStore,
    readonly catalog: PackCatalog,
    readonly builder: PackBuilder,
    private readonly audit: AuditService,
  ) {}

  async load(identity: Identity, packId: string, action: PackAction = 'read'): Promise<LoadedDraft> {
    const snapshot = await this.catalog.snapshot();
    const meta = authorizePack(identity, snapshot, packId, action);
    const row = await this.packs.get(packId);
    if (!row) throw new NotFoundError('pack', packId, '规则包');
    return { snapshot, meta, row, bundle: this.packs.draftOf(row) };
  }

  /** Validate a bundle as the draft of `packId` on its current bases; throws 422 on errors. */
  async validate(snapshot: CatalogSnapshot, packId: string, bundle: PackBundle): Promise<BuiltPack> {
    const chain = await this.builder.draftChain(snapshot, packId, bundle);
    const built = await this.builder.buildWith(packId, bundle, chain, 'draft');
    if (built.issues.some((i) => i.severity === 'error')) throw packIssuesError(packId, built.issues, 'DRAFT_INVALID');
    return built;
  }

  async mutate(
    identity: Identity,
    packId: string,
    options: {
      action: PackAction;
      expectedRevision?: number;
      audit: { action: string; resource: string; recordId?: string };
      /** more writes that belong to this edit (the review list of rule proposals), in its transaction */
      alsoWrite?: (trx: Knex.Transaction) => Promise<void>;
    },
    change: (
      bundle: PackBundle,
      loaded: LoadedDraft,
    ) => { before?: unknown; after?: unknown } | void | Promise<{ before?: unknown; after?: unknown } | void>,
  ): Promise<MutationResult> {
    const loaded = await this.load(identity, packId, options.action);
    const { row, snapshot } = loaded;
    if (options.expectedRevision !== undefined && options.expectedRevision !== row.revision) {
      throw new StaleRevisionError(options.expectedRevision, row.revision);
    }
    const bundle = structuredClone(loaded.bundle);
    const diff = (await change(bundle, loaded)) ?? {};
    const built = await this.validate(snapshot, packId, bundle);
    // a new name or base changes what other processes cache about packs: bump the head counter
    const metaChanged =
      (loaded.bundle.pack.extends ?? null) !== (bundle.pack.extends ?? null) ||
      loaded.bundle.pack.name !== bundle.pack.name;
    const headVersion = metaChanged ? ((await snapshot.inForce(packId)) ?? null) : null;
    await this.db.transaction(async (trx) => {
      const ok = await this.packs.updateDraft(trx, packId, row.revision, bundle, identity.username);
      if (!ok) {
        const current = await this.packs.get(packId, trx);
        throw new StaleRevisionError(options.expectedRevision ?? row.revision, current?.revision ?? row.revision);
      }
      await this.audit.record(
        identity,
        {
          ...options.audit,
          packId,
          townshipId: loaded.meta.townshipId,
          before: diff.before ?? null,
          after: diff.after ?? null,
        },
        trx,
      );
      if (metaChanged) await this.packs.bumpHead(trx, packId, headVersion);
      await options.alsoWrite?.(trx);
      await this.onDraftEdited?.(trx, identity, packId, loaded.meta.townshipId);
    });
    if (metaChanged) this.catalog.invalidate();
    return { bundle, revision: row.revision + 1, warnings: built.issues.filter((i) => i.severity === 'warning') };
  }

  /** Drafts of several packs (for lists across packs). */
  async loadMany(
    identity: Identity,
    packIds: string[] | null,
  ): Promise<{ snapshot: CatalogSnapshot; rows: PackRow[] }> {
    const snapshot = await this.catalog.snapshot();
    const q = this.db('packs').select('*').orderBy('id');
    if (packIds) q.whereIn('id', packIds.length ? packIds : ['\u0000']);
    return { snapshot, rows: await q };
  }

  // ---- parameters: own definitions, inherited values and overrides ------------------------------

  async parameterRows(snapshot: CatalogSnapshot, row: PackRow): Promise<Record<string, unknown>[]> {
    const packId = row.id;
    const bundle = this.packs.draftOf(row);
    let resolvedParams: Map<string, ResolvedParameter> | undefined;
    let parentValues = new Map<string, ParameterValue>();
    let use: Map<string, Set<string>> | undefined;
    try {
      const { built, chain } = await this.builder.buildDraft(snapshot, packId, bundle, row.revision);
      resolvedParams = built.resolved?.parameters;
      if (built.resolved) use = parameterUse(built.resolved);
      const parent = bundle.pack.extends;
      if (parent && chain[parent] !== undefined) {
        const base = await this.builder.buildVersion(parent, chain[parent]);
        parentValues = new Map(
          [...(base.resolved?.parameters ?? new Map()).values()].map((p) => [p.definition.id, p.value]),
        );
      }
    } catch {
      resolvedParams = undefined;
    }
    return parameterViews(packId, bundle, resolvedParams, parentValues, use).map((p) => {
      const { definition } = p;
      return {
        id: `${packId}:${definition.id}`,
        packId,
        parameterId: definition.id,
        label: definition.label,
        type: definition.type,
        unit: definition.unit,
        help: definition.help,
        min: definition.min,
        max: definition.max,
        options: definition.options,
        source: definition.source,
        lock: definition.lock,
        value: p.value,
        definedIn: p.definedIn,
        inherited: p.inherited,
        overridden: p.overridden,
        inheritedValue: p.inheritedValue,
        note: p.override?.note,
        overrideSource: p.override?.source,
        revision: row.revision,
        // the decisions whose rules read it; [] says changing it changes nothing (unknown when the draft does not resolve)
        ...(p.usedBy ? { usedBy: p.usedBy } : {}),
      };
    });
  }
}

/** `packId:key` → [packId, key]; pack ids never contain ':'. */
export function splitId(id: string, what: string, whatZh: string): [string, string] {
  const i = id.indexOf(':');
  if (i <= 0 || i === id.length - 1) throw new NotFoundError(what, id, whatZh);
  return [id.slice(0, i), id.slice(i + 1)];
}

export { isCaseDisable, isRuleDisable };
