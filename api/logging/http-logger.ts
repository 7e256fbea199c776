/**
 * One log line per request when its response ends: request id, method, path, route, user,
 * status, duration, and the error code of a refused request. The request id comes from the
 * caller's X-Request-Id when it looks like one (a proxy's or another service's), otherwise
 * a fresh UUID, and is echoed in the response's X-Request-Id so a user can quote it.
 *
 * Levels: 5xx → error (with the stack, from the error handler), refusals that matter to
 * security (401, 403, 423 locked, 429) → warn, other requests → info, and the probes
 * (/api/health, /api/ready) and the UI's static files → debug, so they do not drown the log.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, Response } from 'express';
import { pinoHttp, type HttpLogger } from 'pino-http';
import type { Logger } from './logger.js';

const REQUEST_ID = /^[\w.:@-]{1,128}$/;
const SECURITY_STATUSES = new Set([401, 403, 423, 429]);
const PROBES = new Set(['/api/health', '/api/ready']);

/** The caller's X-Request-Id when it is a plain token, else a new one. */
export function requestIdOf(req: IncomingMessage): string {
  const header = req.headers['x-request-id'];
  return typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
}

function pathOf(req: IncomingMessage): string {
  const url = (req as Request).originalUrl ?? req.url ?? '';
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
}

/** What the log line says about the request beyond pino-http's own fields. */
function requestFacts(req: IncomingMessage, res: ServerResponse) {
  const locals = (res as Response).locals ?? {};
  const identity = locals.identity as { username?: string } | undefined;
  // the matched pattern (`/api/packs/:id/evaluate`): groups requests without carrying user text
  const route = (req as Request).route?.path;
  return {
    ...(identity?.username ? { user: identity.username } : {}),
    ...(typeof route === 'string' ? { route: `${(req as Request).baseUrl ?? ''}${route}` } : {}),
    ...(locals.errorCode ? { code: locals.errorCode } : {}),
  };
}

export function httpLogger(logger: Logger): HttpLogger {
  return pinoHttp({
    logger,
    genReqId: (req, res) => {
      const id = requestIdOf(req);
      res.setHeader('X-Request-Id', id);
      return id;
    },
    customLogLevel: (req, res, error) => {
      if (error || res.statusCode >= 500) return 'error';
      if (SECURITY_STATUSES.has(res.statusCode)) return 'warn';
      const path = pathOf(req);
      if (PROBES.has(path) || !path.startsWith('/api/')) return 'debug';
      return 'info';
    },
    customProps: requestFacts,
    customSuccessMessage: (req, res) => `${req.method} ${pathOf(req)} ${res.statusCode}`,
    customErrorMessage: (req, res) => `${req.method} ${pathOf(req)} ${res.statusCode} failed`,
    customAttributeKeys: { responseTime: 'ms' },
    // never the headers: they carry the bearer token
    serializers: {
      req: (req: { id: unknown; method: string; url: string; remoteAddress?: string }) => ({ id: req.id, method: req.method, url: req.url, ip: req.remoteAddress }),
      res: (res: { statusCode: number }) => ({ status: res.statusCode }),
    },
  });
}

