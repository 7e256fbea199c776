/** Which list the address opens, so that its screen downloads while the shell boots. */
import { describe, expect, it } from 'vitest';
import { listOpenedBy } from '../../admin-ui/src/common/openedList';

const RESOURCES = ['packs', 'parameters', 'publish-requests'];

describe('listOpenedBy', () => {
  it('names the list of #/name, with or without a query or a trailing slash', () => {
    expect(listOpenedBy('#/parameters', RESOURCES)).toBe('parameters');
    expect(listOpenedBy('#/parameters/', RESOURCES)).toBe('parameters');
    expect(listOpenedBy('#/publish-requests?filter=%7B%22awaitingMe%22%3Atrue%7D', RESOURCES)).toBe('publish-requests');
  });

  it('takes the first resource for the start page', () => {
    expect(listOpenedBy('', RESOURCES)).toBe('packs');
    expect(listOpenedBy('#/', RESOURCES)).toBe('packs');
  });

  it('names nothing for a record, a custom page, the login or an unknown name', () => {
    expect(listOpenedBy('#/parameters/p1', RESOURCES)).toBeUndefined();
    expect(listOpenedBy('#/try/county-township-cadres', RESOURCES)).toBeUndefined();
    expect(listOpenedBy('#/login', RESOURCES)).toBeUndefined();
    expect(listOpenedBy('#/constructor', RESOURCES)).toBeUndefined();
  });
});
