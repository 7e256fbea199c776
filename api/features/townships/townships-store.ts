import { nowIso, type Db } from '../../db/knex.js';
import { listQuery, type ListParams } from '../../http/list.js';
import type { Knex } from 'knex';

export interface TownshipRow {
  id: string;
  name: string;
  level: string;
  created_at: string;
}

const COLUMNS: Record<string, string> = { id: 'id', name: 'name', level: 'level', createdAt: 'created_at' };

export function townshipRecord(row: TownshipRow) {
  return { id: row.id, name: row.name, level: row.level, createdAt: row.created_at };
}

export class TownshipsStore {
  constructor(private readonly db: Db) {}

  get(id: string, trx?: Knex.Transaction): Promise<TownshipRow | undefined> {
    return (trx ?? this.db)('townships').where({ id }).first();
  }

  async ensure(row: { id: string; name: string; level: string }, trx?: Knex.Transaction): Promise<void> {
    const db = trx ?? this.db;
    if (!(await db('townships').where({ id: row.id }).first()))
      await db('townships').insert({ ...row, created_at: nowIso() });
  }

  async insert(row: { id: string; name: string; level: string }): Promise<void> {
    await this.db('townships').insert({ ...row, created_at: nowIso() });
  }

  async update(id: string, patch: Partial<TownshipRow>): Promise<void> {
    if (!Object.keys(patch).length) return; // knex refuses an empty update
    await this.db('townships').where({ id }).update(patch);
  }

  async remove(id: string): Promise<void> {
    await this.db('townships').where({ id }).delete();
  }

  async inUse(id: string): Promise<boolean> {
    const pack = await this.db('packs').where({ township_id: id }).first('id');
    const user = await this.db('users').where({ township_id: id }).first('id');
    return Boolean(pack || user);
  }

  list(params: ListParams, only: string[] | null) {
    const q = this.db('townships').select('*');
    if (only) q.whereIn('id', only.length ? only : ['\u0000']);
    return listQuery<TownshipRow>(q, params, COLUMNS, { field: 'id', order: 'ASC' }, ['name']);
  }
}
