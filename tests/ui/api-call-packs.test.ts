// @vitest-environment jsdom
/**
 * The packs list is kept fresh a few seconds for a first draw; a write through apiCall (an import,
 * a publish, a rescheduled version) makes it stale at once, so the next screen asks again.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiCall } from '../../admin-ui/src/providers/http';
import { queryClient } from '../../admin-ui/src/providers/queryClient';
import { listQueryKey, PACKS_LIST } from '../../admin-ui/src/common/listQueries';

const PACKS_KEY = listQueryKey('packs', PACKS_LIST);

function replyWith(body: unknown) {
  vi.stubGlobal(
    'fetch',
    vi.fn(
      async () => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } }),
    ),
  );
}

describe('apiCall and the cached packs list', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    queryClient.clear();
  });

  it('makes the packs list stale after a write', async () => {
    queryClient.setQueryData(PACKS_KEY, { data: [], total: 0 });
    replyWith({ created: true, pack: { id: 'new-pack' } });
    await apiCall('/packs/import', { body: { bundle: {} } });
    expect(queryClient.getQueryState(PACKS_KEY)?.isInvalidated).toBe(true);
  });

  it('leaves it alone after a read', async () => {
    queryClient.setQueryData(PACKS_KEY, { data: [], total: 0 });
    replyWith({ id: 'new-pack' });
    await apiCall('/packs/new-pack');
    expect(queryClient.getQueryState(PACKS_KEY)?.isInvalidated).toBe(false);
  });
});
