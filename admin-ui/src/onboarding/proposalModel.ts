/**
 * The review list of rule proposals as the onboarding screen shows it, without React: a tier's
 * bounds in words, where tiers and boundary issues sit on a number line, and which proposals
 * can be confirmed. The shapes are the engine's (engine/proposals/model.ts); as JSON, the
 * infinite ends of a gap arrive as null.
 */
import { CLOCK_UNIT, formatClock } from '../../../engine/explain/clock.js';

export type {
  ProposedTier as Tier,
  RuleProposal as Proposal,
  BoundaryIssue as Issue,
  TierBound as Bound,
  ProposalSet,
} from '../../../engine/proposals/model.js';
import type {
  BoundaryIssue,
  ProposalSet,
  ProposedTier as Tier,
  RuleProposal as Proposal,
  TierBound as Bound,
} from '../../../engine/proposals/model.js';
export type Interval = BoundaryIssue['where'][number];
type Issue = BoundaryIssue;
export interface Blocker {
  code: string;
  proposal?: string;
  decision?: string;
  messageZh: string;
  message: string;
}
export interface ProposalsView {
  packId: string;
  revision: number;
  proposals: ProposalSet | null;
  blockers: Blocker[];
}

const num = (n: number) => String(Math.round(n * 100) / 100);

/** 「1天」, and a time of day (minutes after midnight) as 「08:30」. */
export const valueText = (value: number, unit: string): string =>
  unit === CLOCK_UNIT ? formatClock(value) : `${num(value)}${unit}`;

/** 「≥ 1天（含，「以上」）」「≤ 08:30（含，「前」）」: one end of a tier in words, or 「不限」. */
export function boundText(bound: Bound | undefined, side: 'lower' | 'upper', unit: string): string {
  if (!bound) return '不限';
  const sign = side === 'lower' ? (bound.inclusive ? '≥' : '>') : bound.inclusive ? '≤' : '<';
  return `${sign} ${valueText(bound.value, unit)}（${bound.inclusive ? '含' : '不含'}，「${bound.word}」）`;
}

/** Open tiers: neither rejected nor already a rule. */
export const openTiers = (p: Proposal) => p.tiers.filter((t) => !t.accepted && t.status !== 'rejected');

/** Tiers confirmed but not yet written as rules, over the whole set. */
export const confirmedCount = (set: ProposalSet | null) =>
  (set?.proposals ?? []).reduce((n, p) => n + p.tiers.filter((t) => t.status === 'confirmed' && !t.accepted).length, 0);

/** Tiers waiting for a person (proposed), over the whole set. */
export const pendingCount = (set: ProposalSet | null) =>
  (set?.proposals ?? []).reduce((n, p) => n + p.tiers.filter((t) => t.status === 'proposed' && !t.accepted).length, 0);

/** A confirmed tier cannot become a rule while it has no outcome or an open issue touches it. */
export function tierProblems(p: Proposal, t: Tier): string[] {
  const out: string[] = [];
  if (!p.decision || !p.fact) out.push('尚未选定事项');
  if (t.outcomes.length === 0) out.push('结果未填写');
  if (p.issues.some((i) => i.tiers.includes(t.id))) out.push('边界问题未决定');
  return out;
}

export interface LineSegment {
  x: number;
  width: number;
  openLeft: boolean;
  openRight: boolean;
}
export interface NumberLine {
  min: number;
  max: number;
  ticks: { x: number; value: number }[];
  tiers: (LineSegment & { id: string })[];
  issues: (LineSegment & { id: string; kind: Issue['kind'] })[];
}

/**
 * Positions in percent of the line's width. The line spans every finite bound with a margin on
 * both sides, so an open end (「3天以上」) runs to the edge.
 */
export function numberLine(p: Pick<Proposal, 'tiers' | 'issues'>): NumberLine {
  const values = p.tiers
    .flatMap((t) => [t.lower?.value, t.upper?.value])
    .filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  const lo = Math.min(0, ...values);
  const hi = Math.max(1, ...values);
  const span = hi - lo || 1;
  const min = lo;
  const max = hi + span * 0.25;
  const x = (v: number | null | undefined, fallback: number) => {
    const value = v === null || v === undefined || !Number.isFinite(v) ? fallback : Math.max(min, Math.min(max, v));
    return ((value - min) / (max - min)) * 100;
  };
  const segment = (
    from: number | null | undefined,
    to: number | null | undefined,
    openLeft: boolean,
    openRight: boolean,
  ): LineSegment => {
    const a = x(from, min);
    const b = x(to, max);
    return { x: a, width: Math.max(b - a, 0.8), openLeft, openRight };
  };
  const ticks = [...new Set(values)].sort((a, b) => a - b).map((value) => ({ value, x: x(value, min) }));
  return {
    min,
    max,
    ticks,
    tiers: p.tiers
      .filter((t) => t.status !== 'rejected')
      .map((t) => ({
        id: t.id,
        ...segment(
          t.lower?.value,
          t.upper?.value,
          t.lower ? !t.lower.inclusive : true,
          t.upper ? !t.upper.inclusive : true,
        ),
      })),
    issues: p.issues.flatMap((i) =>
      i.where.map((w) => ({ id: i.id, kind: i.kind, ...segment(w.lo, w.hi, w.loOpen, w.hiOpen) })),
    ),
  };
}

/** The clause cut into plain text and the tiers' spans, for highlighting. */
export function clauseSegments(p: Pick<Proposal, 'clauseText' | 'tiers'>): { text: string; tier?: string }[] {
  const spans = p.tiers.filter((t) => t.span && t.span.end > t.span.start).sort((a, b) => a.span.start - b.span.start);
  const out: { text: string; tier?: string }[] = [];
  let at = 0;
  for (const t of spans) {
    if (t.span.start < at) continue;
    if (t.span.start > at) out.push({ text: p.clauseText.slice(at, t.span.start) });
    out.push({ text: p.clauseText.slice(t.span.start, t.span.end), tier: t.id });
    at = t.span.end;
  }
  if (at < p.clauseText.length) out.push({ text: p.clauseText.slice(at) });
  return out;
}

/** Role words of a tier still waiting for a mapping (乡长, 站所负责人), without repeats. */
export function roleWordsOf(t: Tier): string[] {
  return [...new Set(t.unmapped.flatMap((u) => u.roleWords ?? []))];
}

/** The word a township would write: 「所在站所负责人」 reads as 「站所负责人」. */
export function cleanRoleWord(word: string): string {
  return word.replace(/^(所在|本|各)/, '');
}
