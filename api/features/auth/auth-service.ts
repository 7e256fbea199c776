import type { Request } from 'express';
import type { Knex } from 'knex';
import type { LoginPolicy } from '../../config.js';
import type { ChangeSignal } from '../../db/change-signal.js';
import type { Db } from '../../db/knex.js';
import {
  ApiError,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
  ValidationError,
  fieldError,
  type FieldError,
} from '../../errors.js';
import type { AuditEntry } from '../audit/audit-store.js';
import type { AuditService } from '../audit/audit-service.js';
import type { UserRow, UsersStore } from '../users/users-store.js';
import type { AuthStore } from './auth-store.js';
import type { Identity, Role } from './identity.js';
import { loginThrottle, type LoginThrottle } from './login-throttle.js';
import { LockoutsStore } from './lockouts-store.js';
import { hashPassword, randomSecret, tokenDigest, verifyPassword, verifyUserPassword } from './passwords.js';
import { securityWarning } from './security-log.js';

/** The username is locked after repeated failures: refused even with the right password. */
export class AccountLockedError extends ApiError {
  constructor(lockedUntil: string) {
    const minutes = Math.max(1, Math.ceil((Date.parse(lockedUntil) - Date.now()) / 60_000));
    super(
      423,
      'ACCOUNT_LOCKED',
      `Too many failed sign-ins: this account is locked for ${minutes} more min; an admin can unlock it`,
      `登录失败次数过多，账户已锁定，请 ${minutes} 分钟后再试或联系管理员解锁`,
      { lockedUntil, retryAfter: minutes * 60 },
    );
  }
}

const MIN_PASSWORD = 8;
const MAX_PASSWORD = 200;

/** A new password's problems, as field errors at `path`. */
export function passwordProblems(password: unknown, path: string): FieldError[] {
  if (typeof password !== 'string' || password.length < MIN_PASSWORD)
    return [
      {
        path,
        message: `password must have at least ${MIN_PASSWORD} characters`,
        messageZh: `密码至少 ${MIN_PASSWORD} 位`,
      },
    ];
  if (password.length > MAX_PASSWORD)
    return [
      {
        path,
        message: `password must have at most ${MAX_PASSWORD} characters`,
        messageZh: `密码最多 ${MAX_PASSWORD} 位`,
      },
    ];
  return [];
}

export class AuthService {
  /**
   * Verified tokens (by the Authorization header that carried them), each with the auth generation read before it was verified. A cached
   * identity is used only while the generation is still the same. Every revocation, password
   * change, demotion or deletion bumps the generation in its own transaction, in whichever
   * process makes it. The generation is not read per request (see ChangeSignal): this process
   * sees its own bumps at commit, other processes on PostgreSQL by NOTIFY at once, on SQLite
   * within a second.
   */
  private readonly cache = new Map<string, { identity: Identity; generation: number; expiresAt: number }>();
  private readonly generation: ChangeSignal;
  readonly lockouts: LockoutsStore;
  readonly throttle: LoginThrottle;

  constructor(
    private readonly db: Db,
    private readonly store: AuthStore,
    private readonly users: UsersStore,
    private readonly audit: AuditService,
    private readonly sessionHours: number,
    private readonly policy: LoginPolicy,
  ) {
    this.generation = store.generationSignal;
    this.lockouts = new LockoutsStore(db);
    this.throttle = loginThrottle(policy);
  }

  async login(
    username: unknown,
    password: unknown,
    req?: Request,
  ): Promise<{ token: string; user: Record<string, unknown>; expiresAt: string }> {
    if (
      typeof username !== 'string' ||
      typeof password !== 'string' ||
      !username ||
      !password ||
      username.length > 100
    ) {
      throw new ValidationError([
        ...(typeof username === 'string' && username
          ? []
          : [{ path: '/username', message: 'required', messageZh: '请填写用户名' }]),
        ...(typeof username === 'string' && username.length > 100
          ? [{ path: '/username', message: 'at most 100 characters', messageZh: '用户名最多 100 个字符' }]
          : []),
        ...(typeof password === 'string' && password
          ? []
          : [{ path: '/password', message: 'required', messageZh: '请填写密码' }]),
      ]);
    }
    const lock = await this.lockouts.get(username);
    if (lock?.locked_until && lock.locked_until > new Date().toISOString()) {
      securityWarning(req, { event: 'login.locked', username, ip: req?.ip }, 'sign-in refused: account locked');
      throw new AccountLockedError(lock.locked_until);
    }
    const user = await this.users.findByUsername(username);
    // an unknown username costs the same scrypt as a known one
    if (!(await verifyUserPassword(password, user))) {
      await this.failedAttempt(username, user, 'login', req);
      throw new UnauthenticatedError('Wrong username or password', '用户名或密码错误');
    }
    if (lock) await this.lockouts.clear(username);
    const token = randomSecret(32);
    const expiresAt = new Date(Date.now() + this.sessionHours * 3600_000).toISOString();
    const tokenId = await this.store.insertToken({
      token_hash: tokenDigest(token),
      kind: 'session',
      user_id: user!.id,
      expires_at: expiresAt,
    });
    await this.auditAuth(
      { id: user!.id, name: user!.username },
      {
        action: 'auth.login',
        recordId: String(user!.id),
        townshipId: user!.township_id,
        after: { ip: req?.ip ?? null, tokenId },
      },
    );
    return {
      token,
      expiresAt,
      user: {
        id: user!.id,
        username: user!.username,
        role: user!.role,
        townshipId: user!.township_id,
        displayName: user!.display_name,
      },
    };
  }

  /** Count a failed password check for `username` (known or not), audit it, lock the name when it reaches the limit. */
  private async failedAttempt(
    username: string,
    user: UserRow | undefined,
    during: 'login' | 'passwordChange',
    req?: Request,
  ): Promise<void> {
    const { lockedUntil } = await this.lockouts.recordFailure(username, this.policy);
    const actor = { id: user?.id ?? null, name: username };
    await this.auditAuth(actor, {
      action: 'auth.loginFailed',
      recordId: user ? String(user.id) : null,
      townshipId: user?.township_id ?? null,
      after: { ip: req?.ip ?? null, during, knownUser: Boolean(user) },
    });
    securityWarning(req, { event: 'login.failed', username, during, ip: req?.ip }, 'sign-in failed');
    if (lockedUntil) {
      await this.auditAuth(actor, {
        action: 'auth.locked',
        recordId: user ? String(user.id) : null,
        townshipId: user?.township_id ?? null,
        after: { lockedUntil, ip: req?.ip ?? null },
      });
      securityWarning(
        req,
        { event: 'login.lockout', username, lockedUntil, ip: req?.ip },
        'account locked after repeated failed sign-ins',
      );
      // old rows of names nobody tries any more
      await this.lockouts.purge(new Date(Date.now() - 24 * 3600_000).toISOString());
      throw new AccountLockedError(lockedUntil);
    }
  }

  private auditAuth(
    actor: { id: number | null; name: string },
    entry: Omit<AuditEntry, 'resource'>,
    trx?: Knex.Transaction,
  ): Promise<void> {
    return this.audit.store.insert(actor, { resource: 'auth', ...entry }, trx);
  }

  /**
   * The identity of a token verified before, when nothing has changed since (same generation,
   * not expired), without waiting on anything; undefined when `authenticate` must answer.
   */
  cachedIdentity(req: Request): Identity | undefined {
    const header = req.headers.authorization;
    if (header === undefined) return undefined;
    const generation = this.generation.known();
    if (generation === undefined) return undefined;
    const cached = this.cache.get(header);
    return cached && cached.generation === generation && cached.expiresAt > Date.now() ? cached.identity : undefined;
  }

  /** Resolve `Authorization: Bearer <token>`; throws 401 when missing, unknown, expired or revoked. */
  async authenticate(req: Request): Promise<Identity> {
    const header = req.headers.authorization;
    const match = header && /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new UnauthenticatedError();
    const token = match[1];
    // known before verifying: a change committed after this bumps past it (see `cache`)
    const generation = await this.generation.current();
    const now = Date.now();
    // keyed by the header as sent, so that cachedIdentity finds it without parsing
    const cached = this.cache.get(header);
    if (cached && cached.generation === generation && cached.expiresAt > now) return cached.identity;
    const row = await this.store.findToken(tokenDigest(token));
    if (!row || row.revoked_at || (row.expires_at && Date.parse(row.expires_at) <= now)) {
      this.cache.delete(header);
      throw new UnauthenticatedError('Token is invalid or expired', '登录已失效，请重新登录');
    }
    let identity: Identity;
    if (row.kind === 'session') {
      if (!row.username) throw new UnauthenticatedError('Token is invalid or expired', '登录已失效，请重新登录');
      identity = {
        kind: 'user',
        tokenId: row.id,
        userId: row.user_id!,
        username: row.username,
        role: row.user_role as Role,
        townshipId: row.user_township_id ?? null,
      };
    } else {
      identity = {
        kind: 'api',
        tokenId: row.id,
        userId: row.user_id ?? undefined,
        username: `token:${row.name ?? row.id}`,
        role: 'system',
        townshipId: row.township_id ?? null,
      };
    }
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(header, { identity, generation, expiresAt: row.expires_at ? Date.parse(row.expires_at) : Infinity });
    return identity;
  }

  /** Server shutdown: stop listening for other processes' changes. */
  close(): Promise<void> {
    return this.generation.close();
  }

  async logout(identity: Identity, req: Request): Promise<void> {
    await this.db.transaction(async (trx) => {
      await this.store.revoke(identity.tokenId, trx);
      await this.store.bumpGeneration(trx);
      await this.auditAuth(
        { id: identity.userId ?? null, name: identity.username },
        {
          action: 'auth.logout',
          recordId: identity.userId ? String(identity.userId) : null,
          townshipId: identity.townshipId,
          after: { ip: req.ip ?? null, tokenId: identity.tokenId },
        },
        trx,
      );
    });
  }

  /** The caller changes their own password: the current one is required; their other sessions end at once. */
  async changeOwnPassword(identity: Identity, body: Record<string, unknown>, req?: Request): Promise<void> {
    if (identity.kind !== 'user' || identity.userId === undefined)
      throw new ForbiddenError('API tokens have no password', 'API 令牌没有密码');
    // the shape (both present, the new one 8-200 characters) is checked by schemas/api/auth.schema.json
    const { currentPassword, newPassword } = body as { currentPassword: string; newPassword: string };
    if (newPassword === currentPassword)
      throw fieldError('/newPassword', 'the new password must differ from the current one', '新密码不能与当前密码相同');
    const user = await this.users.get(identity.userId);
    if (!user) throw new UnauthenticatedError('Token is invalid or expired', '登录已失效，请重新登录');
    const lock = await this.lockouts.get(user.username);
    if (lock?.locked_until && lock.locked_until > new Date().toISOString())
      throw new AccountLockedError(lock.locked_until);
    if (!(await verifyPassword(currentPassword as string, user.password_hash))) {
      await this.failedAttempt(user.username, user, 'passwordChange', req);
      throw new ValidationError(
        [{ path: '/currentPassword', message: 'the current password is wrong', messageZh: '当前密码不正确' }],
        'Password not changed',
        '密码未修改',
        'WRONG_PASSWORD',
      );
    }
    const passwordHash = await hashPassword(newPassword as string);
    await this.db.transaction(async (trx) => {
      await this.users.update(user.id, { password_hash: passwordHash }, trx);
      const revoked = await this.userChanged(trx, user, { revokeSessions: true, keepTokenId: identity.tokenId });
      await this.auditAuth(
        { id: user.id, name: user.username },
        {
          action: 'auth.passwordChange',
          recordId: String(user.id),
          townshipId: user.township_id,
          after: { revokedSessions: revoked, ip: req?.ip ?? null },
        },
        trx,
      );
    });
  }

  /** The operator's reset from the command line: a new password, no lockout, every session ended. */
  async resetPassword(username: string, password: string): Promise<{ userId: number; revokedSessions: number }> {
    const problems = passwordProblems(password, '/password');
    if (problems.length) throw new ValidationError(problems);
    const user = await this.users.findByUsername(username);
    if (!user) throw new NotFoundError('user', username, '用户');
    const passwordHash = await hashPassword(password);
    const revokedSessions = await this.db.transaction(async (trx) => {
      await this.users.update(user.id, { password_hash: passwordHash }, trx);
      const revoked = await this.userChanged(trx, user, { revokeSessions: true, passwordChanged: true });
      await this.auditAuth(
        { id: null, name: 'reset-password (command line)' },
        {
          action: 'auth.passwordReset',
          recordId: String(user.id),
          townshipId: user.township_id,
          after: { username: user.username, revokedSessions: revoked },
        },
        trx,
      );
      return revoked;
    });
    return { userId: user.id, revokedSessions };
  }

  /**
   * Inside the transaction that changed a user (role, township, approval, password, deletion):
   * optionally end their sessions (all, or all but the caller's), and bump the auth generation
   * so every process verifies tokens again. A new password also clears a lockout.
   */
  async userChanged(
    trx: Knex.Transaction,
    user: Pick<UserRow, 'id' | 'username'>,
    options: { revokeSessions: boolean; keepTokenId?: number | null; passwordChanged?: boolean },
  ): Promise<number> {
    const revoked = options.revokeSessions
      ? await this.store.revokeSessionsOf(user.id, options.keepTokenId ?? null, trx)
      : 0;
    if (options.passwordChanged || options.revokeSessions) await this.lockouts.clear(user.username, trx);
    await this.store.bumpGeneration(trx);
    return revoked;
  }

  /** After an unlock or a password reset: forget the in-memory failure count of this process too. */
  forgetFailures(username: string): Promise<void> {
    return this.throttle.forgetAccount(username);
  }

  /** API tokens an admin (all) or a director (their township's) may see; never the secrets. */
  async listApiTokens(identity: Identity) {
    if (identity.kind !== 'user' || !(identity.role === 'admin' || identity.role === 'director'))
      throw new ForbiddenError();
    const rows = await this.store.listApiTokens(identity.role === 'admin' ? null : identity.townshipId);
    return rows.map((r) => ({ id: r.id, name: r.name, townshipId: r.township_id, createdAt: r.created_at }));
  }

  async revokeApiToken(identity: Identity, id: number) {
    const visible = await this.listApiTokens(identity);
    const token = visible.find((t) => t.id === id);
    if (!token) throw new NotFoundError('API token', id, 'API 令牌');
    await this.db.transaction(async (trx) => {
      await this.store.revoke(id, trx);
      await this.store.bumpGeneration(trx);
      await this.audit.record(
        identity,
        {
          action: 'token.revoke',
          resource: 'tokens',
          recordId: String(id),
          townshipId: token.townshipId,
          before: token,
          after: null,
        },
        trx,
      );
    });
    return token;
  }

  /** An API token for systems that only evaluate; shown once. */
  async createApiToken(
    identity: Identity,
    body: { name?: unknown; townshipId?: unknown },
  ): Promise<{ id: number; token: string; name: string; townshipId: string | null }> {
    if (identity.kind !== 'user' || !(identity.role === 'admin' || identity.role === 'director'))
      throw new ForbiddenError();
    const name = typeof body.name === 'string' && body.name ? body.name : 'api';
    let townshipId = identity.townshipId;
    if (identity.role === 'admin') townshipId = typeof body.townshipId === 'string' ? body.townshipId : null;
    else if (body.townshipId !== undefined && body.townshipId !== identity.townshipId) throw new ForbiddenError();
    const token = 'rt_' + randomSecret(32);
    const id = await this.store.insertToken({
      token_hash: tokenDigest(token),
      kind: 'api',
      user_id: identity.userId ?? null,
      name,
      role: 'system',
      township_id: townshipId,
    });
    await this.audit.record(identity, {
      action: 'token.create',
      resource: 'tokens',
      recordId: String(id),
      townshipId,
      after: { id, name, townshipId },
    });
    return { id, token, name, townshipId };
  }
}
