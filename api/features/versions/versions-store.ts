import type { Knex } from 'knex';
import type { PackBundle } from '../../../engine/index.js';
import { fromJson, nowIso, toJson, type Db } from '../../db/knex.js';
import { listQuery, type ListParams } from '../../http/list.js';

export interface VersionRow {
  pack_id: string;
  version: number;
  bundle: string;
  chain_versions: string;
  status: string;
  published_at: string;
  published_by: string | null;
  effective_from: string;
  basis: string | null;
  origin: string;
  copied_from: number | null;
  draft_revision: number | null;
  checks: string | null;
}

/** {basePackId: version} of every pack above this one, pinned when it was published. */
export type ChainVersions = Record<string, number>;

export interface StoredVersion {
  packId: string;
  version: number;
  bundle: PackBundle;
  chainVersions: ChainVersions;
}

const LIST_COLUMNS = ['pack_id', 'version', 'chain_versions', 'status', 'published_at', 'published_by', 'effective_from', 'basis', 'origin', 'copied_from', 'draft_revision', 'checks'];
const COLUMNS: Record<string, string> = {
  id: 'pack_id', packId: 'pack_id', version: 'version', status: 'status', publishedAt: 'published_at', publishedBy: 'published_by',
  effectiveFrom: 'effective_from', origin: 'origin',
};

export function versionRecord(row: VersionRow, withBundle = false) {
  return {
    id: `${row.pack_id}:${row.version}`, packId: row.pack_id, version: row.version, status: row.status,
    publishedAt: row.published_at, publishedBy: row.published_by, effectiveFrom: row.effective_from, basis: row.basis,
    origin: row.origin, copiedFrom: row.copied_from, draftRevision: row.draft_revision,
    chainVersions: fromJson<ChainVersions>(row.chain_versions), checks: fromJson(row.checks),
    ...(withBundle ? { bundle: fromJson<PackBundle>(row.bundle) } : {}),
  };
}

export class VersionsStore {
  constructor(private readonly db: Db) {}

  async get(packId: string, version: number, trx?: Knex.Transaction): Promise<VersionRow | undefined> {
    return (trx ?? this.db)('versions').where({ pack_id: packId, version }).first();
  }

  async load(packId: string, version: number): Promise<StoredVersion | undefined> {
    const row = await this.get(packId, version);
    return row && { packId, version, bundle: fromJson(row.bundle), chainVersions: fromJson(row.chain_versions) };
  }

  /**
   * THE question "which version of this pack is in force at `asOf`": the newest published version
   * whose effective_from has arrived. A version effective at publication (effective_from =
   * published_at, the only kind today) is in force as soon as it is committed, whatever the clock
   * of the server asking says. Issue 9 (approval, scheduling) changes only this query.
   */
  async inForce(packId: string, asOf: string = nowIso(), trx?: Knex.Transaction): Promise<number | undefined> {
    const row: any = await (trx ?? this.db)('versions')
      .where({ pack_id: packId, status: 'published' })
      .andWhere((w) => w.where('effective_from', '<=', asOf).orWhereRaw('effective_from = published_at'))
      // newest by number, not by timestamp: server clocks may disagree, version numbers do not
      .orderBy('version', 'desc')
      .first('version');
    return row ? Number(row.version) : undefined;
  }

  async latestNumber(packId: string, trx?: Knex.Transaction): Promise<number> {
    const row: any = await (trx ?? this.db)('versions').where({ pack_id: packId }).max({ v: 'version' }).first();
    return Number(row?.v ?? 0);
  }

  async insert(trx: Knex.Transaction, row: {
    packId: string; version: number; bundle: PackBundle; chainVersions: ChainVersions; publishedBy: string | null;
    origin: 'seed' | 'publish' | 'rollback'; copiedFrom?: number; draftRevision?: number; checks?: unknown; basis?: string | null;
    effectiveFrom?: string;
  }): Promise<void> {
    const now = nowIso();
    await trx('versions').insert({
      pack_id: row.packId, version: row.version, bundle: toJson(row.bundle), chain_versions: toJson(row.chainVersions),
      status: 'published', published_at: now, published_by: row.publishedBy, effective_from: row.effectiveFrom ?? now,
      basis: row.basis ?? null, origin: row.origin, copied_from: row.copiedFrom ?? null, draft_revision: row.draftRevision ?? null,
      checks: toJson(row.checks),
    });
  }

  async removeAll(trx: Knex.Transaction, packId: string): Promise<void> {
    await trx('versions').where({ pack_id: packId }).delete();
  }

  async countFor(packId: string): Promise<number> {
    const row: any = await this.db('versions').where({ pack_id: packId }).count({ n: '*' }).first();
    return Number(row?.n ?? 0);
  }

  async list(params: ListParams, visiblePacks: string[] | null) {
    const q = this.db('versions').select(LIST_COLUMNS);
    if (visiblePacks) q.whereIn('pack_id', visiblePacks.length ? visiblePacks : ['\u0000']);
    // composite ids "pack:version" in getMany filters
    const ids = params.filter.id;
    const filter = { ...params.filter };
    delete filter.id;
    if (ids !== undefined) {
      const list = (Array.isArray(ids) ? ids : [ids]).map(String);
      q.where((w) => {
        for (const id of list) {
          const i = id.lastIndexOf(':');
          w.orWhere({ pack_id: id.slice(0, i), version: Number(id.slice(i + 1)) || -1 });
        }
        if (!list.length) w.whereRaw('1 = 0');
      });
    }
    const { rows, total } = await listQuery<VersionRow>(q, { ...params, filter }, COLUMNS, { field: 'publishedAt', order: 'DESC' }, ['pack_id', 'basis']);
    return { rows: rows.map((r) => versionRecord(r)), total };
  }
}
