/**
 * Users: the admin manages everyone; a director sees the users of their township. Passwords are
 * write-only (scrypt hashes never leave the server). A change to a user takes effect on their
 * next request in every server process (AuthService.userChanged); a new password ends their
 * sessions and clears a lockout; the admin unlocks a locked account.
 *
 * The request's shape is checked against schemas/api/users.schema.json before it gets here;
 * this checks what a schema cannot: that the township exists, who may approve.
 */
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldError } from '../../errors.js';
import type { ListParams } from '../../http/list.js';
import { filterValues } from '../../http/request.js';
import type { AuditService } from '../audit/audit-service.js';
import { requireUser } from '../auth/access.js';
import type { AuthService } from '../auth/auth-service.js';
import { isAdmin, type Identity, type Role } from '../auth/identity.js';
import { hashPassword } from '../auth/passwords.js';
import type { TownshipsStore } from '../townships/townships-store.js';
import { userRecord, type UserRow, type UsersStore } from './users-store.js';

export type UserRecord = ReturnType<typeof userRecord>;

export interface UserCreate {
  username: string;
  password: string;
  role: Role;
  townshipId?: string | null;
  displayName?: string | null;
  canApprove?: boolean;
}

export interface UserUpdate {
  password?: string;
  role?: Role;
  townshipId?: string | null;
  displayName?: string | null;
  canApprove?: boolean;
}

function canSee(identity: Identity, townshipId: string | null): boolean {
  return (
    isAdmin(identity) || (identity.role === 'director' && townshipId !== null && townshipId === identity.townshipId)
  );
}

function adminOnly(identity: Identity): void {
  requireUser(identity);
  if (!isAdmin(identity)) throw new ForbiddenError('Only an admin manages users', '只有管理员可以管理用户');
}

export class UsersService {
  constructor(
    private readonly users: UsersStore,
    private readonly townships: TownshipsStore,
    private readonly audit: AuditService,
    private readonly auth: AuthService,
  ) {}

  private async withLock(row: UserRow): Promise<UserRecord> {
    return userRecord(row, (await this.auth.lockouts.lockedUntil([row.username])).get(row.username) ?? null);
  }

  private async row(id: string): Promise<UserRow> {
    const row = await this.users.get(Number(id));
    if (!row) throw new NotFoundError('user', id, '用户');
    return row;
  }

  /** The role, township and approval a user ends up with: the semantic rules a schema cannot state. */
  private async checkAssignment(
    role: Role,
    townshipId: string | null | undefined,
    canApprove: boolean | undefined,
    shapeErrors: FieldError[] = [],
  ): Promise<void> {
    const errors: FieldError[] = [];
    if (role !== 'admin' && typeof townshipId !== 'string')
      errors.push({
        path: '/townshipId',
        message: 'townshipId is required for this role',
        messageZh: '请指定用户所属乡镇',
      });
    if (canApprove === true && role === 'admin')
      errors.push({
        path: '/canApprove',
        message: 'admins are not approvers (they publish without approval with a stated reason)',
        messageZh: '管理员不作为审批人（可说明理由后不经审批直接发布）',
      });
    if (typeof townshipId === 'string' && !(await this.townships.get(townshipId)))
      errors.push({
        path: '/townshipId',
        message: `township ${townshipId} does not exist`,
        messageZh: `乡镇 ${townshipId} 不存在`,
      });
    // one problem per field, in the words written for people where the schema says the same
    const shown = new Set<string>();
    const distinct = [...errors, ...shapeErrors].filter((e) => !shown.has(e.path) && shown.add(e.path));
    if (distinct.length) throw new ValidationError(distinct);
  }

  async list(identity: Identity, params: ListParams): Promise<{ rows: UserRecord[]; total: number }> {
    requireUser(identity);
    if (!isAdmin(identity)) {
      if (identity.role !== 'director') throw new ForbiddenError();
      const asked = filterValues(params.filter.townshipId);
      if (asked && asked.some((x) => x !== identity.townshipId)) throw new ForbiddenError();
    }
    const { rows, total } = await this.users.list(params, isAdmin(identity) ? null : identity.townshipId);
    const locked = await this.auth.lockouts.lockedUntil(rows.map((r) => r.username));
    return { rows: rows.map((r) => userRecord(r, locked.get(r.username) ?? null)), total };
  }

  /** 姓名 of the caller's township's people and of the administrators, nothing else of them. */
  async names(identity: Identity): Promise<{ id: string; username: string; displayName: string }[]> {
    requireUser(identity);
    const names = await this.users.displayNames(isAdmin(identity) ? null : (identity.townshipId ?? '\u0000'));
    return [...names].map(([username, displayName]) => ({ id: username, username, displayName }));
  }

  async get(identity: Identity, id: string): Promise<UserRecord> {
    requireUser(identity);
    const row = await this.row(id);
    if (!canSee(identity, row.township_id) && row.id !== identity.userId) throw new ForbiddenError();
    return this.withLock(row);
  }

  /** `shapeErrors`: what the request schema refused, reported together with the assignment's problems. */
  async create(identity: Identity, body: UserCreate, shapeErrors: FieldError[] = []): Promise<UserRecord> {
    adminOnly(identity);
    await this.checkAssignment(body.role, body.townshipId, body.canApprove, shapeErrors);
    if (await this.users.findByUsername(body.username))
      throw new ConflictError(
        'USERNAME_TAKEN',
        `username ${body.username} is taken`,
        `用户名 ${body.username} 已被使用`,
      );
    const id = await this.users.insert({
      username: body.username,
      password_hash: await hashPassword(body.password),
      role: body.role,
      township_id: body.role === 'admin' ? null : (body.townshipId ?? null),
      display_name: body.displayName ?? null,
      can_approve: body.canApprove === true,
    });
    const record = userRecord((await this.users.get(id))!);
    await this.audit.record(identity, {
      action: 'user.create',
      resource: 'users',
      recordId: String(id),
      townshipId: record.townshipId,
      after: record,
    });
    return record;
  }

  async update(identity: Identity, id: string, body: UserUpdate): Promise<UserRecord> {
    adminOnly(identity);
    const row = await this.row(id);
    const role = body.role ?? (row.role as Role);
    // a township is checked when it is given, or when the new role needs one
    if (body.townshipId !== undefined || body.role !== undefined || body.canApprove !== undefined) {
      await this.checkAssignment(
        role,
        body.townshipId !== undefined ? body.townshipId : row.township_id,
        body.canApprove,
      );
    }
    const patch: Partial<UserRow> = {};
    const passwordChanged = typeof body.password === 'string' && body.password !== '';
    if (passwordChanged) patch.password_hash = await hashPassword(body.password!);
    if (body.role !== undefined) patch.role = body.role;
    if (body.townshipId !== undefined) patch.township_id = body.townshipId;
    if (body.displayName !== undefined) patch.display_name = body.displayName;
    if (body.canApprove !== undefined) patch.can_approve = body.canApprove;
    if (role === 'admin') {
      patch.township_id = null;
      patch.can_approve = false;
    }
    const record = await this.users.transaction(async (trx) => {
      await this.users.update(row.id, patch, trx);
      // a new password ends the user's sessions (an admin changing their own keeps this one)
      const revoked = await this.auth.userChanged(trx, row, {
        revokeSessions: passwordChanged,
        keepTokenId: row.id === identity.userId ? identity.tokenId : null,
        passwordChanged,
      });
      const updated = userRecord((await this.users.get(row.id, trx))!);
      await this.audit.record(
        identity,
        {
          action: 'user.update',
          resource: 'users',
          recordId: String(row.id),
          townshipId: updated.townshipId,
          before: userRecord(row),
          after: passwordChanged ? { ...updated, passwordChanged: true, revokedSessions: revoked } : updated,
        },
        trx,
      );
      return updated;
    });
    if (passwordChanged) await this.auth.forgetFailures(row.username);
    return record;
  }

  async remove(identity: Identity, id: string): Promise<UserRecord> {
    adminOnly(identity);
    const row = await this.row(id);
    if (row.id === identity.userId)
      throw new ConflictError('SELF_DELETE', 'You cannot delete yourself', '不能删除自己的账号');
    await this.users.transaction(async (trx) => {
      await this.auth.userChanged(trx, row, { revokeSessions: true });
      await this.users.remove(row.id, trx);
      await this.audit.record(
        identity,
        {
          action: 'user.delete',
          resource: 'users',
          recordId: String(row.id),
          townshipId: row.township_id,
          before: userRecord(row),
        },
        trx,
      );
    });
    return userRecord(row);
  }

  /** An account locked by failed sign-ins can sign in again at once. */
  async unlock(identity: Identity, id: string): Promise<UserRecord> {
    adminOnly(identity);
    const row = await this.row(id);
    const before = await this.withLock(row);
    await this.auth.lockouts.clear(row.username);
    await this.auth.forgetFailures(row.username);
    await this.audit.record(identity, {
      action: 'user.unlock',
      resource: 'users',
      recordId: String(row.id),
      townshipId: row.township_id,
      before: { lockedUntil: before.lockedUntil },
      after: { lockedUntil: null },
    });
    return userRecord(row);
  }
}
