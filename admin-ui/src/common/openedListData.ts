/**
 * Signed in, the data the opened screen draws first is asked for while the shell's code is still
 * being parsed, and put in react-query's cache under the keys the screen's hooks will read: the
 * packs (every screen's menu and pack selector), and on 参数 the current pack's parameters and
 * clauses, both at once as soon as the packs are known. Without it each request waits for the
 * component that makes it, one after another (shell → packs → pack chosen → parameters).
 * The screen's hooks find the replies, or the requests still on their way, under the same keys; a
 * failed request is asked again by the screen when it mounts, which shows the error.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { DataProvider, Store } from 'react-admin';
import type { SessionUser } from '../providers/http';
import { chainOf, CURRENT_PACK_KEY, ownFirst, preferredPack, type PackRecord } from './packChoice';
import {
  clauseListParams,
  FIRST_DRAW_STALE_MS,
  listCacheEntry,
  listQueryKey,
  PACKS_LIST,
  parameterListParams,
  type ListParams,
} from './listQueries';

interface Boot {
  queryClient: QueryClient;
  dataProvider: DataProvider;
  store: Store;
  user: SessionUser | null;
}

/** A list through react-query: a hook mounting while it is on its way waits for this request. */
async function fetchList<T>({ queryClient, dataProvider }: Boot, resource: string, params: ListParams) {
  const reply = await queryClient.fetchQuery({
    queryKey: listQueryKey(resource, params),
    queryFn: () => dataProvider.getList(resource, params).then(listCacheEntry),
    staleTime: FIRST_DRAW_STALE_MS,
  });
  return reply.data as T[];
}

/** Start the requests of the list `list` opens; resolves when they are answered (or failed). */
export async function prefetchOpenedList(list: string, boot: Boot): Promise<void> {
  try {
    const packs = await fetchList<PackRecord>(boot, 'packs', PACKS_LIST);
    if (list !== 'parameters') return;
    const stored = boot.store.getItem<string>(CURRENT_PACK_KEY);
    const pack = packs.find((p) => p.id === stored) ?? preferredPack(ownFirst(packs, boot.user), boot.user);
    if (!pack) return;
    // the choice useCurrentPack would make once drawn, made now so the first draw has it
    if (pack.id !== stored) boot.store.setItem(CURRENT_PACK_KEY, pack.id);
    await Promise.all([
      fetchList(boot, 'parameters', parameterListParams(pack.id)),
      fetchList(boot, 'sources', clauseListParams(chainOf(packs, pack.id))),
    ]);
  } catch {
    // the screen's own request will report it
  }
}
