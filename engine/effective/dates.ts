/**
 * Days and moments of effective dates. Regulations name days in China's time zone
 * (Asia/Shanghai, UTC+8 all year, no daylight saving), so a fixed offset is exact; instants are
 * stored and compared as ISO-8601 UTC strings, which sort as text.
 */
const OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** an ISO moment with a time and a zone (Z or ±hh:mm) */
const MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** true for a real calendar day written YYYY-MM-DD (2027-02-30 is not one) */
export function isDay(value: string): boolean {
  const m = DAY.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

export function isMoment(value: string): boolean {
  return MOMENT.test(value) && !Number.isNaN(Date.parse(value));
}

/** 00:00 of a Shanghai day, as an ISO UTC instant. */
export function startOfDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) - OFFSET_MS).toISOString();
}

/** The last millisecond of a Shanghai day, as an ISO UTC instant. */
export function endOfDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) - OFFSET_MS + 24 * 60 * 60 * 1000 - 1).toISOString();
}

/** The Shanghai day of an instant, YYYY-MM-DD. */
export function shanghaiDay(instant: string | Date | number): string {
  const ms =
    typeof instant === 'string' ? Date.parse(instant) : typeof instant === 'number' ? instant : instant.getTime();
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 10);
}

/** 「2027-01-01」 when the instant is a Shanghai midnight, else 「2026-12-02 15:30」. */
export function formatEffective(instant: string): string {
  const local = new Date(Date.parse(instant) + OFFSET_MS).toISOString();
  const time = local.slice(11, 16);
  return time === '00:00' && local.slice(16, 23) === ':00.000' ? local.slice(0, 10) : `${local.slice(0, 10)} ${time}`;
}

/**
 * The instant an `asOf` names: a day means the whole day (its last millisecond, so a version that
 * takes effect that day applies), a moment means itself. Undefined when the text is neither.
 */
export function asOfInstant(value: string): string | undefined {
  if (isDay(value)) return endOfDay(value);
  if (isMoment(value)) return new Date(value).toISOString();
  return undefined;
}
