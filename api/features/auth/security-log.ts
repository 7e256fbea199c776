import type { Request } from 'express';

/**
 * Security events (failed sign-ins, lockouts, throttling) at warn level, through the request's
 * logger (logging/http-logger.ts attaches one to every request); without it they are still in the audit log.
 */
export function securityWarning(
  req: Request | undefined,
  event: Record<string, unknown> & { event: string },
  message: string,
): void {
  const log = (req as (Request & { log?: { warn(obj: object, msg: string): void } }) | undefined)?.log;
  log?.warn?.(event, message);
}
