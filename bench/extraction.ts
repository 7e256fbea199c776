/**
 * Extraction against ground truth, on two document sets: the five seeds (docs/catalogue-thresholds.json,
 * recall target ≥ 90%) and the township texts written for the measure (tests/drafting/texts,
 * target ≥ 95%); every found threshold must be read with the right inclusive/exclusive end.
 * Figures per document and every miss listed. `npx tsx bench/extraction.ts` (or `npm run bench`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatMeasure, measureCorpora, meetsTarget, standardCorpora } from '../engine/drafting/measure.js';

const root = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
const started = performance.now();
const results = await measureCorpora(
  standardCorpora({ read: (p) => readFileSync(p, 'utf8'), list: (d) => readdirSync(d) }, root),
);
for (const { name, measure } of results)
  console.log(`== ${name}\n${formatMeasure(measure, name === 'seeds' ? '90%' : '95%')}\n`);
console.log(
  `(${results.reduce((n, r) => n + r.measure.byDocument.length, 0)} documents drafted and compared in ${(performance.now() - started).toFixed(0)} ms)`,
);
process.exitCode = results.every((r) => meetsTarget(r.name, r.measure)) ? 0 : 1;
