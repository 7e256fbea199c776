/**
 * Many townships: 1,000 township packs, each extending one of the shipped township packs with
 * 2–4 parameter overrides, loaded and compiled in one process; then compiled evaluations/s
 * across random packs against the rate with only the 5 shipped packs loaded, and the same for
 * raw json-rules-engine (each decision's own `Engine`). Both sides evaluate the same sequence
 * of (decision, fixture facts); only the pack differs: the township or the pack it extends.
 *
 * Each side runs in its own process (a process that loaded 1,000 packs cannot measure the
 * 5-pack rate: the call sites are already warmed with every pack), three rounds interleaved;
 * medians are printed.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { fileURLToPath } from 'node:url';
import {
  buildPack,
  checkParameterLock,
  folderSource,
  evaluateSync,
  parameterValueProblem,
  type CompiledPack,
  type PackBundle,
  type ParameterOverride,
  type PackSource,
} from '../engine/index.js';
import { generatedMatcherCount } from '../engine/compile/predicates.js';
import { compiledDecisionCount } from '../engine/compile/compile.js';
import { median, rateAsync, rateSync } from './timing.js';

const TOWNSHIPS = 1000;
const ITEMS = 4096;
const ROUNDS = 3;

interface WorkerResult {
  packs: number;
  loadSeconds: number;
  /** CPU time of load + compile: the machine may be shared, wall time then says little */
  loadCpuSeconds: number;
  decisions: number;
  generatedMatchers: number;
  /** distinct compiled decision objects (packs share those their overrides leave alone) */
  distinctDecisions: number;
  heapMiB: number;
  rssMiB: number;
  compiled: number;
  jre: number;
  /** the same per CPU-second of this process */
  compiledCpu: number;
  jreCpu: number;
  skipped: number;
}

function random(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

/** The shipped packs a township would extend: those that extend the national base. */
function shippedTownshipPacks(source: ReturnType<typeof folderSource>): string[] {
  return source.ids.filter((id) => source.get(id)?.pack.extends).sort();
}

/**
 * A township extending `base`: 2–4 of the base's numeric parameters moved a little (within
 * their bounds and locks, so that its ladders keep their order and the pack stays valid).
 */
function townshipBundle(index: number, base: CompiledPack, next: () => number): PackBundle {
  const candidates = [...base.resolved.parameters.values()].filter(
    (p) =>
      (p.definition.type === 'number' || p.definition.type === 'integer') &&
      p.definition.lock?.kind !== 'fixed' &&
      typeof p.value === 'number',
  );
  const count = 2 + Math.floor(next() * 3);
  const overrides: ParameterOverride[] = [];
  const taken = new Set<string>();
  while (overrides.length < count && taken.size < candidates.length) {
    const parameter = candidates[Math.floor(next() * candidates.length)];
    if (taken.has(parameter.definition.id)) continue;
    taken.add(parameter.definition.id);
    const value = parameter.value as number;
    const step = parameter.definition.type === 'integer' ? 1 : Math.max(0.5, Math.abs(value) * 0.1);
    const allowed = (v: number) =>
      !parameterValueProblem(parameter.definition, v) &&
      !checkParameterLock(parameter.definition, parameter.definedIn, v, 'town', '');
    const direction = next() < 0.5 ? -1 : 1;
    const moved = [value + direction * step, value - direction * step].find(allowed);
    if (moved === undefined) continue;
    overrides.push({ id: parameter.definition.id, value: moved });
  }
  return {
    pack: {
      id: `town-${index}`,
      name: `第${index}镇`,
      owner: { id: `town-${index}`, name: `第${index}镇`, level: 'township' },
      extends: base.id,
      version: '1.0.0',
    },
    sources: { clauses: [] },
    parameters: { overrides },
    rules: {},
    fixtures: {},
  } as PackBundle;
}

/**
 * A rate per second and per CPU-second of this process: on a shared machine the wall clock also
 * counts other processes' turns, and the ratio of two runs then says more in CPU time.
 */
async function perCpuSecond(measure: () => number | Promise<number>): Promise<{ wall: number; cpu: number }> {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const wall = await measure();
  const cpu = process.cpuUsage(cpuStart);
  return { wall, cpu: (wall * (performance.now() - start) * 1000) / (cpu.user + cpu.system) };
}

/**
 * A CPU profile of the compiled evaluations alone (load and warm-up left out), written to
 * `file` for chrome://inspect or a script: `TOWNSHIPS_PROFILE=t.cpuprofile npx tsx bench/townships.ts worker 1000`.
 */
async function profiled(file: string, measure: () => unknown): Promise<void> {
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
    );
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 100 });
  await post('Profiler.start');
  measure();
  const { profile } = (await post('Profiler.stop')) as { profile: unknown };
  writeFileSync(file, JSON.stringify(profile));
  session.disconnect();
}

async function worker(count: number): Promise<WorkerResult> {
  const source = folderSource();
  const shipped = shippedTownshipPacks(source);
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const bases = shipped.map((id) => buildPack(id, source).compiled!);
  let packs: CompiledPack[] = bases;
  const baseOf: number[] = bases.map((_, i) => i);
  if (count > bases.length) {
    const next = random(2026);
    const bundles = new Map<string, PackBundle>();
    const townSource: PackSource = { get: (id) => bundles.get(id) ?? source.get(id) };
    packs = [];
    baseOf.length = 0;
    for (let i = 0; i < count; i++) {
      const b = i % bases.length;
      const bundle = townshipBundle(i, bases[b], next);
      bundles.set(bundle.pack.id, bundle);
      const built = buildPack(bundle.pack.id, townSource);
      if (!built.compiled) throw new Error(`${bundle.pack.id}: ${built.issues.map((i) => i.message).join('; ')}`);
      packs.push(built.compiled);
      baseOf.push(b);
    }
  }
  const loadSeconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const loadCpuSeconds = (cpu.user + cpu.system) / 1e6;
  const decisions = packs.reduce((n, pack) => n + pack.decisions.size, 0);
  const generatedMatchers = generatedMatcherCount();
  const distinctDecisions = compiledDecisionCount();
  (globalThis as { gc?: () => void }).gc?.();
  const memory = process.memoryUsage();

  // the same work list in both processes: township t (or the pack it extends), a decision, fixture facts
  const next = random(7);
  const fixturesOf = bases.map((pack) =>
    [...pack.decisions.keys()]
      .map((decision) => ({
        decision,
        facts: pack.resolved.fixtures.filter((f) => f.decision === decision && !f.expect.error).map((f) => f.facts),
      }))
      .filter((d) => d.facts.length > 0),
  );
  const items: { pack: CompiledPack; decision: string; facts: Record<string, unknown> }[] = [];
  let skipped = 0;
  for (let k = 0; k < ITEMS; k++) {
    const township = Math.floor(next() * TOWNSHIPS);
    const b = township % bases.length;
    const choice = fixturesOf[b][Math.floor(next() * fixturesOf[b].length)];
    const facts = choice.facts[Math.floor(next() * choice.facts.length)];
    const pack = count > bases.length ? packs[township % packs.length] : bases[b];
    if (baseOf[packs.indexOf(pack)] !== b) throw new Error('work list out of step');
    // a moved threshold could make a fixture incomplete or conflicting: such items are left out and counted
    const item = { pack, decision: choice.decision, facts };
    try {
      evaluateSync(item.pack, item.decision, item.facts);
      evaluateSync(bases[b], item.decision, item.facts);
      items.push(item);
    } catch {
      skipped += 1;
    }
  }
  const warm = (i: number) => {
    const it = items[i % items.length];
    return evaluateSync(it.pack, it.decision, it.facts);
  };
  for (let i = 0; i < 20_000; i++) warm(i);
  const profile = process.env.TOWNSHIPS_PROFILE;
  if (profile) await profiled(profile, () => rateSync(warm, 5, 0));
  const compiled = await perCpuSecond(() => rateSync(warm, 1.5, 0));
  const run = (i: number) => {
    const it = items[i % items.length];
    const decision = it.pack.decisions.get(it.decision)!;
    return decision.engine.run(decision.derive(it.facts));
  };
  for (let i = 0; i < 4000; i++) await run(i);
  const jre = await perCpuSecond(() => rateAsync(run, 1.5, 0));
  return {
    packs: packs.length,
    loadSeconds,
    loadCpuSeconds,
    decisions,
    generatedMatchers,
    distinctDecisions,
    heapMiB: memory.heapUsed / 2 ** 20,
    rssMiB: memory.rss / 2 ** 20,
    compiled: compiled.wall,
    jre: jre.wall,
    compiledCpu: compiled.cpu,
    jreCpu: jre.cpu,
    skipped,
  };
}

function runWorker(count: number): WorkerResult {
  const self = fileURLToPath(import.meta.url);
  const result = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', self, 'worker', String(count)], {
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`worker ${count} failed:\n${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!);
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US').padStart(10);

if (process.argv[2] === 'worker') {
  console.log(JSON.stringify(await worker(Number(process.argv[3]))));
} else {
  const few: WorkerResult[] = [];
  const many: WorkerResult[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    few.push(runWorker(5));
    many.push(runWorker(TOWNSHIPS));
  }
  const m = (list: WorkerResult[], key: keyof WorkerResult) => median(list.map((r) => r[key]));
  console.log(
    `\nMany townships: ${many[0].packs.toLocaleString('en-US')} township packs (each extends a shipped pack with 2–4 parameter overrides) vs the ${few[0].packs} shipped packs`,
  );
  console.log(
    `  ${ITEMS} random (pack, decision, fixture) evaluations, ${many[0].skipped} left out (a moved threshold made them incomplete); medians of ${ROUNDS} interleaved runs`,
  );
  console.log(
    `  ${many[0].decisions.toLocaleString('en-US')} compiled decisions are ${many[0].distinctDecisions.toLocaleString('en-US')} distinct objects sharing ${many[0].generatedMatchers} generated matcher functions (5 packs: ${few[0].decisions} decisions, ${few[0].generatedMatchers} functions)`,
  );
  console.log(
    `  load + compile: ${m(many, 'loadSeconds').toFixed(2)} s wall, ${m(many, 'loadCpuSeconds').toFixed(2)} s CPU (target < 10 s), heap ${m(many, 'heapMiB').toFixed(0)} MiB, RSS ${m(many, 'rssMiB').toFixed(0)} MiB (target < 1,024 MiB); 5 packs: ${m(few, 'loadSeconds').toFixed(2)} s, RSS ${m(few, 'rssMiB').toFixed(0)} MiB`,
  );
  console.log(`  ${''.padEnd(34)} ${'5 packs'.padStart(10)} ${`${TOWNSHIPS} packs`.padStart(10)}  ratio`);
  const row = (label: string, key: 'compiled' | 'jre' | 'compiledCpu' | 'jreCpu', goal: string) =>
    console.log(
      `  ${label.padEnd(34)} ${fmt(m(few, key))} ${fmt(m(many, key))}  ${(m(many, key) / m(few, key)).toFixed(2)}×${goal}`,
    );
  row('compiled evaluateSync() evals/s', 'compiled', ' (goal ≥ 0.8×)');
  row('raw json-rules-engine evals/s', 'jre', '');
  row('compiled, evals per CPU-second', 'compiledCpu', '');
  row('json-rules-engine, per CPU-second', 'jreCpu', '');
}
