/**
 * The edits a person makes in the wizard, as pure functions returning a new proposal set:
 * confirm or reject tiers, change the guessed decision and fact, set a tier's outcomes.
 * Boundary issues are recomputed after each change.
 */
import type { Outcome } from '../model.js';
import { analyseTiers } from './issues.js';
import type { ContextCondition, ProposalSet, RuleProposal, TierStatus } from './model.js';

function update(set: ProposalSet, proposalId: string, change: (p: RuleProposal) => RuleProposal): ProposalSet {
  if (!set.proposals.some((p) => p.id === proposalId)) throw new Error(`unknown proposal ${proposalId}`);
  return {
    ...set,
    proposals: set.proposals.map((p) => {
      if (p.id !== proposalId) return p;
      const next = change(p);
      return { ...next, issues: analyseTiers(next) };
    }),
  };
}

/** Confirm or reject tiers (all tiers of the proposal when `tierIds` is omitted). */
export function setTierStatus(
  set: ProposalSet,
  proposalId: string,
  status: TierStatus,
  tierIds?: string[],
): ProposalSet {
  return update(set, proposalId, (p) => ({
    ...p,
    tiers: p.tiers.map((t) => (!t.accepted && (!tierIds || tierIds.includes(t.id)) ? { ...t, status } : t)),
  }));
}

export function setDecision(set: ProposalSet, proposalId: string, decision: string, fact: string): ProposalSet {
  return update(set, proposalId, (p) => ({ ...p, decision, fact, guessZh: '由人工选定。' }));
}

export function setContext(set: ProposalSet, proposalId: string, context: ContextCondition[]): ProposalSet {
  return update(set, proposalId, (p) => ({ ...p, context }));
}

export function setOutcomes(set: ProposalSet, proposalId: string, tierId: string, outcomes: Outcome[]): ProposalSet {
  return update(set, proposalId, (p) => ({
    ...p,
    tiers: p.tiers.map((t) => (t.id === tierId ? { ...t, outcomes, unmapped: [] } : t)),
  }));
}

const revive = (i: { lo: number | null; hi: number | null; loOpen: boolean; hiOpen: boolean }) => ({
  ...i,
  lo: i.lo ?? -Infinity,
  hi: i.hi ?? Infinity,
});

/**
 * A proposal set read back from JSON (a review file, an API body): infinite ends written as
 * null become ±Infinity again, and the issues are recomputed from the tiers as they now stand
 * (a tester may have rejected a tier by editing the file).
 */
export function readProposals(data: ProposalSet): ProposalSet {
  return {
    ...data,
    proposals: data.proposals.map((p) => {
      const next = { ...p, outOfScope: p.outOfScope.map((o) => ({ ...o, where: revive(o.where as never) })) };
      return { ...next, issues: analyseTiers(next) };
    }),
  };
}
