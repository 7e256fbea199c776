/**
 * Finding a parameter on 参数: a search over what a director knows it by (its Chinese label, help
 * text and the clause it comes from — number, article, document, original words), a filter by the
 * decision whose rules read it, and the base's locked (national) parameters set apart.
 */
import type { ClauseRecord } from '../common/ClauseText';
import { isLockedHere, type ParameterRecord } from './parameterValidation';

export interface ParameterFilter {
  q: string;
  /** a decision id, or '' for all */
  decision: string;
}

function haystack(record: ParameterRecord, clause: ClauseRecord | undefined): string {
  return [record.label, record.help, record.source, clause?.article, clause?.document, clause?.text, clause?.summary]
    .filter(Boolean)
    .join('\n')
    .toLowerCase();
}

/** Rows matching every word of the search and the decision. */
export function filterParameters(
  rows: ParameterRecord[],
  filter: ParameterFilter,
  clauses: Map<string, ClauseRecord>,
): ParameterRecord[] {
  const words = filter.q.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return rows.filter((r) => {
    if (filter.decision && !(r.usedBy ?? []).includes(filter.decision)) return false;
    if (words.length === 0) return true;
    const text = haystack(r, clauses.get(r.source));
    return words.every((w) => text.includes(w));
  });
}

/** Decisions some parameter is read by, for the filter's choices. */
export function decisionsOf(rows: ParameterRecord[]): string[] {
  return [...new Set(rows.flatMap((r) => r.usedBy ?? []))].sort();
}

/** The rows a director may change, and the locked ones (shown collapsed). */
export function splitLocked(rows: ParameterRecord[]): { open: ParameterRecord[]; locked: ParameterRecord[] } {
  return { open: rows.filter((r) => !isLockedHere(r)), locked: rows.filter((r) => isLockedHere(r)) };
}

/** Nothing reads it: changing it changes no answer. */
export const isUnused = (record: ParameterRecord) => Array.isArray(record.usedBy) && record.usedBy.length === 0;
