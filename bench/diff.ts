/**
 * Pack diff: the structural, compiled, fast-path diff (engine/diff) against the way the API
 * compared before — every case of either side through json-rules-engine on both sides —, for
 * two cases a publish sees: the draft unchanged, and one threshold raised. Prints diffs/s and ratios.
 */
import {
  buildPack,
  diffPacks,
  evaluate,
  folderSource,
  outcomeKey,
  type BuiltPack,
  type PackSource,
} from '../engine/index.js';
import { rateAsync } from './timing.js';

const source = folderSource();

/** Every case evaluated on both sides on the slow path: what the API did before. */
async function everyCaseSlowly(a: BuiltPack, b: BuiltPack): Promise<number> {
  const cases = new Map([...a.resolved!.fixtures, ...b.resolved!.fixtures].map((c) => [c.id, c]));
  const key = async (built: BuiltPack, decision: string, facts: Record<string, unknown>) => {
    try {
      return (await evaluate(built.compiled!, decision, facts)).outcomes.map(outcomeKey).sort().join('|');
    } catch (error) {
      return (error as { code?: string }).code ?? 'ERROR';
    }
  };
  let moved = 0;
  for (const c of cases.values())
    if ((await key(a, c.decision, c.facts)) !== (await key(b, c.decision, c.facts))) moved++;
  return moved;
}

function withParameter(packId: string, id: string, value: number): BuiltPack {
  const bundle = structuredClone(source.get(packId)!);
  bundle.parameters.parameters!.find((p) => p.id === id)!.value = value;
  const edited: PackSource = { get: (pack) => (pack === packId ? bundle : source.get(pack)) };
  return buildPack(packId, edited);
}

const PACK = 'county-township-cadres';
const inForce = buildPack(PACK, source);
const scenarios = [
  ['unchanged draft', buildPack(PACK, source)],
  ['one threshold raised', withParameter(PACK, 'leave.supervisorOnlyMaxDays', 2)],
] as const;

console.log(
  `\nPack diff of ${PACK} (${inForce.resolved!.fixtures.length} cases): engine/diff vs every case through json-rules-engine`,
);
for (const [name, draft] of scenarios) {
  const diff = await diffPacks(inForce, draft);
  const slow = await rateAsync(() => everyCaseSlowly(inForce, draft), 2, 3);
  const fast = await rateAsync(() => diffPacks(inForce, draft), 2, 3);
  console.log(
    `  ${name.padEnd(22)} ${diff.evaluated} cases evaluated, ${diff.fixtures.length} moved;  before ${slow.toFixed(1)} diffs/s, now ${fast.toFixed(1)} diffs/s: ${(fast / slow).toFixed(0)}×`,
  );
}
