import type { CompiledRule } from '../compile/compile.js';
import type { Locale, Outcome } from '../model.js';
import { factsOf } from '../schema/registry.js';
import { holds, prepareWords, type CompiledCondition, type CompiledLeaf } from './compiled-condition.js';
import { compileSayCondition, type SayCondition } from './condition-text.js';
import { leafWords, renderCitations, renderOutcome, sayLeaf, WORDS } from './render.js';

/**
 * A fired rule's line of the explanation, compiled with the rule: everything but the condition
 * (title, outcomes, clauses) is one fixed text per language, and the condition is said from the
 * leaves' prepared words with only the facts' values filled in. The text is exactly what
 * `renderFiredRule` says of the rule's trace (tests/engine/rule-text.test.ts compares them).
 */
export interface RuleText {
  /** 「【title】」 or 「[id] 」 */
  label: string;
  /** 「 → outcomes。依据：clauses」 */
  ending: string;
  /** the condition sentence compiled (condition-text.ts); undefined: interpret it */
  condition?: SayCondition;
}

function ruleText(rule: CompiledRule, decision: string, locale: Locale): RuleText {
  const words = WORDS[locale];
  const facts = factsOf(decision);
  const wordsOf = (leaf: CompiledLeaf) =>
    leaf.words[locale] ??
    leafWords(
      { fact: leaf.leaf.fact, operator: leaf.leaf.operator, threshold: leaf.leaf.value, parameter: leaf.parameter },
      facts,
      locale,
    );
  prepareWords(rule.condition, locale, wordsOf);
  const outcomes = rule.outcomes.map((o) => renderOutcome(o, locale)).join(words.sep);
  return {
    label: locale === 'zh' ? `【${rule.title}】` : `[${rule.rule.id}] `,
    ending: `${words.then}${outcomes}${words.stop}${renderCitations(rule, locale)}`,
    condition: compileSayCondition(rule.condition, locale, wordsOf),
  };
}

/** The condition as a sentence, keeping only the branches that decided `result` (as `renderTrace` does). */
export function sayCondition(
  node: CompiledCondition,
  facts: Record<string, unknown>,
  locale: Locale,
  result: boolean,
): string {
  const words = WORDS[locale];
  switch (node.kind) {
    case 'leaf':
      return sayLeaf(node.words[locale]!, facts[node.leaf.fact], locale);
    case 'not':
      return `${words.not}（${sayCondition(node.child, facts, locale, !result)}）`;
    default: {
      const { said } = node;
      if (said.length === 0) return result ? words.always : words.never;
      const joiner = node.kind === 'all' ? words.and : words.or;
      let text = '';
      let shown = 0;
      for (let i = 0; i < said.length; i++) {
        if (holds(said[i], facts) !== result) continue;
        const part = sayCondition(said[i], facts, locale, result);
        text = shown++ === 0 ? part : text + joiner + part;
      }
      // no child decided it (an empty group did): say them all
      if (shown === 0) {
        for (let i = 0; i < said.length; i++) {
          const part = sayCondition(said[i], facts, locale, holds(said[i], facts));
          text = shown++ === 0 ? part : text + joiner + part;
        }
      }
      return shown > 1 && node.kind === 'any' ? `（${text}）` : text;
    }
  }
}

/** One line per fired rule: 「【title】conditions → outcomes。依据：…」 for these facts. */
export function ruleLine(rule: CompiledRule, decision: string, facts: Record<string, unknown>, locale: Locale): string {
  const text = (rule.texts[locale] ??= ruleText(rule, decision, locale));
  const condition = text.condition
    ? text.condition(facts)
    : sayCondition(rule.condition, facts, locale, holds(rule.condition, facts));
  return text.label + condition + text.ending;
}

const outcomeWords: Record<Locale, WeakMap<Outcome, string>> = { zh: new WeakMap(), en: new WeakMap() };

/**
 * An outcome in words, said once per outcome object: an evaluation's outcomes are the compiled
 * rules' own objects, so each is put into words once per pack version and language.
 */
export function sayOutcome(outcome: Outcome, locale: Locale): string {
  const known = outcomeWords[locale].get(outcome);
  if (known !== undefined) return known;
  const text = renderOutcome(outcome, locale);
  outcomeWords[locale].set(outcome, text);
  return text;
}
