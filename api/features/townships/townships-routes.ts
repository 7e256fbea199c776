import { Router } from 'express';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors.js';
import { parseList, sendList } from '../../http/list.js';
import { filterValues, identityOf } from '../../http/request.js';
import type { AuditService } from '../audit/audit-service.js';
import { requireUser } from '../auth/access.js';
import { isAdmin, type Identity } from '../auth/identity.js';
import { requireObject, requireString } from '../drafts/drafts-service.js';
import { townshipRecord, type TownshipsStore } from './townships-store.js';

/** Townships: everyone reads their own; the admin manages them. */
export function townshipsRoutes(store: TownshipsStore, audit: AuditService): Router {
  const router = Router();
  const adminOnly = (identity: Identity) => {
    requireUser(identity);
    if (!isAdmin(identity)) throw new ForbiddenError('Only an admin manages townships', '只有管理员可以管理乡镇');
  };

  router.get('/townships', async (req, res) => {
    const identity = identityOf(res);
    requireUser(identity);
    const params = parseList(req);
    if (!isAdmin(identity)) {
      const asked = [...(filterValues(params.filter.id) ?? [])];
      if (asked.some((id) => id !== identity.townshipId)) throw new ForbiddenError();
    }
    const { rows, total } = await store.list(params, isAdmin(identity) ? null : identity.townshipId ? [identity.townshipId] : []);
    sendList(res, 'townships', rows.map(townshipRecord), total, params);
  });

  router.get('/townships/:id', async (req, res) => {
    const identity = identityOf(res);
    requireUser(identity);
    if (!isAdmin(identity) && req.params.id !== identity.townshipId) throw new ForbiddenError();
    const row = await store.get(req.params.id);
    if (!row) throw new NotFoundError('township', req.params.id, '乡镇');
    res.json(townshipRecord(row));
  });

  router.post('/townships', async (req, res) => {
    const identity = identityOf(res);
    adminOnly(identity);
    const body = requireObject(req.body);
    const id = requireString(body, 'id', '乡镇编号');
    if (!/^[a-z][a-z0-9-]{1,62}$/.test(id)) throw new ValidationError([{ path: '/id', message: 'id must be 2-63 lowercase letters, digits and dashes, starting with a letter', messageZh: '编号应以小写字母开头，只含小写字母、数字和连字符（2-63 位）' }]);
    const name = requireString(body, 'name', '乡镇名称');
    if (await store.get(id)) throw new ConflictError('TOWNSHIP_EXISTS', `township ${id} exists`, `乡镇 ${id} 已存在`);
    const level = typeof body.level === 'string' && body.level ? body.level : 'township';
    await store.insert({ id, name, level });
    const record = townshipRecord((await store.get(id))!);
    await audit.record(identity, { action: 'township.create', resource: 'townships', recordId: id, townshipId: id, after: record });
    res.status(201).json(record);
  });

  router.put('/townships/:id', async (req, res) => {
    const identity = identityOf(res);
    adminOnly(identity);
    const body = requireObject(req.body);
    const row = await store.get(req.params.id);
    if (!row) throw new NotFoundError('township', req.params.id, '乡镇');
    const patch: Record<string, string> = {};
    if (typeof body.name === 'string' && body.name) patch.name = body.name;
    if (typeof body.level === 'string' && body.level) patch.level = body.level;
    await store.update(row.id, patch);
    const record = townshipRecord((await store.get(row.id))!);
    await audit.record(identity, { action: 'township.update', resource: 'townships', recordId: row.id, townshipId: row.id, before: townshipRecord(row), after: record });
    res.json(record);
  });

  router.delete('/townships/:id', async (req, res) => {
    const identity = identityOf(res);
    adminOnly(identity);
    const row = await store.get(req.params.id);
    if (!row) throw new NotFoundError('township', req.params.id, '乡镇');
    if (await store.inUse(row.id)) throw new ConflictError('TOWNSHIP_IN_USE', `township ${row.id} still has packs or users`, `乡镇 ${row.id} 仍有规则包或用户，不能删除`);
    await store.remove(row.id);
    await audit.record(identity, { action: 'township.delete', resource: 'townships', recordId: row.id, townshipId: row.id, before: townshipRecord(row) });
    res.json(townshipRecord(row));
  });
  return router;
}
