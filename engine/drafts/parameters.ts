/**
 * A pack's parameters: its own definitions, and overrides of the values it inherits. Editing an
 * inherited parameter edits the override: a changed value overrides; `overridden: false` with
 * the value unchanged reverts to the base's value.
 */
import { isDeepStrictEqual } from 'node:util';
import type { PackBundle, ParameterDefinition, ParameterOverride, ParameterValue } from '../model.js';
import { DraftEditError } from './edit-error.js';
import { pickFields } from './fields.js';

const DEFINITION_FIELDS = ['type', 'label', 'help', 'unit', 'min', 'max', 'options', 'value', 'source', 'lock'];

/** What the pack shows for a parameter now: whether it is inherited and overridden here, and its value. */
export interface ParameterState {
  inherited: boolean;
  overridden: boolean;
  value: ParameterValue;
}

export function addParameter(bundle: PackBundle, id: string, edit: Record<string, unknown>): void {
  const list = (bundle.parameters.parameters ??= []);
  if (list.some((p) => p.id === id))
    throw new DraftEditError('/parameterId', `parameter ${id} already exists`, `已有参数「${id}」`);
  list.push(pickFields(edit, DEFINITION_FIELDS, { id }) as unknown as ParameterDefinition);
}

export function replaceParameter(
  bundle: PackBundle,
  id: string,
  edit: Record<string, unknown>,
  state: ParameterState,
): void {
  if (state.inherited) {
    overrideParameter(bundle, id, edit, state);
    return;
  }
  const list = bundle.parameters.parameters ?? [];
  const index = list.findIndex((p) => p.id === id);
  if (index < 0) throw new DraftEditError('', `parameter ${id} not found`, `找不到参数「${id}」`);
  list[index] = pickFields(edit, DEFINITION_FIELDS, { ...list[index] }) as unknown as ParameterDefinition;
}

function overrideParameter(bundle: PackBundle, id: string, edit: Record<string, unknown>, state: ParameterState): void {
  const overrides = (bundle.parameters.overrides ??= []);
  const index = overrides.findIndex((o) => o.id === id);
  const valueChanged = 'value' in edit && !isDeepStrictEqual(edit.value, state.value);
  if (!valueChanged && edit.overridden === false) {
    if (index >= 0) overrides.splice(index, 1);
  } else if (valueChanged || index >= 0) {
    const override: ParameterOverride = {
      id,
      value: (valueChanged ? edit.value : overrides[index].value) as ParameterValue,
    };
    const note = 'note' in edit ? edit.note : overrides[index]?.note;
    const source = 'overrideSource' in edit ? edit.overrideSource : overrides[index]?.source;
    if (typeof source === 'string' && source) override.source = source;
    if (typeof note === 'string' && note) override.note = note;
    if (index >= 0) overrides[index] = override;
    else overrides.push(override);
  }
  if (overrides.length === 0) delete bundle.parameters.overrides;
}

/** Remove an own parameter, or this pack's override of an inherited one. */
export function removeParameter(
  bundle: PackBundle,
  id: string,
  state: Pick<ParameterState, 'inherited' | 'overridden'>,
): void {
  if (!state.inherited) {
    bundle.parameters.parameters = (bundle.parameters.parameters ?? []).filter((p) => p.id !== id);
    return;
  }
  if (!state.overridden) {
    throw new DraftEditError(
      '',
      `parameter ${id} is inherited and not overridden here: nothing to remove`,
      `参数「${id}」继承自基础规则包，本包未覆盖，无可删除内容`,
    );
  }
  bundle.parameters.overrides = (bundle.parameters.overrides ?? []).filter((o) => o.id !== id);
  if (bundle.parameters.overrides.length === 0) delete bundle.parameters.overrides;
}
