/**
 * One log line per request when its response ends: request id, method, path, route, user,
 * status, duration, and the error code of a refused request. The request id comes from the
 * caller's X-Request-Id when it looks like one (a proxy's or another service's), otherwise
 * a fresh UUID, and is echoed in the response's X-Request-Id so a user can quote it.
 *
 * Levels: 5xx → error (with the stack, from the error handler), refusals that matter to
 * security (401, 403, 423 locked, 429) → warn, other requests → info, and the probes
 * (/api/health, /api/ready) and the UI's static files → debug, so they do not drown the log.
 *
 * Written on pino directly rather than through pino-http: pino-http serialises the request into
 * a child logger on arrival and builds the line's fields and message before asking whether the
 * level is on, for every request, logged or not. Here the line is built only when its level is
 * enabled, and `req.log` (a route's own events, bound to the request) only when a route uses it.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { Logger } from './logger.js';

const REQUEST_ID = /^[\w.:@-]{1,128}$/;
const SECURITY_STATUSES = new Set([401, 403, 423, 429]);
const PROBES = new Set(['/api/health', '/api/ready']);

type Level = 'error' | 'warn' | 'info' | 'debug';

declare module 'express-serve-static-core' {
  interface Request {
    /** this request's id (X-Request-Id) */
    id: string;
    /** a logger whose lines carry this request's id, method, url and address */
    log: Logger;
  }
}

const LOGGER = Symbol('request log');
const CHILD = Symbol('request child logger');
type LoggedRequest = Request & { [LOGGER]?: Logger; [CHILD]?: Logger };

/**
 * `req.log`, defined once on express's request prototype, not on each request: a getter
 * defined on a live object gives that object a hidden class of its own, which V8 keeps in the
 * old generation, and through it the request's objects survived every young-generation
 * collection until the next full one (long scavenges: p99, and CPU). Undefined for a request
 * httpLogger did not see.
 */
Object.defineProperty(express.request, 'log', {
  configurable: true,
  get(this: LoggedRequest) {
    const logger = this[LOGGER];
    return logger && (this[CHILD] ??= logger.child({ req: requestFields(this) }));
  },
});

/** The caller's X-Request-Id when it is a plain token, else a new one. */
export function requestIdOf(req: IncomingMessage): string {
  const header = req.headers['x-request-id'];
  return typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
}

function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
}

function levelOf(path: string, status: number, failed: boolean): Level {
  if (failed || status >= 500) return 'error';
  if (SECURITY_STATUSES.has(status)) return 'warn';
  if (PROBES.has(path) || !path.startsWith('/api/')) return 'debug';
  return 'info';
}

/** The request as the log shows it: never the headers, they carry the bearer token. */
function requestFields(req: Request) {
  return { id: req.id, method: req.method, url: req.originalUrl ?? req.url, ip: req.socket?.remoteAddress };
}

/**
 * The line of a finished (or aborted) response, written only when its level is enabled. Its
 * fields are built here from known values (no headers, no bodies), so it goes out through
 * `plain`, a child without the redaction pass; a line carrying an error (whose properties
 * nobody vetted) goes through the redacting logger.
 */
function logResponse(logger: Logger, plain: Logger, req: Request, res: Response, started: number): void {
  const error = (res as { err?: unknown }).err;
  const path = pathOf(req.originalUrl ?? req.url ?? '');
  const level = levelOf(path, res.statusCode, error !== undefined);
  if (!logger.isLevelEnabled(level)) return;
  const locals = res.locals ?? {};
  const identity = locals.identity as { username?: string } | undefined;
  // the matched pattern (`/api/packs/:id/evaluate`): groups requests without carrying user text
  const route = req.route?.path;
  const failed = level === 'error';
  (failed ? logger : plain)[level](
    {
      req: requestFields(req),
      ...(identity?.username ? { user: identity.username } : {}),
      ...(typeof route === 'string' ? { route: `${req.baseUrl ?? ''}${route}` } : {}),
      ...(locals.errorCode ? { code: locals.errorCode } : {}),
      res: { status: res.statusCode },
      ...(failed ? { err: error ?? new Error(`failed with status code ${res.statusCode}`) } : {}),
      ms: Date.now() - started,
    },
    `${req.method} ${path} ${res.statusCode}${failed ? ' failed' : ''}`,
  );
}

export function httpLogger(logger: Logger): RequestHandler {
  const plain = logger.child({}, { redact: [] });
  return (req: Request, res: Response, next: NextFunction) => {
    const started = Date.now();
    req.id = requestIdOf(req);
    res.setHeader('X-Request-Id', req.id);
    (req as LoggedRequest)[LOGGER] = logger;
    let logged = false;
    const done = () => {
      if (logged) return;
      logged = true;
      res.off('finish', done);
      res.off('close', done);
      logResponse(logger, plain, req, res, started);
    };
    res.on('finish', done);
    res.on('close', done);
    next();
  };
}
