/** Decision log retention: entries older than RULES_DECISION_RETENTION_DAYS (default 3650) are deleted. */
import type { Db } from '../../db/knex.js';
import { DecisionsStore } from './decisions-store.js';

export const DEFAULT_RETENTION_DAYS = 3650;

export function retentionCutoff(days: number, now: Date = new Date()): string {
  return new Date(now.getTime() - days * 24 * 3600 * 1000).toISOString();
}

/** Delete decisions logged more than `days` days before `now`; returns the count and the cutoff. */
export async function purgeDecisions(
  db: Db,
  days: number | undefined,
  now: Date = new Date(),
): Promise<{ deleted: number; cutoff: string; days: number }> {
  const d = days === undefined || !Number.isFinite(days) ? DEFAULT_RETENTION_DAYS : days;
  if (d < 0) throw new Error(`RULES_DECISION_RETENTION_DAYS must be ≥ 0 (got ${days})`);
  const cutoff = retentionCutoff(d, now);
  const deleted = await new DecisionsStore(db).purgeBefore(cutoff);
  return { deleted, cutoff, days: d };
}
