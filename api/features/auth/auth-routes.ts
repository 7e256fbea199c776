import { Router, type NextFunction, type Request, type Response } from 'express';
import { ApiError } from '../../errors.js';
import { identityOf } from '../../http/request.js';
import { requireUser } from './access.js';
import type { AuthService } from './auth-service.js';
import { validate } from '../../http/validate.js';

/** Refusals that say when to come back (lockout, busy) carry Retry-After in seconds. */
function retryAfterHeader(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  const seconds = error instanceof ApiError ? error.details.retryAfter : undefined;
  if (typeof seconds === 'number' && !res.headersSent) res.set('Retry-After', String(seconds));
  next(error);
}

/** Login is public, behind the per-IP and per-username throttles; the rest of /api/auth needs a token. */
export function loginRoute(auth: AuthService): Router {
  const router = Router();
  router.post('/auth/login', validate('POST /auth/login'), ...auth.throttle.middleware, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    res.json(await auth.login(body.username, body.password, req));
  });
  router.use('/auth/login', retryAfterHeader);
  return router;
}

export function authRoutes(auth: AuthService): Router {
  const router = Router();
  router.get('/auth/me', validate('GET /auth/me'), (_req, res) => {
    res.json(identityOf(res));
  });
  router.post('/auth/logout', validate('POST /auth/logout'), async (req, res) => {
    await auth.logout(identityOf(res), req);
    res.status(204).end();
  });
  // the caller's own password: {currentPassword, newPassword}; their other sessions end at once
  router.post('/auth/password', validate('POST /auth/password'), async (req, res) => {
    await auth.changeOwnPassword(identityOf(res), req.body as Record<string, unknown>, req);
    res.status(204).end();
  });
  // API tokens for systems that only evaluate: {name, townshipId?}; the token is shown once
  router.post('/auth/tokens', validate('POST /auth/tokens'), async (req, res) => {
    const identity = identityOf(res);
    requireUser(identity);
    res.status(201).json(await auth.createApiToken(identity, (req.body ?? {}) as Record<string, unknown>));
  });
  router.get('/auth/tokens', validate('GET /auth/tokens'), async (_req, res) => {
    const tokens = await auth.listApiTokens(identityOf(res));
    res.set('Content-Range', `tokens 0-${Math.max(tokens.length - 1, 0)}/${tokens.length}`).json(tokens);
  });
  router.delete('/auth/tokens/:id', validate('DELETE /auth/tokens/:id'), async (req, res) => {
    res.json(await auth.revokeApiToken(identityOf(res), Number(req.params.id)));
  });
  router.use('/auth/password', retryAfterHeader);
  return router;
}
