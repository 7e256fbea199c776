/**
 * Proposed rules: what the drafting tool read from a regulation's ladders and single thresholds,
 * waiting for a person to confirm tier by tier. The shape mirrors schemas/proposals.schema.json
 * (the review file the CLI writes and the API stores next to a draft).
 *
 * A proposal is never a rule. Only tiers a person set to `confirmed` become rules, through
 * `acceptProposals`; everything else stays in the review list.
 */
import type { Interval } from '../lint/intervals.js';
import type { Outcome } from '../model.js';

export type TierStatus = 'proposed' | 'confirmed' | 'rejected';

/** One end of a tier: the number (in the parameter's unit), whether it is included, and why. */
export interface TierBound {
  value: number;
  inclusive: boolean;
  /** the word that decided inclusive/exclusive (「以上」「超过」…), or how a person decided it */
  word: string;
  /** the draft parameter holding the number; the rule compares with `{ param }` */
  param?: string;
}

/** Where the words of a tier are, to highlight them in the clause text. */
export interface TextSpan {
  start: number;
  end: number;
}

/** Words of the clause the outcome prefill could not turn into the shared vocabulary. */
export interface UnmappedWords {
  /** the words as written (「报乡长审批」) */
  text: string;
  /** role words not in the shared vocabulary (乡长, 站所负责人): the UI maps them to a role */
  roleWords?: string[];
}

export interface ProposedTier {
  /** t1, t2 … in text order; stable within the proposal */
  id: string;
  status: TierStatus;
  /** the tier as written: 「2天以上5天以内」 */
  text: string;
  span: TextSpan;
  /** absent: unbounded on that side */
  lower?: TierBound;
  upper?: TierBound;
  /** the words after the tier that say what follows (「分管领导签字后，由党委书记或者镇长审批」) */
  consequence?: string;
  /** prefilled from the consequence where the words allow; a person completes or corrects them */
  outcomes: Outcome[];
  unmapped: UnmappedWords[];
  /** the rule title; generated from the tier and outcome when empty */
  title?: string;
  /** boundary decisions a person made, each with the clause words; joined into the rule's note */
  notes: string[];
  /** set by acceptProposals: the rule this tier became (it is then no longer open) */
  accepted?: { rule: string };
}

/** A condition that narrows the whole group, guessed from the subject (「一般干部」 → applicantRole = ordinary). */
export interface ContextCondition {
  fact: string;
  value: string | boolean;
  /** the words it was read from */
  word: string;
}

export type IssueKind = 'overlap' | 'gap' | 'below' | 'above';

/** How an overlap or gap can be settled with one click. */
export type ResolutionChoice =
  /** overlap: the lower tier keeps the shared values, the upper one starts after them */
  | 'lowerTier'
  /** overlap: the upper tier keeps the shared values, the lower one ends before them */
  | 'upperTier'
  /** gap / above: the tier below grows to cover it */
  | 'extendLower'
  /** gap / below: the tier above grows to cover it */
  | 'extendUpper'
  /** gap / below / above: the regulation does not govern these values; no rule covers them */
  | 'outOfScope';

export interface ResolutionOption {
  choice: ResolutionChoice;
  labelZh: string;
  label: string;
}

/** An overlap or gap between the group's open tiers, with the one-click choices that settle it. */
export interface BoundaryIssue {
  /** stable: kind and tiers, e.g. `overlap:t2:t3`, `below:t1` */
  id: string;
  kind: IssueKind;
  tiers: string[];
  where: Interval[];
  messageZh: string;
  message: string;
  options: ResolutionOption[];
}

/** A range of values a person declared outside the regulation's scope, with the note saying so. */
export interface OutOfScope {
  where: Interval;
  note: string;
}

export interface RuleProposal {
  /** stable: `p-<clause>-<ladder or quantity>` */
  id: string;
  kind: 'ladder' | 'single';
  /** the draft's source clause (sources.json), cited by every rule of the group */
  source: string;
  article: string;
  /** the clause text the spans point into (the original wording) */
  clauseText: string;
  /** what the numbers are about (「干部请假」) */
  subject: string;
  /** unit of the tiers' numbers, the parameters' unit (天, 分钟, 元 …) */
  unit: string;
  period?: string;
  aggregate?: string;
  /** the decision the group belongs to: guessed, changeable; null when nothing fits */
  decision: string | null;
  /** the fact the tiers compare; guessed, changeable; null when nothing fits */
  fact: string | null;
  /** why the decision and fact were guessed, in Chinese */
  guessZh: string;
  context: ContextCondition[];
  tiers: ProposedTier[];
  /** overlaps and gaps among the tiers not rejected; recomputed after every change */
  issues: BoundaryIssue[];
  outOfScope: OutOfScope[];
  /** Chinese label of the rule group (editable) */
  label: string;
  /** set by acceptProposals: the rule group (and rules file) the accepted tiers went into */
  accepted?: { group: string; file: string };
}

export interface ProposalSet {
  $schema?: string;
  /** the draft pack the proposals belong to */
  pack: string;
  /** the document they were read from */
  document: string;
  /** where the draft pack folder is, relative to the review file (written by the CLI) */
  folder?: string;
  proposals: RuleProposal[];
}
