/**
 * Who may do what, in one place. A user of a township reads that township's packs, their base
 * chain and the national packs every township builds on; directors edit and publish their township's packs; testers edit fixtures and run tests;
 * viewers read; API tokens only evaluate; admins do everything. Anything else is 403.
 */
import { ForbiddenError, NotFoundError } from '../../errors.js';
import { ancestorsOf, type CatalogSnapshot } from '../packs/pack-catalog.js';
import type { PackMeta } from '../packs/packs-store.js';
import { isAdmin, type Identity } from './identity.js';

export type PackAction =
  | 'read' // see the pack, its versions, draft and audit
  | 'evaluate' // evaluate a published version
  | 'editDraft' // parameters, rules, sources, manifest
  | 'editFixtures'
  | 'test' // run fixtures, lint, evaluate the draft
  | 'publish'; // publish, rollback, import

/** Pack ids this identity may read: null means all. */
export function readablePacks(identity: Identity, snapshot: CatalogSnapshot): string[] | null {
  if (isAdmin(identity) || (identity.role === 'system' && identity.townshipId === null)) return null;
  const own = [...snapshot.packs.values()].filter((p) => p.townshipId === identity.townshipId).map((p) => p.id);
  // national packs are the common base: any township may read them (and build on them)
  const national = [...snapshot.packs.values()].filter((p) => p.ownerLevel === 'national').map((p) => p.id);
  const all = new Set([...own, ...national]);
  for (const id of own) for (const a of ancestorsOf(snapshot.packs, id)) all.add(a);
  return [...all];
}

function deny(): never {
  throw new ForbiddenError(
    'This pack belongs to another township or you lack the role for this action',
    '该规则包属于其他乡镇，或您的角色无权执行此操作',
  );
}

/** The pack, after checking that `identity` may do `action` on it (404 if unknown, 403 if not allowed). */
export function authorizePack(
  identity: Identity,
  snapshot: CatalogSnapshot,
  packId: string,
  action: PackAction,
): PackMeta {
  const pack = snapshot.packs.get(packId);
  if (!pack) {
    // a non-admin must not learn which pack ids exist elsewhere, but an unknown id is still 404
    throw new NotFoundError('pack', packId, '规则包');
  }
  if (isAdmin(identity)) return pack;
  const readable = readablePacks(identity, snapshot);
  const canRead = readable === null || readable.includes(packId);
  if (!canRead) deny();
  const own = identity.townshipId !== null && pack.townshipId === identity.townshipId;
  switch (action) {
    case 'read':
      if (identity.role === 'system') deny();
      return pack;
    case 'evaluate':
      return pack;
    case 'editDraft':
    case 'publish':
      if (identity.role === 'director' && own) return pack;
      return deny();
    case 'editFixtures':
    case 'test':
      if ((identity.role === 'director' || identity.role === 'tester') && own) return pack;
      return deny();
  }
}

/** A township-level check (users, townships, creating packs). */
export function authorizeTownship(
  identity: Identity,
  townshipId: string | null | undefined,
  action: 'read' | 'manage' | 'createPack',
): void {
  if (isAdmin(identity)) return;
  if (identity.role === 'system') deny();
  if (!townshipId || townshipId !== identity.townshipId) deny();
  if (action === 'read') return;
  if (action === 'createPack' && identity.role === 'director') return;
  deny();
}

export function requireUser(identity: Identity): void {
  if (identity.kind !== 'user') throw new ForbiddenError('API tokens may only evaluate', 'API 令牌只能用于规则计算');
}
