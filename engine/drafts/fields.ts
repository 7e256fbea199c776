/**
 * Copy the given fields of an edit that are present into `into`; a field given as null (or
 * undefined) is removed. Every save is of the whole record, so absent fields keep their value.
 */
export function pickFields(
  edit: Record<string, unknown>,
  keys: readonly string[],
  into: Record<string, unknown> = {},
): Record<string, unknown> {
  for (const key of keys) {
    if (!(key in edit)) continue;
    if (edit[key] === null || edit[key] === undefined) delete into[key];
    else into[key] = edit[key];
  }
  return into;
}
