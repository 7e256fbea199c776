/**
 * `npm start`: read the environment, open the database (SQLite file under ./data/ unless
 * DATABASE_URL says postgres://), run the dated migrations, import rules/ on an empty database,
 * print a generated admin password once, and serve on PORT (default 3000). Logs are JSON lines
 * on stdout (RULES_LOG_LEVEL). SIGTERM or SIGINT drains and exits 0 (lifecycle/shutdown.ts).
 *
 * `npm start` runs the build, `node --max-semi-space-size=32 dist/api/main.js`: V8 flags go on
 * the command line (a larger young generation lets each evaluation's short-lived objects die in
 * fewer scavenges: ~25% more evaluations per second), since V8 takes them reliably only before
 * it starts. `npm run dev` runs the sources the same way with `--import tsx`, not through
 * tsx's CLI: that wrapper answers SIGTERM by killing a busy server, cutting off requests in flight.
 */
import { createApp } from './app.js';
import { configFromEnv } from './config.js';
import { createDb, describeDatabase, migrate } from './db/knex.js';
import { seedIfEmpty } from './db/seed.js';
import { createHttpServer } from './http/server.js';
import { purgeDecisions } from './features/decisions/retention.js';
import { shutdown } from './lifecycle/shutdown.js';
import { createLogger } from './logging/logger.js';

async function main(): Promise<void> {
  const config = configFromEnv();
  const logger = createLogger({ level: config.logLevel });
  const info = describeDatabase(config.databaseUrl, config.dataDir);
  const db = createDb(info);
  await migrate(db);
  const seed = await seedIfEmpty(db, {
    rulesDir: config.rulesDir,
    adminPassword: config.adminPassword,
    log: (m) => logger.info(m),
  });
  if (seed.generatedAdminPassword) {
    // for the person starting the server, once: plain text, not a log record
    console.log('='.repeat(64));
    console.log(`admin user created: username "admin", password "${seed.generatedAdminPassword}"`);
    console.log('this password is shown only once; set RULES_ADMIN_PASSWORD to choose it yourself');
    console.log('='.repeat(64));
  }
  const purged = await purgeDecisions(db, config.decisionRetentionDays);
  if (purged.deleted) logger.info(`decision log: purged ${purged.deleted} entries older than ${purged.days} days`);
  const app = createApp({ db, config, logger });
  const server = createHttpServer(app).listen(config.port, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    logger.info(
      { port, database: info.client === 'pg' ? 'postgresql' : 'sqlite' },
      `rules API listening on http://127.0.0.1:${port} (database: ${info.client === 'pg' ? 'PostgreSQL' : info.target})`,
    );
  });
  // a port another program holds: say so and stop, rather than a stack trace
  server.on('error', (error: NodeJS.ErrnoException) => {
    const reason =
      error.code === 'EADDRINUSE'
        ? `port ${config.port} is already in use (set PORT to another one)`
        : `cannot listen on port ${config.port}: ${error.message}`;
    logger.fatal({ err: error }, reason);
    logger.flush(() => process.exit(1));
  });

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    // Ctrl-C under npm arrives twice (the terminal signals the whole group, npm relays it)
    if (stopping) return;
    stopping = true;
    shutdown({ server, app, db, logger, graceMs: config.shutdownGraceMs }, signal).then(
      () => process.exit(0),
      (error) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
