/**
 * Log in with POST /api/auth/login → Bearer token; permissions are the user's role and township.
 * 401 logs out; 403 stays logged in and shows the API's message (checkError throws
 * {logoutUser: false}). Menus follow canAccess.
 */
import type { AuthProvider } from 'react-admin';
import { API_URL, apiMessage, session, type SessionUser } from './http';

export type Role = SessionUser['role'];

/** What each role may do per resource (the API enforces the same; this only shapes menus). */
const WRITE_ROLES: Record<string, Role[]> = {
  packs: ['admin', 'director'],
  parameters: ['admin', 'director'],
  rules: ['admin', 'director'],
  sources: ['admin', 'director'],
  fixtures: ['admin', 'director', 'tester'],
  versions: ['admin', 'director'],
  users: ['admin'],
  townships: ['admin'],
  'audit-events': [],
};

const ADMIN_ONLY = new Set(['users', 'townships']);

export function canAccess(role: Role | undefined, resource: string, action: string): boolean {
  if (!role) return false;
  if (role === 'admin') return true;
  if (ADMIN_ONLY.has(resource)) return false;
  if (['list', 'show', 'read'].includes(action)) return true;
  if (resource === 'publish' || resource === 'rollback') return role === 'director';
  if (resource === 'test' || resource === 'tryit') return role === 'director' || role === 'tester' || action === 'read';
  return (WRITE_ROLES[resource] ?? []).includes(role);
}

export const authProvider: AuthProvider = {
  async login({ username, password }: { username: string; password: string }) {
    const response = await fetch(`${API_URL}/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(apiMessage(body, '登录失败'));
    const user = body.user as SessionUser;
    session.set(body.token, user);
  },
  async logout() {
    const token = session.token();
    session.clear();
    if (token) {
      await fetch(`${API_URL}/auth/logout`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } }).catch(
        () => undefined,
      );
    }
  },
  async checkAuth() {
    if (!session.token()) throw new Error('not logged in');
  },
  async checkError(error: { status?: number; message?: string }) {
    if (error?.status === 401) {
      session.clear();
      throw new Error('session expired');
    }
    if (error?.status === 403) {
      // forbidden is not logged out: show the message, keep the session
      throw { logoutUser: false, message: error.message };
    }
  },
  async getIdentity() {
    const user = session.user();
    if (!user) throw new Error('not logged in');
    return { id: user.id, fullName: user.displayName || user.username, role: user.role, townshipId: user.townshipId };
  },
  async getPermissions() {
    return session.user() ?? undefined;
  },
  async canAccess({ resource, action }: { resource: string; action: string }) {
    return canAccess(session.user()?.role, resource, action);
  },
};
