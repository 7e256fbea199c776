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

/**
 * stdout, written asynchronously: under load the lines that queue while one write is under way
 * go out together in the next (one write, and one wake-up of whatever reads the log, per batch
 * rather than per request). pino writes what is still queued synchronously when the process
 * exits; only a hard kill (SIGKILL, out of memory) can lose the last lines.
 */
function stdout(): DestinationStream {
  return pino.destination({ dest: 1, sync: false });
}

/** A logger that writes nothing (the default for apps built in tests). */
export const silentLogger: Logger = pino({ level: 'silent' });
