/**
 * A graceful stop (SIGTERM from systemd, docker stop, kubectl, or `kill`): stop accepting
 * connections, let the requests in flight and the background jobs finish within a grace
 * period, flush what is buffered, close the database, exit 0. Whatever is still running when
 * the grace period ends is cut off (jobs are marked failed first, see the app's drain).
 */
import type { Server } from 'node:http';
import type { Db } from '../db/knex.js';
import type { Logger } from '../logging/logger.js';

/** Resolves true when `work` settles within `ms`, false when the time runs out first. */
export async function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([
      work.then(
        () => true,
        () => true,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export interface Drainable {
  /** refuse new background work, finish (or fail) what runs within `graceMs`, flush buffers */
  drain(graceMs: number): Promise<void>;
}

export interface ShutdownDeps {
  server: Server;
  app: Drainable;
  db: Db;
  logger: Logger;
  graceMs: number;
}

export async function shutdown({ server, app, db, logger, graceMs }: ShutdownDeps, signal: string): Promise<void> {
  const started = Date.now();
  logger.info({ signal, graceMs }, 'shutting down: no new connections, finishing requests and jobs');
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // close() drops the connections idle right now; a keep-alive connection whose request is in
  // flight becomes idle only once it is answered, so keep dropping idle ones until all are gone
  const sweeper = setInterval(() => server.closeIdleConnections(), 100);
  try {
    const [requestsDone] = await Promise.all([settlesWithin(closed, graceMs), app.drain(graceMs)]);
    if (!requestsDone) {
      logger.warn({ graceMs }, 'requests still running after the grace period: closing their connections');
      server.closeAllConnections();
    }
  } finally {
    clearInterval(sweeper);
  }
  await db.destroy();
  logger.info({ ms: Date.now() - started }, 'stopped');
}
