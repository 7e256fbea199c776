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

/** The choice in the group list that opens 「新条件组名称」. */
export const NEW_GROUP = '__newGroup';

/** A new group's id (`own1`, `own2` …), unique among the decision's groups; its Chinese label is what people see. */
export function generatedGroupId(taken: Iterable<string>): string {
  const used = new Set(taken);
  let n = 1;
  while (used.has(`own${n}`)) n++;
  return `own${n}`;
}

/**
 * The rule as the API takes it when 「新建条件组…」 was chosen: the generated group id and
 * `newGroup: {label}`, which declares the group beside the rule.
 */
export function withNewGroup<T extends Record<string, unknown>>(data: T, takenGroups: Iterable<string>): Record<string, unknown> {
  const { newGroupLabel, ...rest } = data as Record<string, unknown>;
  if (rest.group !== NEW_GROUP) return rest;
  return { ...rest, group: generatedGroupId(takenGroups), newGroup: { label: String(newGroupLabel ?? '').trim() } };
}
