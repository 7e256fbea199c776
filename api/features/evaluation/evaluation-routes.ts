import type { Router } from 'express';
import { identityOf } from '../../http/request.js';
import { requireObject } from '../drafts/drafts-service.js';
import { parseEvaluationBody, type EvaluationService } from './evaluation-service.js';

/**
 * POST /api/packs/:id/evaluate (single, or batch with `items`) and /evaluate/batch: the hot path,
 * registered directly on the API router (no nested router) right after authentication.
 */
export function evaluationRoutes(router: Router, evaluation: EvaluationService): void {
  router.post('/packs/:id/evaluate', async (req, res) => {
    const { target, requests, batch } = parseEvaluationBody(req.body);
    const nearby = req.query.nearby === '1' || req.query.nearby === 'true';
    res.json(await evaluation.evaluate(identityOf(res), req.params.id, target, requests, batch, { nearby }));
  });

  router.post('/packs/:id/evaluate/batch', async (req, res) => {
    const body = requireObject(req.body);
    const { target, requests } = parseEvaluationBody({ ...body, items: body.items ?? [] });
    res.json(await evaluation.evaluate(identityOf(res), req.params.id, target, requests, true));
  });

}
