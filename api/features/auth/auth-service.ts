import type { Request } from 'express';
import { ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from '../../errors.js';
import type { AuditService } from '../audit/audit-service.js';
import type { UsersStore } from '../users/users-store.js';
import type { AuthStore } from './auth-store.js';
import type { Identity, Role } from './identity.js';
import { randomSecret, tokenDigest, verifyPassword } from './passwords.js';

/** Verified tokens are remembered this long, so revocation takes effect within this time. */
const TOKEN_CACHE_MS = 10_000;

export class AuthService {
  private readonly cache = new Map<string, { identity: Identity; until: number; expiresAt: number }>();

  constructor(
    private readonly store: AuthStore,
    private readonly users: UsersStore,
    private readonly audit: AuditService,
    private readonly sessionHours: number,
  ) {}

  async login(username: unknown, password: unknown): Promise<{ token: string; user: Record<string, unknown>; expiresAt: string }> {
    if (typeof username !== 'string' || typeof password !== 'string' || !username || !password) {
      throw new ValidationError([
        ...(typeof username === 'string' && username ? [] : [{ path: '/username', message: 'required', messageZh: '请填写用户名' }]),
        ...(typeof password === 'string' && password ? [] : [{ path: '/password', message: 'required', messageZh: '请填写密码' }]),
      ]);
    }
    const user = await this.users.findByUsername(username);
    if (!user || !(await verifyPassword(password, user.password_hash))) {
      throw new UnauthenticatedError('Wrong username or password', '用户名或密码错误');
    }
    const token = randomSecret(32);
    const expiresAt = new Date(Date.now() + this.sessionHours * 3600_000).toISOString();
    await this.store.insertToken({ token_hash: tokenDigest(token), kind: 'session', user_id: user.id, expires_at: expiresAt });
    return { token, expiresAt, user: { id: user.id, username: user.username, role: user.role, townshipId: user.township_id } };
  }

  /** Resolve `Authorization: Bearer <token>`; throws 401 when missing, unknown, expired or revoked. */
  async authenticate(req: Request): Promise<Identity> {
    const header = req.headers.authorization;
    const match = header && /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new UnauthenticatedError();
    const token = match[1];
    const now = Date.now();
    const cached = this.cache.get(token);
    if (cached && cached.until > now && cached.expiresAt > now) return cached.identity;
    const row = await this.store.findToken(tokenDigest(token));
    if (!row || row.revoked_at || (row.expires_at && Date.parse(row.expires_at) <= now)) {
      this.cache.delete(token);
      throw new UnauthenticatedError('Token is invalid or expired', '登录已失效，请重新登录');
    }
    let identity: Identity;
    if (row.kind === 'session') {
      if (!row.username) throw new UnauthenticatedError('Token is invalid or expired', '登录已失效，请重新登录');
      identity = { kind: 'user', tokenId: row.id, userId: row.user_id!, username: row.username, role: row.user_role as Role, townshipId: row.user_township_id ?? null };
    } else {
      identity = { kind: 'api', tokenId: row.id, userId: row.user_id ?? undefined, username: `token:${row.name ?? row.id}`, role: 'system', townshipId: row.township_id ?? null };
    }
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(token, { identity, until: now + TOKEN_CACHE_MS, expiresAt: row.expires_at ? Date.parse(row.expires_at) : Infinity });
    return identity;
  }

  async logout(identity: Identity, req: Request): Promise<void> {
    await this.store.revoke(identity.tokenId);
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (token) this.cache.delete(token);
  }

  /** API tokens an admin (all) or a director (their township's) may see; never the secrets. */
  async listApiTokens(identity: Identity) {
    if (identity.kind !== 'user' || !(identity.role === 'admin' || identity.role === 'director')) throw new ForbiddenError();
    const rows = await this.store.listApiTokens(identity.role === 'admin' ? null : identity.townshipId);
    return rows.map((r: any) => ({ id: r.id, name: r.name, townshipId: r.township_id, createdAt: r.created_at }));
  }

  async revokeApiToken(identity: Identity, id: number) {
    const visible = await this.listApiTokens(identity);
    const token = visible.find((t) => t.id === id);
    if (!token) throw new NotFoundError('API token', id, 'API 令牌');
    await this.store.revoke(id);
    // cached verifications of this token expire within TOKEN_CACHE_MS
    for (const [key, entry] of this.cache) if (entry.identity.tokenId === id) this.cache.delete(key);
    await this.audit.record(identity, { action: 'token.revoke', resource: 'tokens', recordId: String(id), townshipId: token.townshipId, before: token, after: null });
    return token;
  }

  /** An API token for systems that only evaluate; shown once. */
  async createApiToken(identity: Identity, body: { name?: unknown; townshipId?: unknown }): Promise<{ id: number; token: string; name: string; townshipId: string | null }> {
    if (identity.kind !== 'user' || !(identity.role === 'admin' || identity.role === 'director')) throw new ForbiddenError();
    const name = typeof body.name === 'string' && body.name ? body.name : 'api';
    let townshipId = identity.townshipId;
    if (identity.role === 'admin') townshipId = typeof body.townshipId === 'string' ? body.townshipId : null;
    else if (body.townshipId !== undefined && body.townshipId !== identity.townshipId) throw new ForbiddenError();
    const token = 'rt_' + randomSecret(32);
    const id = await this.store.insertToken({ token_hash: tokenDigest(token), kind: 'api', user_id: identity.userId ?? null, name, role: 'system', township_id: townshipId });
    await this.audit.record(identity, { action: 'token.create', resource: 'tokens', recordId: String(id), townshipId, after: { id, name, townshipId } });
    return { id, token, name, townshipId };
  }
}
