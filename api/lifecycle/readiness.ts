/**
 * GET /api/ready: can this process serve? It answers 200 when the database answers and its
 * schema is exactly the one this code migrates to, else 503 with the reason, so a load
 * balancer or orchestrator sends traffic elsewhere. /api/health only says the process is up.
 */
import type { Db } from '../db/knex.js';
import { migrationStatus } from '../db/knex.js';

export interface Readiness {
  ready: boolean;
  database: 'ok' | 'unreachable';
  migrations: 'current' | 'pending' | 'unknown' | 'unchecked';
  /** migrations the database still lacks, or ran that this code does not know */
  pending?: string[];
  unknown?: string[];
  draining?: true;
  error?: string;
}

export async function readiness(db: Db, draining: boolean): Promise<Readiness> {
  if (draining) return { ready: false, database: 'ok', migrations: 'unchecked', draining: true };
  try {
    await db.raw('select 1');
  } catch (error) {
    return { ready: false, database: 'unreachable', migrations: 'unchecked', error: (error as Error).message };
  }
  try {
    const { pending, unknown } = await migrationStatus(db);
    if (pending.length) return { ready: false, database: 'ok', migrations: 'pending', pending };
    if (unknown.length) return { ready: false, database: 'ok', migrations: 'unknown', unknown };
    return { ready: true, database: 'ok', migrations: 'current' };
  } catch (error) {
    // no knex_migrations table: never migrated
    return { ready: false, database: 'ok', migrations: 'pending', error: (error as Error).message };
  }
}
