/**
 * Failed sign-ins per username, and the lock they lead to. Rows exist for unknown usernames too,
 * so a locked answer says nothing about whether an account exists. Shared by every server
 * process through the database; a success or an admin's unlock deletes the row.
 */
import { nowIso, type Db } from '../../db/knex.js';
import type { Knex } from 'knex';

export interface LockoutPolicy {
  /** consecutive failures that lock the name */
  lockAfter: number;
  /** how long the lock lasts */
  lockMinutes: number;
}

export interface LockoutRow {
  username: string;
  failed_count: number;
  last_failed_at: string;
  locked_until: string | null;
}

export class LockoutsStore {
  constructor(private readonly db: Db) {}

  get(username: string): Promise<LockoutRow | undefined> {
    return this.db('login_lockouts').where({ username }).first();
  }

  /** Locks in force now for these usernames. */
  async lockedUntil(usernames: string[]): Promise<Map<string, string>> {
    if (!usernames.length) return new Map();
    const rows: LockoutRow[] = await this.db('login_lockouts')
      .whereIn('username', usernames)
      .where('locked_until', '>', nowIso());
    return new Map(rows.map((r) => [r.username, r.locked_until!]));
  }

  /**
   * Count one failure (counting starts again after `lockMinutes` without one); when the count
   * reaches `lockAfter` the name is locked and the count starts again. Returns the lock's end
   * when this failure locked it. Atomic across processes: an upsert counts, and only the update
   * that sees the count reached sets the lock.
   */
  async recordFailure(username: string, policy: LockoutPolicy): Promise<{ lockedUntil: string | null }> {
    const now = nowIso();
    const windowStart = new Date(Date.now() - policy.lockMinutes * 60_000).toISOString();
    await this.db('login_lockouts')
      .insert({ username, failed_count: 1, last_failed_at: now, locked_until: null })
      .onConflict('username')
      .merge({
        failed_count: this.db.raw(
          'case when login_lockouts.last_failed_at < ? then 1 else login_lockouts.failed_count + 1 end',
          [windowStart],
        ),
        last_failed_at: now,
      });
    const lockedUntil = new Date(Date.now() + policy.lockMinutes * 60_000).toISOString();
    const locked = await this.db('login_lockouts')
      .where({ username })
      .andWhere('failed_count', '>=', policy.lockAfter)
      .update({ failed_count: 0, locked_until: lockedUntil });
    return { lockedUntil: locked ? lockedUntil : null };
  }

  /** Forget failures and any lock (a success, an admin's unlock, a password reset). */
  async clear(username: string, trx?: Knex.Transaction): Promise<number> {
    return (trx ?? this.db)('login_lockouts').where({ username }).delete();
  }

  /** Rows whose lock and last failure are older than `olderThan`: nothing left to remember. */
  async purge(olderThan: string): Promise<number> {
    return this.db('login_lockouts')
      .where('last_failed_at', '<', olderThan)
      .andWhere((w) => w.whereNull('locked_until').orWhere('locked_until', '<', olderThan))
      .delete();
  }
}
