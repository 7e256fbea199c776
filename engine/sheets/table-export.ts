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

/**
 * Any list (decision log, audit log, lint report, test run) as an .xlsx sheet. exceljs writes a
 * string as a string cell (never a formula, whatever it starts with), so text needs no prefix here.
 */
export async function tableToXlsx<Row>(
  sheetName: string,
  columns: TableColumn<Row>[],
  rows: Iterable<Row>,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 18 }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(columns.map((c) => cellText(c.value(row))));
  return toBuffer(workbook);
}

/** What Excel, WPS and LibreOffice read as the start of a formula in a CSV cell (OWASP's list). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Text that would start a formula is written with a leading `'`, which keeps it readable and
 * keeps a spreadsheet from running it (a fixture named `=HYPERLINK(…)` stays text). Numbers are
 * numbers: -5 stays -5.
 */
function csvText(value: unknown): string {
  const text = cellText(value);
  if (text === null) return '';
  return typeof text === 'string' && FORMULA_START.test(text) ? `'${text}` : String(text);
}

function csvField(value: unknown): string {
  const s = csvText(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The same as CSV: UTF-8 with a BOM so that Excel and WPS show Chinese correctly, CRLF lines.
 * Every CSV the API writes goes through here, so no export can carry a formula (csvText).
 */
export function tableToCsv<Row>(columns: TableColumn<Row>[], rows: Iterable<Row>): string {
  const lines = [columns.map((c) => csvField(c.header)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvField(c.value(row))).join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
