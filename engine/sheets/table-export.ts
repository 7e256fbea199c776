import ExcelJS from 'exceljs';
import { toBuffer } from './workbook.js';

/** A column of an exported table: machine key, Chinese header. */
export interface TableColumn<Row> {
  key: string;
  header: string;
  value: (row: Row) => unknown;
  width?: number;
}

function cellText(value: unknown): string | number | boolean | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value);
}

/** Any list (decision log, audit log, lint report, test run) as an .xlsx sheet. */
export async function tableToXlsx<Row>(sheetName: string, columns: TableColumn<Row>[], rows: Iterable<Row>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 18 }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(columns.map((c) => cellText(c.value(row))));
  return toBuffer(workbook);
}

function csvField(value: unknown): string {
  const text = cellText(value);
  if (text === null) return '';
  const s = String(text);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The same as CSV: UTF-8 with a BOM so that Excel and WPS show Chinese correctly, CRLF lines. */
export function tableToCsv<Row>(columns: TableColumn<Row>[], rows: Iterable<Row>): string {
  const lines = [columns.map((c) => csvField(c.header)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvField(c.value(row))).join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
