import { Router } from 'express';
import { MethodNotAllowedError } from '../../errors.js';
import { parseList, sendList } from '../../http/list.js';
import { expectedRevision, identityOf } from '../../http/request.js';
import type { PublishingService } from './publishing-service.js';
import { validate } from '../../http/validate.js';

/**
 * POST /packs/:id/publish (201 version, or 202 publish request) and the publish-requests
 * resource: list (react-admin), one request with its frozen review material, approve / reject /
 * withdraw.
 */
export function publishRequestsRoutes(publishing: PublishingService): Router {
  const router = Router();

  router.post('/packs/:id/publish', validate('POST /packs/:id/publish'), async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const result = await publishing.publish(identityOf(res), req.params.id, {
      revision: expectedRevision(req, body),
      effectiveFrom: body.effectiveFrom,
      basis: body.basis,
      bypassApproval: body.bypassApproval,
    });
    res.status(result.status === 'requested' ? 202 : 201).json(result);
  });

  router.get('/publish-requests', validate('GET /publish-requests'), async (req, res) => {
    const params = parseList(req);
    const { rows, total } = await publishing.list(identityOf(res), params);
    sendList(res, 'publish-requests', rows, total, params);
  });

  router.get('/publish-requests/:id', validate('GET /publish-requests/:id'), async (req, res) => {
    res.json(await publishing.get(identityOf(res), Number(req.params.id)));
  });

  router.post('/publish-requests/:id/approve', validate('POST /publish-requests/:id/approve'), async (req, res) => {
    res.json(await publishing.approve(identityOf(res), Number(req.params.id), req.body as Record<string, unknown>));
  });

  router.post('/publish-requests/:id/reject', validate('POST /publish-requests/:id/reject'), async (req, res) => {
    res.json(await publishing.reject(identityOf(res), Number(req.params.id), req.body as Record<string, unknown>));
  });

  router.post('/publish-requests/:id/withdraw', validate('POST /publish-requests/:id/withdraw'), async (req, res) => {
    res.json(await publishing.withdraw(identityOf(res), Number(req.params.id), req.body as Record<string, unknown>));
  });

  // requests are made by publishing and closed by reviews, never edited
  const readOnly = () => {
    throw new MethodNotAllowedError('publish-requests');
  };
  router.post('/publish-requests', validate('POST /publish-requests'), readOnly);
  router.put('/publish-requests/:id', validate('PUT /publish-requests/:id'), readOnly);
  router.delete('/publish-requests/:id', validate('DELETE /publish-requests/:id'), readOnly);
  return router;
}
