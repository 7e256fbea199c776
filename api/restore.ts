/**
 * `npm run restore -- <file>`: replace the SQLite database the server uses (DATABASE_URL, or
 * ./data/rules.sqlite) with a backup made by `npm run backup`. Stop the server first. The
 * backup is checked before anything is touched, and the current database is kept beside it as
 * <name>.before-restore-<time>. PostgreSQL: pg_restore (docs/operations.md).
 */
import { resolve } from 'node:path';
import { configFromEnv } from './config.js';
import { describeDatabase } from './db/knex.js';
import { POSTGRES_HINT, restoreSqlite } from './db/sqlite-backup.js';

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: npm run restore -- <backup file>   (stop the server first)');
    process.exit(2);
  }
  const config = configFromEnv();
  const info = describeDatabase(config.databaseUrl, config.dataDir);
  if (info.client === 'pg') {
    console.error(POSTGRES_HINT);
    process.exit(2);
  }
  const { previous, migrations } = await restoreSqlite(resolve(file), info.target);
  console.log(`restored ${resolve(file)} into ${info.target} (${migrations} migrations, integrity ok)`);
  if (previous) console.log(`the database it replaced is kept as ${previous}`);
  console.log('start the server: it runs any newer migrations on the restored data');
}

main().catch((error) => {
  console.error(`restore failed: ${(error as Error).message}`);
  process.exit(1);
});
