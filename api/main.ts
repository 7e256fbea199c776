/**
 * `npm start`: read the environment, open the database (SQLite file under ./data/ unless
 * DATABASE_URL says postgres://), run the dated migrations, import rules/ on an empty database,
 * print a generated admin password once, and serve on PORT (default 3000).
 */
import './runtime-flags.js';
import { createApp } from './app.js';
import { configFromEnv } from './config.js';
import { createDb, describeDatabase, migrate } from './db/knex.js';
import { seedIfEmpty } from './db/seed.js';
import { purgeDecisions } from './features/decisions/retention.js';

async function main(): Promise<void> {
  const config = configFromEnv();
  const info = describeDatabase(config.databaseUrl, config.dataDir);
  const db = createDb(info);
  await migrate(db);
  const seed = await seedIfEmpty(db, { rulesDir: config.rulesDir, adminPassword: config.adminPassword, log: (m) => console.log(m) });
  if (seed.generatedAdminPassword) {
    console.log('='.repeat(64));
    console.log(`admin user created: username "admin", password "${seed.generatedAdminPassword}"`);
    console.log('this password is shown only once; set RULES_ADMIN_PASSWORD to choose it yourself');
    console.log('='.repeat(64));
  }
  const purged = await purgeDecisions(db, config.decisionRetentionDays);
  if (purged.deleted) console.log(`decision log: purged ${purged.deleted} entries older than ${purged.days} days`);
  const app = createApp({ db, config });
  const server = app.listen(config.port, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    console.log(`rules API listening on http://127.0.0.1:${port} (database: ${info.client === 'pg' ? 'PostgreSQL' : info.target})`);
  });
  const stop = () => {
    server.close();
    db.destroy().finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
