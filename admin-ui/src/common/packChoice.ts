/**
 * Which pack a screen is about, as plain functions: the current pack's hooks (currentPack.tsx)
 * and the boot, which asks for the pack's data before React has drawn anything, choose alike.
 */
import type { SessionUser } from '../providers/http';

export interface PackRecord {
  id: string;
  name: string;
  townshipId: string;
  extends?: string | null;
  currentVersion?: number | null;
  latestVersion?: number | null;
  revision?: number;
  [key: string]: unknown;
}

/** Where the pack the user works on is kept in the react-admin store. */
export const CURRENT_PACK_KEY = 'rules.currentPack';

/** Packs, the user's own township first. */
export function ownFirst(packs: PackRecord[], user: SessionUser | null | undefined): PackRecord[] {
  const own = (p: PackRecord) => (user?.townshipId && p.townshipId === user.townshipId ? 0 : 1);
  return [...packs].sort((a, b) => own(a) - own(b));
}

/** The pack to start on: the user's township's own pack (one extending a base), else any such, else the first. */
export function preferredPack(packs: PackRecord[], user: SessionUser | null | undefined): PackRecord | undefined {
  return (
    packs.find((p) => user?.townshipId && p.townshipId === user.townshipId && p.extends) ??
    packs.find((p) => p.extends) ??
    packs[0]
  );
}

/** A pack and its bases, nearest first. */
export function chainOf(packs: PackRecord[] | undefined, packId: string | undefined): string[] {
  const result: string[] = [];
  let current: string | null | undefined = packId;
  while (current && !result.includes(current)) {
    result.push(current);
    current = packs?.find((p) => p.id === current)?.extends;
  }
  return result;
}
