/**
 * Numbers inside an outcome — 「可休十天」, 「按旷工半天处理」, 「扣减当月绩效20元」 — are the regulation's
 * numbers too: the extractor made each a draft parameter, so the prefilled outcome takes it from
 * that parameter ({ param }) and a director changes it where the thresholds are changed. Accepted
 * rules keep the reference; titles and fixture expectations state the parameter's value.
 */
import type { Quantity } from '../drafting/quantities.js';
import { isParamRef, type Outcome, type ParameterDefinition } from '../model.js';
import type { ParameterRefs } from './propose.js';

/** The outcome fields that hold an amount, with the unit the extractor reads it in. */
const AMOUNT_FIELDS: Record<string, { field: string; unit: string }> = {
  entitlement: { field: 'days', unit: '天' },
  absence: { field: 'days', unit: '天' },
  payDeduction: { field: 'amount', unit: '元' },
};

/**
 * The amounts written after a tier, before the next tier or the end of its clause part: bare
 * numbers (no comparison word) that have a draft parameter.
 */
export function amountsAfter(
  tier: Quantity,
  quantities: Quantity[],
  clauseText: string,
  parameterOf: ReadonlyMap<string, ParameterRefs>,
): { quantity: Quantity; param: string }[] {
  const out: { quantity: Quantity; param: string }[] = [];
  for (const q of quantities) {
    if (q.clauseId !== tier.clauseId || q.start < tier.end || !q.exact || q.tier) continue;
    if (/[；;。\n]/.test(clauseText.slice(tier.end, q.start))) break;
    // the next tier's words begin: its amounts are its own
    if (quantities.some((t) => t.clauseId === tier.clauseId && t.tier && t.start >= tier.end && t.start < q.start))
      break;
    const param = parameterOf.get(q.id)?.exact;
    if (param) out.push({ quantity: q, param });
  }
  return out;
}

/** Outcomes whose amount equals one written after the tier take it from that amount's parameter. */
export function amountsAsParameters(outcomes: Outcome[], amounts: { quantity: Quantity; param: string }[]): Outcome[] {
  return outcomes.map((o) => {
    const spec = AMOUNT_FIELDS[o.type];
    const value = spec ? (o as Record<string, unknown>)[spec.field] : undefined;
    if (!spec || typeof value !== 'number') return o;
    const hit = amounts.find((a) => a.quantity.unit === spec.unit && a.quantity.value === value);
    return hit ? ({ ...o, [spec.field]: { param: hit.param } } as Outcome) : o;
  });
}

/** Parameter references replaced by their values, for titles and fixture expectations. */
export function bindAmounts(outcomes: Outcome[], parameters: readonly ParameterDefinition[]): Outcome[] {
  const valueOf = new Map(parameters.map((p) => [p.id, p.value]));
  return outcomes.map((o) => {
    if (!Object.values(o).some(isParamRef)) return o;
    const bound: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(o))
      bound[key] = isParamRef(value) && valueOf.has(value.param) ? valueOf.get(value.param) : value;
    return bound as Outcome;
  });
}
