/**
 * What the API sends about spreadsheets, declared once for the server and the admin UI (which
 * imports these types only).
 */

/** One problem in a spreadsheet, located as a person would look for it. */
export interface SheetProblem {
  sheet: string;
  /** 1-based row number as Excel/WPS shows it (0 when the problem is the whole file) */
  row: number;
  /** column letter(s) as shown, e.g. "C", or "" for the whole row or file */
  column: string;
  message: string;
  messageZh: string;
}

/** The reply to a fixtures sheet imported into the draft. */
export interface FixtureImportReply {
  pack: string;
  decision: string;
  /** case ids */
  added: string[];
  updated: string[];
  unchanged: string[];
  /** the draft revision after the import (unchanged when nothing changed: nothing is written) */
  revision: number;
  warnings: unknown[];
}
