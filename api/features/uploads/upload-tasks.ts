/**
 * What the upload workers do: the engine's parsing functions, run in a worker thread. Each task
 * answers `{ value }`, or `{ refused }` for input the engine refuses: engine errors do not cross
 * a thread boundary intact (only their message would), so their code and details are sent as
 * data and turned back into the API's error on the main thread (upload-pool.ts).
 */
import { EngineError } from '../../../engine/errors.js';
import type {
  DocumentInput,
  DraftOptions,
  DraftResult,
  FixtureCase,
  TrialRowResult,
  TrialSheet,
} from '../../../engine/index.js';

// loaded on first use: a worker that only reads documents never loads exceljs, and the reverse
const sheets = () => import('../../../engine/sheets/index.js');
const drafting = () => import('../../../engine/drafting/index.js');

export interface Refusal {
  code: string;
  message: string;
  messageZh: string;
  details: Record<string, unknown>;
}

export type TaskOutcome<T> = { value: T } | { refused: Refusal };

/** What the client is told: SheetInvalidError's problems, the limit passed, the document's name. */
const DETAILS = ['problems', 'limit', 'fileName'] as const;

function refusalOf(error: EngineError): Refusal {
  const details: Record<string, unknown> = {};
  for (const key of DETAILS) if (key in error) details[key] = (error as unknown as Record<string, unknown>)[key];
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
  writeTrial(input: {
    decision: string;
    bytes: Uint8Array;
    results: TrialRowResult[];
  }): Promise<TaskOutcome<Uint8Array>>;
  readFixtures(input: { decision: string; bytes: Uint8Array }): Promise<TaskOutcome<FixtureCase[]>>;
  draftDocument(input: { document: DocumentInput; options: DraftOptions }): Promise<TaskOutcome<DraftResult>>;
}

export const readTrial: UploadTasks['readTrial'] = ({ decision, bytes }) =>
  settle(async () => (await sheets()).readTrialSheet(decision, bytes));
export const writeTrial: UploadTasks['writeTrial'] = ({ decision, bytes, results }) =>
  settle(async () => (await sheets()).writeTrialSheet(decision, bytes, results));
export const readFixtures: UploadTasks['readFixtures'] = ({ decision, bytes }) =>
  settle(async () => (await sheets()).readFixtureCases(decision, bytes));
export const draftDocument: UploadTasks['draftDocument'] = ({ document, options }) =>
  settle(async () => (await drafting()).draftFromDocument(document, options));
