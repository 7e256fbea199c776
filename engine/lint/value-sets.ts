/**
 * Sets of discrete values (enum codes, booleans, free strings) for `equal`, `notEqual`, `in`
 * and `notIn`. A set is either the listed values or everything except them, so that
 * `notEqual "x"` on a free-text fact needs no list of every possible string.
 */

export type Scalar = string | number | boolean;

export interface ValueSet {
  /** canonical keys (JSON) of the listed values */
  keys: ReadonlySet<string>;
  /** true: every value except the listed ones */
  except: boolean;
}

export const keyOf = (value: Scalar): string => JSON.stringify(value);
export const valueOfKey = (key: string): Scalar => JSON.parse(key) as Scalar;

export function valuesSet(values: readonly Scalar[]): ValueSet {
  return { keys: new Set(values.map(keyOf)), except: false };
}

export const ALL_VALUES: ValueSet = { keys: new Set(), except: true };

/** With a known universe (enum, boolean), an `except` set becomes the explicit list. */
export function within(set: ValueSet, universe: readonly string[] | undefined): ValueSet {
  if (!universe) return set;
  return { keys: new Set(universe.filter((k) => set.keys.has(k) !== set.except)), except: false };
}

export function intersectValues(a: ValueSet, b: ValueSet): ValueSet {
  if (!a.except && !b.except) return { keys: new Set([...a.keys].filter((k) => b.keys.has(k))), except: false };
  if (a.except && b.except) return { keys: new Set([...a.keys, ...b.keys]), except: true };
  const [listed, excepted] = a.except ? [b, a] : [a, b];
  return { keys: new Set([...listed.keys].filter((k) => !excepted.keys.has(k))), except: false };
}

export function complementValues(a: ValueSet): ValueSet {
  return { keys: a.keys, except: !a.except };
}

export function subtractValues(a: ValueSet, b: ValueSet): ValueSet {
  return intersectValues(a, complementValues(b));
}

export const isEmptyValues = (a: ValueSet): boolean => !a.except && a.keys.size === 0;

export function hasValue(a: ValueSet, value: Scalar): boolean {
  return a.keys.has(keyOf(value)) !== a.except;
}
