/** Spreadsheets in and out: fixtures as a grid, batch trials, table exports (.xlsx and CSV). */
export { exportFixturesSheet, importFixturesSheet, type FixtureImport } from './fixture-sheet.js';
export { batchTrialSheet, readFactRows, type FactRow } from './batch-trial.js';
export { tableToCsv, tableToXlsx, type TableColumn } from './table-export.js';
export { factColumns, columnHeader, type FactColumn } from './fact-columns.js';
export { SheetInvalidError, type SheetProblem } from './sheet-error.js';
export { SHEET_LIMITS } from './workbook.js';
