/**
 * A 422's field errors (JSON pointers) in the shape react-admin's forms read from
 * `HttpError.body.errors`: `{ password: '密码至少 8 位', root: { serverError: '…' } }`. Each message
 * lands on the field its pointer names; a pointer naming nothing the form sent goes only into the
 * form-level message, because an error on a field the form does not have would keep the form from
 * submitting again (react-hook-form clears errors of registered fields only).
 */
export interface PointerError {
  path: string;
  message: string;
  messageZh?: string;
}

export type FormErrors = { [field: string]: string | FormErrors };

function segmentsOf(pointer: string): string[] {
  if (!pointer.startsWith('/')) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Whether `values` holds something (even empty) at `segments`: a field the form sent. */
function sentField(values: unknown, segments: string[]): boolean {
  let here: unknown = values;
  for (const key of segments) {
    if (here === null || typeof here !== 'object' || !Object.prototype.hasOwnProperty.call(here, key)) return false;
    here = (here as Record<string, unknown>)[key];
  }
  // a field is a value the form edits, not a whole object the API wanted differently
  return here === null || typeof here !== 'object' || Array.isArray(here);
}

function place(target: FormErrors, segments: string[], message: string): void {
  let here = target;
  segments.slice(0, -1).forEach((key) => {
    const next = here[key];
    here = (typeof next === 'object' ? next : (here[key] = {})) as FormErrors;
  });
  const last = segments[segments.length - 1];
  const existing = here[last];
  here[last] = typeof existing === 'string' && existing !== message ? `${existing}；${message}` : message;
}

/**
 * The form errors for `errors` against the `values` the form sent, in `locale`. `summary` (the
 * API's own message) heads the form-level message only when some error has no field to sit on.
 */
export function toFormErrors(
  errors: PointerError[],
  values: unknown,
  locale: 'zh' | 'en',
  summary?: string,
): FormErrors {
  const result: FormErrors = {};
  const unplaced: string[] = [];
  const all: string[] = [];
  for (const e of errors) {
    const message = locale === 'en' ? e.message : (e.messageZh ?? e.message);
    all.push(message);
    const segments = segmentsOf(e.path);
    if (segments.length > 0 && segments[0] !== 'root' && sentField(values, segments)) place(result, segments, message);
    else unplaced.push(message);
  }
  const lines = [...new Set(unplaced.length ? [...(summary ? [summary] : []), ...unplaced] : all)];
  result.root = { serverError: lines.join('；') };
  return result;
}
