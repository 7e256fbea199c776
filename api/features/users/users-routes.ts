/** /api/users: HTTP in and out; the rules live in UsersService, the shapes in schemas/api/users.schema.json. */
import { Router } from 'express';
import { parseList, sendList } from '../../http/list.js';
import { identityOf } from '../../http/request.js';
import { compileCheck, validate } from '../../http/validate.js';
import { operation } from '../../openapi/operations.js';
import type { UserCreate, UsersService, UserUpdate } from './users-service.js';

export function usersRoutes(users: UsersService): Router {
  const router = Router();

  router.get('/users', validate('GET /users'), async (req, res) => {
    const params = parseList(req);
    const { rows, total } = await users.list(identityOf(res), params);
    sendList(res, 'users', rows, total, params);
  });

  // 姓名 instead of login names wherever people appear (操作日志, 版本, 待审批)
  router.get('/users/names', validate('GET /users/names'), async (_req, res) => {
    res.json(await users.names(identityOf(res)));
  });

  router.get('/users/:id', validate('GET /users/:id'), async (req, res) => {
    res.json(await users.get(identityOf(res), req.params.id));
  });

  // the whole body is checked after the admin check and together with the township rules, so a
  // form shows every problem of one save on its field at once
  const shapeOfNewUser = compileCheck(operation('POST /users').body!);
  router.post('/users', validate('POST /users'), async (req, res) => {
    res.status(201).json(await users.create(identityOf(res), req.body as UserCreate, shapeOfNewUser(req.body)));
  });

  router.put('/users/:id', validate('PUT /users/:id'), async (req, res) => {
    res.json(await users.update(identityOf(res), req.params.id, req.body as UserUpdate));
  });

  router.delete('/users/:id', validate('DELETE /users/:id'), async (req, res) => {
    res.json(await users.remove(identityOf(res), req.params.id));
  });

  router.post('/users/:id/unlock', validate('POST /users/:id/unlock'), async (req, res) => {
    res.json(await users.unlock(identityOf(res), req.params.id));
  });
  return router;
}
