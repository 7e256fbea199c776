/**
 * A counter in the database that writers bump when cached knowledge goes stale (the auth
 * generation), kept in memory so that requests do not read it each time.
 *
 * - Same process: `bump(trx)` drops the cached value when the writing transaction commits, so
 *   the next request reads the new one (immediately).
 * - PostgreSQL, other processes: `bump` also sends NOTIFY on `channel` (delivered at commit);
 *   every process LISTENs on its own connection and drops its value when told. While the
 *   listener is not connected, the value is read for every request, as without a cache.
 * - SQLite, other processes: no notification exists, so the value is re-read when older than
 *   `sqliteMaxAgeMs` (other processes see a change within that time).
 *
 * A value read by a query that started before an invalidation is never served after it.
 */
import pg from 'pg';
import type { Knex } from 'knex';
import { FreshRead } from '../features/auth/fresh-read.js';
import { isPostgres, type Db } from './knex.js';
import { SqliteSideRead } from './sqlite-side-read.js';

export interface ChangeSignalOptions {
  /** SQLite: how long a read value stays valid for changes made by other processes */
  sqliteMaxAgeMs?: number;
  /** PostgreSQL with the listener up: a safety net in case a notification was lost */
  listeningMaxAgeMs?: number;
  /**
   * true (default): a caller never gets a value read by a query that started before it asked.
   * false: a read under way is shared (the value is at most one query's duration old).
   */
  fresh?: boolean;
  /**
   * SQLite: the same value as one SQL statement, read on a connection of its own (see
   * SqliteSideRead) instead of through knex; for a value read on every request.
   */
  sqliteSql?: string;
}

export class ChangeSignal {
  /** `known`: the value once its read has answered */
  private cached?: { value: Promise<number>; readAt: number; known?: number };
  private listener?: pg.Client;
  private listening = false;
  private connecting?: Promise<void>;
  private lastAttempt = 0;
  private readonly postgres: boolean;
  private readonly sqliteMaxAgeMs: number;
  private readonly listeningMaxAgeMs: number;
  /** reads shared by concurrent callers (see ChangeSignalOptions.fresh) */
  private readonly reads: { read(): Promise<number>; forget?(): void };
  private readonly side?: SqliteSideRead;

  constructor(
    private readonly db: Db,
    private readonly channel: string,
    read: () => Promise<number>,
    options: ChangeSignalOptions = {},
  ) {
    if (!/^[a-z_]+$/.test(channel)) throw new Error(`bad channel name ${channel}`);
    this.postgres = isPostgres(db);
    this.sqliteMaxAgeMs = options.sqliteMaxAgeMs ?? 1000;
    this.listeningMaxAgeMs = options.listeningMaxAgeMs ?? 60_000;
    const filename = (db.client.config.connection as { filename?: string } | undefined)?.filename;
    if (!this.postgres && options.sqliteSql && filename) this.side = new SqliteSideRead(filename, options.sqliteSql);
    const side = this.side;
    // the shared connection still answers if the side one cannot
    const readValue = side ? () => side.read().catch(() => read()) : read;
    this.reads = options.fresh === false ? new SharedRead(readValue) : new FreshRead(readValue);
  }

  /** PostgreSQL: whether notifications from other processes are being received. */
  get isListening(): boolean {
    return this.listening;
  }

  /** The counter's value, from memory when it cannot have changed unnoticed. */
  current(): Promise<number> {
    if (this.postgres && !this.listening) {
      this.listen();
      return this.reads.read();
    }
    const now = Date.now();
    if (this.cached && now - this.cached.readAt < this.maxAgeMs) return this.cached.value;
    const value = this.reads.read();
    const entry: NonNullable<typeof this.cached> = { value, readAt: now };
    this.cached = entry;
    value.then(
      (known) => {
        entry.known = known;
      },
      () => {
        if (this.cached === entry) this.cached = undefined;
      },
    );
    return value;
  }

  /**
   * The value `current()` would answer from memory, without waiting for a promise; undefined
   * when it would read (or is still reading). For a request's hot path: no await when nothing changed.
   */
  known(): number | undefined {
    if (this.postgres && !this.listening) return undefined;
    const cached = this.cached;
    return cached && Date.now() - cached.readAt < this.maxAgeMs ? cached.known : undefined;
  }

  private get maxAgeMs(): number {
    return this.postgres ? this.listeningMaxAgeMs : this.sqliteMaxAgeMs;
  }

  /** Forget the cached value: the next `current()` reads (a read that starts after this call). */
  invalidate(): void {
    this.cached = undefined;
    this.reads.forget?.();
  }

  /**
   * Call inside the transaction (or right after the statement) that bumped the counter: other
   * processes are notified at commit, this one forgets its value once the commit is done.
   */
  async bumped(trx?: Knex.Transaction): Promise<void> {
    if (this.postgres) await (trx ?? this.db).raw('select pg_notify(?, ?)', [this.channel, '']);
    if (trx) {
      const done = () => this.invalidate();
      trx.executionPromise.then(done, done);
    }
    this.invalidate();
  }

  /** Stop listening (server shutdown). */
  async close(): Promise<void> {
    const listener = this.listener;
    this.listener = undefined;
    this.listening = false;
    this.lastAttempt = Infinity;
    await listener?.end().catch(() => undefined);
    await this.side?.close();
  }

  private listen(): void {
    if (this.connecting || Date.now() - this.lastAttempt < 5000) return;
    this.lastAttempt = Date.now();
    const connection = this.db.client.config.connection;
    const client = new pg.Client(typeof connection === 'string' ? { connectionString: connection } : connection);
    const lost = () => {
      if (this.listener !== client) return;
      this.listener = undefined;
      this.listening = false;
      this.invalidate();
      client.end().catch(() => undefined);
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', (message) => {
      if (message.channel === this.channel) this.invalidate();
    });
    this.listener = client;
    this.connecting = client
      .connect()
      .then(() => client.query(`listen ${this.channel}`))
      .then(() => {
        if (this.listener !== client) return;
        // the listener must not keep a finished process alive
        (client as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.();
        // anything committed before LISTEN took effect is not notified: read afresh
        this.invalidate();
        this.listening = true;
      })
      .catch(lost)
      .finally(() => {
        this.connecting = undefined;
      });
  }
}

/** One read at a time; callers that arrive while it runs share it. */
class SharedRead<T> {
  private running?: Promise<T>;

  constructor(private readonly query: () => Promise<T>) {}

  read(): Promise<T> {
    if (!this.running) {
      const query = this.query();
      this.running = query;
      const done = () => {
        if (this.running === query) this.running = undefined;
      };
      query.then(done, done);
    }
    return this.running;
  }

  /** The running read may predate a change: the next caller starts another. */
  forget(): void {
    this.running = undefined;
  }
}
