/**
 * Extraction against the catalogue: the share of catalogued thresholds the drafting module
 * finds in the five seeds (recall, target ≥ 90%) and the share of found ones whose
 * inclusive/exclusive reading is right (target 100%), with every miss listed.
 * `npx tsx bench/extraction.ts` (or `npm run bench`).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatMeasure, measureExtraction, type CatalogueEntry } from '../engine/drafting/measure.js';

const docs = fileURLToPath(new URL('../docs/', import.meta.url));
const catalogue = JSON.parse(readFileSync(`${docs}catalogue-thresholds.json`, 'utf8')) as { clauses: CatalogueEntry[] };
const started = performance.now();
const measure = await measureExtraction(catalogue.clauses, (seed) => readFileSync(`${docs}seeds/${seed}`, 'utf8'));
console.log(formatMeasure(measure));
console.log(`\n(five seeds drafted and compared in ${(performance.now() - started).toFixed(0)} ms)`);
process.exitCode = measure.recall >= 0.9 && measure.readingAccuracy === 1 ? 0 : 1;
