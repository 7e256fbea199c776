/** Every write records who did what, when, on which pack/version, with before and after. */
import type { Knex } from 'knex';
import type { Identity } from '../auth/identity.js';
import type { AuditEntry, AuditStore } from './audit-store.js';

export class AuditService {
  constructor(readonly store: AuditStore) {}

  record(identity: Identity | null, entry: AuditEntry, trx?: Knex.Transaction): Promise<void> {
    return this.store.insert({ id: identity?.userId ?? null, name: identity?.username ?? 'system' }, entry, trx);
  }
}
