/**
 * A number read by one SQL statement on a SQLite connection of its own, prepared once. The
 * server's knex pool has a single SQLite connection, which every request's decision-log insert
 * also uses; a value read on every request (the pack generation) would otherwise queue behind
 * those writes and pay knex's query building and a fresh prepare each time. In WAL mode (see
 * knex.ts) this second connection reads what is committed without waiting for the writer, and
 * it never sees a write of an open transaction on the shared connection.
 */
import sqlite3 from 'sqlite3';

interface Side {
  connection: sqlite3.Database;
  statement: sqlite3.Statement;
}

export class SqliteSideRead {
  private side?: Promise<Side>;
  private closed = false;

  /** `sql` returns one row with one numeric column (null counts as 0). */
  constructor(
    private readonly file: string,
    private readonly sql: string,
  ) {}

  async read(): Promise<number> {
    if (this.closed) throw new Error('side connection closed');
    // opened on first use: the file exists and is migrated by then
    const opening = (this.side ??= this.open());
    let side: Side;
    try {
      side = await opening;
    } catch (error) {
      if (this.side === opening) this.side = undefined;
      throw error;
    }
    return new Promise((resolve, reject) => {
      // all(): steps to the end, so no read transaction stays open between calls
      side.statement.all((error: Error | null, rows: Record<string, unknown>[]) => {
        if (!error) return resolve(Number((rows[0] && Object.values(rows[0])[0]) ?? 0));
        // a broken connection is opened afresh by the next read
        if (this.side === opening) {
          this.side = undefined;
          void shut(side);
        }
        reject(error);
      });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const opening = this.side;
    this.side = undefined;
    const side = await opening?.catch(() => undefined);
    if (side) await shut(side);
  }

  private open(): Promise<Side> {
    return new Promise((resolve, reject) => {
      const connection = new sqlite3.Database(this.file, sqlite3.OPEN_READWRITE, (openError) => {
        if (openError) return reject(openError);
        connection.configure('busyTimeout', 10_000);
        const statement = connection.prepare(this.sql, (prepareError: Error | null) => {
          if (!prepareError) return resolve({ connection, statement });
          connection.close(() => reject(prepareError));
        });
      });
    });
  }
}

function shut({ connection, statement }: Side): Promise<void> {
  return new Promise((resolve) => statement.finalize(() => connection.close(() => resolve())));
}
