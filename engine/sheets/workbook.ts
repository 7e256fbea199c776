import ExcelJS from 'exceljs';
import { scanZip, tagCounter, ZipScanError } from '../archive/zip-scan.js';
import { SheetInvalidError, SheetTooLargeError } from './sheet-error.js';

/**
 * Limits that keep an upload from exhausting the server, checked while the file is streamed
 * and before it is loaded: exceljs holds a whole workbook in memory (a row costs it a few
 * hundred bytes even when it is empty), so rows, cells and decompressed bytes are counted on
 * the compressed file first.
 */
export const SHEET_LIMITS = {
  /** the uploaded file */
  bytes: 20 * 1024 * 1024,
  /** data rows of a sheet (plus up to two header rows) */
  rows: 50_000,
  /** cells of the whole workbook: 50,000 rows of 20 columns */
  cells: 1_000_000,
  /** all parts of the workbook once decompressed (a zip bomb stops here) */
  unzippedBytes: 100 * 1024 * 1024,
  /** files inside the .xlsx archive */
  entries: 1_000,
};

const MiB = (bytes: number) => (bytes / 2 ** 20).toFixed(1).replace(/\.0$/, '');

/** A worksheet part of the archive (exceljs loads xl/worksheets/sheetN.xml). */
const isWorksheet = (entry: string) => /^xl\/worksheets\/[^/]+\.xml$/i.test(entry);

/**
 * Stream through the archive counting decompressed bytes, `<row>` and `<c>` elements, and stop
 * at the first limit passed. Rows are counted as elements, not by their `r` numbers: exceljs
 * builds an object for every `<row>`, numbered or not.
 */
export async function checkSheetLimits(buffer: Uint8Array, name = '上传文件'): Promise<void> {
  const header = SHEET_LIMITS.rows + 2;
  let cells = 0;
  try {
    await scanZip(buffer, { entries: SHEET_LIMITS.entries, bytes: SHEET_LIMITS.unzippedBytes }, (entry) => {
      if (!isWorksheet(entry)) return undefined;
      const rows = tagCounter('row');
      const cellTags = tagCounter('c');
      return (chunk) => {
        if (rows.push(chunk) > header) {
          throw new SheetTooLargeError(
            { name: 'rows', value: SHEET_LIMITS.rows },
            {
              sheet: name,
              message: `a worksheet has more than ${SHEET_LIMITS.rows} data rows; split it into several files`,
              messageZh: `工作表超过 ${SHEET_LIMITS.rows} 行数据的上限，请拆分为多个文件分批上传`,
            },
          );
        }
        const before = cellTags.count;
        cells += cellTags.push(chunk) - before;
        if (cells > SHEET_LIMITS.cells) {
          throw new SheetTooLargeError(
            { name: 'cells', value: SHEET_LIMITS.cells },
            {
              sheet: name,
              message: `the workbook has more than ${SHEET_LIMITS.cells} cells; split it into several files`,
              messageZh: `表格单元格超过 ${SHEET_LIMITS.cells} 个的上限，请拆分为多个文件分批上传`,
            },
          );
        }
      };
    });
  } catch (error) {
    if (!(error instanceof ZipScanError)) throw error;
    if (error.reason === 'unreadable') {
      throw new SheetInvalidError([
        {
          sheet: name,
          row: 0,
          column: '',
          message: `the .xlsx file cannot be read: ${error.message}`,
          messageZh: '无法读取该 .xlsx 文件，文件可能已损坏',
        },
      ]);
    }
    if (error.reason === 'entries') {
      throw new SheetTooLargeError(
        { name: 'entries', value: SHEET_LIMITS.entries },
        {
          sheet: name,
          message: `the archive holds more than ${SHEET_LIMITS.entries} parts`,
          messageZh: `文件内部组成部分超过 ${SHEET_LIMITS.entries} 个，不是正常的表格文件`,
        },
      );
    }
    throw new SheetTooLargeError(
      { name: 'unzippedBytes', value: SHEET_LIMITS.unzippedBytes },
      {
        sheet: name,
        message: `the workbook is larger than ${MiB(SHEET_LIMITS.unzippedBytes)} MiB once decompressed`,
        messageZh: `表格解压后超过 ${MiB(SHEET_LIMITS.unzippedBytes)} MB 的上限，请拆分后分批上传`,
      },
    );
  }
}

/** Open an .xlsx buffer, refusing what is not one (or is too large) with a clear message. */
export async function openWorkbook(buffer: Uint8Array, name = '上传文件'): Promise<ExcelJS.Workbook> {
  if (buffer.byteLength > SHEET_LIMITS.bytes) {
    throw new SheetTooLargeError(
      { name: 'bytes', value: SHEET_LIMITS.bytes },
      {
        sheet: name,
        message: `the file is ${MiB(buffer.byteLength)} MiB, over the limit of ${MiB(SHEET_LIMITS.bytes)} MiB`,
        messageZh: `文件大小 ${MiB(buffer.byteLength)} MB，超过上限 ${MiB(SHEET_LIMITS.bytes)} MB`,
      },
    );
  }
  // an .xlsx file is a zip archive: "PK" first
  if (buffer.byteLength < 4 || buffer[0] !== 0x50 || buffer[1] !== 0x4b) {
    throw new SheetInvalidError([
      {
        sheet: name,
        row: 0,
        column: '',
        message: 'the file is not an .xlsx workbook',
        messageZh: '文件不是 .xlsx 格式的 Excel/WPS 表格',
      },
    ]);
  }
  await checkSheetLimits(buffer, name);
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types the argument as an ArrayBuffer; it hands it to JSZip, which reads any Uint8Array
    await workbook.xlsx.load(buffer as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
  } catch (error) {
    throw new SheetInvalidError([
      {
        sheet: name,
        row: 0,
        column: '',
        message: `the .xlsx file cannot be read: ${(error as Error).message}`,
        messageZh: '无法读取该 .xlsx 文件，文件可能已损坏',
      },
    ]);
  }
  return workbook;
}

/** The first visible worksheet, or an error saying the workbook has none. */
export function firstSheet(workbook: ExcelJS.Workbook, name = '上传文件'): ExcelJS.Worksheet {
  const sheet = workbook.worksheets.find((s) => s.state === 'visible');
  if (!sheet)
    throw new SheetInvalidError([
      { sheet: name, row: 0, column: '', message: 'the workbook has no worksheet', messageZh: '表格中没有工作表' },
    ]);
  if (sheet.rowCount > SHEET_LIMITS.rows + 2) {
    // rows numbered far down (r="1000000") cost little to load but every number is walked later
    throw new SheetTooLargeError(
      { name: 'rows', value: SHEET_LIMITS.rows },
      {
        sheet: sheet.name,
        message: `${sheet.rowCount} rows, over the limit of ${SHEET_LIMITS.rows}`,
        messageZh: `共 ${sheet.rowCount} 行，超过上限 ${SHEET_LIMITS.rows} 行`,
      },
    );
  }
  return sheet;
}

/** Cell texts of one row, 1-based like exceljs (index 0 unused). */
export function rowTexts(sheet: ExcelJS.Worksheet, row: number): string[] {
  const texts: string[] = [];
  sheet.getRow(row).eachCell({ includeEmpty: false }, (cell, col) => {
    const value = cell.value;
    texts[col] =
      value === null || value === undefined
        ? ''
        : typeof value === 'object' && 'richText' in value
          ? value.richText
              .map((t) => t.text)
              .join('')
              .trim()
          : String(value).trim();
  });
  return texts;
}

export async function toBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
