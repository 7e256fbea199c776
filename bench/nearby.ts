/**
 * What 怎样会不同 costs: for every decision of every shipped pack, nearby() with its text in one
 * language (as the API answers `?nearby=1&lang=zh`) against an evaluation with its explanation in
 * that language over the decision's fixtures, measured in the same run. Everything here is
 * synchronous, so it is timed with plain loops; the machine is shared, so each figure is the best
 * of several alternating rounds of process CPU time (other processes do not count).
 *
 * Three figures for nearby:
 * - warm: the fixtures again and again — what a running server sees once it has met the cells
 *   (breakpoint cell of each number, options, facts left out) its callers' cases fall in. nearby
 *   keeps its answer per cell combination (bounded), so a case in known cells costs a lookup.
 *   Target: nearby < 20 % of an evaluation with explanation, judged on this figure: a township
 *   office's cases fall in few cells (the same leave types, the same handful of day counts).
 * - cold: every memo emptied before each call (each case met for the first time).
 * - fresh values: each round a new seeded draw of every numeric fact, spread evenly over its
 *   schema range (open ends: up to twice the largest fixture value), so cells come in far more
 *   variety than any office's cases would; answers kept from earlier rounds and earlier draws
 *   of the same round still count. The denominator is the fixtures' evaluation + explanation.
 * Evaluation without `?nearby=1` does not call nearby(); its figure is printed so runs before and
 * after a change can be compared — in one run with BEFORE=/path/to/older/checkout (built with
 * `npm run build`), whose dist/ is timed in the same alternating rounds.
 * The engine is imported from dist/ when `npm run build` has made it and it is current.
 */
import { pathToFileURL } from 'node:url';
import type { CompiledPack, Evaluation } from '../engine/index.js';
import { median } from './timing.js';

type Engine = typeof import('../engine/index.js');
type NearbyModule = typeof import('../engine/nearby/nearby.js');

// what production runs: the tsc build in dist/ when it is current (tsx's name wrappers cost a few %)
const buildSteps = '../scripts/build-steps.mjs'; // plain JavaScript without type declarations
const { serverIsCurrent } = (await import(buildSteps)) as { serverIsCurrent: () => boolean };
const fromDist = serverIsCurrent();
const here: { engine: Engine; nearby: NearbyModule } = fromDist
  ? {
      engine: await import(new URL('../dist/engine/index.js', import.meta.url).href),
      nearby: await import(new URL('../dist/engine/nearby/nearby.js', import.meta.url).href),
    }
  : { engine: await import('../engine/index.js'), nearby: await import('../engine/nearby/nearby.js') };
const beforeDir = process.env.BEFORE;
const before: typeof here | undefined = beforeDir
  ? {
      engine: await import(pathToFileURL(`${beforeDir}/dist/engine/index.js`).href),
      nearby: await import(pathToFileURL(`${beforeDir}/dist/engine/nearby/nearby.js`).href),
    }
  : undefined;
console.log(
  fromDist
    ? '\nengine: dist/ (npm run build)'
    : '\nengine: the TypeScript sources through tsx (run `npm run build` first for the figures production gets)',
);
if (beforeDir) console.log(`before: ${beforeDir}/dist, timed in the same rounds`);

const ROUNDS = Number(process.env.ROUNDS ?? 9);
/** fresh fact sets drawn per decision and round */
const DRAWS = Number(process.env.DRAWS ?? 400);

/**
 * CPU microseconds per call of each variant over `inputs`: best of ROUNDS alternating rounds of
 * about `ms` each, each after an untimed pass.
 */
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
      // an untimed pass first: the cold variant, run in between, empties the memos the warm one keeps
      for (const input of inputs) fn(input);
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

/** CPU microseconds per call over each round's own inputs (made untimed), once each: best of ROUNDS rounds. */
function microsPerFreshCall<T>(inputsOf: () => T[][], variants: ((input: T) => unknown)[]): number[] {
  const best = variants.map(() => Infinity);
  for (let round = 0; round < ROUNDS; round++) {
    const perVariant = inputsOf();
    variants.forEach((fn, v) => {
      const inputs = perVariant[v];
      if (!inputs.length) return;
      const start = process.cpuUsage();
      for (const input of inputs) fn(input);
      const used = process.cpuUsage(start);
      best[v] = Math.min(best[v], (used.user + used.system) / inputs.length);
    });
  }
  return best;
}

let seed = 19;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;

interface NumberRange {
  name: string;
  lo: number;
  hi: number;
  unit?: number;
}

/** The numeric facts of a decision's schema, each with the range fresh values are drawn from. */
function numberRanges(engine: Engine, decision: string, fixtures: Record<string, unknown>[]): NumberRange[] {
  const properties = engine.dereferencedFactSchema(decision).properties ?? {};
  const out: NumberRange[] = [];
  for (const [name, p] of Object.entries(properties)) {
    if (p.type !== 'number' && p.type !== 'integer') continue;
    const seen = fixtures.map((f) => f[name]).filter((v): v is number => typeof v === 'number');
    if (!seen.length) continue;
    const unit = typeof p.multipleOf === 'number' ? p.multipleOf : p.type === 'integer' ? 1 : undefined;
    const lo =
      typeof p.minimum === 'number'
        ? p.minimum
        : typeof p.exclusiveMinimum === 'number'
          ? p.exclusiveMinimum + (unit ?? 0.01)
          : Math.min(0, ...seen);
    const hi =
      typeof p.maximum === 'number'
        ? p.maximum
        : typeof p.exclusiveMaximum === 'number'
          ? p.exclusiveMaximum - (unit ?? 0.01)
          : Math.max(lo + 10, 2 * Math.max(...seen));
    out.push({ name, lo, hi, unit });
  }
  return out;
}

function drawn(range: NumberRange): number {
  const v = range.lo + random() * (range.hi - range.lo);
  if (!range.unit) return Math.round(v * 100) / 100;
  return Math.min(range.hi, Math.max(range.lo, Math.round(v / range.unit) * range.unit));
}

/** DRAWS fact sets: a fixture with every numeric fact it gives drawn anew; those evaluation refuses are left out. */
function freshFacts(fixtures: Record<string, unknown>[], ranges: NumberRange[]): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < DRAWS; i++) {
    const facts = { ...fixtures[Math.floor(random() * fixtures.length)] };
    for (const range of ranges) if (typeof facts[range.name] === 'number') facts[range.name] = drawn(range);
    out.push(facts);
  }
  return out;
}

function evaluated(engine: Engine, pack: CompiledPack, decision: string, facts: Record<string, unknown>) {
  try {
    return engine.evaluateSync(pack, decision, facts);
  } catch {
    return undefined;
  }
}

const packsOf = (engine: Engine) => {
  const source = engine.folderSource();
  return new Map(source.ids.map((id) => [id, engine.buildPack(id, source).compiled] as const));
};
const versions = [
  { name: 'after', ...here, packs: packsOf(here.engine) },
  ...(before ? [{ name: 'before', ...before, packs: packsOf(before.engine) }] : []),
];

const pad = (s: string, n: number) => s.padEnd(n);
const us = (n: number) => n.toFixed(1).padStart(7);
const percent = (n: number) => `${(100 * n).toFixed(0).padStart(6)} %`;
console.log(
  '\n怎样会不同 (nearby, zh) vs evaluation with explanation (zh): CPU µs per evaluation; ratios to eval+zh over the fixtures',
);
console.log(
  `  ${pad('pack / decision', 44)} ${pad('', 6)} ${'eval'.padStart(7)} ${'eval+zh'.padStart(7)} ${'cold'.padStart(7)} ` +
    `${'warm'.padStart(7)} ${'fresh'.padStart(7)}  ${'cold'.padStart(8)} ${'warm'.padStart(8)} ${'fresh'.padStart(8)}  changes`,
);

interface Totals {
  eval: number;
  explained: number;
  warm: number;
  cold: number;
  fresh: number;
  ratios: { warm: number[]; cold: number[]; fresh: number[] };
}
const totals = new Map<string, Totals>(
  versions.map((v) => [
    v.name,
    { eval: 0, explained: 0, warm: 0, cold: 0, fresh: 0, ratios: { warm: [], cold: [], fresh: [] } },
  ]),
);

const first = versions[0];
for (const [packId, pack] of first.packs) {
  if (!pack) continue;
  for (const decision of pack.decisions.keys()) {
    const fixtures = pack.resolved.fixtures
      .filter((f) => f.decision === decision && !f.expect.error)
      .map((f) => f.facts as Record<string, unknown>);
    if (fixtures.length === 0) continue;
    const variants: Record<string, (c: { facts: Record<string, unknown>; evaluations: Evaluation[] }) => unknown> = {};
    const fresh: ((e: Evaluation) => unknown)[] = [];
    const ranges = numberRanges(first.engine, decision, fixtures);
    const freshRound = () => {
      const facts = freshFacts(fixtures, ranges);
      return versions.map((v) => facts.flatMap((f) => evaluated(v.engine, v.packs.get(packId)!, decision, f) ?? []));
    };
    versions.forEach((v, i) => {
      const p = v.packs.get(packId)!;
      const { engine } = v;
      variants[`${v.name}:eval`] = (c) => engine.evaluateSync(p, decision, c.facts);
      variants[`${v.name}:explained`] = (c) => engine.explain(engine.evaluateSync(p, decision, c.facts)!, 'zh');
      variants[`${v.name}:warm`] = (c) => engine.nearby(p, c.evaluations[i], { locale: 'zh' });
      variants[`${v.name}:cold`] = (c) => {
        v.nearby.forgetNearbyMemos(p, decision);
        return engine.nearby(p, c.evaluations[i], { locale: 'zh' });
      };
      fresh.push((e) => engine.nearby(p, e, { locale: 'zh' }));
    });
    const cases = fixtures.map((facts) => ({
      facts,
      evaluations: versions.map((v) => v.engine.evaluateSync(v.packs.get(packId)!, decision, facts)!),
    }));
    const t = microsPerCall(cases, variants);
    const f = microsPerFreshCall(freshRound, fresh);
    versions.forEach((v, i) => {
      const p = v.packs.get(packId)!;
      const [evalUs, explained, cold, warm, freshUs] = ['eval', 'explained', 'cold', 'warm']
        .map((k) => t[`${v.name}:${k}`])
        .concat(f[i]);
      const changes = cases.reduce((n, c) => n + v.engine.nearby(p, c.evaluations[i]).length, 0) / cases.length;
      const sum = totals.get(v.name)!;
      sum.eval += evalUs * cases.length;
      sum.explained += explained * cases.length;
      sum.warm += warm * cases.length;
      sum.cold += cold * cases.length;
      sum.fresh += freshUs * cases.length;
      sum.ratios.warm.push(warm / explained);
      sum.ratios.cold.push(cold / explained);
      sum.ratios.fresh.push(freshUs / explained);
      console.log(
        `  ${pad(i === 0 ? `${packId} / ${decision}` : '', 44)} ${pad(v.name, 6)} ${us(evalUs)} ${us(explained)} ${us(cold)} ` +
          `${us(warm)} ${us(freshUs)}  ${percent(cold / explained)} ${percent(warm / explained)} ${percent(freshUs / explained)}  ` +
          `${changes.toFixed(1).padStart(7)}`,
      );
    });
  }
}
for (const v of versions) {
  const sum = totals.get(v.name)!;
  console.log(`\n  ${v.name}:`);
  for (const name of ['warm', 'cold', 'fresh'] as const) {
    const perDecision = sum.ratios[name];
    console.log(
      `    over every fixture, ${name.padEnd(5)}: nearby = ${((100 * sum[name]) / sum.explained).toFixed(0).padStart(5)} % of evaluation + explanation (zh), ` +
        `${(sum[name] / sum.eval).toFixed(2)}× a bare evaluation; median per decision ${(100 * median(perDecision)).toFixed(0)} % ` +
        `(max ${(100 * Math.max(...perDecision)).toFixed(0)} %)${name === 'warm' ? '; target < 20 %, judged on this figure' : ''}`,
    );
  }
  console.log(
    `    evaluation without ?nearby=1 (nearby() is not called): ${sum.eval.toFixed(0)} µs for all fixtures once, ` +
      `${sum.explained.toFixed(0)} µs with explanation`,
  );
}
