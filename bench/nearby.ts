/**
 * What 怎样会不同 costs: for every decision of every shipped pack, over its fixtures' facts,
 * the time of nearby() per evaluation against an evaluation with its explanation (the compiled
 * path, as the API answers), measured in the same run. Everything here is synchronous, so it is
 * timed with plain loops (no await between iterations). Target: nearby < 20 % of an evaluation
 * with explanation (zh and en, as the API renders today).
 */
import { buildPack, evaluateSync, explain, folderSource, nearby, type CompiledPack } from '../engine/index.js';

const source = folderSource();
const packs = source.ids.map((id) => buildPack(id, source).compiled).filter((p): p is CompiledPack => !!p);

/** Microseconds per call of `fn` over `inputs`, repeated for about `ms` milliseconds after a warm-up. */
function microsPerCall<T>(inputs: T[], fn: (input: T) => unknown, ms = 300): number {
  for (let r = 0; r < 50; r++) for (const input of inputs) fn(input);
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let r = 0; r < 20; r++) for (const input of inputs) fn(input);
    calls += 20 * inputs.length;
    elapsed = performance.now() - start;
  }
  return (elapsed * 1000) / calls;
}

const pad = (s: string, n: number) => s.padEnd(n);
const us = (n: number) => n.toFixed(1).padStart(8);
console.log('\n怎样会不同 (nearby) vs evaluation with explanation, µs per evaluation (fixture facts)');
console.log(`  ${pad('pack / decision', 52)} ${'eval'.padStart(8)} ${'+zh'.padStart(8)} ${'+zh+en'.padStart(8)} ${'nearby'.padStart(8)}  nearby / (eval+zh+en)  changes`);
let totalExplained = 0;
let totalZh = 0;
let totalNearby = 0;
let totalEval = 0;
const ratios: number[] = [];
for (const pack of packs) {
  for (const decision of pack.decisions.keys()) {
    const facts = pack.resolved.fixtures.filter((f) => f.decision === decision && !f.expect.error).map((f) => f.facts);
    if (facts.length === 0) continue;
    const evaluations = facts.map((f) => evaluateSync(pack, decision, f)!);
    const plain = microsPerCall(facts, (f) => evaluateSync(pack, decision, f));
    const zh = microsPerCall(facts, (f) => explain(evaluateSync(pack, decision, f)!, 'zh'));
    const both = microsPerCall(facts, (f) => {
      const e = evaluateSync(pack, decision, f)!;
      return [explain(e, 'zh'), explain(e, 'en')];
    });
    const near = microsPerCall(evaluations, (e) => nearby(pack, e));
    const changes = evaluations.reduce((n, e) => n + nearby(pack, e).length, 0) / evaluations.length;
    totalEval += plain * facts.length;
    totalZh += zh * facts.length;
    totalExplained += both * facts.length;
    totalNearby += near * facts.length;
    ratios.push(near / both);
    console.log(`  ${pad(`${pack.id} / ${decision}`, 52)} ${us(plain)} ${us(zh)} ${us(both)} ${us(near)}  ${(100 * near / both).toFixed(0).padStart(5)} %  ${changes.toFixed(1).padStart(10)}`);
  }
}
const median = [...ratios].sort((a, b) => a - b)[Math.floor(ratios.length / 2)];
console.log(`  over every fixture: nearby = ${(100 * totalNearby / totalExplained).toFixed(0)} % of evaluation + zh/en explanation, ` +
  `${(100 * totalNearby / totalZh).toFixed(0)} % of evaluation + zh explanation, ${(totalNearby / totalEval).toFixed(1)}× a bare evaluation; ` +
  `median per decision ${(100 * median).toFixed(0)} % (max ${(100 * Math.max(...ratios)).toFixed(0)} %); target < 20 %`);
console.log('  without ?nearby=1 the API does not call nearby(): the evaluation path is unchanged');
