/**
 * What is wrong with a parameter value, as data: the engine words it for issues and the admin UI
 * words it in the user's language, so both refuse exactly the same values. Pure (the admin UI
 * bundles it).
 */
import type { Lock, ParameterDefinition } from '../model.js';

export type ParameterValueFault =
  | { kind: 'number' }
  | { kind: 'integer' }
  | { kind: 'min'; bound: number }
  | { kind: 'max'; bound: number }
  | { kind: 'boolean' }
  | { kind: 'enum'; options: { value: string; label: string }[] }
  | { kind: 'stringList' };

export type ParameterLockFault =
  | { kind: 'lockFixed'; reason: string }
  | { kind: 'lockMin'; bound: number; reason: string }
  | { kind: 'lockMax'; bound: number; reason: string };

type ValueRules = Pick<ParameterDefinition, 'type' | 'min' | 'max' | 'options'>;

/** Does `value` fit the definition's type, options and range? undefined when it does. */
export function parameterValueFault(definition: ValueRules, value: unknown): ParameterValueFault | undefined {
  switch (definition.type) {
    case 'number':
    case 'integer': {
      if (typeof value !== 'number' || Number.isNaN(value)) return { kind: definition.type };
      if (definition.type === 'integer' && !Number.isInteger(value)) return { kind: 'integer' };
      if (definition.min !== undefined && value < definition.min) return { kind: 'min', bound: definition.min };
      if (definition.max !== undefined && value > definition.max) return { kind: 'max', bound: definition.max };
      return undefined;
    }
    case 'boolean':
      return typeof value === 'boolean' ? undefined : { kind: 'boolean' };
    case 'enum': {
      const options = definition.options ?? [];
      return typeof value === 'string' && options.some((o) => o.value === value)
        ? undefined
        : { kind: 'enum', options };
    }
    case 'stringList':
      return Array.isArray(value) && value.every((v) => typeof v === 'string') ? undefined : { kind: 'stringList' };
  }
}

/** Does an override `value` respect the base's lock? A fixed lock refuses every value. */
export function parameterLockFault(lock: Lock | undefined, value: unknown): ParameterLockFault | undefined {
  if (!lock || lock.kind === 'free') return undefined;
  if (lock.kind === 'fixed') return { kind: 'lockFixed', reason: lock.reason };
  if (typeof value !== 'number') return undefined;
  if (lock.min !== undefined && value < lock.min) return { kind: 'lockMin', bound: lock.min, reason: lock.reason };
  if (lock.max !== undefined && value > lock.max) return { kind: 'lockMax', bound: lock.max, reason: lock.reason };
  return undefined;
}

/** The fault in the engine's words (issues, 422s): `unit` follows the bound, as 「不得小于 0.5天」. */
export function describeValueFault(fault: ParameterValueFault, unit = ''): { en: string; zh: string } {
  switch (fault.kind) {
    case 'number':
      return { en: 'must be a number', zh: '必须是数字' };
    case 'integer':
      return { en: 'must be an integer', zh: '必须是整数' };
    case 'min':
      return { en: `must be at least ${fault.bound}`, zh: `不得小于 ${fault.bound}${unit}` };
    case 'max':
      return { en: `must be at most ${fault.bound}`, zh: `不得大于 ${fault.bound}${unit}` };
    case 'boolean':
      return { en: 'must be true or false', zh: '必须是“是”或“否”' };
    case 'enum':
      return {
        en: `must be one of ${fault.options.map((o) => o.value).join(', ')}`,
        zh: `必须是以下之一：${fault.options.map((o) => o.label).join('、')}`,
      };
    case 'stringList':
      return { en: 'must be a list of strings', zh: '必须是文字列表' };
  }
}
