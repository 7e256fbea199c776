import type ExcelJS from 'exceljs';
import type { CompiledPack } from '../compile/compile.js';
import { EngineError } from '../errors.js';
import { evaluateSync } from '../evaluate/evaluate-fast.js';
import { evaluate, type Evaluation } from '../evaluate/evaluate.js';
import { explain, renderOutcome } from '../explain/render.js';
import { columnHeader, factColumns, parseCell, setFact, type FactColumn } from './fact-columns.js';
import { SheetInvalidError, columnLetter, type SheetProblem } from './sheet-error.js';
import { firstSheet, openWorkbook, rowTexts, toBuffer } from './workbook.js';

export interface FactRow {
  /** 1-based row number in the sheet */
  row: number;
  facts: Record<string, unknown>;
}

/**
 * Find the header row and its fact columns. Accepted: the fixture template (Chinese headers in
 * row 1, machine names in row 2) or a single header row of Chinese labels or machine names.
 */
function headerOf(sheet: ExcelJS.Worksheet, columns: FactColumn[]) {
  const byName = new Map<string, FactColumn>();
  for (const c of columns) {
    byName.set(c.key, c);
    byName.set(c.label, c);
    byName.set(columnHeader(c), c);
  }
  // the row that names the most facts is the header (row 2 wins a tie: the template's machine names)
  let best = { headerRow: 1, texts: rowTexts(sheet, 1), matched: 0 };
  for (const headerRow of [2, 1]) {
    const texts = rowTexts(sheet, headerRow);
    const matched = texts.filter((t) => t && byName.has(t)).length;
    if (matched > best.matched) best = { headerRow, texts, matched };
  }
  if (best.matched > 0) return { headerRow: best.headerRow, texts: best.texts, byName };
  return { headerRow: 1, texts: rowTexts(sheet, 1), byName };
}

/** Read rows of facts for a decision from a sheet; structural problems refuse the whole sheet. */
export async function readFactRows(decision: string, buffer: Uint8Array): Promise<{ rows: FactRow[]; rowErrors: Map<number, string>; workbook: ExcelJS.Workbook; sheet: ExcelJS.Worksheet; headerRow: number; width: number }> {
  const workbook = await openWorkbook(buffer);
  const sheet = firstSheet(workbook);
  const columns = factColumns(decision);
  const { headerRow, texts, byName } = headerOf(sheet, columns);
  const problems: SheetProblem[] = [];
  const at = new Map<number, FactColumn>();
  texts.forEach((text, col) => {
    if (!text) return;
    const column = byName.get(text);
    // the template's own columns (id, name, expectations) and earlier result columns are passed through
    if (column) at.set(col, column);
  });
  for (const required of columns.filter((c) => c.required)) {
    if (![...at.values()].includes(required)) {
      problems.push({ sheet: sheet.name, row: headerRow, column: '', message: `required column "${required.key}" is missing`, messageZh: `缺少必需的列「${columnHeader(required)}」` });
    }
  }
  if (at.size === 0) problems.push({ sheet: sheet.name, row: headerRow, column: '', message: 'no column matches a fact of this decision', messageZh: '没有任何一列与该事项的输入对应' });
  if (problems.length) throw new SheetInvalidError(problems);

  const rows: FactRow[] = [];
  const rowErrors = new Map<number, string>();
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    if (!row.hasValues) continue;
    const facts: Record<string, unknown> = {};
    const errors: string[] = [];
    for (const [col, column] of at) {
      const parsed = parseCell(column, row.getCell(col).value);
      if ('error' in parsed) errors.push(`${columnLetter(col)} 列 ${column.label}：${parsed.error.zh}`);
      else if (parsed.value !== undefined) setFact(facts, column.key, parsed.value);
    }
    if (errors.length) rowErrors.set(r, errors.join('；'));
    rows.push({ row: r, facts });
  }
  if (rows.length === 0) throw new SheetInvalidError([{ sheet: sheet.name, row: headerRow + 1, column: '', message: 'the sheet has no data rows', messageZh: '表格中没有数据行' }]);
  let width = 0;
  for (let r = 1; r <= headerRow; r++) width = Math.max(width, sheet.getRow(r).cellCount);
  return { rows, rowErrors, workbook, sheet, headerRow, width };
}

export interface BatchTrialOptions {
  /** called every 500 rows; a returned promise is awaited (e.g. to let a server's event loop breathe) */
  onProgress?: (done: number, total: number) => unknown;
}

/**
 * 批量试算: the same sheet back with result columns — outcomes, the explanation in Chinese,
 * the rules that fired, and an error per row whose facts are invalid.
 */
export async function batchTrialSheet(
  pack: CompiledPack, decision: string, buffer: Uint8Array, options: BatchTrialOptions = {},
): Promise<{ buffer: Buffer; evaluated: number; failed: number }> {
  const { rows, rowErrors, workbook, sheet, headerRow, width } = await readFactRows(decision, buffer);
  const first = width + 1;
  const headers = ['试算结果', '说明', '命中规则', '错误'];
  headers.forEach((h, i) => {
    const cell = sheet.getCell(headerRow, first + i);
    cell.value = h;
    cell.font = { bold: true };
    if (headerRow === 2) sheet.getCell(1, first + i).value = h;
  });
  let failed = 0;
  for (let i = 0; i < rows.length; i++) {
    const { row, facts } = rows[i];
    const cells = sheet.getRow(row);
    const rowError = rowErrors.get(row);
    if (rowError) {
      cells.getCell(first + 3).value = rowError;
      failed += 1;
    } else {
      try {
        const evaluation: Evaluation = evaluateSync(pack, decision, facts) ?? (await evaluate(pack, decision, facts));
        const explanation = explain(evaluation, 'zh');
        cells.getCell(first).value = evaluation.outcomes.length ? evaluation.outcomes.map((o) => renderOutcome(o)).join('；') : '没有规则命中';
        cells.getCell(first + 1).value = explanation.lines.join('\n');
        cells.getCell(first + 2).value = evaluation.fired.map((r) => r.id).join(', ');
      } catch (error) {
        if (!(error instanceof EngineError)) throw error;
        cells.getCell(first + 3).value = error.messageZh;
        failed += 1;
      }
    }
    if (options.onProgress && (i % 500 === 499 || i === rows.length - 1)) await options.onProgress(i + 1, rows.length);
  }
  sheet.getColumn(first).width = 40;
  sheet.getColumn(first + 1).width = 80;
  return { buffer: await toBuffer(workbook), evaluated: rows.length - failed, failed };
}
