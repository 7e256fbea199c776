import { Router } from 'express';
import { identityOf } from '../../http/request.js';
import { requireUser } from './access.js';
import type { AuthService } from './auth-service.js';

/** Login is public; the rest of /api/auth needs a token. */
export function loginRoute(auth: AuthService): Router {
  const router = Router();
  router.post('/auth/login', async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    res.json(await auth.login(body.username, body.password));
  });
  return router;
}

export function authRoutes(auth: AuthService): Router {
  const router = Router();
  router.get('/auth/me', (_req, res) => {
    res.json(identityOf(res));
  });
  router.post('/auth/logout', async (req, res) => {
    await auth.logout(identityOf(res), req);
    res.status(204).end();
  });
  // API tokens for systems that only evaluate: {name, townshipId?}; the token is shown once
  router.post('/auth/tokens', async (req, res) => {
    const identity = identityOf(res);
    requireUser(identity);
    res.status(201).json(await auth.createApiToken(identity, (req.body ?? {}) as Record<string, unknown>));
  });
  router.get('/auth/tokens', async (_req, res) => {
    const tokens = await auth.listApiTokens(identityOf(res));
    res.set('Content-Range', `tokens 0-${Math.max(tokens.length - 1, 0)}/${tokens.length}`).json(tokens);
  });
  router.delete('/auth/tokens/:id', async (req, res) => {
    res.json(await auth.revokeApiToken(identityOf(res), Number(req.params.id)));
  });
  return router;
}
