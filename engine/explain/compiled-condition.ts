import { isLeaf, type Condition, type LeafCondition, type Locale } from '../model.js';
import type { BoundParameter } from '../compile/compile.js';
import { leafResult } from '../compile/predicates.js';
import type { LeafWords } from './render.js';
import type { TraceNode } from './trace.js';

/**
 * A rule's (parameter-bound) condition prepared once, when the pack is compiled, for what an
 * evaluation says about it: each leaf knows the parameter its threshold came from, each group
 * the children an explanation may mention (empty groups hold and say nothing). Traces and
 * explanation lines are then read off the facts directly, with no paths to build or look up.
 */
export type CompiledCondition = CompiledLeaf | CompiledNot | CompiledGroup;

export interface CompiledLeaf {
  kind: 'leaf';
  leaf: LeafCondition;
  parameter: BoundParameter | undefined;
  /** the leaf in words, per language, made the first time an explanation in it is asked for */
  words: { zh?: LeafWords; en?: LeafWords };
}

export interface CompiledNot {
  kind: 'not';
  child: CompiledCondition;
}

export interface CompiledGroup {
  kind: 'all' | 'any';
  children: CompiledCondition[];
  /** the children that are not empty groups: the ones an explanation can name */
  said: CompiledCondition[];
}

const isEmptyGroup = (node: CompiledCondition) =>
  node.kind !== 'leaf' && node.kind !== 'not' && node.children.length === 0;

/** `parameterAt` is keyed by leaf path as compile.ts binds them (`.all.1.not`). */
export function compileCondition(
  condition: Condition,
  parameterAt: ReadonlyMap<string, BoundParameter>,
  path = '',
): CompiledCondition {
  if (isLeaf(condition)) return { kind: 'leaf', leaf: condition, parameter: parameterAt.get(path), words: {} };
  if ('not' in condition) return { kind: 'not', child: compileCondition(condition.not, parameterAt, `${path}.not`) };
  const kind = 'all' in condition ? 'all' : 'any';
  const parts: Condition[] = 'all' in condition ? condition.all : condition.any;
  const children = parts.map((c, i) => compileCondition(c, parameterAt, `${path}.${kind}.${i}`));
  return { kind, children, said: children.filter((c) => !isEmptyGroup(c)) };
}

/** Whether the condition holds for these facts, with json-rules-engine's semantics (an empty group holds). */
export function holds(node: CompiledCondition, facts: Record<string, unknown>): boolean {
  switch (node.kind) {
    case 'leaf':
      return leafResult(node.leaf, facts[node.leaf.fact]);
    case 'not':
      return !holds(node.child, facts);
    case 'all':
      for (let i = 0; i < node.children.length; i++) if (!holds(node.children[i], facts)) return false;
      return true;
    case 'any':
      if (node.children.length === 0) return true;
      for (let i = 0; i < node.children.length; i++) if (holds(node.children[i], facts)) return true;
      return false;
  }
}

/** The condition trace for these facts: the same tree `traceFromFacts` builds, without its path look-ups. */
export function traceOf(node: CompiledCondition, facts: Record<string, unknown>): TraceNode {
  switch (node.kind) {
    case 'leaf': {
      const { leaf } = node;
      const factValue = facts[leaf.fact];
      return {
        kind: 'leaf',
        fact: leaf.fact,
        factValue,
        operator: leaf.operator,
        threshold: leaf.value,
        parameter: node.parameter,
        result: leafResult(leaf, factValue),
      };
    }
    case 'not': {
      const child = traceOf(node.child, facts);
      return { kind: 'not', child, result: !child.result };
    }
    default: {
      const children = node.children.map((c) => traceOf(c, facts));
      const result =
        children.length === 0 ||
        (node.kind === 'all' ? children.every((c) => c.result) : children.some((c) => c.result));
      return { kind: node.kind, children, result };
    }
  }
}

/** Leaf words for a language, kept on the leaves; `make` builds the words of one leaf. */
export function prepareWords(node: CompiledCondition, locale: Locale, make: (leaf: CompiledLeaf) => LeafWords): void {
  if (node.kind === 'leaf') node.words[locale] ??= make(node);
  else if (node.kind === 'not') prepareWords(node.child, locale, make);
  else for (const child of node.children) prepareWords(child, locale, make);
}
