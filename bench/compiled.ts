/**
 * Compiled evaluator benchmark: for every decision of every shipped pack (its fixtures' facts),
 * measured in the same run:
 *   - raw json-rules-engine: the decision's engine (parameter-bound rules) run on the derived
 *     facts, awaited; no validation, hit policy or trace — the baseline;
 *   - compiled + validated: `evaluateSync` as a single request does it (facts checked first), its
 *     outcomes read (what batch work and what-if compare; fired rules and the undetermined list
 *     are built when read);
 *   - compiled + validated + the explanation in one language (zh), as the API replies: this reads
 *     the fired rules, their lines and the undetermined list too;
 * then the median ratio over ALL decisions; then what-if over 1,000,000 synthetic logged leave
 * decisions (a province's year).
 */
import {
  buildPack,
  evaluateSync,
  explain,
  folderSource,
  whatIf,
  type CompiledPack,
  type LoggedDecision,
} from '../engine/index.js';
import { median, rateAsync, rateSync } from './timing.js';

const source = folderSource();
const packs = source.ids.map((id) => buildPack(id, source).compiled).filter((p): p is CompiledPack => !!p);

const fmt = (n: number) => Math.round(n).toLocaleString('en-US').padStart(11);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 0.6);
const ROUNDS = 3;

console.log("\nCompiled path vs raw json-rules-engine, every decision of every shipped pack (its fixtures' facts)");
console.log("  JRE: the decision's json-rules-engine run on derived facts (awaited); validated: evaluateSync with");
console.log(
  '  fact validation, its outcomes read; +zh: the same plus the Chinese explanation (what one API reply builds)',
);
console.log(
  `  ${'pack / decision'.padEnd(52)} ${'rules'.padStart(5)} ${'JRE evals/s'.padStart(11)} ${'validated'.padStart(11)} ${'+zh'.padStart(11)}  ratios`,
);
const ratios: number[] = [];
const explainedRatios: number[] = [];
for (const pack of packs) {
  for (const [decision, compiled] of pack.decisions) {
    const facts = pack.resolved.fixtures.filter((f) => f.decision === decision && !f.expect.error).map((f) => f.facts);
    if (facts.length === 0) continue;
    const at = (i: number) => facts[i % facts.length];
    // json-rules-engine is asynchronous and awaited; the compiled path is timed in a plain loop.
    // Short rounds alternating the three, medians: background load hits all alike.
    const rounds = { jre: [] as number[], fast: [] as number[], explained: [] as number[] };
    for (let round = 0; round < ROUNDS; round++) {
      rounds.jre.push(await rateAsync((i) => compiled.engine.run(compiled.derive(at(i))), SECONDS / ROUNDS));
      rounds.fast.push(rateSync((i) => evaluateSync(pack, decision, at(i))!.outcomes, SECONDS / ROUNDS));
      rounds.explained.push(rateSync((i) => explain(evaluateSync(pack, decision, at(i))!, 'zh'), SECONDS / ROUNDS));
    }
    const [jre, fast, explained] = [median(rounds.jre), median(rounds.fast), median(rounds.explained)];
    ratios.push(fast / jre);
    explainedRatios.push(explained / jre);
    console.log(
      `  ${`${pack.id} / ${decision}`.padEnd(52)} ${String(compiled.rules.size).padStart(5)} ${fmt(jre)} ${fmt(fast)} ${fmt(explained)}  ${(fast / jre).toFixed(0)}× / ${(explained / jre).toFixed(0)}×`,
    );
  }
}
console.log(
  `  median over ${ratios.length} decisions: compiled + validated ${median(ratios).toFixed(0)}× raw json-rules-engine (min ${Math.min(...ratios).toFixed(0)}×; goal ≥ 200×),`,
);
console.log(
  `    with the zh explanation ${median(explainedRatios).toFixed(0)}× (min ${Math.min(...explainedRatios).toFixed(0)}×; goal ≥ 50×)`,
);
if (process.env.BENCH_SKIP_WHATIF) process.exit(0);

// what-if: a year of a province's leave decisions logged under the shipped pack, re-run under a draft
const current = buildPack('county-township-cadres', source).compiled!;
const draftBundle = structuredClone(source.get('county-township-cadres')!);
draftBundle.parameters.parameters!.find((p) => p.id === 'leave.supervisorOnlyMaxDays')!.value = 3;
const draft = buildPack('county-township-cadres', {
  get: (id) => (id === 'county-township-cadres' ? draftBundle : source.get(id)),
}).compiled!;

const COUNT = 1_000_000;
let seed = 1;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const dayChoices = [0.5, 1, 1, 1, 1.5, 2, 2, 3, 4, 5, 6, 10, 20, 30, 45];
const logged: LoggedDecision[] = new Array(COUNT);
const t0 = performance.now();
for (let i = 0; i < COUNT; i++) {
  const facts = {
    applicantRole: random() < 0.85 ? 'ordinary' : 'leader',
    leaveType: random() < 0.6 ? 'sick' : 'annual',
    days: dayChoices[Math.floor(random() * dayChoices.length)],
  };
  // as the decision log would return them: parsed JSON, new objects for every row
  logged[i] = JSON.parse(
    JSON.stringify({
      id: i,
      decision: 'leaveApproval',
      facts,
      outcomes: evaluateSync(current, 'leaveApproval', facts, { trusted: true })!.outcomes,
    }),
  );
}
const built = performance.now() - t0;
const memoryBefore = process.memoryUsage().heapUsed;
const start = performance.now();
const summary = await whatIf(draft, logged, { before: current, maxCases: 100 });
const seconds = (performance.now() - start) / 1000;
console.log(
  `\nWhat-if: ${COUNT.toLocaleString('en-US')} logged decisions (built in ${(built / 1000).toFixed(1)} s), 分管领导单独审批 1 → 3 天`,
);
console.log(
  `  re-evaluated in ${seconds.toFixed(2)} s (${fmt(COUNT / seconds)} decisions/s, target < 5 s), heap +${((process.memoryUsage().heapUsed - memoryBefore) / 2 ** 20).toFixed(0)} MiB`,
);
console.log(`  changed ${summary.changed.toLocaleString('en-US')} of ${summary.total.toLocaleString('en-US')}:`);
for (const t of summary.transitions.slice(0, 5))
  console.log(`    ${t.from} → ${t.to}: ${t.count.toLocaleString('en-US')} 件`);
