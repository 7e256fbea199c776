/**
 * Everything a decision's answer depends on, for the diff's fast path: when these are equal on
 * both sides, every case of the decision answers the same on both, so none needs evaluating.
 * Where a thing was written (origin, definedIn) changes no answer and is left out.
 */
import type { CompiledPack } from '../compile/compile.js';
import { isParamRef } from '../model.js';
import { decisions } from '../schema/registry.js';

/** Parameter ids a value refers to anywhere inside it ({param: id} objects). */
function collectParameters(value: unknown, into: Set<string>): Set<string> {
  if (isParamRef(value)) into.add(value.param);
  else if (Array.isArray(value)) for (const item of value) collectParameters(item, into);
  else if (typeof value === 'object' && value !== null)
    for (const item of Object.values(value)) collectParameters(item, into);
  return into;
}

/** Parameters a decision reads: in its rules' conditions and outcomes and in its derived facts. */
export function parametersRead(pack: CompiledPack, decisionId: string): Set<string> {
  const read = new Set<string>();
  for (const rule of pack.resolved.decisions.get(decisionId)?.rules ?? []) {
    collectParameters(rule.conditions, read);
    collectParameters(rule.outcomes, read);
  }
  return collectParameters(decisions.get(decisionId)?.derivedFacts, read);
}

/**
 * The inputs of one decision of a pack. `parameterIds` is the union of what either side reads, so
 * a parameter one side starts reading counts even when the other side does not read it.
 */
export function decisionInputs(pack: CompiledPack, decisionId: string, parameterIds: Iterable<string>): unknown {
  const decision = pack.resolved.decisions.get(decisionId);
  const parameters = pack.resolved.parameters;
  return {
    exists: decision !== undefined,
    rules: decision?.rules.map(({ origin: _o, definedIn: _d, replaces: _r, ...rule }) => rule) ?? [],
    groups: [...(decision?.groups ?? [])].map(([name, { origin: _o, ...group }]) => [name, group]),
    parameters: [...parameterIds].sort().map((id) => [id, parameters.get(id)?.value]),
    // a township's words turn its outcome codes into the shared ones
    vocabulary: [...pack.resolved.vocabulary].map(([name, words]) => [
      name,
      [...words.values()].map(({ origin: _o, definedIn: _d, ...word }) => word),
    ]),
  };
}
