/**
 * Packs as a resource (list, read, manifest edits, create from base, delete), plus export and
 * import of whole bundles in the rules/<pack>/ format.
 */
import { pickFields, validateBundleFiles, validateBundleShape, type PackBundle } from '../../../engine/index.js';
import type { Db } from '../../db/knex.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, packIssuesError } from '../../errors.js';
import { listArray, type ListParams } from '../../http/list.js';
import type { AuditService } from '../audit/audit-service.js';
import { authorizePack, authorizeTownship, readablePacks } from '../auth/access.js';
import { isAdmin, type Identity } from '../auth/identity.js';
import type { DraftsService } from '../drafts/drafts-service.js';
import type { PackBuilder } from '../evaluation/pack-builder.js';
import type { TownshipsStore } from '../townships/townships-store.js';
import type { VersionsStore } from '../versions/versions-store.js';
import { ancestorsOf, type CatalogSnapshot, type PackCatalog } from './pack-catalog.js';
import type { PackRow, PacksStore } from './packs-store.js';

const PACK_ID = /^[a-z][a-z0-9-]{1,62}$/;

export function emptyBundle(manifest: PackBundle['pack']): PackBundle {
  return { pack: manifest, sources: { clauses: [] }, parameters: {}, rules: {}, fixtures: {} };
}

export class PacksService {
  constructor(
    private readonly db: Db,
    private readonly packs: PacksStore,
    private readonly versions: VersionsStore,
    private readonly townships: TownshipsStore,
    private readonly catalog: PackCatalog,
    private readonly builder: PackBuilder,
    private readonly drafts: DraftsService,
    private readonly audit: AuditService,
  ) {}

  async record(snapshot: CatalogSnapshot, row: PackRow) {
    const bundle = this.packs.draftOf(row);
    const inForce = await snapshot.inForce(row.id);
    return {
      id: row.id,
      name: row.name,
      townshipId: row.township_id,
      extends: row.extends_id,
      owner: bundle.pack.owner,
      description: bundle.pack.description,
      documents: bundle.pack.documents,
      settings: bundle.pack.settings,
      vocabulary: bundle.pack.vocabulary,
      packVersion: bundle.pack.version,
      currentVersion: inForce ?? null,
      latestVersion: (await this.versions.latestNumber(row.id)) || null,
      revision: row.revision,
      createdAt: row.created_at,
      createdBy: row.created_by,
      draftUpdatedAt: row.draft_updated_at,
      draftUpdatedBy: row.draft_updated_by,
    };
  }

  async list(identity: Identity, params: ListParams) {
    const snapshot = await this.catalog.snapshot();
    const visible = readablePacks(identity, snapshot);
    const townshipFilter = params.filter.townshipId;
    if (typeof townshipFilter === 'string' && !isAdmin(identity) && townshipFilter !== identity.townshipId) {
      // asking for another township's packs by filter is refused, not silently emptied
      const bases = visible ?? [];
      if (![...snapshot.packs.values()].some((p) => p.townshipId === townshipFilter && bases.includes(p.id)))
        throw new ForbiddenError();
    }
    const ids = params.filter.id;
    if (ids !== undefined)
      for (const id of Array.isArray(ids) ? ids : [ids])
        if (snapshot.packs.has(String(id))) authorizePack(identity, snapshot, String(id), 'read');
    const q = this.db('packs').select('*');
    if (visible) q.whereIn('id', visible.length ? visible : ['\u0000']);
    const rows: PackRow[] = await q;
    const records = await Promise.all(rows.map((r) => this.record(snapshot, r)));
    return listArray(records as unknown as Record<string, unknown>[], params);
  }

  async get(identity: Identity, packId: string) {
    const { snapshot, row } = await this.drafts.load(identity, packId, 'read');
    return this.record(snapshot, row);
  }

  /** A new pack extending a base, with an empty draft: "create a township pack from base". */
  async create(identity: Identity, body: Record<string, unknown>) {
    // the shape (id pattern, a name) is checked by schemas/api/packs.schema.json
    const id = body.id as string;
    const name = body.name as string;
    const townshipId = (typeof body.townshipId === 'string' && body.townshipId) || identity.townshipId;
    if (!townshipId)
      throw new ValidationError([
        { path: '/townshipId', message: 'townshipId is required', messageZh: '请指定所属乡镇' },
      ]);
    authorizeTownship(identity, townshipId, 'createPack');
    const township = await this.townships.get(townshipId);
    if (!township)
      throw new ValidationError([
        {
          path: '/townshipId',
          message: `township ${townshipId} does not exist`,
          messageZh: `乡镇 ${townshipId} 不存在`,
        },
      ]);
    const base = typeof body.extends === 'string' && body.extends ? body.extends : undefined;
    const snapshot = await this.catalog.snapshot();
    if (base) {
      if (!snapshot.packs.has(base))
        throw new ValidationError([
          { path: '/extends', message: `base pack ${base} does not exist`, messageZh: `基础规则包 ${base} 不存在` },
        ]);
      authorizePack(identity, snapshot, base, 'read');
    }
    const manifest = pickFields(body, ['description', 'documents', 'settings', 'vocabulary'], {
      id,
      name,
      owner: { id: township.id, name: township.name, level: township.level },
      ...(base ? { extends: base } : {}),
      version: '1.0.0',
    }) as unknown as PackBundle['pack'];
    return this.insertPack(identity, snapshot, emptyBundle(manifest), 'pack.create');
  }

  private async insertPack(identity: Identity, snapshot: CatalogSnapshot, bundle: PackBundle, action: string) {
    const id = bundle.pack.id;
    if (snapshot.packs.has(id) || (await this.packs.get(id)))
      throw new ConflictError('PACK_EXISTS', `Pack ${id} already exists`, `规则包 ${id} 已存在`);
    await this.drafts.validate(snapshot, id, bundle);
    await this.db.transaction(async (trx) => {
      await this.packs.insert(trx, {
        id,
        township_id: bundle.pack.owner.id,
        extends_id: bundle.pack.extends ?? null,
        name: bundle.pack.name,
        draft: bundle,
        created_by: identity.username,
      });
      await this.audit.record(
        identity,
        {
          action,
          resource: 'packs',
          recordId: id,
          packId: id,
          townshipId: bundle.pack.owner.id,
          before: null,
          after: bundle,
        },
        trx,
      );
    });
    this.catalog.invalidate();
    return this.get(identity, id);
  }

  /** Manifest fields of the draft (name, description, documents, settings, the township's words). */
  async update(identity: Identity, packId: string, body: Record<string, unknown>, revision: number | undefined) {
    await this.drafts.mutate(
      identity,
      packId,
      {
        action: 'editDraft',
        expectedRevision: revision,
        audit: { action: 'pack.update', resource: 'packs', recordId: packId },
      },
      (bundle) => {
        const before = { ...bundle.pack };
        if (body.extends !== undefined && (body.extends ?? undefined) !== bundle.pack.extends) {
          throw new ValidationError([
            {
              path: '/extends',
              message: 'the base of a pack changes only by import',
              messageZh: '基础规则包只能通过导入更改',
            },
          ]);
        }
        if (body.townshipId !== undefined && body.townshipId !== bundle.pack.owner.id) {
          throw new ValidationError([
            {
              path: '/townshipId',
              message: 'the township of a pack cannot change',
              messageZh: '规则包所属乡镇不可更改',
            },
          ]);
        }
        pickFields(
          body,
          ['name', 'description', 'documents', 'settings', 'vocabulary'],
          bundle.pack as unknown as Record<string, unknown>,
        );
        if (typeof body.packVersion === 'string') bundle.pack.version = body.packVersion;
        return { before, after: bundle.pack };
      },
    );
    return this.get(identity, packId);
  }

  async remove(identity: Identity, packId: string) {
    if (!isAdmin(identity)) throw new ForbiddenError('Only an admin deletes packs', '只有管理员可以删除规则包');
    const snapshot = await this.catalog.snapshot();
    authorizePack(identity, snapshot, packId, 'read');
    const record = await this.get(identity, packId);
    if ([...snapshot.packs.values()].some((p) => p.extendsId === packId))
      throw new ConflictError('PACK_IS_BASE', `Other packs extend ${packId}`, `有其他规则包继承 ${packId}，不能删除`);
    if (await this.versions.countFor(packId))
      throw new ConflictError(
        'PACK_HAS_VERSIONS',
        `Pack ${packId} has published versions and is kept`,
        `规则包 ${packId} 已有发布版本，不能删除`,
      );
    await this.db.transaction(async (trx) => {
      await this.packs.remove(trx, packId);
      await this.audit.record(
        identity,
        {
          action: 'pack.delete',
          resource: 'packs',
          recordId: packId,
          packId,
          townshipId: record.townshipId,
          before: record,
          after: null,
        },
        trx,
      );
    });
    this.catalog.invalidate();
    return record;
  }

  /**
   * The groups (decision tables) a pack's rules may name, over its whole base chain, with their
   * labels: the pack's own declaration wins over a base's. Whoever reads a pack reads its bases'
   * group names, so the rules screen never has to fall back to ids.
   */
  async groups(
    identity: Identity,
    packId: string,
  ): Promise<{ decision: string; id: string; label?: string; hitPolicy?: string; packId: string }[]> {
    const snapshot = await this.catalog.snapshot();
    authorizePack(identity, snapshot, packId, 'read');
    const found = new Map<
      string,
      { decision: string; id: string; label?: string; hitPolicy?: string; packId: string }
    >();
    for (const id of [packId, ...ancestorsOf(snapshot.packs, packId)]) {
      const row = await this.packs.get(id);
      if (!row) continue;
      for (const file of Object.values(this.packs.draftOf(row).rules ?? {})) {
        for (const [groupId, group] of Object.entries(file.groups ?? {})) {
          const key = `${file.decision}/${groupId}`;
          const seen = found.get(key);
          if (!seen)
            found.set(key, {
              decision: file.decision,
              id: groupId,
              label: group.label,
              hitPolicy: group.hitPolicy,
              packId: id,
            });
          else if (!seen.label && group.label) seen.label = group.label;
        }
      }
    }
    return [...found.values()];
  }

  /** The pack as a bundle in the rules/<pack>/ format: the version in force, a given one, or the draft. */
  async exportBundle(
    identity: Identity,
    packId: string,
    which: string | undefined,
  ): Promise<{ bundle: PackBundle; version: string }> {
    const snapshot = await this.catalog.snapshot();
    if (which === 'draft') {
      const { bundle } = await this.drafts.load(identity, packId, 'read');
      return { bundle, version: 'draft' };
    }
    authorizePack(identity, snapshot, packId, 'read');
    const version = which ? Number(which) : await snapshot.inForce(packId);
    if (version === undefined) {
      const { bundle } = await this.drafts.load(identity, packId, 'read');
      return { bundle, version: 'draft' };
    }
    if (!Number.isInteger(version))
      throw new ValidationError([
        { path: '/version', message: 'version must be a number or "draft"', messageZh: '版本应为数字或 draft' },
      ]);
    const stored = await this.builder.requireVersion(packId, version);
    return { bundle: stored.bundle, version: String(version) };
  }

  /** A bundle becomes a new pack (draft only) or the new draft of an existing pack. */
  async importBundle(identity: Identity, body: unknown, revision: number | undefined) {
    // {bundle, revision} or the bundle itself (whose `revision` is the request's, not the pack's)
    const wrapped = typeof body === 'object' && body !== null && Object.hasOwn(body, 'bundle');
    let raw = wrapped ? (body as { bundle: unknown }).bundle : body;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw new ValidationError([
        {
          path: wrapped ? '/bundle' : '',
          message: 'bundle must be an object {pack, sources, parameters, rules, fixtures}',
          messageZh: '导入内容应为规则包对象',
        },
      ]);
    }
    if (!wrapped) {
      const { revision: _revision, ...files } = raw as Record<string, unknown>;
      raw = files;
    }
    const bundle = {
      rules: {},
      fixtures: {},
      parameters: {},
      sources: { clauses: [] },
      ...(raw as object),
    } as unknown as PackBundle;
    const shape = validateBundleShape(bundle);
    if (shape.length) {
      throw new ValidationError(
        shape.map((e) => ({
          path: (wrapped ? '/bundle' : '') + e.pointer,
          message: e.message,
          messageZh: e.messageZh,
        })),
        'The bundle must be {pack, sources, parameters, rules, fixtures} with a JSON object for every file',
        '导入内容应为规则包格式（pack、sources、parameters、rules、fixtures，每个文件都是 JSON 对象）',
        'IMPORT_INVALID',
      );
    }
    const packId = (bundle.pack as { id?: unknown } | undefined)?.id;
    if (typeof packId !== 'string' || !PACK_ID.test(packId)) {
      throw new ValidationError([
        {
          path: '/bundle/pack/id',
          message: 'pack.id is required (lowercase letters, digits, dashes)',
          messageZh: '请在 pack.json 中填写规则包编号',
        },
      ]);
    }
    const fileIssues = validateBundleFiles(packId, bundle);
    if (fileIssues.some((i) => i.severity === 'error')) throw packIssuesError(packId, fileIssues, 'IMPORT_INVALID');
    const snapshot = await this.catalog.snapshot();
    // a bundle may only build on packs the caller can read
    if (bundle.pack.extends && snapshot.packs.has(bundle.pack.extends))
      authorizePack(identity, snapshot, bundle.pack.extends, 'read');
    if (snapshot.packs.has(packId)) {
      const meta = snapshot.packs.get(packId)!;
      if (bundle.pack.owner.id !== meta.townshipId) {
        throw new ValidationError([
          {
            path: '/bundle/pack/owner/id',
            message: `pack ${packId} belongs to ${meta.townshipId}`,
            messageZh: `规则包 ${packId} 属于 ${meta.townshipId}，不能改为其他乡镇`,
          },
        ]);
      }
      await this.drafts.mutate(
        identity,
        packId,
        {
          action: 'publish',
          expectedRevision: revision,
          audit: { action: 'pack.import', resource: 'packs', recordId: packId },
        },
        (draft, loaded) => {
          Object.assign(draft, structuredClone(bundle));
          for (const key of Object.keys(draft) as (keyof PackBundle)[]) if (!(key in bundle)) delete draft[key];
          return { before: loaded.bundle, after: bundle };
        },
      );
      return { created: false, pack: await this.get(identity, packId) };
    }
    const townshipId = bundle.pack.owner.id;
    authorizeTownship(identity, townshipId, 'createPack');
    if (!(await this.townships.get(townshipId))) {
      if (!isAdmin(identity)) throw new NotFoundError('township', townshipId, '乡镇');
      await this.townships.ensure({ id: townshipId, name: bundle.pack.owner.name, level: bundle.pack.owner.level });
    }
    return { created: true, pack: await this.insertPack(identity, snapshot, bundle, 'pack.import') };
  }
}
