import { isParamRef, type DecisionDefinition, type DerivedFactDefinition } from '../model.js';
import type { ResolvedParameter } from '../pack/resolved.js';

export type DeriveFacts = (facts: Record<string, unknown>) => Record<string, unknown>;

const OPERATIONS: Record<DerivedFactDefinition['op'], (a: number, b: number) => number | undefined> = {
  sum: (a, b) => a + b,
  difference: (a, b) => a - b,
  product: (a, b) => a * b,
  ratio: (a, b) => (b === 0 ? undefined : a / b),
  quotient: (a, b) => (b === 0 ? undefined : Math.floor(a / b)),
  remainder: (a, b) => (b === 0 ? undefined : a % b),
};

/**
 * Build the function that adds a decision's derived facts (json-rules-engine cannot do
 * arithmetic, so `monthLeaveDaysTotal = monthLeaveDaysBefore + days` is computed here).
 * Parameters are bound now; a derived fact whose inputs are missing stays undefined.
 */
export function deriverFor(decision: DecisionDefinition, parameters: Map<string, ResolvedParameter>): DeriveFacts {
  const derived = decision.derivedFacts ?? [];
  if (derived.length === 0) return (facts) => facts;
  const steps = derived.map((d) => {
    const [left, right] = d.of.map((operand) =>
      isParamRef(operand)
        ? { constant: parameters.get(operand.param)?.value }
        : typeof operand === 'number'
          ? { constant: operand }
          : { fact: operand },
    );
    return { id: d.id, op: OPERATIONS[d.op], left, right };
  });
  // a plain loop with no allocation besides the copy: this runs once per evaluation
  return (facts) => {
    // Object.assign, not spread: adding properties to a spread copy is ~10x slower in V8
    const all: Record<string, unknown> = Object.assign({}, facts);
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i];
      const a = step.left.fact !== undefined ? all[step.left.fact] : step.left.constant;
      const b = step.right.fact !== undefined ? all[step.right.fact] : step.right.constant;
      if (typeof a === 'number' && typeof b === 'number') {
        const value = step.op(a, b);
        if (value !== undefined && Number.isFinite(value)) all[step.id] = value;
      }
    }
    return all;
  };
}
