import { isLeaf, type Condition, type Operator } from '../model.js';
import type { BoundParameter } from '../compile/compile.js';
import { leafResult } from '../compile/predicates.js';

/** One node of a condition trace: how each part of a rule's condition came out. */
export type TraceNode =
  | { kind: 'all' | 'any'; result: boolean | undefined; children: TraceNode[] }
  | { kind: 'not'; result: boolean | undefined; child: TraceNode }
  | {
      kind: 'leaf';
      fact: string;
      /** the fact's value in this evaluation (undefined when not given) */
      factValue: unknown;
      operator: Operator;
      threshold: unknown;
      /** the parameter the threshold came from, if any */
      parameter?: BoundParameter;
      /** undefined when json-rules-engine did not evaluate it */
      result: boolean | undefined;
    };

/** json-rules-engine's evaluated copy of one condition node, as far as the trace reads it. */
type Evaluated = { result?: unknown; not?: Evaluated; all?: Evaluated[]; any?: Evaluated[] } | undefined;

/**
 * Walk a compiled rule's conditions alongside json-rules-engine's evaluated copy of them
 * (which carries `factResult` and `result` on each leaf) and produce a trace.
 */
export function traceConditions(
  condition: Condition,
  evaluatedCopy: unknown,
  facts: Record<string, unknown>,
  parameterAt: Map<string, BoundParameter>,
  path = '',
): TraceNode {
  const evaluated = evaluatedCopy as Evaluated;
  if (isLeaf(condition)) {
    const result = typeof evaluated?.result === 'boolean' ? evaluated.result : undefined;
    return {
      kind: 'leaf',
      fact: condition.fact,
      factValue: facts[condition.fact],
      operator: condition.operator,
      threshold: condition.value,
      parameter: parameterAt.get(path),
      result,
    };
  }
  if ('not' in condition) {
    const child = traceConditions(condition.not, evaluated?.not, facts, parameterAt, `${path}.not`);
    return { kind: 'not', child, result: child.result === undefined ? undefined : !child.result };
  }
  const kind = 'all' in condition ? 'all' : 'any';
  const parts: Condition[] = 'all' in condition ? condition.all : condition.any;
  const children = parts.map((c, i) =>
    traceConditions(c, evaluated?.[kind]?.[i], facts, parameterAt, `${path}.${kind}.${i}`),
  );
  const results = children.map((c) => c.result);
  let result: boolean | undefined;
  // an empty `all` or `any` holds, as json-rules-engine decides it (the compiled path agrees)
  if (children.length === 0) result = true;
  else if (kind === 'all') result = results.includes(false) ? false : results.includes(undefined) ? undefined : true;
  else result = results.includes(true) ? true : results.includes(undefined) ? undefined : false;
  return { kind, children, result };
}

/**
 * The same trace computed directly from the facts (for the compiled path, which does not run
 * json-rules-engine). Leaf results follow json-rules-engine's operator semantics.
 */
export function traceFromFacts(
  condition: Condition,
  facts: Record<string, unknown>,
  parameterAt: Map<string, BoundParameter>,
  path = '',
): TraceNode {
  if (isLeaf(condition)) {
    return {
      kind: 'leaf',
      fact: condition.fact,
      factValue: facts[condition.fact],
      operator: condition.operator,
      threshold: condition.value,
      parameter: parameterAt.get(path),
      result: leafResult(condition, facts[condition.fact]),
    };
  }
  if ('not' in condition) {
    const child = traceFromFacts(condition.not, facts, parameterAt, `${path}.not`);
    return { kind: 'not', child, result: !child.result };
  }
  const kind = 'all' in condition ? 'all' : 'any';
  const parts: Condition[] = 'all' in condition ? condition.all : condition.any;
  const children = parts.map((c, i) => traceFromFacts(c, facts, parameterAt, `${path}.${kind}.${i}`));
  const result =
    children.length === 0 || (kind === 'all' ? children.every((c) => c.result) : children.some((c) => c.result));
  return { kind, children, result };
}
