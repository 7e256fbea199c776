/**
 * From a township's regulation document to a draft pack: read the text, split it into
 * clauses, read every quantity with its boundary, group ladders and check them, and build a
 * draft bundle plus a review list. Pure: no HTTP, no database, no files written.
 */
import type { PackBundle } from '../model.js';
import { buildDraft, type DraftOptions, type Review } from './draft.js';
import { findLadders, type Ladder } from './ladders.js';
import { findObligations, type DeadlineGroup } from './obligations.js';
import { extractQuantities, type Quantity } from './quantities.js';
import { splitClauses, type DocumentClause } from './structure.js';
import { readDocument, type DocumentInput, type DocumentText } from './text-input.js';

export interface DraftResult {
  bundle: PackBundle;
  review: Review;
  ladders: Ladder[];
  /** time limits on actions (「十分钟内电话报告…」): separate obligations, never ladders */
  obligations: DeadlineGroup[];
  quantities: Quantity[];
  clauses: DocumentClause[];
  document: Pick<DocumentText, 'name' | 'format' | 'traditional'> & { title: string };
}

/** A plain string is pasted text; otherwise text or file bytes with a name. */
export async function draftFromDocument(input: DocumentInput | string, options: DraftOptions): Promise<DraftResult> {
  const doc = await readDocument(typeof input === 'string' ? { text: input } : input);
  return draftFromText(doc, options);
}

export function draftFromText(doc: DocumentText, options: DraftOptions): DraftResult {
  const clauses = splitClauses(doc);
  const quantities = clauses.flatMap((c) => extractQuantities(c));
  const ladders = findLadders(quantities, clauses);
  const obligations = findObligations(quantities, clauses);
  const title = options.title ?? documentTitle(doc);
  const { bundle, review } = buildDraft(clauses, quantities, ladders, options, title);
  return {
    bundle,
    review,
    ladders,
    obligations,
    quantities,
    clauses,
    document: { name: doc.name, format: doc.format, traditional: doc.traditional, title },
  };
}

function documentTitle(doc: DocumentText): string {
  if (doc.name) return doc.name.replace(/^.*[\\/]/, '').replace(/\.(docx|txt|md)$/i, '');
  const first =
    doc.original
      .split('\n')
      .map((l) => l.trim())
      .find((l) => /[\u3400-\u9fff]/.test(l)) ?? '规章制度';
  return first.length > 40 ? first.slice(0, 40) : first;
}

export {
  readDocument,
  DocumentUnreadableError,
  DocumentTooLargeError,
  DOCUMENT_LIMITS,
  cleanText,
} from './text-input.js';
export type { DocumentInput, DocumentText, DocumentFormat } from './text-input.js';
export { splitClauses } from './structure.js';
export type { DocumentClause, Marker, MarkerKind } from './structure.js';
export { parseNumeral, parseChineseInteger } from './numerals.js';
export { extractQuantities, clockText } from './quantities.js';
export type { Quantity, Bound, Unit, QuantityKind } from './quantities.js';
export { findLadders, intervalZh } from './ladders.js';
export type { Ladder, LadderTier, LadderFinding } from './ladders.js';
export { findObligations } from './obligations.js';
export type { DeadlineGroup, Deadline } from './obligations.js';
export { buildDraft, sourceIdOf, packIdFor } from './draft.js';
export type { DraftOptions, Review, ReviewItem, ReviewKind } from './draft.js';
