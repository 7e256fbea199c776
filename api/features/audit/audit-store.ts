import { fromJson, nowIso, toJson, type Db } from '../../db/knex.js';
import { listQuery, type ListParams } from '../../http/list.js';
import type { Knex } from 'knex';

export interface AuditEntry {
  action: string;
  resource: string;
  recordId?: string | null;
  packId?: string | null;
  version?: number | null;
  townshipId?: string | null;
  before?: unknown;
  after?: unknown;
}

const COLUMNS: Record<string, string> = {
  id: 'id',
  at: 'at',
  actor: 'actor',
  actorId: 'actor_id',
  action: 'action',
  resource: 'resource',
  recordId: 'record_id',
  packId: 'pack_id',
  version: 'version',
  townshipId: 'township_id',
};

/** One `audit_events` row as the database returns it (JSON columns may come back as text). */
interface AuditRow {
  id: number;
  at: string;
  actor: string | null;
  actor_id: number | null;
  action: string;
  resource: string;
  record_id: string | null;
  pack_id: string | null;
  version: number | null;
  township_id: string | null;
  before: unknown;
  after: unknown;
}

export function auditRecord(row: AuditRow) {
  return {
    id: row.id,
    at: row.at,
    actor: row.actor,
    actorId: row.actor_id,
    action: row.action,
    resource: row.resource,
    recordId: row.record_id,
    packId: row.pack_id,
    version: row.version,
    townshipId: row.township_id,
    before: fromJson(row.before),
    after: fromJson(row.after),
  };
}

export class AuditStore {
  constructor(private readonly db: Db) {}

  async insert(
    actor: { id?: number | null; name: string | null },
    entry: AuditEntry,
    trx?: Knex.Transaction,
  ): Promise<void> {
    await (trx ?? this.db)('audit_events').insert({
      at: nowIso(),
      actor_id: actor.id ?? null,
      actor: actor.name,
      action: entry.action,
      resource: entry.resource,
      record_id: entry.recordId ?? null,
      pack_id: entry.packId ?? null,
      version: entry.version ?? null,
      township_id: entry.townshipId ?? null,
      before: toJson(entry.before),
      after: toJson(entry.after),
    });
  }

  /** `visible`: null = everything (admin); otherwise events of these packs or townships only. */
  async list(params: ListParams, visible: { packs: string[]; townshipId: string | null } | null) {
    const q = this.db('audit_events').select('*');
    if (visible) {
      q.where((w) => {
        w.whereIn('pack_id', visible.packs.length ? visible.packs : ['\u0000']);
        if (visible.townshipId) w.orWhere((o) => o.whereNull('pack_id').andWhere('township_id', visible.townshipId));
      });
    }
    const { rows, total } = await listQuery<AuditRow>(q, params, COLUMNS, { field: 'id', order: 'DESC' }, [
      'action',
      'actor',
      'record_id',
    ]);
    return { rows: rows.map(auditRecord), total };
  }

  async get(id: number) {
    const row = await this.db('audit_events').where({ id }).first();
    return row ? auditRecord(row) : undefined;
  }
}
