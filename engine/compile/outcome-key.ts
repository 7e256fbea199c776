import type { Outcome } from '../model.js';

/** JSON with object keys sorted: equal values give equal strings whatever their key order. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * An outcome as a canonical string: equal outcomes have equal keys whatever their key order.
 * The township's `words` are how an outcome is shown, not what it is, so they are left out.
 */
export function outcomeKey(outcome: Outcome): string {
  if (!outcome.words) return canonical(outcome);
  const { words: _shown, ...decided } = outcome;
  return canonical(decided);
}
