import ExcelJS from 'exceljs';
import { SheetInvalidError } from './sheet-error.js';

/** Limits that keep an upload from exhausting the server. */
export const SHEET_LIMITS = { bytes: 20 * 1024 * 1024, rows: 50_000 };

/** Open an .xlsx buffer, refusing what is not one (or is too large) with a clear message. */
export async function openWorkbook(buffer: Uint8Array, name = '上传文件'): Promise<ExcelJS.Workbook> {
  if (buffer.byteLength > SHEET_LIMITS.bytes) {
    throw new SheetInvalidError([{
      sheet: name, row: 0, column: '',
      message: `the file is ${(buffer.byteLength / 2 ** 20).toFixed(1)} MiB, over the limit of ${SHEET_LIMITS.bytes / 2 ** 20} MiB`,
      messageZh: `文件大小 ${(buffer.byteLength / 2 ** 20).toFixed(1)} MB，超过上限 ${SHEET_LIMITS.bytes / 2 ** 20} MB`,
    }]);
  }
  // an .xlsx file is a zip archive: "PK" first
  if (buffer.byteLength < 4 || buffer[0] !== 0x50 || buffer[1] !== 0x4b) {
    throw new SheetInvalidError([{ sheet: name, row: 0, column: '', message: 'the file is not an .xlsx workbook', messageZh: '文件不是 .xlsx 格式的 Excel/WPS 表格' }]);
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as any);
  } catch (error) {
    throw new SheetInvalidError([{ sheet: name, row: 0, column: '', message: `the .xlsx file cannot be read: ${(error as Error).message}`, messageZh: '无法读取该 .xlsx 文件，文件可能已损坏' }]);
  }
  return workbook;
}

/** The first visible worksheet, or an error saying the workbook has none. */
export function firstSheet(workbook: ExcelJS.Workbook, name = '上传文件'): ExcelJS.Worksheet {
  const sheet = workbook.worksheets.find((s) => s.state === 'visible');
  if (!sheet) throw new SheetInvalidError([{ sheet: name, row: 0, column: '', message: 'the workbook has no worksheet', messageZh: '表格中没有工作表' }]);
  if (sheet.rowCount > SHEET_LIMITS.rows + 2) {
    throw new SheetInvalidError([{ sheet: sheet.name, row: 0, column: '', message: `${sheet.rowCount} rows, over the limit of ${SHEET_LIMITS.rows}`, messageZh: `共 ${sheet.rowCount} 行，超过上限 ${SHEET_LIMITS.rows} 行` }]);
  }
  return sheet;
}

/** Cell texts of one row, 1-based like exceljs (index 0 unused). */
export function rowTexts(sheet: ExcelJS.Worksheet, row: number): string[] {
  const texts: string[] = [];
  sheet.getRow(row).eachCell({ includeEmpty: false }, (cell, col) => {
    const value = cell.value;
    texts[col] = value === null || value === undefined ? '' : typeof value === 'object' && 'richText' in (value as any)
      ? (value as any).richText.map((t: any) => t.text).join('').trim()
      : String(value).trim();
  });
  return texts;
}

export async function toBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
