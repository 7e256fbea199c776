/**
 * Townships: everyone reads their own; the admin manages them. The request's shape is checked
 * against schemas/api/townships.schema.json before it gets here.
 */
import { ConflictError, ForbiddenError, NotFoundError } from '../../errors.js';
import type { ListParams } from '../../http/list.js';
import { filterValues } from '../../http/request.js';
import type { AuditService } from '../audit/audit-service.js';
import { requireUser } from '../auth/access.js';
import { isAdmin, type Identity } from '../auth/identity.js';
import { townshipRecord, type TownshipRow, type TownshipsStore } from './townships-store.js';

export type TownshipRecord = ReturnType<typeof townshipRecord>;

export interface TownshipCreate {
  id: string;
  name: string;
  level?: string;
}
export interface TownshipUpdate {
  name?: string;
  level?: string;
}

function adminOnly(identity: Identity): void {
  requireUser(identity);
  if (!isAdmin(identity)) throw new ForbiddenError('Only an admin manages townships', '只有管理员可以管理乡镇');
}

export class TownshipsService {
  constructor(
    private readonly store: TownshipsStore,
    private readonly audit: AuditService,
  ) {}

  private async row(id: string): Promise<TownshipRow> {
    const row = await this.store.get(id);
    if (!row) throw new NotFoundError('township', id, '乡镇');
    return row;
  }

  async list(identity: Identity, params: ListParams): Promise<{ rows: TownshipRecord[]; total: number }> {
    requireUser(identity);
    if (!isAdmin(identity)) {
      const asked = filterValues(params.filter.id) ?? [];
      if (asked.some((id) => id !== identity.townshipId)) throw new ForbiddenError();
    }
    const { rows, total } = await this.store.list(
      params,
      isAdmin(identity) ? null : identity.townshipId ? [identity.townshipId] : [],
    );
    return { rows: rows.map(townshipRecord), total };
  }

  async get(identity: Identity, id: string): Promise<TownshipRecord> {
    requireUser(identity);
    if (!isAdmin(identity) && id !== identity.townshipId) throw new ForbiddenError();
    return townshipRecord(await this.row(id));
  }

  async create(identity: Identity, body: TownshipCreate): Promise<TownshipRecord> {
    adminOnly(identity);
    if (await this.store.get(body.id))
      throw new ConflictError('TOWNSHIP_EXISTS', `township ${body.id} exists`, `乡镇 ${body.id} 已存在`);
    await this.store.insert({ id: body.id, name: body.name, level: body.level || 'township' });
    const record = townshipRecord((await this.store.get(body.id))!);
    await this.audit.record(identity, {
      action: 'township.create',
      resource: 'townships',
      recordId: body.id,
      townshipId: body.id,
      after: record,
    });
    return record;
  }

  /** An empty name or level keeps the current one. */
  async update(identity: Identity, id: string, body: TownshipUpdate): Promise<TownshipRecord> {
    adminOnly(identity);
    const row = await this.row(id);
    const patch: Partial<TownshipRow> = {};
    if (body.name) patch.name = body.name;
    if (body.level) patch.level = body.level;
    await this.store.update(row.id, patch);
    const record = townshipRecord((await this.store.get(row.id))!);
    await this.audit.record(identity, {
      action: 'township.update',
      resource: 'townships',
      recordId: row.id,
      townshipId: row.id,
      before: townshipRecord(row),
      after: record,
    });
    return record;
  }

  async remove(identity: Identity, id: string): Promise<TownshipRecord> {
    adminOnly(identity);
    const row = await this.row(id);
    if (await this.store.inUse(row.id))
      throw new ConflictError(
        'TOWNSHIP_IN_USE',
        `township ${row.id} still has packs or users`,
        `乡镇 ${row.id} 仍有规则包或用户，不能删除`,
      );
    await this.store.remove(row.id);
    await this.audit.record(identity, {
      action: 'township.delete',
      resource: 'townships',
      recordId: row.id,
      townshipId: row.id,
      before: townshipRecord(row),
    });
    return townshipRecord(row);
  }
}
