/** Packs by name: 「某县某镇干部管理规则包」, never `county-township-cadres` (the id stays for 显示编号). */
import { useCallback } from 'react';
import { usePacks } from './currentPack';

/** A function from a pack id to its name (the id itself only for a pack the user cannot read). */
export function usePackName(): (id: string | null | undefined) => string {
  const { packs } = usePacks();
  return useCallback((id) => (id ? (packs?.find((p) => p.id === id)?.name ?? id) : ''), [packs]);
}

/** 「第 3 版」, not 「v3」. */
export function versionLabel(version: number | string | null | undefined, locale = 'zh'): string {
  if (version === null || version === undefined || version === '') return '—';
  return locale === 'en' ? `v${version}` : `第 ${version} 版`;
}
