/**
 * `npm run purge-decisions`: delete decision log entries older than RULES_DECISION_RETENTION_DAYS
 * (default 3650 days) from the database the server uses (DATABASE_URL, or ./data/rules.sqlite).
 * The server also purges once at start.
 */
import { configFromEnv } from './config.js';
import { createDb, describeDatabase, migrate } from './db/knex.js';
import { purgeDecisions } from './features/decisions/retention.js';

async function main(): Promise<void> {
  const config = configFromEnv();
  const db = createDb(describeDatabase(config.databaseUrl, config.dataDir));
  try {
    await migrate(db);
    const { deleted, cutoff, days } = await purgeDecisions(db, config.decisionRetentionDays);
    console.log(`decision log: deleted ${deleted} entries logged before ${cutoff} (retention ${days} days)`);
  } finally {
    await db.destroy();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
