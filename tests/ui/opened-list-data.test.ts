/**
 * The boot's requests for the opened screen (admin-ui/src/common/openedListData): the packs, then
 * on 参数 the chosen pack's parameters and clauses at once, each reply in react-query's cache under
 * the key react-admin's useGetList reads.
 */
import { QueryClient } from '@tanstack/react-query';
import { memoryStore, type DataProvider, type GetListParams } from 'react-admin';
import { describe, expect, it } from 'vitest';
import { prefetchOpenedList } from '../../admin-ui/src/common/openedListData';
import { CURRENT_PACK_KEY } from '../../admin-ui/src/common/packChoice';
import { listQueryKey, parameterListParams, clauseListParams, PACKS_LIST } from '../../admin-ui/src/common/listQueries';
import type { SessionUser } from '../../admin-ui/src/providers/http';

const PACKS = [
  { id: 'base', name: '基础', townshipId: 'county' },
  { id: 'other-duty', name: '乙镇', townshipId: 'town-b', extends: 'base' },
  { id: 'mine-duty', name: '甲镇', townshipId: 'town-a', extends: 'base' },
];
const DIRECTOR: SessionUser = { id: 2, username: 'director', role: 'director', townshipId: 'town-a' };

/** A dataProvider whose getList replies only when the test says so; what it was asked, in order. */
function heldProvider() {
  const asked: { resource: string; params: GetListParams; reply: (data: unknown[]) => void }[] = [];
  const dataProvider = {
    getList: (resource: string, params: GetListParams) =>
      new Promise((resolve) =>
        asked.push({ resource, params, reply: (data) => resolve({ data, total: data.length }) }),
      ),
  } as unknown as DataProvider;
  return { asked, dataProvider };
}

/** A store as <Admin> has it once set up (the boot's is localStorageStore, usable at once). */
function readyStore(initial: Record<string, unknown> = {}) {
  const store = memoryStore(initial);
  store.setup();
  return store;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('prefetchOpenedList', () => {
  it('on 参数 asks for the own pack’s parameters and clauses together once the packs are known', async () => {
    const { asked, dataProvider } = heldProvider();
    const queryClient = new QueryClient();
    const store = readyStore();
    const done = prefetchOpenedList('parameters', { queryClient, dataProvider, store, user: DIRECTOR });
    await settle();
    expect(asked.map((a) => a.resource)).toEqual(['packs']);
    asked[0].reply(PACKS);
    await settle();
    // both on their way before either has answered
    expect(asked.map((a) => a.resource)).toEqual(['packs', 'parameters', 'sources']);
    expect(asked[1].params).toMatchObject(parameterListParams('mine-duty'));
    expect(asked[2].params).toMatchObject(clauseListParams(['mine-duty', 'base']));
    expect(store.getItem(CURRENT_PACK_KEY)).toBe('mine-duty');
    asked[1].reply([{ id: 'mine-duty:leave.days', value: 5 }]);
    asked[2].reply([]);
    await done;
    expect(queryClient.getQueryData(listQueryKey('packs', PACKS_LIST))).toMatchObject({ data: PACKS, total: 3 });
    expect(queryClient.getQueryData(listQueryKey('parameters', parameterListParams('mine-duty')))).toMatchObject({
      data: [{ id: 'mine-duty:leave.days', value: 5 }],
      total: 1,
    });
  });

  it('keeps the pack the user chose before', async () => {
    const { asked, dataProvider } = heldProvider();
    const store = readyStore({ [CURRENT_PACK_KEY]: 'other-duty' });
    void prefetchOpenedList('parameters', { queryClient: new QueryClient(), dataProvider, store, user: DIRECTOR });
    await settle();
    asked[0].reply(PACKS);
    await settle();
    expect(asked[1].params.filter).toEqual({ packId: 'other-duty' });
    expect(store.getItem(CURRENT_PACK_KEY)).toBe('other-duty');
  });

  it('asks only for the packs on other screens', async () => {
    const { asked, dataProvider } = heldProvider();
    const done = prefetchOpenedList('rules', {
      queryClient: new QueryClient(),
      dataProvider,
      store: readyStore(),
      user: DIRECTOR,
    });
    await settle();
    asked[0].reply(PACKS);
    await done;
    expect(asked.map((a) => a.resource)).toEqual(['packs']);
  });

  it('leaves a failed request to the screen, which asks again and shows the error', async () => {
    const queryClient = new QueryClient();
    const dataProvider = { getList: () => Promise.reject(new Error('401')) } as unknown as DataProvider;
    await expect(
      prefetchOpenedList('parameters', { queryClient, dataProvider, store: readyStore(), user: DIRECTOR }),
    ).resolves.toBeUndefined();
    expect(queryClient.getQueryData(listQueryKey('packs', PACKS_LIST))).toBeUndefined();
  });
});
