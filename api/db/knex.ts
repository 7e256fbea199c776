/**
 * The knex factory: PostgreSQL when the URL says postgres://, otherwise a SQLite file (by
 * default ./data/rules.sqlite). Migrations are the dated files in ./migrations, run with
 * migrate.latest at start.
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import knexFactory, { type Knex } from 'knex';

export type Db = Knex;
export type DbClient = 'sqlite' | 'pg';

export interface DbInfo {
  client: DbClient;
  /** a SQLite file name or the PostgreSQL URL */
  target: string;
}

export function describeDatabase(databaseUrl: string | undefined, dataDir: string): DbInfo {
  if (databaseUrl && /^postgres(ql)?:\/\//.test(databaseUrl)) return { client: 'pg', target: databaseUrl };
  if (databaseUrl) {
    const file = databaseUrl.replace(/^sqlite:(\/\/)?/, '').replace(/^file:/, '');
    return { client: 'sqlite', target: resolve(file) };
  }
  return { client: 'sqlite', target: join(dataDir, 'rules.sqlite') };
}

export function createDb(info: DbInfo): Db {
  if (info.client === 'pg') {
    return knexFactory({ client: 'pg', connection: info.target, pool: { min: 0, max: 10 } });
  }
  mkdirSync(dirname(info.target), { recursive: true });
  return knexFactory({
    client: 'sqlite3',
    connection: { filename: info.target },
    useNullAsDefault: true,
    pool: {
      min: 1,
      max: 1,
      // several server processes may share one file: wait for locks instead of failing
      afterCreate: (conn: SqliteConnection, done: (err: Error | null, conn: SqliteConnection) => void) => {
        conn.exec(
          'PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;',
          (err: Error | null) => done(err, conn),
        );
      },
    },
  });
}

/** The part of a sqlite3 connection the pool's start-up hook uses. */
type SqliteConnection = { exec(sql: string, callback: (err: Error | null) => void): void };

export function isPostgres(db: Db): boolean {
  return db.client.config.client === 'pg';
}

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

/**
 * Dated migration files: YYYYMMDD_name.ts in the sources, .js in the build (dist/). A database
 * records each under its source name (20261125_init.ts) whichever form ran it, so a database
 * migrated from the sources is current for the build and the other way round.
 */
function migrationFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const file of readdirSync(MIGRATIONS_DIR)) {
    const match = /^(\d{8}\w*)\.(ts|js)$/.exec(file);
    if (match) files.set(`${match[1]}.ts`, file);
  }
  return files;
}

/** Loaded with import(), so tsx, vitest and plain node all work. */
const migrationSource: Knex.MigrationSource<string> = {
  async getMigrations() {
    return [...migrationFiles().keys()].sort();
  },
  getMigrationName: (name) => name,
  async getMigration(name) {
    const file = migrationFiles().get(name);
    if (!file) throw new Error(`migration ${name} not found in ${MIGRATIONS_DIR}`);
    return import(pathToFileURL(join(MIGRATIONS_DIR, file)).href);
  },
};

export async function migrate(db: Db): Promise<void> {
  await db.migrate.latest({ migrationSource });
}

/**
 * Which migrations this code knows that the database has not run (`pending`), and which the
 * database ran that this code does not know (`unknown`: a newer release wrote it). Read only:
 * fails when the database has never been migrated.
 */
export async function migrationStatus(db: Db): Promise<{ pending: string[]; unknown: string[] }> {
  const known = await migrationSource.getMigrations([]);
  const applied = new Set((await db('knex_migrations').select('name')).map((row: { name: string }) => row.name));
  return {
    pending: known.filter((name) => !applied.has(name)),
    unknown: [...applied].filter((name) => !known.includes(name)),
  };
}

/** Undo the newest migration, or the one named (the migration tests step down and up again with rows in the tables). */
export async function migrateDown(db: Db, name?: string): Promise<void> {
  await db.migrate.down({ migrationSource, name });
}

/** JSON columns are text in both databases. */
export function fromJson<T>(value: unknown): T {
  if (value === null || value === undefined) return value as T;
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

export function toJson(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

/** ISO timestamps are stored as text so both databases sort and compare them alike. */
export function nowIso(): string {
  return new Date().toISOString();
}
