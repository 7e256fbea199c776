/**
 * What starts before the shell. The shell (react-admin, MUI: most of the first load) takes a
 * while to download and parse; signed in, the data the opened screen draws first is asked for
 * meanwhile, and 参数's own code downloads alongside. The query cache and the store are made here
 * and handed to <Admin>, so that the shell finds the replies where its hooks look.
 */
import { localStorageStore } from 'react-admin';
import { dataProvider } from './providers/dataProvider';
import { session } from './providers/http';
import { queryClient } from './providers/queryClient';
import { listOpenedBy } from './common/openedList';
import { prefetchOpenedList } from './common/openedListData';

// react-admin's default store, made here for the requests below
export const store = localStorageStore();
export { queryClient };

/** The lists whose first data the boot knows; 规则包 (packs) is the start page. */
const PREFETCHED_LISTS = ['packs', 'parameters'];

export function startFirstDraw(hash: string): void {
  if (!session.token()) return;
  const list = listOpenedBy(hash, PREFETCHED_LISTS);
  // every signed-in screen draws the menu, which needs the packs
  void prefetchOpenedList(list ?? 'packs', { queryClient, dataProvider, store, user: session.user() });
  // the same module parameters/index.ts loads lazily: one download
  if (list === 'parameters') void import('./parameters/ParameterList');
}
