/** Spreadsheets in and out: fixtures as a grid, batch trials, table exports (.xlsx and CSV). */
export {
  exportFixturesSheet,
  importFixturesSheet,
  readFixtureCases,
  mergeFixtureCases,
  type FixtureImport,
} from './fixture-sheet.js';
export {
  batchTrialSheet,
  readFactRows,
  readTrialSheet,
  evaluateTrial,
  writeTrialSheet,
  type FactRow,
  type TrialSheet,
  type TrialRowResult,
} from './batch-trial.js';
export { tableToCsv, tableToXlsx, type TableColumn } from './table-export.js';
export { factColumns, columnHeader, type FactColumn } from './fact-columns.js';
export { SheetInvalidError, SheetTooLargeError } from './sheet-error.js';
export type { FixtureImportReply, SheetProblem } from './wire.js';
export { SHEET_LIMITS, checkSheetLimits } from './workbook.js';
