/** /api/townships: HTTP in and out; the rules live in TownshipsService, the shapes in schemas/api/townships.schema.json. */
import { Router } from 'express';
import { parseList, sendList } from '../../http/list.js';
import { identityOf } from '../../http/request.js';
import { validate } from '../../http/validate.js';
import type { TownshipCreate, TownshipsService, TownshipUpdate } from './townships-service.js';

export function townshipsRoutes(townships: TownshipsService): Router {
  const router = Router();

  router.get('/townships', validate('GET /townships'), async (req, res) => {
    const params = parseList(req);
    const { rows, total } = await townships.list(identityOf(res), params);
    sendList(res, 'townships', rows, total, params);
  });

  router.get('/townships/:id', validate('GET /townships/:id'), async (req, res) => {
    res.json(await townships.get(identityOf(res), req.params.id));
  });

  router.post('/townships', validate('POST /townships'), async (req, res) => {
    res.status(201).json(await townships.create(identityOf(res), req.body as TownshipCreate));
  });

  router.put('/townships/:id', validate('PUT /townships/:id'), async (req, res) => {
    res.json(await townships.update(identityOf(res), req.params.id, req.body as TownshipUpdate));
  });

  router.delete('/townships/:id', validate('DELETE /townships/:id'), async (req, res) => {
    res.json(await townships.remove(identityOf(res), req.params.id));
  });
  return router;
}
