/**
 * The review list of rule proposals of a pack (drafted from its regulation document):
 *   GET  /packs/:id/proposals          → { packId, revision, proposals | null, blockers } (ETag = draft revision)
 *   PUT  /packs/:id/proposals          a ProposalSet (schemas/proposals.schema.json) replaces the list
 *   POST /packs/:id/proposals/edit     one edit: { action: 'status', proposal, status, tiers? }
 *                                      | { action: 'resolve', proposal, issue, choice }
 *                                      | { action: 'outcomes', proposal, tier, outcomes }
 *                                      | { action: 'decision', proposal, decision, fact }
 *                                      | { action: 'roleWord', proposal, tier, label, mapsTo?, labelEn? }
 *   POST /packs/:id/proposals/accept   confirmed tiers → rules with boundary fixtures
 * Writes take If-Match (or `revision`) like draft edits: a stale revision is 409.
 */
import { Router } from 'express';
import { expectedRevision, identityOf, setRevisionTag } from '../../http/request.js';
import type { OnboardingService } from './onboarding-service.js';
import { validate } from '../../http/validate.js';

export function onboardingRoutes(service: OnboardingService): Router {
  const router = Router();
  const send = (res: import('express').Response, view: { revision: number }) => {
    setRevisionTag(res, view.revision);
    res.json(view);
  };

  router.get('/packs/:id/proposals', validate('GET /packs/:id/proposals'), async (req, res) => {
    send(res, await service.get(identityOf(res), req.params.id));
  });

  router.put('/packs/:id/proposals', validate('PUT /packs/:id/proposals'), async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const { revision: _revision, ...set } = body;
    send(res, await service.replace(identityOf(res), req.params.id, set, expectedRevision(req, body)));
  });

  router.post('/packs/:id/proposals/edit', validate('POST /packs/:id/proposals/edit'), async (req, res) => {
    const body = req.body as Record<string, unknown>;
    send(res, await service.edit(identityOf(res), req.params.id, body, expectedRevision(req, body)));
  });

  router.post('/packs/:id/proposals/accept', validate('POST /packs/:id/proposals/accept'), async (req, res) => {
    const body = req.body as Record<string, unknown>;
    send(res, await service.accept(identityOf(res), req.params.id, expectedRevision(req, body)));
  });
  return router;
}
