import { Router } from 'express';
import { MethodNotAllowedError } from '../../errors.js';
import { parseList, sendList } from '../../http/list.js';
import { expectedRevision, identityOf, setRevisionTag } from '../../http/request.js';
import type { VersionsService } from '../versions/versions-service.js';
import type { PacksService } from './packs-service.js';
import { validate } from '../../http/validate.js';

export function packsRoutes(packs: PacksService, versions: VersionsService): Router {
  const router = Router();

  router.get('/packs', validate('GET /packs'), async (req, res) => {
    const params = parseList(req);
    const { rows, total } = await packs.list(identityOf(res), params);
    sendList(res, 'packs', rows, total, params);
  });

  // create from base in one call: {id, name, townshipId, extends}
  router.post('/packs', validate('POST /packs'), async (req, res) => {
    res.status(201).json(await packs.create(identityOf(res), req.body as Record<string, unknown>));
  });

  router.post('/packs/import', validate('POST /packs/import'), async (req, res) => {
    const result = await packs.importBundle(identityOf(res), req.body, expectedRevision(req, req.body));
    res.status(result.created ? 201 : 200).json(result);
  });

  router.get('/packs/:id', validate('GET /packs/:id'), async (req, res) => {
    const record = await packs.get(identityOf(res), req.params.id);
    setRevisionTag(res, record.revision);
    res.json(record);
  });

  router.put('/packs/:id', validate('PUT /packs/:id'), async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const record = await packs.update(identityOf(res), req.params.id, body, expectedRevision(req, body));
    setRevisionTag(res, record.revision);
    res.json(record);
  });

  router.delete('/packs/:id', validate('DELETE /packs/:id'), async (req, res) => {
    res.json(await packs.remove(identityOf(res), req.params.id));
  });

  router.get('/packs/:id/export', validate('GET /packs/:id/export'), async (req, res) => {
    const which = typeof req.query.version === 'string' ? req.query.version : undefined;
    const { bundle, version } = await packs.exportBundle(identityOf(res), req.params.id, which);
    res.set('Content-Disposition', `attachment; filename="${req.params.id}-${version}.json"`);
    res.set('X-Pack-Version', version);
    res.json(bundle);
  });

  // the groups of the pack and its bases, with their names (for the rules screen and form)
  router.get('/packs/:id/groups', validate('GET /packs/:id/groups'), async (req, res) => {
    res.json(await packs.groups(identityOf(res), req.params.id));
  });

  router.get('/packs/:id/diff', validate('GET /packs/:id/diff'), async (req, res) => {
    const q = (name: string) => (typeof req.query[name] === 'string' ? (req.query[name] as string) : undefined);
    res.json(await versions.diff(identityOf(res), req.params.id, q('from'), q('to')));
  });

  for (const path of [
    '/packs/:id/publish',
    '/packs/:id/rollback',
    '/packs/:id/evaluate',
    '/packs/:id/test',
    '/packs/:id/lint',
  ]) {
    router.get(path, validate(`GET ${path}`), () => {
      throw new MethodNotAllowedError(path);
    });
  }
  return router;
}
