/**
 * How well extraction reads the seeds: against docs/catalogue-thresholds.json (the thresholds
 * of every catalogue clause, with the reading the catalogue gives them), the share found
 * (recall) and the share of found ones read with the right inclusive/exclusive end.
 * Pure: the caller reads the files.
 */
import { draftFromText, type DraftResult } from './index.js';
import type { Quantity } from './quantities.js';
import { readDocument } from './text-input.js';

export interface CatalogueThreshold {
  quote: string;
  value: number;
  unit: string;
  reading: '≥' | '>' | '≤' | '<' | '=';
}

export interface CatalogueEntry {
  id: string;
  seed: string;
  place: string;
  thresholds: CatalogueThreshold[];
}

export interface ExtractionMiss {
  clause: string;
  seed: string;
  place: string;
  quote: string;
  expected: string;
  /** what was found instead, when the number was found with another reading */
  found?: string;
}

export interface ExtractionMeasure {
  total: number;
  found: number;
  readRight: number;
  recall: number;
  readingAccuracy: number;
  misses: ExtractionMiss[];
  wrongReadings: ExtractionMiss[];
  /** every non-clock quantity extracted from the seeds: most are outside the catalogue's clauses */
  extracted: number;
}

const close = (a: number, b: number) => Math.abs(a - b) < 1e-6 * Math.max(1, Math.abs(a));

/** The readings a quantity gives the number `value`: its lower end, upper end or exact value. */
function readingsAt(q: Quantity, value: number): string[] {
  const out: string[] = [];
  if ((q.exact || q.kind === 'frequency') && close(q.value, value)) out.push('=');
  if (q.lower && close(q.lower.value, value)) out.push(q.lower.inclusive ? '≥' : '>');
  if (q.upper && close(q.upper.value, value)) out.push(q.upper.inclusive ? '≤' : '<');
  return out;
}

/** Quantities in the clause at `place` whose text overlaps the quoted words. */
function candidates(draft: DraftResult, entry: CatalogueEntry, t: CatalogueThreshold): Quantity[] {
  return draft.quantities.filter((q) => {
    if (q.kind === 'clock' || q.unit !== t.unit || !q.article.includes(entry.place)) return false;
    const clause = draft.clauses.find((c) => c.id === q.clauseId)!;
    for (let at = clause.original.indexOf(t.quote); at >= 0; at = clause.original.indexOf(t.quote, at + 1)) {
      if (q.start < at + t.quote.length && q.end > at) return true;
    }
    return false;
  });
}

export async function measureExtraction(entries: CatalogueEntry[], seedText: (seed: string) => string): Promise<ExtractionMeasure> {
  const drafts = new Map<string, DraftResult>();
  for (const seed of new Set(entries.map((e) => e.seed))) {
    const doc = await readDocument({ text: seedText(seed), name: seed });
    drafts.set(seed, draftFromText(doc, { township: 'measure', extends: 'base' }));
  }
  let total = 0;
  let found = 0;
  let readRight = 0;
  const misses: ExtractionMiss[] = [];
  const wrongReadings: ExtractionMiss[] = [];
  for (const entry of entries) {
    const draft = drafts.get(entry.seed)!;
    for (const t of entry.thresholds) {
      total++;
      const miss = { clause: entry.id, seed: entry.seed, place: entry.place, quote: t.quote, expected: `${t.reading} ${t.value}${t.unit}` };
      const near = candidates(draft, entry, t);
      const withValue = near.filter((q) => readingsAt(q, t.value).length > 0);
      if (withValue.length === 0) {
        misses.push(miss);
        continue;
      }
      found++;
      if (withValue.some((q) => readingsAt(q, t.value).includes(t.reading))) readRight++;
      else wrongReadings.push({ ...miss, found: withValue.map((q) => `${q.text}: ${q.reading}（${q.words.join('、') || '无比较词'}）`).join('; ') });
    }
  }
  const extracted = [...drafts.values()].reduce((n, d) => n + d.quantities.filter((q) => q.kind !== 'clock').length, 0);
  return { extracted, total, found, readRight, recall: total ? found / total : 1, readingAccuracy: found ? readRight / found : 1, misses, wrongReadings };
}

export function formatMeasure(m: ExtractionMeasure): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const lines = [
    `thresholds in the catalogue: ${m.total}`,
    `found (recall):              ${m.found}/${m.total} = ${pct(m.recall)}   (target ≥ 90%)`,
    `read right (incl./excl.):    ${m.readRight}/${m.found} = ${pct(m.readingAccuracy)}   (target 100%)`,
    `quantities extracted in all: ${m.extracted} (besides the catalogued ones: numbers of clauses the catalogue does not list, outcomes, frequencies)`,
  ];
  if (m.misses.length) lines.push('', `missed (${m.misses.length}):`, ...m.misses.map((x) => `  ${x.clause} ${x.place} 「${x.quote}」 expected ${x.expected}`));
  if (m.wrongReadings.length) lines.push('', `wrong readings (${m.wrongReadings.length}):`, ...m.wrongReadings.map((x) => `  ${x.clause} ${x.place} 「${x.quote}」 expected ${x.expected}, found ${x.found}`));
  return lines.join('\n');
}
