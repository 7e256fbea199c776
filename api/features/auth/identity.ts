/** Who is calling: a signed-in user or a system holding an API token (evaluate only). */
export type Role = 'admin' | 'director' | 'tester' | 'viewer';
export const ROLES: Role[] = ['admin', 'director', 'tester', 'viewer'];

export interface Identity {
  kind: 'user' | 'api';
  userId?: number;
  tokenId: number;
  username: string;
  /** users have a Role; API tokens are 'system' */
  role: Role | 'system';
  /** null for the admin (and for API tokens an admin made for every township) */
  townshipId: string | null;
}

export function isAdmin(identity: Identity): boolean {
  return identity.role === 'admin';
}
