/**
 * Rule ids are generated, never typed: `<decision>.<group or "own">.<n>`, readable and unique
 * among the ids the pack's chain already uses. A person sees them only in the advanced view.
 */
export const RULE_ID = /^[a-z][A-Za-z0-9]*(\.[a-zA-Z0-9]+)*$/;

/** An id segment from a group id (`leaveApproval.supervisor` → `supervisor`), or `own`. */
function segmentOf(group: string | undefined): string {
  const last = (group ?? '').split('.').pop() ?? '';
  const clean = last.replace(/[^A-Za-z0-9]/g, '');
  return /^[A-Za-z]/.test(clean) ? clean : 'own';
}

export function generatedRuleId(decision: string, group: string | undefined, taken: Iterable<string>): string {
  const used = new Set(taken);
  const stem = `${decision}.${segmentOf(group)}`;
  let n = 1;
  while (used.has(`${stem}.rule${n}`)) n++;
  return `${stem}.rule${n}`;
}
