import { Router } from 'express';
import { MethodNotAllowedError, NotFoundError } from '../../errors.js';
import { parseList, sendList } from '../../http/list.js';
import { filterValues, identityOf } from '../../http/request.js';
import { authorizePack, readablePacks } from '../auth/access.js';
import type { PackCatalog } from '../packs/pack-catalog.js';
import { versionRecord, type VersionsStore } from './versions-store.js';

/** Versions are read-only records `packId:version`; they change only by publish and rollback. */
export function versionsRoutes(store: VersionsStore, catalog: PackCatalog): Router {
  const router = Router();
  router.get('/versions', async (req, res) => {
    const identity = identityOf(res);
    const params = parseList(req);
    const snapshot = await catalog.snapshot();
    const named = [...(filterValues(params.filter.packId) ?? []), ...(filterValues(params.filter.id) ?? []).map((id) => id.slice(0, id.lastIndexOf(':')))];
    for (const packId of named) if (snapshot.packs.has(packId)) authorizePack(identity, snapshot, packId, 'read');
    const { rows, total } = await store.list(params, readablePacks(identity, snapshot));
    sendList(res, 'versions', rows, total, params);
  });
  router.get('/versions/:id', async (req, res) => {
    const id = req.params.id;
    const i = id.lastIndexOf(':');
    const packId = id.slice(0, i);
    const version = Number(id.slice(i + 1));
    const snapshot = await catalog.snapshot();
    if (i <= 0 || !Number.isInteger(version)) throw new NotFoundError('version', id, '版本');
    authorizePack(identityOf(res), snapshot, packId, 'read');
    const row = await store.get(packId, version);
    if (!row) throw new NotFoundError('version', id, '版本');
    res.json(versionRecord(row, true));
  });
  const readOnly = () => { throw new MethodNotAllowedError('versions'); };
  router.post('/versions', readOnly);
  router.put('/versions/:id', readOnly);
  router.delete('/versions/:id', readOnly);
  return router;
}
