import type { Knex } from 'knex';
import type { PackBundle } from '../../../engine/index.js';
import { fromJson, nowIso, toJson, type Db } from '../../db/knex.js';
import { listQuery, type ListParams } from '../../http/list.js';
import type { ReviewRow } from '../publish-requests/publish-requests-store.js';
import { placeOnTimeline, type TimelineEntry, type TimelinePlace } from '../../../engine/timeline/index.js';
import type { Approval as TimelineApproval, Basis } from '../../../engine/timeline/index.js';

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
  basis_date: string | null;
  request_id: number | null;
  bypass_reason: string | null;
  cancelled_at: string | null;
  cancelled_by: string | null;
  cancel_reason: string | null;
}

export type { Basis } from '../../../engine/timeline/index.js';

/** An approval as stored: the comment is always there, null when none was written. */
export type Approval = Required<TimelineApproval>;

/** {basePackId: version} of every pack above this one, pinned when it was published. */
export type ChainVersions = Record<string, number>;

export interface StoredVersion {
  packId: string;
  version: number;
  bundle: PackBundle;
  chainVersions: ChainVersions;
}

const LIST_COLUMNS = [
  'pack_id',
  'version',
  'chain_versions',
  'status',
  'published_at',
  'published_by',
  'effective_from',
  'basis',
  'origin',
  'copied_from',
  'draft_revision',
  'checks',
  'basis_date',
  'request_id',
  'bypass_reason',
  'cancelled_at',
  'cancelled_by',
  'cancel_reason',
];
const COLUMNS: Record<string, string> = {
  id: 'pack_id',
  packId: 'pack_id',
  version: 'version',
  status: 'status',
  publishedAt: 'published_at',
  publishedBy: 'published_by',
  effectiveFrom: 'effective_from',
  origin: 'origin',
};

/** What a version record shows beyond its row: its place on the pack's timeline and its approvals. */
export interface VersionContext {
  place?: TimelinePlace;
  approvals?: Approval[];
}

export function basisOf(text: string | null, date: string | null): Basis | null {
  return text ? { text, date: date ?? null } : null;
}

export function versionRecord(row: VersionRow, context: VersionContext = {}) {
  return {
    id: `${row.pack_id}:${row.version}`,
    packId: row.pack_id,
    version: row.version,
    status: row.status,
    state: context.place?.state ?? (row.status === 'cancelled' ? 'cancelled' : undefined),
    effectiveFrom: row.effective_from,
    effectiveTo: context.place?.effectiveTo ?? null,
    publishedAt: row.published_at,
    publishedBy: row.published_by,
    basis: basisOf(row.basis, row.basis_date),
    origin: row.origin,
    copiedFrom: row.copied_from,
    draftRevision: row.draft_revision,
    requestId: row.request_id ?? null,
    approvedBy: context.approvals ?? [],
    bypassReason: row.bypass_reason ?? null,
    cancelledAt: row.cancelled_at ?? null,
    cancelledBy: row.cancelled_by ?? null,
    cancelReason: row.cancel_reason ?? null,
    chainVersions: fromJson<ChainVersions>(row.chain_versions),
    checks: fromJson(row.checks),
  };
}

export type VersionRecord = ReturnType<typeof versionRecord>;

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
   * THE question "which version of this pack is in force at `asOf`": among versions not
   * cancelled, the greatest effective_from ≤ asOf, the higher number on a tie (timeline.ts). Used
   * inside publish transactions; request handlers ask the catalog, which caches the timeline.
   */
  async inForce(packId: string, asOf: string = nowIso(), trx?: Knex.Transaction): Promise<number | undefined> {
    const row: Pick<VersionRow, 'version'> | undefined = await (trx ?? this.db)('versions')
      .where({ pack_id: packId, status: 'published' })
      .andWhere('effective_from', '<=', asOf)
      .orderBy([
        { column: 'effective_from', order: 'desc' },
        { column: 'version', order: 'desc' },
      ])
      .first('version');
    return row ? Number(row.version) : undefined;
  }

  /** Every version's effective moment and whether it was cancelled, for timeline.ts. */
  async timeline(packId: string, trx?: Knex.Transaction): Promise<TimelineEntry[]> {
    return (await this.timelines([packId], trx)).get(packId) ?? [];
  }

  async timelines(packIds: string[], trx?: Knex.Transaction): Promise<Map<string, TimelineEntry[]>> {
    type TimelineRow = Pick<VersionRow, 'pack_id' | 'version' | 'effective_from' | 'status' | 'basis' | 'basis_date'>;
    const rows: TimelineRow[] = packIds.length
      ? await (trx ?? this.db)('versions')
          .whereIn('pack_id', packIds)
          .select('pack_id', 'version', 'effective_from', 'status', 'basis', 'basis_date')
      : [];
    const result = new Map<string, TimelineEntry[]>(packIds.map((id) => [id, []]));
    for (const r of rows)
      result.get(r.pack_id)!.push({
        version: Number(r.version),
        effectiveFrom: r.effective_from,
        cancelled: r.status === 'cancelled',
        basis: basisOf(r.basis, r.basis_date),
      });
    return result;
  }

  /** Approvals per publish request id. */
  async approvals(requestIds: number[], trx?: Knex.Transaction): Promise<Map<number, Approval[]>> {
    const ids = [...new Set(requestIds.filter((id) => id !== null && id !== undefined))];
    const rows: ReviewRow[] = ids.length
      ? await (trx ?? this.db)('publish_reviews')
          .whereIn('request_id', ids)
          .andWhere({ decision: 'approve' })
          .orderBy('id')
      : [];
    const result = new Map<number, Approval[]>();
    for (const r of rows) {
      const list = result.get(Number(r.request_id)) ?? [];
      list.push({ username: r.username, at: r.at, comment: r.comment ?? null });
      result.set(Number(r.request_id), list);
    }
    return result;
  }

  /** Version records of rows with their timeline places and approvals, as of `now`. */
  async records(rows: VersionRow[], now = nowIso(), trx?: Knex.Transaction): Promise<VersionRecord[]> {
    const timelines = await this.timelines([...new Set(rows.map((r) => r.pack_id))], trx);
    const places = new Map([...timelines].map(([id, entries]) => [id, placeOnTimeline(entries, now)]));
    const approvals = await this.approvals(
      rows.map((r) => r.request_id).filter((id): id is number => id !== null),
      trx,
    );
    return rows.map((r) =>
      versionRecord(r, {
        place: places.get(r.pack_id)?.get(Number(r.version)),
        approvals: r.request_id ? approvals.get(Number(r.request_id)) : [],
      }),
    );
  }

  /** All versions of a pack, newest number first. */
  async allOf(packId: string, trx?: Knex.Transaction): Promise<VersionRow[]> {
    return (trx ?? this.db)('versions').where({ pack_id: packId }).select(LIST_COLUMNS).orderBy('version', 'desc');
  }

  /** Cancel a version still scheduled at `now`; false when it is not (any more). */
  async cancel(
    trx: Knex.Transaction,
    packId: string,
    version: number,
    now: string,
    by: string,
    reason: string | null,
  ): Promise<boolean> {
    const n = await trx('versions')
      .where({ pack_id: packId, version, status: 'published' })
      .andWhere('effective_from', '>', now)
      .update({ status: 'cancelled', cancelled_at: now, cancelled_by: by, cancel_reason: reason });
    return Number(n) === 1;
  }

  /** Move a version still scheduled at `now` to another effective moment; false when it is not scheduled. */
  async reschedule(
    trx: Knex.Transaction,
    packId: string,
    version: number,
    now: string,
    effectiveFrom: string,
  ): Promise<boolean> {
    const n = await trx('versions')
      .where({ pack_id: packId, version, status: 'published' })
      .andWhere('effective_from', '>', now)
      .update({ effective_from: effectiveFrom });
    return Number(n) === 1;
  }

  async latestNumber(packId: string, trx?: Knex.Transaction): Promise<number> {
    const row = await (trx ?? this.db)('versions').where({ pack_id: packId }).max({ v: 'version' }).first();
    return Number(row?.v ?? 0);
  }

  async insert(
    trx: Knex.Transaction,
    row: {
      packId: string;
      version: number;
      bundle: PackBundle;
      chainVersions: ChainVersions;
      publishedBy: string | null;
      origin: 'seed' | 'publish' | 'rollback';
      copiedFrom?: number;
      draftRevision?: number;
      checks?: unknown;
      basis?: Basis | null;
      effectiveFrom?: string;
      requestId?: number;
      bypassReason?: string | null;
      now?: string;
    },
  ): Promise<void> {
    const now = row.now ?? nowIso();
    await trx('versions').insert({
      pack_id: row.packId,
      version: row.version,
      bundle: toJson(row.bundle),
      chain_versions: toJson(row.chainVersions),
      status: 'published',
      published_at: now,
      published_by: row.publishedBy,
      effective_from: row.effectiveFrom ?? now,
      basis: row.basis?.text ?? null,
      basis_date: row.basis?.date ?? null,
      origin: row.origin,
      copied_from: row.copiedFrom ?? null,
      draft_revision: row.draftRevision ?? null,
      checks: toJson(row.checks),
      request_id: row.requestId ?? null,
      bypass_reason: row.bypassReason ?? null,
    });
  }

  async removeAll(trx: Knex.Transaction, packId: string): Promise<void> {
    await trx('versions').where({ pack_id: packId }).delete();
  }

  async countFor(packId: string): Promise<number> {
    const row = await this.db('versions').where({ pack_id: packId }).count({ n: '*' }).first();
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
    const { rows, total } = await listQuery<VersionRow>(
      q,
      { ...params, filter },
      COLUMNS,
      { field: 'publishedAt', order: 'DESC' },
      ['pack_id', 'basis'],
    );
    return { rows: await this.records(rows), total };
  }
}
