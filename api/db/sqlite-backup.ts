/**
 * Copies of a SQLite database taken with SQLite's online backup API (node-sqlite3's
 * Database#backup), safe while the server keeps writing: all pages are copied in one step
 * inside one read transaction, so the copy is the database as of one commit. In WAL mode the
 * read does not block the server's writes. A copy is written under a temporary name, checked
 * (PRAGMA integrity_check, the migrations table present) and only then renamed into place,
 * so a file with the final name is always a complete, sound database.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import sqlite3 from 'sqlite3';

/** What `npm run backup` / `restore` say when the database is PostgreSQL. */
export const POSTGRES_HINT =
  'DATABASE_URL is PostgreSQL: back it up with pg_dump, e.g.\n' +
  '  pg_dump --format=custom --file=rules-$(date -u +%Y%m%dT%H%M%SZ).dump "$DATABASE_URL"\n' +
  'and restore with pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" <file> (see docs/operations.md)';

/** The part of node-sqlite3's Backup object used here (it is not in the package's types). */
interface SqliteBackup {
  step(pages: number, callback: (error: Error | null) => void): void;
  finish(callback?: (error: Error | null) => void): void;
  readonly completed: boolean;
  readonly failed: boolean;
  readonly pageCount: number;
}

type BackupFactory = (
  file: string,
  destName: string,
  sourceName: string,
  filenameIsDest: boolean,
  callback: (error: Error | null) => void,
) => SqliteBackup;

function open(file: string, mode: number): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, mode, (error) => (error ? reject(error) : resolve(db)));
  });
}

const close = (db: sqlite3.Database) =>
  new Promise<void>((resolve, reject) => db.close((error) => (error ? reject(error) : resolve())));
const exec = (db: sqlite3.Database, sql: string) =>
  new Promise<void>((resolve, reject) => db.exec(sql, (error) => (error ? reject(error) : resolve())));
const all = <T>(db: sqlite3.Database, sql: string) =>
  new Promise<T[]>((resolve, reject) => db.all<T>(sql, (error, rows) => (error ? reject(error) : resolve(rows))));

/**
 * Copy `file` into `connection`'s main database (`filenameIsDest` false) or `connection`'s
 * main database into `file` (true), all pages in one step; busy/locked steps are retried.
 */
async function copyPages(connection: sqlite3.Database, file: string, filenameIsDest: boolean): Promise<number> {
  const start = (connection as unknown as { backup: BackupFactory }).backup.bind(connection);
  const backup = await new Promise<SqliteBackup>((resolve, reject) => {
    const b = start(file, 'main', 'main', filenameIsDest, (error) => (error ? reject(error) : resolve(b)));
  });
  for (let attempt = 0; !backup.completed; attempt++) {
    await new Promise<void>((resolve, reject) => backup.step(-1, (error) => (error ? reject(error) : resolve())));
    if (backup.failed) throw new Error('SQLite backup failed');
    if (!backup.completed) {
      if (attempt > 100) throw new Error('SQLite backup: the database stayed locked');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return backup.pageCount;
}

export interface CheckedDatabase {
  /** migrations recorded in the copy */
  migrations: number;
}

/** A sound database made by this application: integrity_check ok, no foreign key broken, migrated. */
export async function checkDatabase(file: string): Promise<CheckedDatabase> {
  const db = await open(file, sqlite3.OPEN_READONLY);
  try {
    const integrity = await all<{ integrity_check: string }>(db, 'PRAGMA integrity_check');
    if (integrity.length !== 1 || integrity[0].integrity_check !== 'ok') {
      throw new Error(
        `${file} is damaged: ${integrity
          .map((r) => r.integrity_check)
          .slice(0, 5)
          .join('; ')}`,
      );
    }
    const broken = await all(db, 'PRAGMA foreign_key_check');
    if (broken.length) throw new Error(`${file} has ${broken.length} rows whose foreign keys point nowhere`);
    const tables = await all<{ name: string }>(
      db,
      "select name from sqlite_master where type = 'table' and name = 'knex_migrations'",
    );
    if (!tables.length) throw new Error(`${file} is not a rules database (no knex_migrations table)`);
    const [{ n }] = await all<{ n: number }>(db, 'select count(*) as n from knex_migrations');
    return { migrations: n };
  } finally {
    await close(db);
  }
}

/** An online copy of the database at `source` into `destination` (which must not exist). */
export async function backupSqlite(source: string, destination: string): Promise<{ pages: number } & CheckedDatabase> {
  if (!existsSync(source)) throw new Error(`no database at ${source}`);
  if (existsSync(destination)) throw new Error(`${destination} exists already; choose another name`);
  const partial = `${destination}.partial`;
  rmSync(partial, { force: true });
  try {
    const live = await open(source, sqlite3.OPEN_READONLY);
    let pages: number;
    try {
      await exec(live, 'PRAGMA busy_timeout = 10000');
      pages = await copyPages(live, partial, true);
    } finally {
      await close(live);
    }
    // one self-contained file (no -wal beside it)
    const copy = await open(partial, sqlite3.OPEN_READWRITE);
    try {
      await exec(copy, 'PRAGMA journal_mode = DELETE');
    } finally {
      await close(copy);
    }
    const checked = await checkDatabase(partial);
    renameSync(partial, destination);
    return { pages, ...checked };
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

/**
 * Replace the database at `target` with the backup `file`, after checking the backup. The
 * current database is first copied to `<target>.before-restore-<time>`, so a restore can be
 * undone. Stop the server first: it caches packs and would not see the change.
 */
export async function restoreSqlite(
  file: string,
  target: string,
  now = new Date(),
): Promise<{ previous?: string } & CheckedDatabase> {
  await checkDatabase(file);
  let previous: string | undefined;
  if (existsSync(target)) {
    previous = `${target}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
    await backupSqlite(target, previous);
  }
  // written through SQLite (not a file copy), so the target's -wal and -shm stay coherent
  const live = await open(target, sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE);
  try {
    await exec(live, 'PRAGMA busy_timeout = 10000');
    await copyPages(live, file, false);
  } finally {
    await close(live);
  }
  return { previous, ...(await checkDatabase(target)) };
}
