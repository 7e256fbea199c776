/**
 * The adoption fields of publish, rollback and re-dating requests, checked in one place:
 * `effectiveFrom` (a Shanghai day or a moment, never in the past), `basis` ({text, date?} or plain
 * text) and an admin's `bypassApproval.reason`. Anything wrong is a 422 naming the field.
 */
import { isDay, isMoment, shanghaiDay, startOfDay, asOfInstant } from '../../../engine/index.js';
import { ValidationError } from '../../errors.js';
import type { Basis } from './versions-store.js';

/** Moments this close to now count as now (a form filled a minute ago is not "in the past"). */
const PAST_TOLERANCE_MS = 5 * 60 * 1000;

/**
 * The instant a version takes effect, or undefined for "now". A day is 00:00 Asia/Shanghai of that
 * day; today means now; a past day or moment is refused: history is not rewritten.
 */
export function parseEffectiveFrom(value: unknown, now: string, path = '/effectiveFrom'): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const refuse = (message: string, messageZh: string) => new ValidationError([{ path, message, messageZh }]);
  if (typeof value !== 'string' || (!isDay(value) && !isMoment(value))) {
    throw refuse(
      'effectiveFrom must be a day YYYY-MM-DD or an ISO moment with a time zone',
      '生效日期应为 YYYY-MM-DD 格式的日期或带时区的时间',
    );
  }
  if (isDay(value)) {
    const today = shanghaiDay(now);
    if (value < today)
      throw refuse(
        `effectiveFrom ${value} is in the past (today is ${today})`,
        `生效日期 ${value} 早于今天（${today}），不能追溯生效`,
      );
    return value === today ? undefined : startOfDay(value);
  }
  const instant = new Date(value).toISOString();
  if (Date.parse(instant) < Date.parse(now) - PAST_TOLERANCE_MS)
    throw refuse(`effectiveFrom ${value} is in the past`, `生效时间 ${value} 已过，不能追溯生效`);
  return instant <= now ? undefined : instant;
}

export function parseBasis(value: unknown, path = '/basis'): Basis | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'string') return value.trim() ? { text: value.trim(), date: null } : null;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new ValidationError([
      {
        path,
        message: 'basis must be {text, date?}',
        messageZh: '发布依据应为 {text, date}（文号或会议纪要，及日期）',
      },
    ]);
  }
  const b = value as Record<string, unknown>;
  if (b.text !== undefined && typeof b.text !== 'string')
    throw new ValidationError([
      { path: `${path}/text`, message: 'basis text must be text', messageZh: '发布依据应为文字' },
    ]);
  const text = ((b.text as string | undefined) ?? '').trim();
  if (b.date !== undefined && b.date !== null && b.date !== '' && (typeof b.date !== 'string' || !isDay(b.date))) {
    throw new ValidationError([
      { path: `${path}/date`, message: 'basis date must be YYYY-MM-DD', messageZh: '依据日期应为 YYYY-MM-DD' },
    ]);
  }
  if (!text) {
    if (b.date)
      throw new ValidationError([
        {
          path: `${path}/text`,
          message: 'basis text is required with a date',
          messageZh: '请填写发布依据（文号或会议纪要）',
        },
      ]);
    return null;
  }
  if (text.length > 500)
    throw new ValidationError([
      { path: `${path}/text`, message: 'basis text is at most 500 characters', messageZh: '发布依据最多 500 字' },
    ]);
  return { text, date: (b.date as string | undefined) || null };
}

/** `bypassApproval: {reason}` → the reason (undefined when not asked for). */
export function parseBypass(value: unknown): string | undefined {
  if (value === undefined || value === null || value === false) return undefined;
  const reason =
    typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>).reason : undefined;
  if (typeof reason !== 'string' || !reason.trim()) {
    throw new ValidationError([
      {
        path: '/bypassApproval/reason',
        message: 'publishing without approval needs a stated reason',
        messageZh: '不经审批直接发布，须说明理由',
      },
    ]);
  }
  return reason.trim();
}

/**
 * `asOf` of evaluate, test, batch trial and what-if: undefined (now), or the instant it names (a
 * day: the end of that Shanghai day). Returns the text as given too, for messages.
 */
export function parseAsOf(value: unknown, path = '/asOf'): { given: string; instant: string } | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const instant = typeof value === 'string' ? asOfInstant(value) : undefined;
  if (!instant)
    throw new ValidationError([
      {
        path,
        message: 'asOf must be a day YYYY-MM-DD or an ISO moment with a time zone',
        messageZh: '事件日期应为 YYYY-MM-DD 格式的日期或带时区的时间',
      },
    ]);
  return { given: value as string, instant };
}
