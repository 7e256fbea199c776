import { EngineError } from '../errors.js';
import type { SheetProblem } from './wire.js';

export type { SheetProblem };

/** A sheet that cannot be read or imported; nothing has been saved. */
export class SheetInvalidError extends EngineError {
  constructor(
    readonly problems: SheetProblem[],
    code = 'SHEET_INVALID',
  ) {
    const first = problems[0];
    const where = (p: SheetProblem) => (p.row ? `${p.sheet}!${p.column}${p.row}` : p.sheet);
    const whereZh = (p: SheetProblem) =>
      p.row ? `工作表「${p.sheet}」第 ${p.row} 行${p.column ? ` ${p.column} 列` : ''}` : `工作表「${p.sheet}」`;
    super(
      code,
      `${problems.length} problem(s) in the sheet, nothing was saved; first: ${where(first)}: ${first.message}`,
      `表格有 ${problems.length} 处问题，未保存任何内容；第一处：${whereZh(first)}：${first.messageZh}`,
    );
  }
}

/** A sheet over one of SHEET_LIMITS (bytes, rows, cells, decompressed size): refused before it is loaded. */
export class SheetTooLargeError extends SheetInvalidError {
  constructor(
    readonly limit: { name: string; value: number },
    problem: Omit<SheetProblem, 'row' | 'column'> & { row?: number },
  ) {
    super([{ row: 0, column: '', ...problem }], 'SHEET_TOO_LARGE');
  }
}

/** Excel column letters for a 1-based column number (1 → A, 27 → AA). */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}
