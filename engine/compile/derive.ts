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
    const operands = d.of.map((operand) =>
      isParamRef(operand) ? { constant: parameters.get(operand.param)?.value } : typeof operand === 'number' ? { constant: operand } : { fact: operand },
    );
    return { id: d.id, op: OPERATIONS[d.op], operands };
  });
  return (facts) => {
    const all: Record<string, unknown> = { ...facts };
    for (const step of steps) {
      const [a, b] = step.operands.map((o) => ('fact' in o ? all[o.fact!] : o.constant));
      if (typeof a === 'number' && typeof b === 'number') {
        const value = step.op(a, b);
        if (value !== undefined && Number.isFinite(value)) all[step.id] = value;
      }
    }
    return all;
  };
}
