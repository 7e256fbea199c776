/**
 * ra-data-simple-rest over /api with the auth token. Draft rows (parameters, rules, fixtures,
 * sources) carry the pack draft's `revision`, which the API checks on every write (409 when
 * somebody else changed the draft in between).
 */
import simpleRestProvider from 'ra-data-simple-rest';
import type { DataProvider } from 'react-admin';
import { API_URL, httpClient } from './http';

const base = simpleRestProvider(API_URL, httpClient, 'Content-Range');

export const dataProvider: DataProvider = {
  ...base,
  // one request per record would be a storm for lists of references: the API's list filter
  // accepts {id: [...]}, which simple-rest's getMany already uses
};
