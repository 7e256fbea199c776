import { isLeaf, type Condition, type LeafCondition } from '../model.js';
import type { CompiledRule } from '../compile/compile.js';
import { isNumberLike, leafCode, leafResult, Unsupported, type Generation } from '../compile/predicates.js';
import { SharedCode } from '../compile/shared-code.js';
import type { UnknownFactIndex } from './unknown-facts.js';

/**
 * `truthOf` and `engages` (truth.ts) compiled to plain JavaScript for every rule of a decision,
 * as the matcher is (predicates.ts): given the facts, the bits of the facts left out and what
 * matched, the rules that might still match and that the case has entered — what
 * `openInputs` answers before it names the inputs. The interpreter walks each rule's tree with
 * map look-ups per leaf; most evaluations leave an optional fact out, so this runs on most of them.
 *
 * Kleene logic as numbers: 0 false, 1 unknown, 2 true; `all` is the least, `any` the greatest,
 * `not` is 2 − x. Whether an unknown test is settled (truth.ts) depends only on the test, its
 * sign under `not`s and the fact's default, never on the facts: it is decided here, once.
 */
export type FindOpenRules = (
  facts: Record<string, unknown>,
  unknownBits: number,
  matched: readonly boolean[],
) => CompiledRule[] | undefined;

type BindSlots = (slots: readonly unknown[], rules: readonly CompiledRule[]) => FindOpenRules;

const shared = new SharedCode<BindSlots>();
const build = (source: string) => new Function('isNumberLike', source)(isNumberLike) as BindSlots;

/** A leaf's truth when its fact is unknown, as truth.ts settles it: 0, 1 or 2. */
function unknownTruth(leaf: LeafCondition, positive: boolean, index: UnknownFactIndex): number {
  // an unknown fact reads as undefined (a derived fact whose input is missing is not derived)
  const result = leafResult(leaf, undefined);
  const byDefault = index.defaultOf(leaf.fact);
  const settled = result === positive || (byDefault !== undefined && leafResult(leaf, byDefault) === result);
  return settled ? (result ? 2 : 0) : 1;
}

function truthCode(
  condition: Condition,
  path: string,
  positive: boolean,
  gen: Generation,
  index: UnknownFactIndex,
): string {
  if (isLeaf(condition)) {
    const known = `(${leafCode(condition, path, gen)} ? 2 : 0)`;
    const bits = index.bitsOf(condition.fact);
    return bits === 0 ? known : `((m & ${bits}) !== 0 ? ${unknownTruth(condition, positive, index)} : ${known})`;
  }
  if ('not' in condition) return `(2 - ${truthCode(condition.not, `${path}.not`, !positive, gen, index)})`;
  const kind = 'all' in condition ? 'all' : 'any';
  const parts: Condition[] = 'all' in condition ? condition.all : condition.any;
  // an empty group holds, as in json-rules-engine
  if (parts.length === 0) return '2';
  return `Math.${kind === 'all' ? 'min' : 'max'}(${parts.map((c, i) => truthCode(c, `${path}.${kind}.${i}`, positive, gen, index)).join(', ')})`;
}

function engagesCode(
  condition: Condition,
  path: string,
  positive: boolean,
  gen: Generation,
  index: UnknownFactIndex,
): string {
  if (isLeaf(condition)) {
    const holds = positive ? leafCode(condition, path, gen) : `!${leafCode(condition, path, gen)}`;
    const bits = index.bitsOf(condition.fact);
    return bits === 0 ? holds : `((m & ${bits}) === 0 && ${holds})`;
  }
  if ('not' in condition) return engagesCode(condition.not, `${path}.not`, !positive, gen, index);
  const kind = 'all' in condition ? 'all' : 'any';
  const parts: Condition[] = 'all' in condition ? condition.all : condition.any;
  if (parts.length === 0) return 'false';
  return `(${parts.map((c, i) => engagesCode(c, `${path}.${kind}.${i}`, positive, gen, index)).join(' || ')})`;
}

/**
 * The open-rule finder for a decision's rules, or undefined when it cannot be compiled (a
 * condition the matcher cannot compile, or so many optional facts that bits are shared): then
 * `openRules` interprets. Decisions of the same structure share the generated function.
 */
export function compileOpenRules(rules: readonly CompiledRule[], index: UnknownFactIndex): FindOpenRules | undefined {
  if (!index.exact) return undefined;
  const facts = new Map<string, string>();
  const factVar = (fact: string) => {
    if (!facts.has(fact)) facts.set(fact, `f${facts.size}`);
    return facts.get(fact)!;
  };
  const constants: string[] = [];
  const slots: unknown[] = [];
  const lines: string[] = [];
  try {
    for (const [i, rule] of rules.entries()) {
      const mask = rule.optionalFacts ?? index.maskOf(rule.facts);
      if (mask === 0) continue; // it reads no optional fact: never open
      const gen: Generation = { factVar, constants, slots, fromParameter: (path) => rule.parameterAt.has(path) };
      lines.push(
        `if (!matched[${rule.order}] && (m & ${mask}) !== 0 && ${truthCode(rule.conditions, '', true, gen, index)} === 1 && ${engagesCode(rule.conditions, '', true, gen, index)}) (open ??= []).push(r[${i}]);`,
      );
    }
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
  const source = [
    ...constants.map((c, i) => `const c${i} = ${c};`),
    'return function bindSlots(p, r) {',
    '  return function findOpenRules(facts, m, matched) {',
    ...[...facts].map(([fact, name]) => `    const ${name} = facts[${JSON.stringify(fact)}];`),
    '    let open;',
    ...lines.map((line) => `    ${line}`),
    '    return open;',
    '  };',
    '};',
  ].join('\n');
  return shared.get(source, build)(slots, rules);
}
