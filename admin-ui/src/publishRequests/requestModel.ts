/**
 * Publish requests as the UI needs them: the record's shape (docs/adoption.md), why the
 * current user may not approve one, what the publish form sends, and what the publish reply says.
 * Pure (tests/ui/adoption-model.test.ts).
 */
import type { PackDiff } from '../common/DiffView';
import type { Basis, VersionState } from '../versions/timelineModel';
import { effectiveFromInput, formatEffectiveDate, todayShanghai, addDays } from '../common/shanghaiTime';
import { dayProblem, type DayProblem } from '../common/days';

export type RequestStatus = 'requested' | 'approved' | 'rejected' | 'withdrawn';

export interface Review {
  username: string;
  decision: 'approve' | 'reject';
  comment?: string | null;
  at: string;
}

export interface Check {
  check: string;
  ok: boolean;
  label: string;
  [k: string]: unknown;
}

export interface PublishRequest {
  id: number;
  packId: string;
  townshipId: string;
  status: RequestStatus;
  stage?: RequestStatus | VersionState;
  draftRevision: number;
  effectiveFrom: string | null;
  basis: Basis | null;
  requestedBy: string;
  requestedAt: string;
  approvalsNeeded: number;
  approvals: number;
  reviews?: Review[];
  version?: number | null;
  decidedAt?: string | null;
  withdrawReason?: string | null;
  canApprove?: boolean;
  diff?: PackDiff | null;
  checks?: Check[] | null;
  lint?: unknown;
  whatIf?: unknown;
}

export type CannotApprove = 'closed' | 'ownRequest' | 'alreadyReviewed' | 'notApprover';

/** Why the user may not approve (a message key under adoption.requests), or null when they may. */
export function whyCannotApprove(
  request: Pick<PublishRequest, 'status' | 'requestedBy' | 'reviews' | 'canApprove'>,
  username: string | undefined,
): CannotApprove | null {
  if (request.status !== 'requested') return 'closed';
  if (username && request.requestedBy === username) return 'ownRequest';
  if (username && (request.reviews ?? []).some((r) => r.username === username)) return 'alreadyReviewed';
  if (request.canApprove === false || request.canApprove === undefined) return 'notApprover';
  return null;
}

/** The chip of a request: its stage (once approved, the version's state), else its status. */
export function stageOf(request: Pick<PublishRequest, 'status' | 'stage'>): string {
  return request.stage ?? request.status;
}

export type EffectiveMode = 'now' | 'nextDay' | 'day';

export interface PublishFormValues {
  mode: EffectiveMode;
  day: string;
  basisText: string;
  basisDate: string;
  bypass: boolean;
  bypassReason: string;
}

export interface PublishFormProblems {
  basis?: 'basisMissing';
  bypassReason?: 'bypassReasonMissing';
  day?: 'required' | DayProblem;
  basisDate?: DayProblem;
}

/** Checks the form can make before asking the API (the API checks again, past days included). */
export function publishFormProblems(values: PublishFormValues, basisRequired: boolean): PublishFormProblems {
  const problems: PublishFormProblems = {};
  if ((basisRequired || values.basisDate) && !values.basisText.trim()) problems.basis = 'basisMissing';
  if (values.bypass && !values.bypassReason.trim()) problems.bypassReason = 'bypassReasonMissing';
  if (values.mode === 'day') {
    const day = values.day.trim() ? dayProblem(values.day) : 'required';
    if (day) problems.day = day;
  }
  const basisDate = dayProblem(values.basisDate);
  if (basisDate) problems.basisDate = basisDate;
  return problems;
}

/** The body of POST /packs/:id/publish. */
export function publishBody(
  values: PublishFormValues,
  revision: number | undefined,
  now: string | Date | number = Date.now(),
): Record<string, unknown> {
  const day = values.mode === 'nextDay' ? addDays(todayShanghai(now), 1) : values.day;
  const effectiveFrom = effectiveFromInput(values.mode === 'now' ? 'now' : 'day', day, now);
  const body: Record<string, unknown> = {};
  if (revision !== undefined) body.revision = revision;
  if (effectiveFrom) body.effectiveFrom = effectiveFrom;
  if (values.basisText.trim())
    body.basis = { text: values.basisText.trim(), ...(values.basisDate ? { date: values.basisDate } : {}) };
  if (values.bypass) body.bypassApproval = { reason: values.bypassReason.trim() };
  return body;
}

export interface PublishedReply {
  packId: string;
  version: number;
  state?: VersionState;
  effectiveFrom?: string;
  status?: undefined;
}
export interface RequestedReply {
  status: 'requested';
  request: PublishRequest;
}
export type PublishReply = PublishedReply | RequestedReply;

export type PublishOutcome =
  { kind: 'requested'; requestId: number } | { kind: 'published'; version: number; scheduled: boolean; date: string };

/** 202 → the request to follow; 201 → the version, in force now or scheduled. */
export function publishOutcome(reply: PublishReply): PublishOutcome {
  if (reply.status === 'requested') return { kind: 'requested', requestId: (reply as RequestedReply).request.id };
  const published = reply as PublishedReply;
  return {
    kind: 'published',
    version: published.version,
    scheduled: published.state === 'scheduled',
    date: formatEffectiveDate(published.effectiveFrom),
  };
}

/** The what-if summary frozen on a request, whatever its exact shape. */
export function whatIfNumbers(
  whatIf: unknown,
): { total: number; changed: number; transitions: { from: string; to: string; count: number }[] } | null {
  if (!whatIf || typeof whatIf !== 'object') return null;
  const w = whatIf as Record<string, unknown>;
  if (typeof w.total !== 'number') return null;
  return {
    total: w.total,
    changed: Number(w.changed ?? 0),
    transitions: Array.isArray(w.transitions) ? (w.transitions as { from: string; to: string; count: number }[]) : [],
  };
}

export interface LintIssueLike {
  severity: 'error' | 'warning' | 'info';
  code: string;
  message: string;
  messageZh: string;
}

/** Lint findings frozen on a request: a lint report or a bare list of issues. */
export function lintIssues(lint: unknown): LintIssueLike[] {
  if (Array.isArray(lint)) return lint as LintIssueLike[];
  if (lint && typeof lint === 'object' && Array.isArray((lint as { issues?: unknown }).issues))
    return (lint as { issues: LintIssueLike[] }).issues;
  return [];
}

/** A check's label in one language: the API writes 「测试用例 / fixtures」 (and 「…）/ lint」 without the space). */
export function checkLabel(label: string, locale: string): string {
  const [zh, en] = label.split(/\s*\/\s*/);
  return locale === 'en' ? (en ?? label) : zh;
}
