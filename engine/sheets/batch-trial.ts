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

/** The rows of a trial sheet as plain data (structured-cloneable: it crosses to and from worker threads). */
export interface TrialSheet {
  rows: FactRow[];
  /** row number → why its cells cannot be read */
  rowErrors: Map<number, string>;
  headerRow: number;
  /** columns of the header: the result columns go after them */
  width: number;
}

/** What a trial wrote for one row (the four result columns). */
export interface TrialRowResult {
  row: number;
  outcome?: string;
  explanation?: string;
  fired?: string;
  error?: string;
}

/** Read rows of facts for a decision from a loaded sheet; structural problems refuse the whole sheet. */
function readTrial(sheet: ExcelJS.Worksheet, decision: string): TrialSheet {
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
      problems.push({
        sheet: sheet.name,
        row: headerRow,
        column: '',
        message: `required column "${required.key}" is missing`,
        messageZh: `缺少必需的列「${columnHeader(required)}」`,
      });
    }
  }
  if (at.size === 0)
    problems.push({
      sheet: sheet.name,
      row: headerRow,
      column: '',
      message: 'no column matches a fact of this decision',
      messageZh: '没有任何一列与该事项的输入对应',
    });
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
  if (rows.length === 0)
    throw new SheetInvalidError([
      {
        sheet: sheet.name,
        row: headerRow + 1,
        column: '',
        message: 'the sheet has no data rows',
        messageZh: '表格中没有数据行',
      },
    ]);
  let width = 0;
  for (let r = 1; r <= headerRow; r++) width = Math.max(width, sheet.getRow(r).cellCount);
  return { rows, rowErrors, headerRow, width };
}

/** Read rows of facts for a decision from an .xlsx file (the workbook is kept for writing results into). */
export async function readFactRows(
  decision: string,
  buffer: Uint8Array,
): Promise<TrialSheet & { workbook: ExcelJS.Workbook; sheet: ExcelJS.Worksheet }> {
  const workbook = await openWorkbook(buffer);
  const sheet = firstSheet(workbook);
  return { ...readTrial(sheet, decision), workbook, sheet };
}

/** The rows of a trial sheet, without the workbook: the first half of a batch trial run elsewhere. */
export async function readTrialSheet(decision: string, buffer: Uint8Array): Promise<TrialSheet> {
  const { rows, rowErrors, headerRow, width } = await readFactRows(decision, buffer);
  return { rows, rowErrors, headerRow, width };
}

export interface BatchTrialOptions {
  /** called every 500 rows; a returned promise is awaited (e.g. to let a server's event loop breathe) */
  onProgress?: (done: number, total: number) => unknown;
}

/** Evaluate every row of a trial sheet: the outcomes, the explanation in Chinese, the rules that fired, or the row's error. */
export async function evaluateTrial(
  pack: CompiledPack,
  decision: string,
  trial: Pick<TrialSheet, 'rows' | 'rowErrors'>,
  options: BatchTrialOptions = {},
): Promise<{ results: TrialRowResult[]; evaluated: number; failed: number }> {
  const { rows, rowErrors } = trial;
  const results: TrialRowResult[] = [];
  let failed = 0;
  for (let i = 0; i < rows.length; i++) {
    const { row, facts } = rows[i];
    const rowError = rowErrors.get(row);
    if (rowError) {
      results.push({ row, error: rowError });
      failed += 1;
    } else {
      try {
        const evaluation: Evaluation = evaluateSync(pack, decision, facts) ?? (await evaluate(pack, decision, facts));
        const explanation = explain(evaluation, 'zh');
        results.push({
          row,
          outcome: evaluation.outcomes.length
            ? evaluation.outcomes.map((o) => renderOutcome(o)).join('；')
            : '没有规则命中',
          explanation: [...explanation.lines, ...explanation.undetermined].join('\n'),
          fired: evaluation.fired.map((r) => r.id).join(', '),
        });
      } catch (error) {
        if (!(error instanceof EngineError)) throw error;
        results.push({ row, error: error.messageZh });
        failed += 1;
      }
    }
    if (options.onProgress && (i % 500 === 499 || i === rows.length - 1)) await options.onProgress(i + 1, rows.length);
  }
  return { results, evaluated: rows.length - failed, failed };
}

const RESULT_HEADERS = ['试算结果', '说明', '命中规则', '错误'];

/** The four result columns after the header's last column. */
function writeResults(
  sheet: ExcelJS.Worksheet,
  layout: Pick<TrialSheet, 'headerRow' | 'width'>,
  results: TrialRowResult[],
): void {
  const { headerRow, width } = layout;
  const first = width + 1;
  RESULT_HEADERS.forEach((h, i) => {
    const cell = sheet.getCell(headerRow, first + i);
    cell.value = h;
    cell.font = { bold: true };
    if (headerRow === 2) sheet.getCell(1, first + i).value = h;
  });
  for (const result of results) {
    const cells = sheet.getRow(result.row);
    if (result.error !== undefined) {
      cells.getCell(first + 3).value = result.error;
      continue;
    }
    cells.getCell(first).value = result.outcome ?? null;
    cells.getCell(first + 1).value = result.explanation ?? null;
    cells.getCell(first + 2).value = result.fired ?? null;
  }
  sheet.getColumn(first).width = 40;
  sheet.getColumn(first + 1).width = 80;
}

/** The uploaded sheet with the result columns filled in: the second half of a batch trial run elsewhere. */
export async function writeTrialSheet(
  decision: string,
  buffer: Uint8Array,
  results: TrialRowResult[],
): Promise<Buffer> {
  const { workbook, sheet, headerRow, width } = await readFactRows(decision, buffer);
  writeResults(sheet, { headerRow, width }, results);
  return toBuffer(workbook);
}

/**
 * 批量试算: the same sheet back with result columns — outcomes, the explanation in Chinese,
 * the rules that fired, and an error per row whose facts are invalid.
 */
export async function batchTrialSheet(
  pack: CompiledPack,
  decision: string,
  buffer: Uint8Array,
  options: BatchTrialOptions = {},
): Promise<{ buffer: Buffer; evaluated: number; failed: number }> {
  const trial = await readFactRows(decision, buffer);
  const { results, evaluated, failed } = await evaluateTrial(pack, decision, trial, options);
  writeResults(trial.sheet, trial, results);
  return { buffer: await toBuffer(trial.workbook), evaluated, failed };
}
