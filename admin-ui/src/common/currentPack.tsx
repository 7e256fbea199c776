/**
 * The pack the user works on. Screens for parameters, rules, test cases, try it and publish are
 * about one pack; it is remembered in the react-admin store and chosen in the app bar. Directors
 * of one township start on their township's pack.
 */
import { useEffect, useMemo } from 'react';
import { MenuItem, TextField } from '@mui/material';
import { useGetList, useStore, useTranslate, usePermissions } from 'react-admin';
import type { SessionUser } from '../providers/http';
import { CURRENT_PACK_KEY, ownFirst, preferredPack, type PackRecord } from './packChoice';
import { FIRST_DRAW_STALE_MS, PACKS_LIST } from './listQueries';

export { chainOf, type PackRecord } from './packChoice';

export function useCurrentPackId(): [string | undefined, (id: string) => void] {
  const [packId, setPackId] = useStore<string | undefined>(CURRENT_PACK_KEY, undefined);
  return [packId, setPackId];
}

/** Readable packs, the user's own township first. */
export function usePacks() {
  const { permissions } = usePermissions<SessionUser>();
  const { data, isPending, error } = useGetList<PackRecord>('packs', PACKS_LIST, { staleTime: FIRST_DRAW_STALE_MS });
  // the same array while the packs are the same: screens draw from it, and an effect depends on it
  const packs = useMemo(() => (data ? ownFirst(data, permissions) : undefined), [data, permissions]);
  return { packs, isPending, error, user: permissions };
}

/** The current pack id, defaulting to the first pack of the user's township. */
export function useCurrentPack(): {
  packId?: string;
  pack?: PackRecord;
  packs?: PackRecord[];
  setPackId: (id: string) => void;
  isPending: boolean;
} {
  const [packId, setPackId] = useCurrentPackId();
  const { packs, isPending, user } = usePacks();
  const valid = packs?.find((p) => p.id === packId);
  useEffect(() => {
    const preferred = packs && !valid ? preferredPack(packs, user) : undefined;
    if (preferred) setPackId(preferred.id);
  }, [packs, valid, user, setPackId]);
  return { packId: valid ? packId : undefined, pack: valid, packs, setPackId, isPending };
}

export const PackSelector = ({ onChange }: { onChange?: (id: string) => void }) => {
  const translate = useTranslate();
  const { packId, packs, setPackId } = useCurrentPack();
  if (!packs || packs.length === 0) return null;
  return (
    <TextField
      select
      size="small"
      label={translate('app.currentPack')}
      value={packId ?? ''}
      onChange={(e) => {
        setPackId(e.target.value);
        onChange?.(e.target.value);
      }}
      fullWidth={false}
      sx={{ width: 420, maxWidth: '100%' }}
      data-testid="pack-selector"
    >
      {packs.map((p) => (
        <MenuItem key={p.id} value={p.id}>
          {p.name}
        </MenuItem>
      ))}
    </TextField>
  );
};

/** May the user change this pack (drafts: directors of its township; fixtures: testers too)? */
export function useCanEditPack(packId: string | undefined, what: 'draft' | 'fixtures' | 'publish' = 'draft'): boolean {
  const { permissions } = usePermissions<SessionUser>();
  const { packs } = usePacks();
  if (!permissions || !packId) return false;
  if (permissions.role === 'admin') return true;
  const pack = packs?.find((p) => p.id === packId);
  if (!pack || pack.townshipId !== permissions.townshipId) return false;
  if (permissions.role === 'director') return true;
  return what === 'fixtures' && permissions.role === 'tester';
}
