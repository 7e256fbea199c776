/**
 * `bench/compiled.ts` for two versions of the engine in one process: the engine of this tree and
 * another checkout's (`BEFORE=/path/to/checkout`, e.g. an older commit extracted with `git archive`),
 * per decision in alternating short rounds: json-rules-engine, then each version validated (its
 * outcomes read, as bench/compiled.ts) and with the zh explanation. Prints the median ratios of
 * both, and per-decision min/max. BENCH_CPU=1 counts CPU time instead of wall-clock time.
 */
import { pathToFileURL } from 'node:url';
import * as after from '../engine/index.js';
import { median, rateAsync, rateSync } from './timing.js';

/**
 * With BENCH_CPU=1, rates per CPU-second of this process instead of per wall-clock second: on a
 * machine shared with other work the slices of time a process gets vary more than its code does.
 */
const cpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};
function cpuRateSync(fn: (i: number) => unknown, seconds: number): number {
  let sink: unknown;
  for (let i = 0; i < 500; i++) sink = fn(i);
  let n = 0;
  const start = cpuSeconds();
  while (cpuSeconds() - start < seconds) {
    for (let i = 0; i < 1000; i++) sink = fn(n + i);
    n += 1000;
  }
  if (sink === Symbol.for('never')) console.log(sink);
  return n / (cpuSeconds() - start);
}
async function cpuRateAsync(fn: (i: number) => Promise<unknown>, seconds: number): Promise<number> {
  for (let i = 0; i < 300; i++) await fn(i);
  let n = 0;
  const start = cpuSeconds();
  while (cpuSeconds() - start < seconds) {
    for (let i = 0; i < 100; i++) await fn(n + i);
    n += 100;
  }
  return n / (cpuSeconds() - start);
}
const timeSync = process.env.BENCH_CPU ? cpuRateSync : rateSync;
const timeAsync = process.env.BENCH_CPU ? cpuRateAsync : rateAsync;

type Engine = typeof after;
const beforeDir = process.env.BEFORE;
if (!beforeDir) throw new Error('BEFORE=/path/to/older/checkout');
const before = (await import(pathToFileURL(`${beforeDir}/engine/index.ts`).href)) as Engine;

const SECONDS = Number(process.env.BENCH_SECONDS ?? 0.6);
const ROUNDS = 3;
const packsOf = (engine: Engine) => {
  const source = engine.folderSource();
  return new Map(source.ids.map((id) => [id, engine.buildPack(id, source).compiled!] as const));
};
const packsBefore = packsOf(before);
const packsAfter = packsOf(after);

const ratios = { before: [] as number[], after: [] as number[], beforeZh: [] as number[], afterZh: [] as number[] };
console.log(`  ${'pack / decision'.padEnd(46)} validated before → after   +zh before → after`);
for (const [id, pack] of packsAfter) {
  const old = packsBefore.get(id)!;
  for (const [decision, compiled] of pack.decisions) {
    const facts = pack.resolved.fixtures.filter((f) => f.decision === decision && !f.expect.error).map((f) => f.facts);
    if (facts.length === 0) continue;
    const at = (i: number) => facts[i % facts.length];
    const rounds = {
      jre: [] as number[],
      b: [] as number[],
      a: [] as number[],
      bz: [] as number[],
      az: [] as number[],
    };
    for (let round = 0; round < ROUNDS; round++) {
      rounds.jre.push(await timeAsync((i) => compiled.engine.run(compiled.derive(at(i))), SECONDS / ROUNDS));
      rounds.b.push(timeSync((i) => before.evaluateSync(old, decision, at(i))!.outcomes, SECONDS / ROUNDS));
      rounds.a.push(timeSync((i) => after.evaluateSync(pack, decision, at(i))!.outcomes, SECONDS / ROUNDS));
      rounds.bz.push(
        timeSync((i) => before.explain(before.evaluateSync(old, decision, at(i))!, 'zh'), SECONDS / ROUNDS),
      );
      rounds.az.push(
        timeSync((i) => after.explain(after.evaluateSync(pack, decision, at(i))!, 'zh'), SECONDS / ROUNDS),
      );
    }
    const jre = median(rounds.jre);
    const [b, a, bz, az] = [rounds.b, rounds.a, rounds.bz, rounds.az].map((r) => median(r) / jre);
    ratios.before.push(b);
    ratios.after.push(a);
    ratios.beforeZh.push(bz);
    ratios.afterZh.push(az);
    console.log(
      `  ${`${id} / ${decision}`.padEnd(46)} ${`${b.toFixed(0)}×`.padStart(10)} → ${`${a.toFixed(0)}×`.padEnd(10)} ${`${bz.toFixed(0)}×`.padStart(6)} → ${az.toFixed(0)}×`,
    );
  }
}
const say = (list: number[]) =>
  `median ${median(list).toFixed(0)}× (min ${Math.min(...list).toFixed(0)}×, max ${Math.max(...list).toFixed(0)}×)`;
console.log(`  over ${ratios.after.length} decisions, vs raw json-rules-engine:`);
console.log(`    compiled + validated: before ${say(ratios.before)}; after ${say(ratios.after)}`);
console.log(`    with the zh explanation: before ${say(ratios.beforeZh)}; after ${say(ratios.afterZh)}`);
