/**
 * Lint benchmark: milliseconds for one full lint of every shipped pack, as
 *   1. static analyses only (lintPack on the resolved packs: overlaps, gaps, dead rules,
 *      hygiene, threshold fixtures);
 *   2. lintCompiledPack: the same plus running every fixture (rules no fixture exercises);
 *   3. end to end as `rules lint` does it: read the folders, resolve, check, compile, lint.
 * Target: well under 1 s for all packs. `N=50 npx tsx bench/lint.ts` to change the rounds.
 */
import { buildPack, folderSource, lintCompiledPack, lintPack } from '../engine/index.js';

const rounds = Number(process.env.N ?? 20);
const source = folderSource();
const built = source.ids.map((id) => buildPack(id, source));
const valid = built.filter((b) => b.compiled);
const rules = valid.reduce(
  (n, b) => n + [...b.resolved!.decisions.values()].reduce((m, d) => m + d.rules.length, 0),
  0,
);

async function time(label: string, run: () => unknown): Promise<void> {
  await run(); // warm up
  const start = performance.now();
  for (let i = 0; i < rounds; i++) await run();
  const ms = (performance.now() - start) / rounds;
  console.log(`${label.padEnd(48)} ${ms.toFixed(1).padStart(8)} ms per full lint`);
}

console.log(`${valid.length} packs (${source.ids.join(', ')}), ${rules} rules after inheritance, ${rounds} rounds`);
let findings = 0;
await time('static analyses (lintPack)', () => {
  findings = valid.reduce((n, b) => n + lintPack(b.resolved!).length, 0);
});
await time('with fixtures run (lintCompiledPack)', () => Promise.all(valid.map((b) => lintCompiledPack(b.compiled!))));
await time('end to end (read, build, run fixtures, lint)', async () => {
  const fresh = folderSource();
  for (const id of fresh.ids) {
    const b = buildPack(id, fresh);
    if (b.compiled) await lintCompiledPack(b.compiled);
  }
});
console.log(`${findings} findings (static) across all packs`);
