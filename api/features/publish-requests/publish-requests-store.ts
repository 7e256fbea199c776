import type { Knex } from 'knex';
import type { PackBundle } from '../../../engine/index.js';
import { fromJson, nowIso, toJson, type Db } from '../../db/knex.js';
import { listQuery, type ListParams } from '../../http/list.js';
import type { Basis, ChainVersions } from '../versions/versions-store.js';

export type RequestStatus = 'requested' | 'approved' | 'rejected' | 'withdrawn';

export interface RequestRow {
  id: number;
  pack_id: string;
  township_id: string;
  status: RequestStatus;
  draft_revision: number;
  bundle: string;
  chain_versions: string;
  effective_from: string | null;
  basis: string | null;
  basis_date: string | null;
  approvals_needed: number;
  requested_by: string;
  requested_by_id: number | null;
  requested_at: string;
  decided_at: string | null;
  version: number | null;
  withdraw_reason: string | null;
  frozen: string;
}

export interface ReviewRow {
  id: number;
  request_id: number;
  username: string;
  user_id: number | null;
  decision: 'approve' | 'reject';
  comment: string | null;
  at: string;
}

/** What a request froze for its reviewers: the diff, the checks, lint findings, the what-if summary. */
export interface Frozen {
  diff: unknown;
  checks: unknown;
  lint: unknown;
  whatIf: unknown;
}

/** The list leaves the frozen bundle and review material out (they can be large). */
const LIST_COLUMNS = [
  'id',
  'pack_id',
  'township_id',
  'status',
  'draft_revision',
  'effective_from',
  'basis',
  'basis_date',
  'approvals_needed',
  'requested_by',
  'requested_by_id',
  'requested_at',
  'decided_at',
  'version',
  'withdraw_reason',
];
const COLUMNS: Record<string, string> = {
  id: 'id',
  packId: 'pack_id',
  townshipId: 'township_id',
  status: 'status',
  requestedBy: 'requested_by',
  requestedAt: 'requested_at',
  decidedAt: 'decided_at',
  effectiveFrom: 'effective_from',
  version: 'version',
};

export class PublishRequestsStore {
  constructor(private readonly db: Db) {}

  get(id: number, trx?: Knex.Transaction): Promise<RequestRow | undefined> {
    return (trx ?? this.db)('publish_requests').where({ id }).first();
  }

  /** The pack's open request (at most one). */
  open(packId: string, trx?: Knex.Transaction): Promise<RequestRow | undefined> {
    return (trx ?? this.db)('publish_requests')
      .where({ pack_id: packId, status: 'requested' })
      .select(LIST_COLUMNS)
      .first();
  }

  async insert(
    trx: Knex.Transaction,
    row: {
      packId: string;
      townshipId: string;
      draftRevision: number;
      bundle: PackBundle;
      chain: ChainVersions;
      effectiveFrom: string | null;
      basis: Basis | null;
      approvalsNeeded: number;
      requestedBy: string;
      requestedById: number | null;
      frozen: Frozen;
    },
  ): Promise<number> {
    const [inserted] = await trx('publish_requests')
      .insert({
        pack_id: row.packId,
        township_id: row.townshipId,
        status: 'requested',
        draft_revision: row.draftRevision,
        bundle: toJson(row.bundle),
        chain_versions: toJson(row.chain),
        effective_from: row.effectiveFrom,
        basis: row.basis?.text ?? null,
        basis_date: row.basis?.date ?? null,
        approvals_needed: row.approvalsNeeded,
        requested_by: row.requestedBy,
        requested_by_id: row.requestedById,
        requested_at: nowIso(),
        frozen: toJson(row.frozen),
      })
      .returning('id');
    return Number(typeof inserted === 'object' ? (inserted as { id: number }).id : inserted);
  }

  /**
   * Move an open request to its end state; false when it is no longer open (someone else
   * approved, rejected or withdrew it first): the caller's transaction must then give up.
   */
  async close(
    trx: Knex.Transaction,
    id: number,
    status: Exclude<RequestStatus, 'requested'>,
    fields: { version?: number; withdrawReason?: string } = {},
  ): Promise<boolean> {
    const n = await trx('publish_requests')
      .where({ id, status: 'requested' })
      .update({
        status,
        decided_at: nowIso(),
        version: fields.version ?? null,
        withdraw_reason: fields.withdrawReason ?? null,
      });
    return Number(n) === 1;
  }

  /** Withdraw the pack's open requests (the draft they froze changed or went out another way); their ids. */
  async withdrawOpen(trx: Knex.Transaction, packId: string, reason: string): Promise<number[]> {
    const open: { id: number }[] = await trx('publish_requests')
      .where({ pack_id: packId, status: 'requested' })
      .select('id');
    for (const { id } of open) await this.close(trx, id, 'withdrawn', { withdrawReason: reason });
    return open.map((r) => Number(r.id));
  }

  async addReview(trx: Knex.Transaction, review: Omit<ReviewRow, 'id' | 'at'>): Promise<void> {
    await trx('publish_reviews').insert({ ...review, at: nowIso() });
  }

  async reviews(requestIds: number[], trx?: Knex.Transaction): Promise<Map<number, ReviewRow[]>> {
    const rows: ReviewRow[] = requestIds.length
      ? await (trx ?? this.db)('publish_reviews').whereIn('request_id', requestIds).orderBy('id')
      : [];
    const result = new Map<number, ReviewRow[]>();
    for (const r of rows) result.set(Number(r.request_id), [...(result.get(Number(r.request_id)) ?? []), r]);
    return result;
  }

  /** A page of requests of the visible packs; `awaitingOf` keeps open ones of that township not requested or reviewed by that user. */
  async list(
    params: ListParams,
    visiblePacks: string[] | null,
    awaitingOf?: { username: string; townshipId: string | null },
  ) {
    const q = this.db('publish_requests').select(LIST_COLUMNS);
    if (visiblePacks) q.whereIn('pack_id', visiblePacks.length ? visiblePacks : ['\u0000']);
    if (awaitingOf) {
      q.where({ status: 'requested', township_id: awaitingOf.townshipId ?? '\u0000' })
        .whereNot({ requested_by: awaitingOf.username })
        .whereNotExists((s) =>
          s
            .select('id')
            .from('publish_reviews')
            .whereRaw('publish_reviews.request_id = publish_requests.id')
            .andWhere({ username: awaitingOf.username }),
        );
    }
    return listQuery<RequestRow>(q, params, COLUMNS, { field: 'requestedAt', order: 'DESC' }, [
      'pack_id',
      'basis',
      'requested_by',
    ]);
  }

  bundleOf(row: RequestRow): PackBundle {
    return fromJson<PackBundle>(row.bundle);
  }

  chainOf(row: RequestRow): ChainVersions {
    return fromJson<ChainVersions>(row.chain_versions);
  }

  frozenOf(row: RequestRow): Frozen {
    return fromJson<Frozen>(row.frozen);
  }
}
