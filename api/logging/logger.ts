/**
 * The server's logger: one JSON object per line (pino) on stdout, with an ISO timestamp, so a
 * log shipper or `journalctl -o cat | jq` can read it. User text (names, filters, error
 * messages) is serialised as JSON strings, never spliced into the line, so it cannot forge
 * a log entry. The app and the stores take a Logger; tests pass none and stay quiet.
 */
import { pino, stdTimeFunctions, type DestinationStream, type Logger } from 'pino';

export type { Logger };

export interface LoggerOptions {
  /** fatal, error, warn, info, debug, trace or silent */
  level: string;
  /** where the lines go (stdout when omitted) */
  destination?: DestinationStream;
}

export function createLogger({ level, destination }: LoggerOptions): Logger {
  return pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: stdTimeFunctions.isoTime,
      // `level: "warn"` reads better in a shipped log than pino's numbers
      formatters: { level: (label) => ({ level: label }) },
      // a token must never reach the log, whatever object someone passes
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'password', '*.password'],
        censor: '[redacted]',
      },
    },
    destination ?? stdout(),
  );
}

/** Lines gather up to this many bytes before a write (at ~300 bytes a request line, a dozen or so lines). */
export const STDOUT_BATCH_BYTES = 4096;
/** …or until this many milliseconds have passed, so a quiet server's lines still go out promptly. */
export const STDOUT_FLUSH_MS = 100;

/**
 * stdout, written asynchronously and in batches: each write is a hop to libuv's thread pool
 * and back, which under load cost an evaluation more than building its line did. Lines gather
 * until STDOUT_BATCH_BYTES are queued (under load) or STDOUT_FLUSH_MS have passed (when
 * quiet), then go out in one write. pino writes what is still queued synchronously when the
 * process exits (SIGTERM's drain ends in process.exit); only a hard kill (SIGKILL, out of
 * memory) can lose the last lines.
 */
export function stdout(): DestinationStream {
  return pino.destination({ dest: 1, sync: false, minLength: STDOUT_BATCH_BYTES, periodicFlush: STDOUT_FLUSH_MS });
}

/** A logger that writes nothing (the default for apps built in tests). */
export const silentLogger: Logger = pino({ level: 'silent' });
