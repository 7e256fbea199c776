import type { Knex } from 'knex';
import { ChangeSignal } from '../../db/change-signal.js';
import { nowIso, type Db } from '../../db/knex.js';

export interface TokenRow {
  id: number;
  kind: 'session' | 'api';
  user_id: number | null;
  name: string | null;
  role: string | null;
  township_id: string | null;
  expires_at: string | null;
  revoked_at: string | null;
  created_at: string;
  username?: string | null;
  user_role?: string | null;
  user_township_id?: string | null;
}

export class AuthStore {
  /** the auth generation as this process knows it, without a query per request */
  readonly generationSignal: ChangeSignal;

  constructor(private readonly db: Db) {
    this.generationSignal = new ChangeSignal(db, 'auth_generation', () => this.generation());
  }

  async insertToken(row: {
    token_hash: string;
    kind: 'session' | 'api';
    user_id: number | null;
    name?: string;
    role?: string;
    township_id?: string | null;
    expires_at?: string | null;
  }): Promise<number> {
    const [inserted] = await this.db('tokens')
      .insert({ ...row, created_at: nowIso() })
      .returning('id');
    return typeof inserted === 'object' ? (inserted as { id: number }).id : inserted;
  }

  findToken(hash: string): Promise<TokenRow | undefined> {
    return this.db('tokens')
      .leftJoin('users', 'users.id', 'tokens.user_id')
      .where('tokens.token_hash', hash)
      .first(
        'tokens.id',
        'tokens.kind',
        'tokens.user_id',
        'tokens.name',
        'tokens.role',
        'tokens.township_id',
        'tokens.expires_at',
        'tokens.revoked_at',
        'users.username as username',
        'users.role as user_role',
        'users.township_id as user_township_id',
      );
  }

  async revoke(id: number, trx?: Knex.Transaction): Promise<void> {
    await (trx ?? this.db)('tokens').where({ id }).update({ revoked_at: nowIso() });
  }

  /** Revoke a user's login sessions (not the API tokens they made), all or all but one. */
  async revokeSessionsOf(userId: number, exceptTokenId: number | null, trx?: Knex.Transaction): Promise<number> {
    const q = (trx ?? this.db)('tokens').where({ user_id: userId, kind: 'session' }).whereNull('revoked_at');
    if (exceptTokenId !== null) q.whereNot({ id: exceptTokenId });
    return q.update({ revoked_at: nowIso() });
  }

  /** The auth generation: it changes whenever a verified token may no longer mean the same. */
  async generation(): Promise<number> {
    const row = await this.db('auth_generation').where({ id: 1 }).first('generation');
    return Number(row?.generation ?? 0);
  }

  /** Bump it in the transaction that revokes or changes something (see AuthService.authenticate). */
  async bumpGeneration(trx?: Knex.Transaction): Promise<void> {
    await (trx ?? this.db)('auth_generation').where({ id: 1 }).increment('generation', 1);
    await this.generationSignal.bumped(trx);
  }

  async listApiTokens(
    townshipId: string | null,
  ): Promise<Pick<TokenRow, 'id' | 'name' | 'township_id' | 'created_at'>[]> {
    const q = this.db('tokens')
      .where({ kind: 'api' })
      .whereNull('revoked_at')
      .select('id', 'name', 'township_id', 'created_at');
    if (townshipId) q.where({ township_id: townshipId });
    return q;
  }
}
