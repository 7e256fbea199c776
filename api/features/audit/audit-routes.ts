import { Router } from 'express';
import { ForbiddenError, MethodNotAllowedError, NotFoundError } from '../../errors.js';
import { parseList, sendList } from '../../http/list.js';
import { filterValues, identityOf } from '../../http/request.js';
import { authorizePack, readablePacks } from '../auth/access.js';
import { isAdmin } from '../auth/identity.js';
import type { PackCatalog } from '../packs/pack-catalog.js';
import type { AuditStore } from './audit-store.js';
import { validate } from '../../http/validate.js';

export function auditRoutes(store: AuditStore, catalog: PackCatalog): Router {
  const router = Router();
  router.get('/audit-events', validate('GET /audit-events'), async (req, res) => {
    const identity = identityOf(res);
    const params = parseList(req);
    const snapshot = await catalog.snapshot();
    for (const packId of filterValues(params.filter.packId) ?? [])
      if (snapshot.packs.has(packId)) authorizePack(identity, snapshot, packId, 'read');
    const township = filterValues(params.filter.townshipId);
    if (township && !isAdmin(identity) && township.some((t) => t !== identity.townshipId)) throw new ForbiddenError();
    const readable = readablePacks(identity, snapshot);
    const { rows, total } = await store.list(
      params,
      readable === null ? null : { packs: readable, townshipId: identity.townshipId },
    );
    sendList(res, 'audit-events', rows, total, params);
  });
  router.get('/audit-events/:id', validate('GET /audit-events/:id'), async (req, res) => {
    const identity = identityOf(res);
    const event = await store.get(Number(req.params.id));
    if (!event) throw new NotFoundError('audit event', req.params.id, '审计记录');
    if (!isAdmin(identity)) {
      const snapshot = await catalog.snapshot();
      if (event.packId) authorizePack(identity, snapshot, event.packId, 'read');
      else if (event.townshipId !== identity.townshipId) throw new ForbiddenError();
    }
    res.json(event);
  });
  const readOnly = () => {
    throw new MethodNotAllowedError('audit-events');
  };
  router.post('/audit-events', validate('POST /audit-events'), readOnly);
  router.put('/audit-events/:id', validate('PUT /audit-events/:id'), readOnly);
  router.delete('/audit-events/:id', validate('DELETE /audit-events/:id'), readOnly);
  return router;
}
