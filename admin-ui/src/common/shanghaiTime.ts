/**
 * Days and moments as office staff read them: in China's time zone (Asia/Shanghai, UTC+8 all
 * year, no daylight saving — a fixed offset is exact), whatever zone the browser is in. A version
 * that takes effect at 00:00 of a day reads 「2027-01-01 起施行」; any other moment shows its time.
 * Pure: no React, no browser APIs (tests/ui/shanghai-time.test.ts).
 */
import {
  formatEffective as engineFormatEffective,
  isDay,
  shanghaiDay,
  startOfDay,
} from '../../../engine/effective/dates.js';

const OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

// the engine's pure date module is the one reading of Shanghai days (API and UI alike)
export { isDay, shanghaiDay, startOfDay as startOfShanghaiDay };

function ms(instant: string | Date | number): number {
  return instant instanceof Date ? instant.getTime() : typeof instant === 'number' ? instant : Date.parse(instant);
}

/** Today in Shanghai. */
export function todayShanghai(now: string | Date | number = Date.now()): string {
  return shanghaiDay(now);
}

/** A day n days after (or before) a day. */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Is the instant exactly 00:00:00.000 of a Shanghai day? */
export function isShanghaiMidnight(instant: string | Date | number): boolean {
  const t = ms(instant);
  return !Number.isNaN(t) && (t + OFFSET_MS) % DAY_MS === 0;
}

/** 「2026-12-02 15:30」 (Shanghai time); '—' for nothing; the input itself when it is no date. */
export function formatTime(iso: string | null | undefined, seconds = false): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const local = new Date(t + OFFSET_MS).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, seconds ? 19 : 16)}`;
}

/** An effective moment: 「2027-01-01」 at a Shanghai midnight, else 「2026-12-02 15:30」. */
export function formatEffectiveDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return engineFormatEffective(new Date(t).toISOString());
}

/** 「2027-01-01 起施行」 / 「in force from 2027-01-01」. */
export function formatEffective(iso: string | null | undefined, locale: string = 'zh'): string {
  const when = formatEffectiveDate(iso);
  return locale === 'en' ? `in force from ${when}` : `${when} 起施行`;
}

/**
 * What the publish form sends as `effectiveFrom`: nothing for 立即生效, else the day. Today means
 * now (the API treats today's date the same), so it is left out too.
 */
export function effectiveFromInput(
  mode: 'now' | 'day',
  day: string,
  now: string | Date | number = Date.now(),
): string | undefined {
  if (mode === 'now' || !day) return undefined;
  return day === todayShanghai(now) ? undefined : day;
}
