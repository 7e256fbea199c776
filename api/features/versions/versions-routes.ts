import { Router } from 'express';
import { MethodNotAllowedError, NotFoundError } from '../../errors.js';
import { parseList, sendList } from '../../http/list.js';
import { filterValues, identityOf } from '../../http/request.js';
import { authorizePack, readablePacks } from '../auth/access.js';
import type { PackCatalog } from '../packs/pack-catalog.js';
import type { VersionsService } from './versions-service.js';
import { type VersionsStore } from './versions-store.js';
import { validate } from '../../http/validate.js';

function versionNumber(value: string, packId: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1) throw new NotFoundError('version', `${packId}:${value}`, '版本');
  return n;
}

/**
 * Versions are records `packId:version` whose content never changes; they come from publish and
 * rollback. What may change while a version is scheduled is its effective moment (re-date) or
 * whether it takes effect at all (cancel).
 */
export function versionsRoutes(store: VersionsStore, catalog: PackCatalog, versions: VersionsService): Router {
  const router = Router();

  // the pack's timeline, or with ?inForceOn=YYYY-MM-DD (or a moment) the version in force then
  router.get('/packs/:id/versions', validate('GET /packs/:id/versions'), async (req, res) => {
    const identity = identityOf(res);
    if (req.query.inForceOn !== undefined)
      res.json(await versions.inForceOn(identity, req.params.id, req.query.inForceOn));
    else res.json(await versions.timeline(identity, req.params.id));
  });

  // the draft's failing test cases its changed parameters moved (old → new outcome), and the rest
  router.get('/packs/:id/moved-cases', validate('GET /packs/:id/moved-cases'), async (req, res) => {
    res.json(await versions.movedCases(identityOf(res), req.params.id));
  });

  router.post(
    '/packs/:id/versions/:version/reschedule',
    validate('POST /packs/:id/versions/:version/reschedule'),
    async (req, res) => {
      res.json(
        await versions.reschedule(
          identityOf(res),
          req.params.id,
          versionNumber(req.params.version, req.params.id),
          req.body as Record<string, unknown>,
        ),
      );
    },
  );

  router.post(
    '/packs/:id/versions/:version/cancel',
    validate('POST /packs/:id/versions/:version/cancel'),
    async (req, res) => {
      res.json(
        await versions.cancel(
          identityOf(res),
          req.params.id,
          versionNumber(req.params.version, req.params.id),
          req.body as Record<string, unknown>,
        ),
      );
    },
  );

  router.post('/packs/:id/rollback', validate('POST /packs/:id/rollback'), async (req, res) => {
    res.status(201).json(await versions.rollback(identityOf(res), req.params.id, req.body as Record<string, unknown>));
  });

  router.get('/versions', validate('GET /versions'), async (req, res) => {
    const identity = identityOf(res);
    const params = parseList(req);
    const snapshot = await catalog.snapshot();
    const named = [
      ...(filterValues(params.filter.packId) ?? []),
      ...(filterValues(params.filter.id) ?? []).map((id) => id.slice(0, id.lastIndexOf(':'))),
    ];
    for (const packId of named) if (snapshot.packs.has(packId)) authorizePack(identity, snapshot, packId, 'read');
    const { rows, total } = await store.list(params, readablePacks(identity, snapshot));
    sendList(res, 'versions', rows, total, params);
  });
  router.get('/versions/:id', validate('GET /versions/:id'), async (req, res) => {
    const id = req.params.id;
    const i = id.lastIndexOf(':');
    const packId = id.slice(0, i);
    const version = Number(id.slice(i + 1));
    const snapshot = await catalog.snapshot();
    if (i <= 0 || !Number.isInteger(version)) throw new NotFoundError('version', id, '版本');
    authorizePack(identityOf(res), snapshot, packId, 'read');
    const row = await store.get(packId, version);
    if (!row) throw new NotFoundError('version', id, '版本');
    const [record] = await store.records([row]);
    res.json({ ...record, bundle: JSON.parse(row.bundle) });
  });
  const readOnly = () => {
    throw new MethodNotAllowedError('versions');
  };
  router.post('/versions', validate('POST /versions'), readOnly);
  router.put('/versions/:id', validate('PUT /versions/:id'), readOnly);
  router.delete('/versions/:id', validate('DELETE /versions/:id'), readOnly);
  return router;
}
