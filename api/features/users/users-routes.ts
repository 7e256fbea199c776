/**
 * Users: the admin manages everyone; a director sees the users of their township. Passwords are
 * write-only (scrypt hashes never leave the server). A change to a user takes effect on their
 * next request in every server process (AuthService.userChanged); a new password ends their
 * sessions and clears a lockout; the admin unlocks a locked account.
 */
import { Router } from 'express';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldError } from '../../errors.js';
import { parseList, sendList } from '../../http/list.js';
import { filterValues, identityOf } from '../../http/request.js';
import type { AuditService } from '../audit/audit-service.js';
import { requireUser } from '../auth/access.js';
import { passwordProblems, type AuthService } from '../auth/auth-service.js';
import { isAdmin, ROLES, type Identity, type Role } from '../auth/identity.js';
import { hashPassword } from '../auth/passwords.js';
import { requireObject } from '../drafts/drafts-service.js';
import type { TownshipsStore } from '../townships/townships-store.js';
import { userRecord, type UserRow, type UsersStore } from './users-store.js';

async function checkUserBody(body: Record<string, unknown>, townships: TownshipsStore, creating: boolean): Promise<void> {
  const errors: FieldError[] = [];
  if (creating && (typeof body.username !== 'string' || !/^[\w.@-]{2,100}$/.test(body.username))) errors.push({ path: '/username', message: 'username: 2-100 letters, digits, . _ @ -', messageZh: '用户名应为 2-100 个字母、数字或 . _ @ -' });
  if (creating || body.password !== undefined) errors.push(...passwordProblems(body.password, '/password'));
  if ((creating || body.role !== undefined) && !ROLES.includes(body.role as Role)) errors.push({ path: '/role', message: `role must be one of ${ROLES.join(', ')}`, messageZh: '角色应为 admin、director、tester 或 viewer' });
  const role = body.role as Role;
  if (role && role !== 'admin' && (creating || body.townshipId !== undefined) && typeof body.townshipId !== 'string') errors.push({ path: '/townshipId', message: 'townshipId is required for this role', messageZh: '请指定用户所属乡镇' });
  if (body.canApprove !== undefined && typeof body.canApprove !== 'boolean') errors.push({ path: '/canApprove', message: 'canApprove must be true or false', messageZh: '「可审批」应为是或否' });
  if (body.canApprove === true && role === 'admin') errors.push({ path: '/canApprove', message: 'admins are not approvers (they publish without approval with a stated reason)', messageZh: '管理员不作为审批人（可说明理由后不经审批直接发布）' });
  if (typeof body.townshipId === 'string' && !(await townships.get(body.townshipId))) errors.push({ path: '/townshipId', message: `township ${body.townshipId} does not exist`, messageZh: `乡镇 ${body.townshipId} 不存在` });
  if (errors.length) throw new ValidationError(errors);
}

function canSee(identity: Identity, townshipId: string | null): boolean {
  return isAdmin(identity) || (identity.role === 'director' && townshipId !== null && townshipId === identity.townshipId) ;
}

export function usersRoutes(users: UsersStore, townships: TownshipsStore, audit: AuditService, auth: AuthService): Router {
  const router = Router();
  const withLock = async (row: UserRow) => userRecord(row, (await auth.lockouts.lockedUntil([row.username])).get(row.username) ?? null);
  const adminOnly = (identity: Identity) => {
    requireUser(identity);
    if (!isAdmin(identity)) throw new ForbiddenError('Only an admin manages users', '只有管理员可以管理用户');
  };

  router.get('/users', async (req, res) => {
    const identity = identityOf(res);
    requireUser(identity);
    const params = parseList(req);
    if (!isAdmin(identity)) {
      if (identity.role !== 'director') throw new ForbiddenError();
      const t = filterValues(params.filter.townshipId);
      if (t && t.some((x) => x !== identity.townshipId)) throw new ForbiddenError();
    }
    const { rows, total } = await users.list(params, isAdmin(identity) ? null : identity.townshipId);
    const locked = await auth.lockouts.lockedUntil(rows.map((r) => r.username));
    sendList(res, 'users', rows.map((r) => userRecord(r, locked.get(r.username) ?? null)), total, params);
  });

  // 姓名 instead of login names wherever people appear (操作日志, 版本, 待审批): any signed-in user
  // may read the names of their township's people and of the administrators, nothing else of them
  router.get('/users/names', async (_req, res) => {
    const identity = identityOf(res);
    requireUser(identity);
    const names = await users.displayNames(isAdmin(identity) ? null : identity.townshipId ?? '\u0000');
    res.json([...names].map(([username, displayName]) => ({ id: username, username, displayName })));
  });

  router.get('/users/:id', async (req, res) => {
    const identity = identityOf(res);
    requireUser(identity);
    const row = await users.get(Number(req.params.id));
    if (!row) throw new NotFoundError('user', req.params.id, '用户');
    if (!canSee(identity, row.township_id) && row.id !== identity.userId) throw new ForbiddenError();
    res.json(await withLock(row));
  });

  router.post('/users', async (req, res) => {
    const identity = identityOf(res);
    adminOnly(identity);
    const body = requireObject(req.body);
    await checkUserBody(body, townships, true);
    if (await users.findByUsername(body.username as string)) throw new ConflictError('USERNAME_TAKEN', `username ${body.username} is taken`, `用户名 ${body.username} 已被使用`);
    const id = await users.insert({
      username: body.username as string, password_hash: await hashPassword(body.password as string), role: body.role as string,
      township_id: body.role === 'admin' ? null : (body.townshipId as string), display_name: typeof body.displayName === 'string' ? body.displayName : null,
      can_approve: body.canApprove === true,
    });
    const record = userRecord((await users.get(id))!);
    await audit.record(identity, { action: 'user.create', resource: 'users', recordId: String(id), townshipId: record.townshipId, after: record });
    res.status(201).json(record);
  });

  router.put('/users/:id', async (req, res) => {
    const identity = identityOf(res);
    adminOnly(identity);
    const body = requireObject(req.body);
    const row = await users.get(Number(req.params.id));
    if (!row) throw new NotFoundError('user', req.params.id, '用户');
    await checkUserBody({ role: row.role, ...body, password: body.password || undefined }, townships, false);
    const patch: Record<string, unknown> = {};
    const passwordChanged = typeof body.password === 'string' && body.password !== '';
    if (passwordChanged) patch.password_hash = await hashPassword(body.password as string);
    if (body.role !== undefined) patch.role = body.role;
    if (body.townshipId !== undefined) patch.township_id = body.townshipId;
    if (body.displayName !== undefined) patch.display_name = body.displayName;
    if (body.canApprove !== undefined) patch.can_approve = body.canApprove;
    if ((patch.role ?? row.role) === 'admin') {
      patch.township_id = null;
      patch.can_approve = false;
    }
    const record = await users.transaction(async (trx) => {
      await users.update(row.id, patch, trx);
      // a new password ends the user's sessions (an admin changing their own keeps this one)
      const revoked = await auth.userChanged(trx, row, { revokeSessions: passwordChanged, keepTokenId: row.id === identity.userId ? identity.tokenId : null, passwordChanged });
      const updated = userRecord((await users.get(row.id, trx))!);
      await audit.record(identity, {
        action: 'user.update', resource: 'users', recordId: String(row.id), townshipId: updated.townshipId, before: userRecord(row),
        after: passwordChanged ? { ...updated, passwordChanged: true, revokedSessions: revoked } : updated,
      }, trx);
      return updated;
    });
    if (passwordChanged) await auth.forgetFailures(row.username);
    res.json(record);
  });

  router.delete('/users/:id', async (req, res) => {
    const identity = identityOf(res);
    adminOnly(identity);
    const row = await users.get(Number(req.params.id));
    if (!row) throw new NotFoundError('user', req.params.id, '用户');
    if (row.id === identity.userId) throw new ConflictError('SELF_DELETE', 'You cannot delete yourself', '不能删除自己的账号');
    await users.transaction(async (trx) => {
      await auth.userChanged(trx, row, { revokeSessions: true });
      await users.remove(row.id, trx);
      await audit.record(identity, { action: 'user.delete', resource: 'users', recordId: String(row.id), townshipId: row.township_id, before: userRecord(row) }, trx);
    });
    res.json(userRecord(row));
  });

  // an account locked by failed sign-ins can sign in again at once
  router.post('/users/:id/unlock', async (req, res) => {
    const identity = identityOf(res);
    adminOnly(identity);
    const row = await users.get(Number(req.params.id));
    if (!row) throw new NotFoundError('user', req.params.id, '用户');
    const before = await withLock(row);
    await auth.lockouts.clear(row.username);
    await auth.forgetFailures(row.username);
    await audit.record(identity, { action: 'user.unlock', resource: 'users', recordId: String(row.id), townshipId: row.township_id, before: { lockedUntil: before.lockedUntil }, after: { lockedUntil: null } });
    res.json(userRecord(row));
  });
  return router;
}
