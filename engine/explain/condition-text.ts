import type { Locale } from '../model.js';
import { isNumberLike, leafCode, Unsupported, type Generation } from '../compile/predicates.js';
import { SharedCode } from '../compile/shared-code.js';
import type { CompiledCondition, CompiledLeaf } from './compiled-condition.js';
import { formatValue, WORDS, type LeafWords } from './render.js';
import type { FactInfo } from '../schema/catalogue.js';

/** A rule's condition said for these facts, keeping only the branches that decided it. */
export type SayCondition = (facts: Record<string, unknown>) => string;

/**
 * The condition sentence of one rule compiled into one plain function per language: each leaf is
 * tested once, each group's result computed once from its children's, and the sentence joined
 * from the parts that decided it — what `sayCondition` (rule-text.ts) interprets, without walking
 * the tree again for every group. The words are not in the code but passed in (`w`, the leaves'
 * facts `x`, parameter values `p`), so rules of the same shape in packs that differ only in values
 * and words share one function, as the matchers do.
 */
interface Slots {
  words: string[];
  facts: (FactInfo | undefined)[];
}

const sharedSayers = new SharedCode<(p: unknown[], w: string[], x: unknown[]) => SayCondition>();

const build = (source: string) =>
  new Function('isNumberLike', 'format', source)(isNumberLike, formatValue) as (
    p: unknown[],
    w: string[],
    x: unknown[],
  ) => SayCondition;

class Writer {
  readonly lines: string[] = [];
  readonly slots: Slots = { words: [], facts: [] };
  readonly generation: Generation;
  /** the leaves tested so far, by number */
  readonly leaves: CompiledLeaf[] = [];
  readonly #factVars = new Map<string, string>();
  #names = 0;

  constructor(
    readonly locale: Locale,
    readonly wordsOf: (leaf: CompiledLeaf) => LeafWords,
  ) {
    this.generation = {
      factVar: (fact) => {
        let name = this.#factVars.get(fact);
        if (!name) {
          name = `f${this.#factVars.size}`;
          this.#factVars.set(fact, name);
          this.lines.push(`const ${name} = facts[${JSON.stringify(fact)}];`);
        }
        return name;
      },
      constants: [],
      slots: [],
      // the "path" handed to leafCode is the leaf's number (see `result`)
      fromParameter: (path) => this.leaves[Number(path)].parameter !== undefined,
    };
  }

  name(prefix: string): string {
    return `${prefix}${this.#names++}`;
  }

  word(text: string): string {
    this.slots.words.push(text);
    return `w[${this.slots.words.length - 1}]`;
  }

  /** Declare the node's result (bottom-up), returning its variable; results of children in `results`. */
  result(node: CompiledCondition, results: Map<CompiledCondition, string>): string {
    const name = this.name('r');
    switch (node.kind) {
      case 'leaf': {
        this.leaves.push(node);
        this.lines.push(`const ${name} = ${leafCode(node.leaf, String(this.leaves.length - 1), this.generation)};`);
        break;
      }
      case 'not':
        this.lines.push(`const ${name} = !${this.result(node.child, results)};`);
        break;
      default: {
        const parts = node.children.map((c) => this.result(c, results));
        const joined = parts.length === 0 ? 'true' : parts.join(node.kind === 'all' ? ' && ' : ' || ');
        this.lines.push(`const ${name} = ${joined};`);
      }
    }
    results.set(node, name);
    return name;
  }

  /** Statements that put the node's words into `target` (a declared `let`). */
  text(node: CompiledCondition, target: string, results: Map<CompiledCondition, string>, into: string[]): void {
    const words = WORDS[this.locale];
    switch (node.kind) {
      case 'leaf': {
        const said = this.wordsOf(node);
        if (said.fixed !== undefined) {
          into.push(`${target} = ${this.word(said.fixed)};`);
          break;
        }
        this.slots.facts.push(said.fact);
        const fact = `x[${this.slots.facts.length - 1}]`;
        const value = this.generation.factVar(node.leaf.fact);
        into.push(
          `${target} = ${this.word(said.before)} + format(${value}, ${fact}, "${this.locale}") + ${this.word(said.after)};`,
        );
        break;
      }
      case 'not': {
        const inner = this.name('t');
        into.push(`let ${inner};`);
        this.text(node.child, inner, results, into);
        into.push(`${target} = ${this.word(`${words.not}（`)} + ${inner} + "）";`);
        break;
      }
      default: {
        const result = results.get(node)!;
        if (node.said.length === 0) {
          into.push(`${target} = ${result} ? ${this.word(words.always)} : ${this.word(words.never)};`);
          break;
        }
        const joiner = this.word(node.kind === 'all' ? words.and : words.or);
        const shown = this.name('n');
        const part = this.name('t');
        into.push(`let ${shown} = 0, ${part};`);
        const say = (child: CompiledCondition) => {
          this.text(child, part, results, into);
          into.push(`${target} = ${shown}++ === 0 ? ${part} : ${target} + ${joiner} + ${part};`);
        };
        for (const child of node.said) {
          into.push(`if (${results.get(child)} === ${result}) {`);
          say(child);
          into.push('}');
        }
        // no child decided it (only an empty group can, by holding): say them all
        if (node.children.length > node.said.length) {
          into.push(`if (${shown} === 0) {`);
          for (const child of node.said) say(child);
          into.push('}');
        }
        if (node.kind === 'any') into.push(`if (${shown} > 1) ${target} = "（" + ${target} + "）";`);
      }
    }
  }
}

/** The compiled sentence of a condition, or undefined when a value cannot be written as code. */
export function compileSayCondition(
  condition: CompiledCondition,
  locale: Locale,
  wordsOf: (leaf: CompiledLeaf) => LeafWords,
): SayCondition | undefined {
  const writer = new Writer(locale, wordsOf);
  const results = new Map<CompiledCondition, string>();
  const body: string[] = [];
  try {
    writer.result(condition, results);
    writer.text(condition, 'said', results, body);
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
  const { constants, slots: parameters } = writer.generation;
  const source = [
    ...constants.map((c, i) => `const c${i} = ${c};`),
    'return function bind(p, w, x) {',
    '  return function sayCondition(facts) {',
    ...writer.lines.map((l) => `    ${l}`),
    '    let said;',
    ...body.map((l) => `    ${l}`),
    '    return said;',
    '  };',
    '};',
  ].join('\n');
  return sharedSayers.get(source, build)(parameters, writer.slots.words, writer.slots.facts);
}
