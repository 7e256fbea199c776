/**
 * The compiled-bench workload without timing, for `node --cpu-prof`: every decision of every
 * shipped pack on its fixtures' facts, validated and explained in Chinese, STAGE=evaluate to
 * leave out the explanation.
 */
import { buildPack, evaluateSync, explain, folderSource, type CompiledPack } from '../engine/index.js';

const source = folderSource();
const packs = source.ids.map((id) => buildPack(id, source).compiled).filter((p): p is CompiledPack => !!p);
const ROUNDS = Number(process.env.ROUNDS ?? 20000);
const withText = process.env.STAGE !== 'evaluate';
let sink: unknown;
for (const pack of packs)
  for (const [decision] of pack.decisions) {
    const facts = pack.resolved.fixtures.filter((f) => f.decision === decision && !f.expect.error).map((f) => f.facts);
    if (facts.length === 0) continue;
    for (let i = 0; i < ROUNDS; i++) {
      const evaluation = evaluateSync(pack, decision, facts[i % facts.length])!;
      sink = withText ? explain(evaluation, 'zh') : evaluation;
    }
  }
console.log(typeof sink);
