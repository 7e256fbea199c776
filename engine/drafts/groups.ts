import type { RulesFile } from '../model.js';
import { DraftEditError } from './edit-error.js';

/**
 * A rule saved with `newGroup: {label}` creates its group (decision table) in the rules file: a
 * director names it in Chinese, the UI generates the id, and every match contributes (collect).
 */
export function declareGroup(file: RulesFile, edit: Record<string, unknown>): void {
  if (edit.newGroup === undefined || edit.newGroup === null) return;
  const label = typeof edit.newGroup === 'object' ? (edit.newGroup as { label?: unknown }).label : undefined;
  if (typeof label !== 'string' || !label.trim())
    throw new DraftEditError('/newGroup/label', 'the new group needs a name', '请填写新条件组的名称');
  const id = edit.group;
  if (typeof id !== 'string' || !/^[a-z][A-Za-z0-9]*$/.test(id)) {
    throw new DraftEditError(
      '/group',
      'group id: a lower-case letter, then letters and digits',
      '条件组编号应以小写字母开头，只含字母和数字',
    );
  }
  file.groups ??= {};
  if (!Object.hasOwn(file.groups, id)) file.groups[id] = { label: label.trim(), hitPolicy: 'collect' };
}
