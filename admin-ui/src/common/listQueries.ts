/**
 * The getList calls a screen's first draw needs, written once for the hooks that make them and
 * for the boot prefetch (openedListData.ts), which puts the replies in react-query's cache under
 * the key react-admin's useGetList will look for.
 */
import type { GetListResult, PaginationPayload, SortPayload } from 'react-admin';

export interface ListParams {
  pagination: PaginationPayload;
  sort: SortPayload;
  filter: Record<string, unknown>;
}

/**
 * Replies are fresh this long: the screens mounting one after another on a first draw (the menu,
 * the pack selector, every card naming its pack) share one request instead of each asking again.
 * React-admin's own writes and refresh() invalidate them at once.
 */
export const FIRST_DRAW_STALE_MS = 10_000;

/** Every readable pack (usePacks). */
export const PACKS_LIST: ListParams = {
  pagination: { page: 1, perPage: 200 },
  sort: { field: 'id', order: 'ASC' },
  filter: {},
};

/** 参数: every parameter of one pack, in id order. */
export const parameterListParams = (packId: string): ListParams => ({
  pagination: { page: 1, perPage: 500 },
  sort: { field: 'parameterId', order: 'ASC' },
  filter: { packId },
});

/** The clauses of a pack and its bases (useClauses). */
export const clauseListParams = (packIds: string[]): ListParams => ({
  pagination: { page: 1, perPage: 1000 },
  sort: { field: 'id', order: 'DESC' },
  filter: { packId: packIds },
});

/** The key useGetList (ra-core 5) caches a list under. */
export const listQueryKey = (resource: string, { pagination, sort, filter }: ListParams) => [
  resource,
  'getList',
  { pagination, sort, filter, meta: undefined },
];

/** What useGetList keeps in the cache for a reply. */
export const listCacheEntry = ({ data, total, pageInfo, meta }: GetListResult) => ({ data, total, pageInfo, meta });
