import type { Knex } from 'knex';
import { nowIso, type Db } from '../../db/knex.js';
import { listQuery, type ListParams } from '../../http/list.js';

export interface UserRow {
  id: number;
  username: string;
  password_hash: string;
  role: string;
  township_id: string | null;
  display_name: string | null;
  /** may approve publish requests of their township */
  can_approve: boolean | number;
  created_at: string;
  updated_at: string;
}

const COLUMNS: Record<string, string> = {
  id: 'id',
  username: 'username',
  role: 'role',
  townshipId: 'township_id',
  displayName: 'display_name',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  canApprove: 'can_approve',
};

/** The user as the API shows it; `lockedUntil` is set while failed sign-ins keep the account locked. */
export function userRecord(row: UserRow, lockedUntil: string | null = null) {
  return {
    id: row.id,
    username: row.username,
    role: row.role,
    townshipId: row.township_id,
    displayName: row.display_name,
    canApprove: Boolean(row.can_approve),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lockedUntil,
  };
}

export class UsersStore {
  constructor(private readonly db: Db) {}

  findByUsername(username: string): Promise<UserRow | undefined> {
    return this.db('users').where({ username }).first();
  }

  get(id: number, trx?: Knex.Transaction): Promise<UserRow | undefined> {
    return (trx ?? this.db)('users').where({ id }).first();
  }

  count(): Promise<number> {
    return this.db('users')
      .count({ n: '*' })
      .first()
      .then((r) => Number(r?.n ?? 0));
  }

  async insert(row: Omit<UserRow, 'id' | 'created_at' | 'updated_at'>): Promise<number> {
    const now = nowIso();
    const [inserted] = await this.db('users')
      .insert({ ...row, created_at: now, updated_at: now })
      .returning('id');
    return typeof inserted === 'object' ? (inserted as { id: number }).id : inserted;
  }

  async update(id: number, patch: Partial<UserRow>, trx?: Knex.Transaction): Promise<void> {
    await (trx ?? this.db)('users')
      .where({ id })
      .update({ ...patch, updated_at: nowIso() });
  }

  async remove(id: number, trx?: Knex.Transaction): Promise<void> {
    await (trx ?? this.db)('users').where({ id }).delete();
  }

  transaction<T>(work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** Display names by username: everyone's (townshipId null), or a township's users and the administrators. */
  async displayNames(townshipId: string | null, usernames?: string[]): Promise<Map<string, string>> {
    const q = this.db('users')
      .select('username', 'display_name')
      .whereNotNull('display_name')
      .where('display_name', '<>', '');
    if (townshipId) q.where((w) => w.where({ township_id: townshipId }).orWhereNull('township_id'));
    if (usernames) q.whereIn('username', usernames);
    const rows: { username: string; display_name: string }[] = await q;
    return new Map(rows.map((r) => [r.username, r.display_name]));
  }

  list(params: ListParams, townshipId: string | null) {
    const q = this.db('users').select('*');
    if (townshipId) q.where({ township_id: townshipId });
    return listQuery<UserRow>(q, params, COLUMNS, { field: 'id', order: 'ASC' }, ['username', 'display_name']);
  }
}
