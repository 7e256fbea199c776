/** The unit of a time of day: the value is minutes after midnight, shown as HH:MM. */
export const CLOCK_UNIT = '时刻';

/** 510 → 「08:30」. */
export const formatClock = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(Math.round(minutes % 60)).padStart(2, '0')}`;
