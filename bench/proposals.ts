/**
 * How far the proposals get a seed document with one click per question: every tier confirmed,
 * every overlap and gap settled with its first offered choice. Prints the share of the draft's
 * threshold parameters that end in accepted rules, the boundary fixtures and whether they pass.
 */
import { readFileSync } from 'node:fs';
import { draftFromDocument } from '../engine/drafting/index.js';
import { buildPack, folderSource, lintPack, runFixtures } from '../engine/index.js';
import { acceptProposals, confirmAll, resolveIssue, type ProposalSet } from '../engine/proposals/index.js';

const seeds = [
  '000_db10197462e50133.txt',
  '001_2cd7773e79d2d3cc.txt',
  '002_6f04f3293e826726.txt',
  '003_9e0032ca3b84f18f.txt',
  '004_e882415117a4fc26.txt',
];
const shipped = folderSource();
for (const seed of seeds) {
  const text = readFileSync(new URL(`../docs/seeds/${seed}`, import.meta.url), 'utf8');
  const draft = await draftFromDocument(
    { text, name: seed },
    { township: '测试镇', extends: 'base', packId: 'bench-draft' },
  );
  let set: ProposalSet = confirmAll(draft.review.proposals);
  set = {
    ...set,
    proposals: set.proposals.map((p) => {
      let next = p;
      for (let guard = 0; next.issues.length && guard < 20; guard++)
        next = resolveIssue(next, next.issues[0].id, next.issues[0].options[0].choice);
      return next;
    }),
  };
  const result = acceptProposals(draft.bundle, set, { source: shipped });
  const built = buildPack('bench-draft', { get: (id) => (id === 'bench-draft' ? result.bundle : shipped.get(id)) });
  const report = built.compiled ? await runFixtures(built.compiled) : undefined;
  const own = report?.results.filter((r) => r.origin.pack === 'bench-draft') ?? [];
  const untested =
    built.resolved && built.compiled
      ? lintPack(built.resolved).filter((f) => f.code === 'UNTESTED_BOUNDARY').length
      : NaN;
  const parameters = draft.bundle.parameters.parameters ?? [];
  const used = new Set(
    JSON.stringify(result.bundle.rules)
      .match(/"param":"[^"]+"/g)
      ?.map((m) => m.slice(9, -1)) ?? [],
  );
  const inRules = parameters.filter((p) => used.has(p.id)).length;
  const rules = Object.values(result.bundle.rules).reduce((n, f) => n + f.rules.length, 0);
  console.log(
    `${seed}: ${set.proposals.length} proposals, ${rules} rules; parameters in rules ${inRules}/${parameters.length} (${((100 * inRules) / Math.max(1, parameters.length)).toFixed(0)}%); ` +
      `held back ${result.heldBack.length}; fixtures ${own.filter((r) => r.passed).length}/${own.length} pass; untested boundaries ${untested}; valid ${!!built.compiled}`,
  );
}
