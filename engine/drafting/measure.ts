/**
 * How well extraction reads a document set: against a ground truth (docs/catalogue-thresholds.json
 * for the seeds, tests/drafting/texts/*.thresholds.json for the township texts written for the
 * measure), the share of thresholds found (recall) and the share of found ones read with the
 * right inclusive/exclusive end, in all and per document. Pure: the caller reads the files.
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

export interface DocumentMeasure {
  document: string;
  total: number;
  found: number;
  readRight: number;
  recall: number;
  readingAccuracy: number;
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
  /** the same figures for each document */
  byDocument: DocumentMeasure[];
}

/** A document set with its ground truth, e.g. the five seeds or the township texts. */
export interface Corpus {
  name: string;
  entries: CatalogueEntry[];
  text: (document: string) => string;
}

/** Units a ground truth may write in another scale than the text: 1周 = 7天, 1小时 = 60分钟. */
const SCALE: Record<string, [string, number]> = { 周: ['天', 7], 小时: ['分钟', 60] };
const scaled = (value: number, unit: string): [number, string] => {
  const [base, factor] = SCALE[unit] ?? [unit, 1];
  return [value * factor, base];
};

const close = (a: number, b: number) => Math.abs(a - b) < 1e-6 * Math.max(1, Math.abs(a));

/** The readings a quantity gives the number `value` (in `unit`): its lower end, upper end or exact value. */
function readingsAt(q: Quantity, value: number, unit: string): string[] {
  const [want, wantUnit] = scaled(value, unit);
  const at = (v: number) => {
    const [have, haveUnit] = scaled(v, q.unit);
    return haveUnit === wantUnit && close(have, want);
  };
  const out: string[] = [];
  if ((q.exact || q.kind === 'frequency') && at(q.value)) out.push('=');
  if (q.lower && at(q.lower.value)) out.push(q.lower.inclusive ? '≥' : '>');
  if (q.upper && at(q.upper.value)) out.push(q.upper.inclusive ? '≤' : '<');
  return out;
}

/** Quantities in the clause at `place` whose text overlaps the quoted words. */
function candidates(draft: DraftResult, entry: CatalogueEntry, t: CatalogueThreshold): Quantity[] {
  return draft.quantities.filter((q) => {
    if (scaled(1, q.unit)[1] !== scaled(1, t.unit)[1] || !q.article.includes(entry.place)) return false;
    const clause = draft.clauses.find((c) => c.id === q.clauseId)!;
    for (let at = clause.original.indexOf(t.quote); at >= 0; at = clause.original.indexOf(t.quote, at + 1)) {
      if (q.start < at + t.quote.length && q.end > at) return true;
    }
    return false;
  });
}

export async function measureExtraction(
  entries: CatalogueEntry[],
  seedText: (seed: string) => string,
): Promise<ExtractionMeasure> {
  const drafts = new Map<string, DraftResult>();
  for (const seed of new Set(entries.map((e) => e.seed))) {
    const doc = await readDocument({ text: seedText(seed), name: seed });
    drafts.set(seed, draftFromText(doc, { township: 'measure', extends: 'base' }));
  }
  let total = 0;
  let found = 0;
  let readRight = 0;
  const perDocument = new Map<string, DocumentMeasure>();
  const misses: ExtractionMiss[] = [];
  const wrongReadings: ExtractionMiss[] = [];
  for (const entry of entries) {
    const draft = drafts.get(entry.seed)!;
    const doc = perDocument.get(entry.seed) ?? {
      document: entry.seed,
      total: 0,
      found: 0,
      readRight: 0,
      recall: 1,
      readingAccuracy: 1,
    };
    perDocument.set(entry.seed, doc);
    for (const t of entry.thresholds) {
      total++;
      doc.total++;
      const miss = {
        clause: entry.id,
        seed: entry.seed,
        place: entry.place,
        quote: t.quote,
        expected: `${t.reading} ${t.value}${t.unit}`,
      };
      const near = candidates(draft, entry, t);
      const withValue = near.filter((q) => readingsAt(q, t.value, t.unit).length > 0);
      if (withValue.length === 0) {
        misses.push(miss);
        continue;
      }
      found++;
      doc.found++;
      if (withValue.some((q) => readingsAt(q, t.value, t.unit).includes(t.reading))) {
        readRight++;
        doc.readRight++;
      } else
        wrongReadings.push({
          ...miss,
          found: withValue.map((q) => `${q.text}: ${q.reading}（${q.words.join('、') || '无比较词'}）`).join('; '),
        });
    }
  }
  const extracted = [...drafts.values()].reduce((n, d) => n + d.quantities.filter((q) => q.kind !== 'clock').length, 0);
  const byDocument = [...perDocument.values()].map((d) => ({
    ...d,
    recall: d.total ? d.found / d.total : 1,
    readingAccuracy: d.found ? d.readRight / d.found : 1,
  }));
  return {
    extracted,
    total,
    found,
    readRight,
    recall: total ? found / total : 1,
    readingAccuracy: found ? readRight / found : 1,
    misses,
    wrongReadings,
    byDocument,
  };
}

/** Targets: recall ≥ 95% on every document set (≥ 90% on the seeds, as set when they were catalogued), every reading right. */
export const meetsTarget = (name: string, m: ExtractionMeasure): boolean =>
  m.recall >= (name === 'seeds' ? 0.9 : 0.95) && m.readingAccuracy === 1;

/** Every corpus measured, in order. */
export async function measureCorpora(corpora: Corpus[]): Promise<{ name: string; measure: ExtractionMeasure }[]> {
  const out: { name: string; measure: ExtractionMeasure }[] = [];
  for (const corpus of corpora)
    out.push({ name: corpus.name, measure: await measureExtraction(corpus.entries, corpus.text) });
  return out;
}

/**
 * The two document sets the project measures: the five seeds against the catalogue, and the
 * township texts of tests/drafting/texts (each `x.txt` with its `x.thresholds.json`). File access
 * is passed in so that this module stays pure.
 */
export function standardCorpora(
  io: { read: (path: string) => string; list: (dir: string) => string[] },
  root: string,
): Corpus[] {
  const docs = `${root}/docs`;
  const texts = `${root}/tests/drafting/texts`;
  const seeds = JSON.parse(io.read(`${docs}/catalogue-thresholds.json`)) as { clauses: CatalogueEntry[] };
  const township = io
    .list(texts)
    .filter((f) => f.endsWith('.thresholds.json'))
    .sort()
    .flatMap((f) => (JSON.parse(io.read(`${texts}/${f}`)) as { clauses: CatalogueEntry[] }).clauses);
  return [
    { name: 'seeds', entries: seeds.clauses, text: (seed) => io.read(`${docs}/seeds/${seed}`) },
    { name: 'township texts', entries: township, text: (file) => io.read(`${texts}/${file}`) },
  ];
}

export function formatMeasure(m: ExtractionMeasure, target = '90%'): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const lines = [
    `thresholds in the ground truth: ${m.total}`,
    `found (recall):              ${m.found}/${m.total} = ${pct(m.recall)}   (target ≥ ${target})`,
    `read right (incl./excl.):    ${m.readRight}/${m.found} = ${pct(m.readingAccuracy)}   (target 100%)`,
    `quantities extracted in all: ${m.extracted} (besides the catalogued ones: numbers of clauses the catalogue does not list, outcomes, frequencies)`,
  ];
  if (m.byDocument.length > 1) {
    lines.push(
      '',
      'per document:',
      ...m.byDocument.map(
        (d) =>
          `  ${d.document}: recall ${d.found}/${d.total} = ${pct(d.recall)}, read right ${d.readRight}/${d.found} = ${pct(d.readingAccuracy)}`,
      ),
    );
  }
  if (m.misses.length)
    lines.push(
      '',
      `missed (${m.misses.length}):`,
      ...m.misses.map((x) => `  ${x.clause} ${x.place} 「${x.quote}」 expected ${x.expected}`),
    );
  if (m.wrongReadings.length)
    lines.push(
      '',
      `wrong readings (${m.wrongReadings.length}):`,
      ...m.wrongReadings.map((x) => `  ${x.clause} ${x.place} 「${x.quote}」 expected ${x.expected}, found ${x.found}`),
    );
  return lines.join('\n');
}
