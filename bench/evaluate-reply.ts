/**
 * The evaluate reply, without HTTP: evaluate + explanation + serialisation per request, as the
 * route did first (explanations in zh and en, JSON.stringify) and as it does now (the language
 * asked for, JSON.stringify), timed in plain loops in the same run, alternating. When
 * fast-json-stringify is installed, a serialiser compiled from the reply schema runs beside
 * JSON.stringify, on the same built replies (the route used one until it measured slower).
 */
import { readFileSync } from 'node:fs';
import {
  buildPack,
  evaluateSync,
  explain,
  folderSource,
  versionSourceText,
  type Evaluation,
  type VersionSource,
} from '../engine/index.js';
import { projectPath } from '../engine/project-folder.js';
import { respond } from '../api/features/evaluation/evaluation-service.js';
import { median, rateSync } from './timing.js';

const pack = buildPack('county-township-cadres', folderSource()).compiled!;
const days = [0.5, 1, 2, 3, 5, 7, 12, 30, 45];
const facts = days.flatMap((d) =>
  ['sick', 'personal', 'annual'].map((leaveType) => ({ applicantRole: 'ordinary', leaveType, days: d })),
);
const source: VersionSource = { version: 1, effectiveFrom: '2026-01-01T00:00:00.000Z', basis: null };

/** The reply as the route built it before: both explanations, written by JSON.stringify. */
function bothLanguages(evaluation: Evaluation): string {
  const explanation = { zh: explain(evaluation, 'zh'), en: explain(evaluation, 'en') };
  return JSON.stringify({
    pack: evaluation.pack,
    version: evaluation.version,
    versionInfo: source,
    decision: evaluation.decision,
    outcomes: evaluation.outcomes,
    fired: evaluation.fired.map((r) => ({
      id: r.id,
      title: r.title,
      group: r.group,
      definedIn: r.definedIn,
      citations: r.citations,
      outcomes: r.outcomes,
    })),
    shadowed: evaluation.shadowed,
    facts: evaluation.facts,
    explanation: {
      zh: { ...explanation.zh, source: versionSourceText(source, 'zh') },
      en: { ...explanation.en, source: versionSourceText(source, 'en') },
    },
  });
}

const at = (i: number) => facts[i % facts.length];
const evaluation = (i: number) => evaluateSync(pack, 'leaveApproval', at(i))!;
const variants: [string, (i: number) => unknown][] = [
  ['evaluate only', (i) => evaluation(i)],
  ['before: zh + en explanations, JSON.stringify', (i) => bothLanguages(evaluation(i))],
  ['now: zh explanation, JSON.stringify', (i) => JSON.stringify(respond(evaluation(i), source, 'zh'))],
  // the serialisers alone, on replies built once: what choosing one over the other saves or costs
  ['serialise only (built zh reply): JSON.stringify', (i) => JSON.stringify(built[i % built.length])],
];
// the replies the serialisers are given, one per fact set
const built = facts.map((_, i) => respond(evaluation(i), source, 'zh'));
const compiled = await compiledSerialiser();
if (compiled)
  variants.push(['serialise only (built zh reply): fast-json-stringify', (i) => compiled(built[i % built.length])]);

/** fast-json-stringify's serialiser for the reply schema, or undefined when it is not installed. */
async function compiledSerialiser(): Promise<((reply: unknown) => string) | undefined> {
  const name = 'fast-json-stringify';
  const module = (await import(name).catch(() => undefined)) as
    { default: (schema: unknown) => (reply: unknown) => string } | undefined;
  if (!module) return undefined;
  return module.default(
    JSON.parse(readFileSync(projectPath('schemas', 'api', 'evaluation-reply.schema.json'), 'utf8')),
  );
}
// five rounds, the variants alternating, medians: background load hits all alike
const rates = variants.map(() => [] as number[]);
for (let round = 0; round < 5; round++) variants.forEach(([, fn], v) => rates[v].push(rateSync(fn, 0.6)));
const rows = variants.map(([label], v) => [label, median(rates[v])] as const);
console.log(
  `\nEvaluate reply without HTTP (county-township-cadres / leaveApproval, ${facts.length} fact sets; reply ${JSON.stringify(respond(evaluation(3), source, 'zh')).length} B, before ${bothLanguages(evaluation(3)).length} B)`,
);
for (const [label, perSecond] of rows)
  console.log(
    `  ${label.padEnd(48)} ${Math.round(perSecond).toLocaleString('en-US').padStart(10)} /s  ${(1e6 / perSecond).toFixed(1).padStart(6)} µs`,
  );
if (rows[4])
  console.log(
    `  serialisation alone: fast-json-stringify takes ${(rows[3][1] / rows[4][1]).toFixed(2)}× the time of JSON.stringify`,
  );
console.log(
  `  reply cost (beyond evaluate): before ${(1e6 / rows[1][1] - 1e6 / rows[0][1]).toFixed(1)} µs, now ${(1e6 / rows[2][1] - 1e6 / rows[0][1]).toFixed(1)} µs`,
);
