/**
 * What telling "still to confirm" costs: every fixture of every shipped pack evaluated on the
 * compiled path (sync, plain loop), with the undetermined analysis and with it switched off
 * (the evaluation as it was before: a decision whose `unknownFacts` finds nothing), measured in
 * the same run in alternating rounds. Printed for all fixtures, for the fixtures that leave an
 * optional fact out, for the fixtures the analysis can skip (nothing missing that could leave a
 * test unknown), and for evaluation + explanation (zh).
 */
import { buildPack, evaluateSync, explain, folderSource, type CompiledPack } from '../engine/index.js';

const source = folderSource();
const packs = source.ids.map((id) => buildPack(id, source).compiled).filter((p): p is CompiledPack => !!p);

/** The same pack with the three-valued analysis off: what evaluation did before. */
function withoutUndetermined(pack: CompiledPack): CompiledPack {
  const decisions = new Map([...pack.decisions].map(([id, d]) => [id, { ...d, unknownFacts: () => undefined }]));
  return { ...pack, decisions };
}

type Case = { pack: CompiledPack; plain: CompiledPack; decision: string; facts: Record<string, unknown> };
const cases: Case[] = packs.flatMap((pack) => {
  const plain = withoutUndetermined(pack);
  return pack.resolved.fixtures
    .filter((f) => !f.expect.error)
    .map((f) => ({ pack, plain, decision: f.decision, facts: f.facts }));
});
const open = cases.filter((c) => evaluateSync(c.pack, c.decision, c.facts, { trusted: true })!.undetermined.length > 0);
/** no fact is missing that could leave a test unknown (flags the rules test only as 是 may be): the fast path */
const settled = cases.filter(
  (c) => !c.pack.decisions.get(c.decision)!.unknownFacts(c.pack.decisions.get(c.decision)!.derive(c.facts)),
);

/** ns per evaluation of `run` over the cases, best of several rounds; rounds alternate between the variants. */
function compare(
  list: Case[],
  run: (pack: CompiledPack, c: Case) => unknown,
  rounds = 15,
  perRound = 20_000,
): { before: number; after: number } {
  const time = (which: 'plain' | 'pack') => {
    const start = performance.now();
    for (let i = 0; i < perRound; i++) {
      const c = list[i % list.length];
      run(which === 'plain' ? c.plain : c.pack, c);
    }
    return ((performance.now() - start) * 1e6) / perRound;
  };
  for (let i = 0; i < 3; i++) {
    time('plain');
    time('pack');
  } // warm-up
  let before = Infinity;
  let after = Infinity;
  for (let r = 0; r < rounds; r++) {
    before = Math.min(before, time('plain'));
    after = Math.min(after, time('pack'));
  }
  return { before, after };
}

const evaluation = (pack: CompiledPack, c: Case) => evaluateSync(pack, c.decision, c.facts, { trusted: true });
const withExplanation = (pack: CompiledPack, c: Case) =>
  explain(evaluateSync(pack, c.decision, c.facts, { trusted: true })!, 'zh');

console.log(`\nUndetermined analysis: cost per evaluation (compiled path, trusted facts), best of 15 rounds`);
console.log(
  `  ${cases.length} fixture fact sets; ${open.length} of them leave out an optional fact a rule hinges on; ` +
    `${settled.length} leave out nothing that could leave a test unknown (the fast path: no analysis at all)`,
);
console.log(`  ${'workload'.padEnd(44)} ${'before ns'.padStart(10)} ${'now ns'.padStart(10)}  ratio`);
for (const [label, list, run] of [
  ['all fixtures, evaluation', cases, evaluation],
  ['all fixtures, evaluation + explanation', cases, withExplanation],
  ['fast-path fixtures, evaluation', settled, evaluation],
  ['fast-path fixtures, evaluation + explanation', settled, withExplanation],
  ['undetermined fixtures, evaluation', open, evaluation],
  ['undetermined fixtures, evaluation + explanation', open, withExplanation],
] as const) {
  const { before, after } = compare(list, run);
  console.log(
    `  ${label.padEnd(44)} ${before.toFixed(0).padStart(10)} ${after.toFixed(0).padStart(10)}  ${(after / before).toFixed(2)}×`,
  );
}
