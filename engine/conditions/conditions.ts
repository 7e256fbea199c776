/**
 * Walking and writing json-rules-engine conditions as rule packs store them: the parameters a
 * condition reads, and a value typed as text turned back into the fact's JSON type. Pure (the
 * admin UI's condition builder uses it).
 */
import {
  isLeaf,
  isParamRef,
  type Condition,
  type ConditionValue,
  type LeafCondition,
  type Operator,
} from '../model.js';
import type { FactInfo } from '../schema/catalogue.js';

/** The fact types a condition value is coerced by (a fact schema's type, or enum). */
export type FactType = FactInfo['type'];

/** Every fact test of a condition, depth first. */
export function conditionLeaves(condition: Condition): LeafCondition[] {
  if (isLeaf(condition)) return [condition];
  if ('all' in condition) return condition.all.flatMap(conditionLeaves);
  if ('any' in condition) return condition.any.flatMap(conditionLeaves);
  return conditionLeaves(condition.not);
}

/** Parameter ids a condition compares with, each once, in order of appearance. */
export function referencedParameters(condition: Condition): string[] {
  const found = new Set<string>();
  for (const leaf of conditionLeaves(condition)) if (isParamRef(leaf.value)) found.add(leaf.value.param);
  return [...found];
}

/** One typed value: numbers for number facts (text that is not one stays text), true/false for yes/no facts. */
export function coerceScalar(value: unknown, type: FactType | undefined): string | number | boolean {
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  const text = String(value ?? '').trim();
  if (type === 'number' || type === 'integer') {
    if (text === '') return text;
    const n = Number(text);
    return Number.isFinite(n) ? n : text;
  }
  if (type === 'boolean') {
    if (text === 'true') return true;
    if (text === 'false') return false;
  }
  return text;
}

/** A value typed as text for `operator`, as the condition stores it; in/notIn take a list split at commas or 、. */
export function coerceConditionValue(value: unknown, operator: Operator, type: FactType | undefined): ConditionValue {
  if (operator === 'in' || operator === 'notIn') {
    const items = Array.isArray(value)
      ? value
      : String(value ?? '')
          .split(/[,，、]/)
          .map((s) => s.trim())
          .filter((s) => s !== '');
    return items.map((v) => coerceScalar(v, type));
  }
  if (Array.isArray(value)) return value.map((v) => coerceScalar(v, type));
  return coerceScalar(value, type);
}
