import { draftFromDocument, type DraftResult } from '../../engine/drafting/index.js';
import { buildPack, folderSource, lintPack, runFixtures, type PackBundle } from '../../engine/index.js';
import type { ProposalSet, RuleProposal } from '../../engine/proposals/index.js';

export const shipped = () => folderSource();

export async function draft(text: string, packId: string): Promise<DraftResult> {
  return draftFromDocument({ text, name: `${packId}.txt` }, { township: '测试镇', extends: 'base', packId });
}

export const proposalWith = (set: ProposalSet, tierText: string): RuleProposal =>
  set.proposals.find((p) => p.tiers.some((t) => t.text === tierText))!;

export const replace = (set: ProposalSet, proposal: RuleProposal): ProposalSet => ({
  ...set,
  proposals: set.proposals.map((p) => (p.id === proposal.id ? proposal : p)),
});

/** Build the bundle over the shipped base, run its fixtures and lint's boundary check. */
export async function check(bundle: PackBundle) {
  const source = shipped();
  const built = buildPack(bundle.pack.id, { get: (id) => (id === bundle.pack.id ? bundle : source.get(id)) });
  const report = built.compiled ? await runFixtures(built.compiled) : undefined;
  const untested =
    built.resolved && built.compiled ? lintPack(built.resolved).filter((f) => f.code === 'UNTESTED_BOUNDARY') : [];
  return { built, report, untested, errors: built.issues.filter((i) => i.severity === 'error') };
}
