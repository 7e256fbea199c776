/**
 * The one HTTP client: fetchUtils.fetchJson with the Bearer token, and API errors turned into
 * HttpErrors whose message is the API's message in the user's language and whose body keeps the
 * JSON-pointer details (`errors: [{path, message, messageZh}]`).
 */
import { fetchUtils, HttpError } from 'react-admin';
import { queryClient } from './queryClient';

export const API_URL = '/api';
const TOKEN_KEY = 'rules.token';
const USER_KEY = 'rules.user';

export interface SessionUser {
  id: number;
  username: string;
  role: 'admin' | 'director' | 'tester' | 'viewer';
  townshipId: string | null;
  displayName?: string | null;
}

export const session = {
  token: (): string | null => localStorage.getItem(TOKEN_KEY),
  user: (): SessionUser | null => {
    const raw = localStorage.getItem(USER_KEY);
    try {
      return raw ? (JSON.parse(raw) as SessionUser) : null;
    } catch {
      return null;
    }
  },
  set(token: string, user: SessionUser) {
    localStorage.setItem(TOKEN_KEY, token);
    localStorage.setItem(USER_KEY, JSON.stringify(user));
  },
  clear() {
    localStorage.removeItem(TOKEN_KEY);
    localStorage.removeItem(USER_KEY);
  },
};

export function currentLocale(): 'zh' | 'en' {
  try {
    const stored = localStorage.getItem('RaStore.locale');
    if (stored && JSON.parse(stored) === 'en') return 'en';
  } catch {
    /* default */
  }
  return 'zh';
}

/** The API's error body. */
export interface ApiErrorBody {
  status?: number;
  code?: string;
  message?: string;
  messageZh?: string;
  errors?: { path: string; message: string; messageZh: string; file?: string; code?: string }[];
  [key: string]: unknown;
}

export function apiMessage(body: ApiErrorBody | undefined, fallback: string): string {
  if (!body) return fallback;
  return (currentLocale() === 'en' ? body.message : (body.messageZh ?? body.message)) ?? fallback;
}

/** What a failed call throws: react-admin's HttpError (status, the API's body) or a plain Error. */
export interface CallError {
  status?: number;
  message?: string;
  body?: ApiErrorBody;
}

/** Anything a `catch` or an `onError` receives, read as a call error. */
export function callError(error: unknown): CallError {
  return typeof error === 'object' && error !== null ? (error as CallError) : { message: String(error) };
}

/** The message of a failed call in the user's language: the API's own words when it sent some. */
export function errorMessage(error: unknown): string {
  const { body, message } = callError(error);
  return apiMessage(body, message ?? '');
}

export async function httpClient(url: string, options: fetchUtils.Options = {}) {
  const headers = new Headers(options.headers ?? { Accept: 'application/json' });
  const token = session.token();
  if (token) headers.set('Authorization', `Bearer ${token}`);
  try {
    // no-store: the API tags GET /packs/:id with the draft revision only, so a conditional
    // request after a publish would get 304 and the stale "version in force"
    return await fetchUtils.fetchJson(url, { cache: 'no-store', ...options, headers } as fetchUtils.Options);
  } catch (error) {
    if (error instanceof HttpError) {
      const body = error.body as ApiErrorBody | undefined;
      throw new HttpError(apiMessage(body, error.message), error.status, body);
    }
    throw error;
  }
}

/** JSON call to a non-REST route (publish, evaluate, test…). */
export async function apiCall<T = unknown>(
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<T> {
  const method = init.method ?? (init.body === undefined ? 'GET' : 'POST');
  const { json } = await httpClient(`${API_URL}${path}`, {
    method,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    headers: new Headers({ Accept: 'application/json', 'Content-Type': 'application/json', ...(init.headers ?? {}) }),
  });
  // a write here may import, publish or reschedule a pack: the packs list (kept fresh for a first
  // draw) is asked again, as react-admin does after its own writes
  if (method !== 'GET') void queryClient.invalidateQueries({ queryKey: ['packs'] });
  return json as T;
}

/** Field errors of a 422 (JSON pointer → message in the user's language). */
export function fieldErrors(error: unknown): { path: string; message: string }[] {
  const body = (error as HttpError | undefined)?.body as ApiErrorBody | undefined;
  const en = currentLocale() === 'en';
  // a form error from the dataProvider keeps the API's list as `fieldErrors`
  const list = Array.isArray(body?.fieldErrors)
    ? (body.fieldErrors as NonNullable<ApiErrorBody['errors']>)
    : Array.isArray(body?.errors)
      ? body.errors
      : [];
  return list.map((e) => ({ path: e.path, message: en ? e.message : (e.messageZh ?? e.message) }));
}
