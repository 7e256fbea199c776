/**
 * A day typed as yyyy-mm-dd (the way 2027-01-01 reads in a Chinese office, whatever the browser's
 * locale would make of a date picker). An incomplete or impossible day is a problem to show, never
 * a value to drop silently.
 */
export type DayProblem = 'dayIncomplete' | 'dayInvalid';

const COMPLETE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** what a day looks like while it is being typed: 2027, 2027-0, 2027-01-0 … */
const PARTIAL = /^\d{0,4}(-\d{0,2}(-\d{0,2})?)?$/;

/** undefined for '' (no day) and a real calendar day. */
export function dayProblem(text: string): DayProblem | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const m = COMPLETE.exec(t);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const date = new Date(Date.UTC(y, mo - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d
      ? undefined
      : 'dayInvalid';
  }
  return PARTIAL.test(t) || /^\d{5,8}$/.test(t) ? 'dayIncomplete' : 'dayInvalid';
}

/** On leaving the field: 20270101, 2027/1/1, 2027.1.1 and 2027年1月1日 read as 2027-01-01. */
export function normalizeDay(text: string): string {
  const t = text
    .trim()
    .replace(/[./年月]/g, '-')
    .replace(/日$/, '');
  if (/^\d{8}$/.test(t)) return `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6)}`;
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : t;
}
