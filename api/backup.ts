/**
 * `npm run backup [-- <file>]`: an online copy of the SQLite database the server uses
 * (DATABASE_URL, or ./data/rules.sqlite), taken while the server runs and writes. Without
 * <file> the copy goes to <data dir>/backups/rules-<UTC time>.sqlite. Prints the file name.
 * PostgreSQL: use pg_dump (docs/operations.md); this command only explains that.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { configFromEnv } from './config.js';
import { describeDatabase } from './db/knex.js';
import { POSTGRES_HINT, backupSqlite } from './db/sqlite-backup.js';

async function main(): Promise<void> {
  const config = configFromEnv();
  const info = describeDatabase(config.databaseUrl, config.dataDir);
  if (info.client === 'pg') {
    console.error(POSTGRES_HINT);
    process.exit(2);
  }
  const stamp = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const destination = resolve(process.argv[2] ?? join(config.dataDir, 'backups', `rules-${stamp}.sqlite`));
  mkdirSync(dirname(destination), { recursive: true });
  const started = Date.now();
  const { pages, migrations } = await backupSqlite(info.target, destination);
  console.log(
    `backup of ${info.target} written to ${destination} (${pages} pages, ${migrations} migrations, integrity ok, ${Date.now() - started} ms)`,
  );
}

main().catch((error) => {
  console.error(`backup failed: ${(error as Error).message}`);
  process.exit(1);
});
