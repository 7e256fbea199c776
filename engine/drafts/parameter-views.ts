/**
 * How a draft shows its parameters: every parameter of the resolved chain, whether it is this
 * pack's own or inherited, overridden here or not, with the base's value beside an override and
 * the decisions whose rules read it. Without a resolved chain (the draft does not resolve) only
 * the pack's own definitions are shown.
 */
import type { PackBundle, ParameterDefinition, ParameterOverride, ParameterValue } from '../model.js';
import type { ResolvedParameter } from '../pack/resolved.js';
import type { ParameterState } from './parameters.js';

export interface ParameterView extends ParameterState {
  definition: ParameterDefinition;
  definedIn: string;
  /** the value the pack would have without its override (inherited parameters only) */
  inheritedValue?: ParameterValue;
  /** this pack's override of an inherited value */
  override?: ParameterOverride;
  /** decisions whose rules read it; absent when unknown (the draft does not resolve) */
  usedBy?: string[];
}

export function parameterViews(
  packId: string,
  bundle: PackBundle,
  resolved: Map<string, ResolvedParameter> | undefined,
  parentValues: Map<string, ParameterValue> = new Map(),
  use?: Map<string, Set<string>>,
): ParameterView[] {
  const overrides = new Map((bundle.parameters.overrides ?? []).map((o) => [o.id, o]));
  const entries = resolved
    ? [...resolved.values()]
    : (bundle.parameters.parameters ?? []).map((definition) => ({
        definition,
        value: definition.value,
        definedIn: packId,
      }));
  return entries.map(({ definition, value, definedIn }) => {
    const inherited = definedIn !== packId;
    const override = overrides.get(definition.id);
    return {
      definition,
      value,
      definedIn,
      inherited,
      overridden: inherited && override !== undefined,
      ...(inherited ? { inheritedValue: parentValues.get(definition.id) ?? definition.value } : {}),
      ...(override ? { override } : {}),
      ...(use ? { usedBy: [...(use.get(definition.id) ?? [])].sort() } : {}),
    };
  });
}
