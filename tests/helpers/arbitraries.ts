/**
 * fast-check arbitraries shared by the property tests: recursive all/any/not condition trees
 * over a given leaf arbitrary, and fact sets whose optional facts may be left out.
 */
import fc from 'fast-check';
import type { Condition } from '../../engine/index.js';

export interface TreeShape {
  /** Levels of all/any/not above the leaves; deeper branches become leaves. */
  maxDepth: number;
  /** Children per all/any group (0 allows empty groups). */
  minChildren: number;
  maxChildren: number;
  /** Relative weights of a leaf, a negation and an all/any group at each level. */
  weights: { leaf: number; not: number; all: number; any: number };
}

/**
 * Condition trees built with fc.letrec. The leaf comes first in the oneof, so past maxDepth and
 * while shrinking the tree falls back to a single leaf.
 */
export function conditionTree(leaf: fc.Arbitrary<Condition>, shape: TreeShape): fc.Arbitrary<Condition> {
  const { tree } = fc.letrec<{ tree: Condition }>((tie) => {
    const children = fc.array(tie('tree'), { minLength: shape.minChildren, maxLength: shape.maxChildren });
    return {
      tree: fc.oneof(
        // depthSize 'max': the weights hold at every level instead of leaning to leaves as trees deepen;
        // withCrossShrink: a failing group or negation may shrink into a single leaf
        { maxDepth: shape.maxDepth, depthSize: 'max', depthIdentifier: 'condition', withCrossShrink: true },
        { arbitrary: leaf, weight: shape.weights.leaf },
        { arbitrary: tie('tree').map((not): Condition => ({ not })), weight: shape.weights.not },
        { arbitrary: children.map((all): Condition => ({ all })), weight: shape.weights.all },
        { arbitrary: children.map((any): Condition => ({ any })), weight: shape.weights.any },
      ),
    };
  });
  return tree;
}

const ABSENT = Symbol('absent');

/**
 * Fact sets drawing each fact from its candidate values. A fact not in `required` is left out
 * (the key is absent, not undefined) about one time in `absentOneIn`; shrinking prefers leaving
 * it out and then the first candidate.
 */
export function factSet(
  candidates: ReadonlyMap<string, readonly unknown[]>,
  required: readonly string[],
  absentOneIn = 3,
): fc.Arbitrary<Record<string, unknown>> {
  const names = [...candidates.keys()];
  const values = names.map((name) => {
    const value = fc.constantFrom(...candidates.get(name)!);
    return required.includes(name) ? value : fc.option(value, { nil: ABSENT, freq: absentOneIn });
  });
  return fc
    .tuple(...values)
    .map((drawn) => Object.fromEntries(names.flatMap((name, i) => (drawn[i] === ABSENT ? [] : [[name, drawn[i]]]))));
}
