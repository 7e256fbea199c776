/**
 * What 怎样会不同 costs: for every decision of every shipped pack, over its fixtures' facts,
 * nearby() with its text in one language (as the API answers `?nearby=1&lang=zh`) against an
 * evaluation with its explanation in that language, measured in the same run. Everything here
 * is synchronous, so it is timed with plain loops; the machine is shared, so each figure is the
 * best of several alternating rounds of process CPU time (other processes do not count).
 * Target: nearby < 20 % of an evaluation with explanation, judged on the warm figure — what a
 * running server sees once it has met a decision's outcome sets and said each sentence. The cold
 * figure forgets those before every call (each case met for the first time). Evaluation without
 * `?nearby=1` does not call nearby(); its figure is printed so runs before and after a change can
 * be compared.
 * The engine is imported from dist/ when `npm run build` has made it and it is current.
 */
import type { CompiledPack } from '../engine/index.js';
import { median } from './timing.js';

// what production runs: the tsc build in dist/ when it is current (tsx's name wrappers cost a few %)
const buildSteps = '../scripts/build-steps.mjs'; // plain JavaScript without type declarations
const { serverIsCurrent } = (await import(buildSteps)) as { serverIsCurrent: () => boolean };
const fromDist = serverIsCurrent();
const engine: typeof import('../engine/index.js') = fromDist
  ? await import(new URL('../dist/engine/index.js', import.meta.url).href)
  : await import('../engine/index.js');
const { buildPack, evaluateSync, explain, folderSource, nearby } = engine;
const { forgetNearbyMemos }: typeof import('../engine/nearby/nearby.js') = fromDist
  ? await import(new URL('../dist/engine/nearby/nearby.js', import.meta.url).href)
  : await import('../engine/nearby/nearby.js');
console.log(
  fromDist
    ? '\nengine: dist/ (npm run build)'
    : '\nengine: the TypeScript sources through tsx (run `npm run build` first for the figures production gets)',
);

const source = folderSource();
const packs = source.ids.map((id) => buildPack(id, source).compiled).filter((p): p is CompiledPack => !!p);
const ROUNDS = Number(process.env.ROUNDS ?? 9);

/** CPU microseconds per call of each variant over `inputs`: best of ROUNDS alternating rounds of about `ms` each. */
function microsPerCall<T>(
  inputs: T[],
  variants: Record<string, (input: T) => unknown>,
  ms = 25,
): Record<string, number> {
  const names = Object.keys(variants);
  const repeat = Object.fromEntries(names.map((name) => [name, 1]));
  const best: Record<string, number> = Object.fromEntries(names.map((name) => [name, Infinity]));
  for (const name of names) for (const input of inputs) variants[name](input); // warm-up, builds nearby's model once
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of names) {
      const fn = variants[name];
      const start = process.cpuUsage();
      for (let r = 0; r < repeat[name]; r++) for (const input of inputs) fn(input);
      const used = process.cpuUsage(start);
      const micros = used.user + used.system;
      best[name] = Math.min(best[name], micros / (repeat[name] * inputs.length));
      if (micros < ms * 1000) repeat[name] = Math.ceil(repeat[name] * Math.min(8, (ms * 1000) / Math.max(micros, 50)));
    }
  }
  return best;
}

const pad = (s: string, n: number) => s.padEnd(n);
const us = (n: number) => n.toFixed(1).padStart(8);
const percent = (n: number) => `${(100 * n).toFixed(0).padStart(6)} %`;
console.log('\n怎样会不同 (nearby, zh) vs evaluation with explanation (zh): CPU µs per evaluation over fixture facts');
console.log(
  `  ${pad('pack / decision', 50)} ${'eval'.padStart(8)} ${'eval+zh'.padStart(8)} ${'cold'.padStart(8)} ${'warm'.padStart(8)}  ` +
    `${'cold/(eval+zh)'.padStart(15)} ${'warm/(eval+zh)'.padStart(15)}  changes`,
);
let totalEval = 0;
let totalExplained = 0;
let totalNearby = 0;
let totalCold = 0;
const ratios: number[] = [];
const coldRatios: number[] = [];
for (const pack of packs) {
  for (const decision of pack.decisions.keys()) {
    const facts = pack.resolved.fixtures.filter((f) => f.decision === decision && !f.expect.error).map((f) => f.facts);
    if (facts.length === 0) continue;
    const cases = facts.map((f) => ({ facts: f, evaluation: evaluateSync(pack, decision, f)! }));
    const t = microsPerCall(cases, {
      eval: (c) => evaluateSync(pack, decision, c.facts),
      explained: (c) => explain(evaluateSync(pack, decision, c.facts)!, 'zh'),
      nearby: (c) => nearby(pack, c.evaluation, { locale: 'zh' }),
      cold: (c) => {
        forgetNearbyMemos(pack, decision);
        return nearby(pack, c.evaluation, { locale: 'zh' });
      },
    });
    const changes = cases.reduce((n, c) => n + nearby(pack, c.evaluation).length, 0) / cases.length;
    totalEval += t.eval * cases.length;
    totalExplained += t.explained * cases.length;
    totalNearby += t.nearby * cases.length;
    totalCold += t.cold * cases.length;
    ratios.push(t.nearby / t.explained);
    coldRatios.push(t.cold / t.explained);
    console.log(
      `  ${pad(`${pack.id} / ${decision}`, 50)} ${us(t.eval)} ${us(t.explained)} ${us(t.cold)} ${us(t.nearby)}  ` +
        `${percent(t.cold / t.explained).padStart(15)} ${percent(t.nearby / t.explained).padStart(15)}  ${changes.toFixed(1).padStart(7)}`,
    );
  }
}
for (const [name, total, perDecision] of [
  ['warm', totalNearby, ratios],
  ['cold', totalCold, coldRatios],
] as const) {
  console.log(
    `  over every fixture, ${name}: nearby = ${((100 * total) / totalExplained).toFixed(0)} % of evaluation + explanation (zh), ` +
      `${(total / totalEval).toFixed(1)}× a bare evaluation; median per decision ${(100 * median(perDecision)).toFixed(0)} % ` +
      `(max ${(100 * Math.max(...perDecision)).toFixed(0)} %)${name === 'warm' ? '; target < 20 %, judged on this figure' : ''}`,
  );
}
console.log(
  `  evaluation without ?nearby=1 (nearby() is not called): ${totalEval.toFixed(0)} µs for all fixtures once, ` +
    `${totalExplained.toFixed(0)} µs with explanation`,
);
