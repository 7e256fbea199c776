/**
 * Nesting bounds, checked before a file reaches ajv or any recursive walker. Every walker of
 * conditions (checks, compile, lint, explain, json-rules-engine) recurses once per level, and
 * so do ajv, JSON.stringify and structuredClone: a file nested a few thousand levels deep would
 * overflow the stack in whichever met it first. These checks walk with an explicit stack, so
 * they answer for any depth, and a file within the bounds is safe for every walker.
 */
import { pointerSegment } from '../issues.js';

/** all/any/not levels a rule's conditions may nest (shipped packs use at most 4). */
export const MAX_CONDITION_DEPTH = 32;
/** JSON levels any pack file may nest (a rules file at MAX_CONDITION_DEPTH stays below it). */
export const MAX_JSON_DEPTH = 100;

/** The JSON pointer of the first value nested deeper than `max` levels (the root is level 1), if any. */
export function tooDeepAt(data: unknown, max: number): string | undefined {
  const stack: { value: unknown; depth: number; at: string }[] = [{ value: data, depth: 1, at: '' }];
  while (stack.length) {
    const { value, depth, at } = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > max) return at;
    for (const [key, child] of Object.entries(value))
      stack.push({ value: child, depth: depth + 1, at: `${at}/${pointerSegment(key)}` });
  }
  return undefined;
}

/**
 * The pointer of the first condition nested deeper than `max` all/any/not levels below
 * `conditions` (the top condition is level 1), if any. Malformed nodes are left to the schema.
 */
export function conditionTooDeepAt(conditions: unknown, at: string, max = MAX_CONDITION_DEPTH): string | undefined {
  const stack: { node: unknown; level: number; at: string }[] = [{ node: conditions, level: 1, at }];
  while (stack.length) {
    const { node, level, at: here } = stack.pop()!;
    if (typeof node !== 'object' || node === null || Array.isArray(node)) continue;
    if (level > max) return here;
    for (const key of ['all', 'any'] as const) {
      const children = Object.hasOwn(node, key) ? (node as Record<string, unknown>)[key] : undefined;
      if (Array.isArray(children))
        children.forEach((child, i) => stack.push({ node: child, level: level + 1, at: `${here}/${key}/${i}` }));
    }
    if (Object.hasOwn(node, 'not'))
      stack.push({ node: (node as { not: unknown }).not, level: level + 1, at: `${here}/not` });
  }
  return undefined;
}

export interface DepthProblem {
  pointer: string;
  message: string;
  messageZh: string;
}

/** Nesting problems of one pack file; rules files are also bounded in condition levels. */
export function depthProblems(kind: string, data: unknown): DepthProblem[] {
  if (
    kind === 'rules' &&
    typeof data === 'object' &&
    data !== null &&
    Array.isArray((data as { rules?: unknown }).rules)
  ) {
    const problems: DepthProblem[] = [];
    (data as { rules: unknown[] }).rules.forEach((rule, i) => {
      const conditions =
        typeof rule === 'object' && rule !== null && Object.hasOwn(rule, 'conditions')
          ? (rule as { conditions: unknown }).conditions
          : undefined;
      const at = conditionTooDeepAt(conditions, `/rules/${i}/conditions`);
      if (at !== undefined) {
        problems.push({
          pointer: at,
          message: `conditions nest more than ${MAX_CONDITION_DEPTH} levels of all/any/not; split the rule or flatten its conditions`,
          messageZh: `条件嵌套超过 ${MAX_CONDITION_DEPTH} 层（全部/任一/非），请拆分规则或减少嵌套`,
        });
      }
    });
    if (problems.length) return problems;
  }
  const at = tooDeepAt(data, MAX_JSON_DEPTH);
  return at === undefined
    ? []
    : [
        {
          pointer: at,
          message: `nested more than ${MAX_JSON_DEPTH} levels deep`,
          messageZh: `嵌套超过 ${MAX_JSON_DEPTH} 层`,
        },
      ];
}
