/**
 * Files to and from the API (spreadsheets, exports): fetch with the Bearer token, errors as
 * FileRequestErrors carrying the API's JSON body, downloads saved under the name the API gives in
 * `Content-Disposition` (RFC 5987 `filename*=UTF-8''…`, else `filename="…"`).
 */
import { API_URL, apiMessage, session, type ApiErrorBody } from '../providers/http';
import type { SheetProblem } from '../../../engine/sheets/wire.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export class FileRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly body?: ApiErrorBody,
  ) {
    super(message);
  }
}

/** The file name of a `Content-Disposition` header: `filename*` (UTF-8, percent-encoded) first. */
export function fileNameFromDisposition(header: string | null | undefined, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[2].trim().replace(/^"|"$/g, ''));
    } catch {
      /* a malformed escape: fall back to the plain name */
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(header);
  if (plain) return (plain[2] ?? plain[1]).trim() || fallback;
  return fallback;
}

/** The draft revision of an ETag (`"7"`, `W/"7"`); undefined when there is none. */
export function etagRevision(etag: string | null | undefined): number | undefined {
  const match = /^(?:W\/)?"?(\d+)"?$/.exec((etag ?? '').trim());
  return match ? Number(match[1]) : undefined;
}

/** The problems of a SHEET_INVALID reply (an empty list for any other body). */
export function sheetProblems(body: unknown): SheetProblem[] {
  const problems = (body as { problems?: unknown } | undefined)?.problems;
  return Array.isArray(problems) ? (problems as SheetProblem[]) : [];
}

/** Query string of a list export: react-admin's current filter and sort, as the list API reads them. */
export function listExportQuery(
  format: 'xlsx' | 'csv',
  filter: Record<string, unknown>,
  sort?: { field: string; order: string },
): string {
  const params = new URLSearchParams({ format });
  const kept = Object.fromEntries(
    Object.entries(filter ?? {}).filter(([, v]) => v !== undefined && v !== null && v !== ''),
  );
  if (Object.keys(kept).length > 0) params.set('filter', JSON.stringify(kept));
  if (sort?.field) params.set('sort', JSON.stringify([sort.field, sort.order === 'ASC' ? 'ASC' : 'DESC']));
  return params.toString();
}

async function errorOf(response: Response): Promise<FileRequestError> {
  const body = (await response.json().catch(() => undefined)) as ApiErrorBody | undefined;
  return new FileRequestError(apiMessage(body, `${response.status} ${response.statusText}`), response.status, body);
}

function authHeaders(extra: Record<string, string> = {}): Headers {
  const headers = new Headers(extra);
  const token = session.token();
  if (token) headers.set('Authorization', `Bearer ${token}`);
  return headers;
}

/** GET a file from the API (path under /api). */
export async function fetchFile(
  path: string,
  fallbackName = 'download',
): Promise<{ blob: Blob; fileName: string; headers: Headers }> {
  const response = await fetch(path.startsWith(API_URL) ? path : `${API_URL}${path}`, {
    headers: authHeaders(),
    cache: 'no-store',
  });
  if (!response.ok) throw await errorOf(response);
  return {
    blob: await response.blob(),
    fileName: fileNameFromDisposition(response.headers.get('Content-Disposition'), fallbackName),
    headers: response.headers,
  };
}

/** Save a blob as a download in the browser. */
export function saveBlob(blob: Blob, fileName: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

/** GET a file and save it; returns its name and the reply's headers (ETag, X-Total-Count…). */
export async function downloadFile(
  path: string,
  fallbackName = 'download',
): Promise<{ fileName: string; headers: Headers }> {
  const { blob, fileName, headers } = await fetchFile(path, fallbackName);
  saveBlob(blob, fileName);
  return { fileName, headers };
}

/** POST a file's raw bytes; the JSON reply (any 2xx) or a FileRequestError. */
export async function uploadFile<T = unknown>(
  path: string,
  file: Blob,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: T; headers: Headers }> {
  const response = await fetch(`${API_URL}${path}`, {
    method: 'POST',
    headers: authHeaders({ Accept: 'application/json', 'Content-Type': XLSX_TYPE, ...headers }),
    body: file,
  });
  if (!response.ok) throw await errorOf(response);
  return { status: response.status, json: (await response.json()) as T, headers: response.headers };
}

/** GET JSON (job polls). */
export async function getJson<T = unknown>(path: string): Promise<T> {
  const response = await fetch(`${API_URL}${path}`, {
    headers: authHeaders({ Accept: 'application/json' }),
    cache: 'no-store',
  });
  if (!response.ok) throw await errorOf(response);
  return (await response.json()) as T;
}

/** What an upload's failure means for the screen. */
export type UploadFailure =
  | { kind: 'problems'; message: string; problems: SheetProblem[] }
  | { kind: 'conflict'; message: string }
  | { kind: 'tooLarge'; message: string }
  | { kind: 'other'; message: string; details: string[] };

export function uploadFailure(error: unknown, locale: 'zh' | 'en' = 'zh'): UploadFailure {
  const e = error as { status?: number; body?: ApiErrorBody; message?: string };
  const body = e?.body;
  const message = e?.message ?? String(error);
  if (e?.status === 409) return { kind: 'conflict', message };
  if (e?.status === 413) return { kind: 'tooLarge', message };
  const problems = sheetProblems(body);
  if (problems.length > 0) return { kind: 'problems', message, problems };
  const details = (body?.errors ?? [])
    .slice(0, 10)
    .map((x) => (locale === 'en' ? x.message : (x.messageZh ?? x.message)));
  return { kind: 'other', message, details };
}
