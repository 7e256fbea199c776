/**
 * The versions timeline of a pack as the UI shows it: which version is in force now,
 * which are scheduled, superseded or cancelled, from when to when, and what may be done with each
 * (改期 / 取消 for scheduled versions, 恢复到此版本 for earlier ones). Pure (tests/ui/timeline-model.test.ts).
 */
import { versionSourceText as engineVersionSourceText } from '../../../engine/effective/version-source.js';
import { formatEffectiveDate, formatTime } from '../common/shanghaiTime';

export type { Approval, Basis, VersionState } from '../../../engine/timeline/index.js';
import type { Approval, Basis, VersionState } from '../../../engine/timeline/index.js';

/** A version record of `GET /api/packs/:id/versions` (docs/adoption.md). */
export interface VersionRecord {
  id: string;
  packId: string;
  version: number;
  state?: VersionState;
  status?: string;
  effectiveFrom: string;
  effectiveTo?: string | null;
  basis: Basis | string | null;
  publishedAt: string;
  publishedBy: string | null;
  origin: string;
  copiedFrom: number | null;
  requestId?: number | null;
  approvedBy?: Approval[];
  bypassReason?: string | null;
  cancelledAt?: string | null;
  cancelledBy?: string | null;
  cancelReason?: string | null;
}

export interface VersionsReply {
  packId: string;
  now: string;
  inForce: number | null;
  timeline: VersionRecord[];
}

/** What an evaluation says about the version it used. */
export interface VersionInfo {
  version: number;
  effectiveFrom: string;
  basis?: Basis | null;
}

export function basisText(basis: Basis | string | null | undefined): string {
  if (!basis) return '';
  if (typeof basis === 'string') return basis;
  return basis.date ? `${basis.text}（${basis.date}）` : basis.text;
}

/** A record's state, derived from the dates when an older API leaves it out. */
export function stateOf(v: VersionRecord, inForce: number | null | undefined, now: string): VersionState {
  if (v.state) return v.state;
  if (v.status === 'cancelled' || v.cancelledAt) return 'cancelled';
  if (v.version === inForce) return 'inForce';
  return v.effectiveFrom > now ? 'scheduled' : 'superseded';
}

export interface TimelineRow {
  record: VersionRecord;
  version: number;
  state: VersionState;
  /** 「2027-01-01」 or 「2026-12-02 15:30」 */
  from: string;
  /** the end, or null while open-ended */
  to: string | null;
  basis: string;
  approvers: string[];
  canReschedule: boolean;
  canCancel: boolean;
  canRollback: boolean;
}

const ORDER: Record<VersionState, number> = { scheduled: 0, inForce: 1, superseded: 2, cancelled: 3 };

/**
 * Rows newest first: scheduled versions (latest date first), the one in force, then the
 * superseded and cancelled ones by number. `canEdit`: the user may publish this pack.
 */
export function timelineRows(
  reply: Pick<VersionsReply, 'inForce' | 'now' | 'timeline'>,
  canEdit: boolean,
): TimelineRow[] {
  const rows = reply.timeline.map((record): TimelineRow => {
    const state = stateOf(record, reply.inForce, reply.now);
    return {
      record,
      version: record.version,
      state,
      from: formatEffectiveDate(record.effectiveFrom),
      to: state === 'cancelled' || !record.effectiveTo ? null : formatEffectiveDate(record.effectiveTo),
      basis: basisText(record.basis),
      approvers: (record.approvedBy ?? []).map((a) => a.username),
      canReschedule: canEdit && state === 'scheduled',
      canCancel: canEdit && state === 'scheduled',
      canRollback: canEdit && state === 'superseded',
    };
  });
  return rows.sort(
    (a, b) =>
      ORDER[a.state] - ORDER[b.state] ||
      (a.state === 'scheduled'
        ? a.record.effectiveFrom < b.record.effectiveFrom
          ? 1
          : a.record.effectiveFrom > b.record.effectiveFrom
            ? -1
            : 0
        : 0) ||
      b.version - a.version,
  );
}

/** 「2027-01-01 → 2027-03-01」, 「2027-01-01 起」 / 「from 2027-01-01」 while open-ended. */
export function periodText(row: Pick<TimelineRow, 'from' | 'to' | 'state'>, locale = 'zh'): string {
  if (row.state === 'cancelled') return locale === 'en' ? `(was ${row.from})` : `（原定 ${row.from}）`;
  if (row.to) return `${row.from} → ${row.to}`;
  return locale === 'en' ? `from ${row.from}` : `${row.from} 起`;
}

/** 「依据 第4版，2027-01-01 起施行（经镇党委会……通过）」 when the API sends no sentence of its own. */
export function versionSourceText(info: VersionInfo, locale = 'zh'): string {
  const basis = typeof info.basis === 'string' ? { text: info.basis } : (info.basis ?? null);
  return engineVersionSourceText(
    { version: info.version, effectiveFrom: info.effectiveFrom, basis },
    locale === 'en' ? 'en' : 'zh',
  );
}

/** 「director-b 2026-12-02 15:30」 for the approvals of a version. */
export function approvalsText(
  approvals: Approval[] | undefined,
  nameOf: (username: string) => string = (u) => u,
): string {
  return (approvals ?? []).map((a) => `${nameOf(a.username)} ${formatTime(a.at)}`).join('；');
}
