/**
 * A time limit as people say it: 1440 minutes is 「1 日」, 120 minutes 「2 小时」, 45 minutes
 * 「45 分钟」. Pure and browser-safe (the admin UI says outcomes with the same code).
 */
import type { Locale } from '../model.js';

export const MINUTES_PER_DAY = 1440;
export const MINUTES_PER_HOUR = 60;

const formatNumber = (v: number) => (Number.isInteger(v) ? String(v) : String(Math.round(v * 10000) / 10000));

/** The largest of 日 / 小时 / 分钟 that states every given number of minutes as a whole number. */
export function durationUnit(minutes: readonly number[]): { per: number; zh: string; en: string } {
  const whole = (per: number) => minutes.every((m) => m > 0 && m % per === 0);
  if (whole(MINUTES_PER_DAY)) return { per: MINUTES_PER_DAY, zh: '日', en: 'day' };
  if (whole(MINUTES_PER_HOUR)) return { per: MINUTES_PER_HOUR, zh: '小时', en: 'hour' };
  return { per: 1, zh: '分钟', en: 'minute' };
}

export function formatDuration(minutes: number, locale: Locale = 'zh'): string {
  const unit = durationUnit([minutes]);
  const n = minutes / unit.per;
  return locale === 'zh' ? `${formatNumber(n)} ${unit.zh}` : `${formatNumber(n)} ${unit.en}${n === 1 ? '' : 's'}`;
}
