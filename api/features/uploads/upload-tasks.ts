/**
 * What the upload workers do: the engine's parsing functions, run in a worker thread. Each task
 * answers `{ value }`, or `{ refused }` for input the engine refuses: engine errors do not cross
 * a thread boundary intact (only their message would), so their code and details are sent as
 * data and turned back into the API's error on the main thread (upload-pool.ts).
 */
import {
  DocumentTooLargeError, DocumentUnreadableError, EngineError, SheetInvalidError, SheetTooLargeError,
  draftFromDocument, readFixtureCases, readTrialSheet, writeTrialSheet,
  type DocumentInput, type DraftOptions, type DraftResult, type FixtureCase, type TrialRowResult, type TrialSheet,
} from '../../../engine/index.js';

export interface Refusal {
  code: string;
  message: string;
  messageZh: string;
  details: Record<string, unknown>;
}

export type TaskOutcome<T> = { value: T } | { refused: Refusal };

function refusalOf(error: EngineError): Refusal {
  const details: Record<string, unknown> =
    error instanceof SheetTooLargeError ? { problems: error.problems, limit: error.limit }
      : error instanceof SheetInvalidError ? { problems: error.problems }
        : error instanceof DocumentTooLargeError ? { fileName: error.fileName, limit: error.limit }
          : error instanceof DocumentUnreadableError ? { fileName: error.fileName }
            : {};
  return { code: error.code, message: error.message, messageZh: error.messageZh, details };
}

async function settle<T>(work: () => Promise<T>): Promise<TaskOutcome<T>> {
  try {
    return { value: await work() };
  } catch (error) {
    if (error instanceof EngineError) return { refused: refusalOf(error) };
    throw error;
  }
}

export interface UploadTasks {
  readTrial(input: { decision: string; bytes: Uint8Array }): Promise<TaskOutcome<TrialSheet>>;
  writeTrial(input: { decision: string; bytes: Uint8Array; results: TrialRowResult[] }): Promise<TaskOutcome<Uint8Array>>;
  readFixtures(input: { decision: string; bytes: Uint8Array }): Promise<TaskOutcome<FixtureCase[]>>;
  draftDocument(input: { document: DocumentInput; options: DraftOptions }): Promise<TaskOutcome<DraftResult>>;
}

export const readTrial: UploadTasks['readTrial'] = ({ decision, bytes }) => settle(() => readTrialSheet(decision, bytes));
export const writeTrial: UploadTasks['writeTrial'] = ({ decision, bytes, results }) => settle(() => writeTrialSheet(decision, bytes, results));
export const readFixtures: UploadTasks['readFixtures'] = ({ decision, bytes }) => settle(() => readFixtureCases(decision, bytes));
export const draftDocument: UploadTasks['draftDocument'] = ({ document, options }) => settle(() => draftFromDocument(document, options));
