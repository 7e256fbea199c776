import type { Request, RequestHandler, Router } from 'express';
import { identityOf } from '../../http/request.js';
import { replyLanguage, sendReply } from './evaluation-reply.js';
import { parseEvaluationBody, type EvaluationService } from './evaluation-service.js';
import { validate } from '../../http/validate.js';

const NO_QUERY: Record<string, unknown> = Object.freeze({});

/** The query fields, parsed once: express's `req.query` parses the query string again at every read. */
function queryOf(req: Request): Record<string, unknown> {
  return req.url.includes('?') ? req.query : NO_QUERY;
}

/**
 * POST /api/packs/:id/evaluate (single, or batch with `items`) and /evaluate/batch: the hot path,
 * registered directly on the API router (no nested router), each route authenticated by the
 * API's own `authenticate` middleware first.
 */
export function evaluationRoutes(router: Router, evaluation: EvaluationService, authenticate: RequestHandler): void {
  router.post('/packs/:id/evaluate', authenticate, validate('POST /packs/:id/evaluate'), async (req, res) => {
    const query = queryOf(req);
    const lang = replyLanguage(req, query);
    const { target, requests, batch } = parseEvaluationBody(req.body);
    const nearby = query.nearby === '1' || query.nearby === 'true';
    const reply = await evaluation.evaluate(identityOf(res), req.params.id, target, requests, batch, lang, { nearby });
    sendReply(res, reply);
  });

  router.post(
    '/packs/:id/evaluate/batch',
    authenticate,
    validate('POST /packs/:id/evaluate/batch'),
    async (req, res) => {
      const lang = replyLanguage(req);
      const body = req.body as Record<string, unknown>;
      const { target, requests } = parseEvaluationBody({ ...body, items: body.items ?? [] });
      sendReply(res, await evaluation.evaluate(identityOf(res), req.params.id, target, requests, true, lang));
    },
  );
}
