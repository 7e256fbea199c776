/**
 * HTTP plumbing for spreadsheets: raw .xlsx request bodies (under the API's body limit),
 * attachments with a Chinese file name (RFC 5987 `filename*`) and table exports as .xlsx or CSV.
 */
import express, { type Request, type RequestHandler, type Response } from 'express';
import { tableToCsv, tableToXlsx, type TableColumn } from '../../../engine/index.js';
import { BadRequestError } from '../../errors.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Excel refuses cells longer than 32,767 characters; long JSON (audit before/after) is cut. */
export const CELL_MAX = 32_000;

/**
 * The request body as bytes, whatever its Content-Type (the .xlsx type, application/octet-stream,
 * or what `curl --data-binary` sends by default). JSON bodies were already parsed by the API's
 * JSON parser and are not a spreadsheet. Larger than `limit` → 413 PAYLOAD_TOO_LARGE.
 */
export function rawSheetBody(limit: string): RequestHandler {
  return express.raw({ type: () => true, limit });
}

/** The uploaded bytes (empty when the body was not raw bytes: the engine then says "not .xlsx"). */
export function uploadedBytes(req: Request): Buffer {
  return Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
}

/** RFC 5987 percent-encoding for `filename*=UTF-8''…`. */
export function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `attachment; filename="ascii"; filename*=UTF-8''中文`: old clients get the ASCII name. */
export function contentDisposition(fileName: string, asciiFallback: string): string {
  const ascii = asciiFallback.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(fileName)}`;
}

export function sendXlsx(res: Response, buffer: Buffer, fileName: string, asciiFallback: string): void {
  res.set('Content-Disposition', contentDisposition(fileName, asciiFallback));
  res.type(XLSX_TYPE);
  res.send(buffer);
}

export type TableFormat = 'xlsx' | 'csv';

export function tableFormat(value: unknown): TableFormat {
  if (value === undefined || value === '') return 'xlsx';
  if (value === 'xlsx' || value === 'csv') return value;
  throw new BadRequestError('format must be xlsx or csv', '导出格式应为 xlsx 或 csv');
}

/** A list as an .xlsx sheet or as CSV (UTF-8 with a BOM, so Excel and WPS show Chinese). */
export async function sendTable<Row>(
  res: Response,
  format: TableFormat,
  names: { sheet: string; file: string; ascii: string },
  columns: TableColumn<Row>[],
  rows: Row[],
): Promise<void> {
  res.set('X-Total-Count', String(rows.length));
  if (format === 'csv') {
    res.set('Content-Disposition', contentDisposition(`${names.file}.csv`, `${names.ascii}.csv`));
    res.type('text/csv; charset=utf-8');
    res.send(tableToCsv(columns, rows));
    return;
  }
  sendXlsx(res, await tableToXlsx(names.sheet, columns, rows), `${names.file}.xlsx`, `${names.ascii}.xlsx`);
}

/** Long text (JSON) cut to what a spreadsheet cell holds. */
export function cellText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > CELL_MAX ? `${text.slice(0, CELL_MAX)}…（已截断，共 ${text.length} 字符）` : text;
}

/** A required query parameter (400 when missing). */
export function requiredQuery(req: Request, name: string, label: string): string {
  const value = req.query[name];
  if (typeof value !== 'string' || !value)
    throw new BadRequestError(`query parameter ${name} is required`, `请在查询参数中指定${label}（${name}）`);
  return value;
}

/** Today as YYYYMMDD, for file names. */
export function stamp(date = new Date()): string {
  return date.toISOString().slice(0, 10).replace(/-/g, '');
}
