/** Outcomes in words: the engine's own renderer, with the vocabulary bundled into the UI. */
import { outcomeText as engineOutcomeText } from '../../../engine/explain/outcome-text.js';
import { labelWithWords, type WordLookup } from '../../../engine/pack/words.js';
import { vocabularyLabel } from './schemaCatalog';

/**
 * An outcome as the UI holds it: evaluated, as a pack writes it (amounts may be parameter
 * references) or half-filled in an editor; the engine's `Outcome` is one of these.
 */
export type AnyOutcome = { type: string; [field: string]: unknown };

/**
 * An outcome in words. An evaluated outcome carries the township's words itself; an outcome as
 * a pack writes it (rules, expectations) needs the pack's words (usePackWords) for its own codes.
 */
export function outcomeText(
  outcome: AnyOutcome,
  locale: string = 'zh',
  paramLabel?: (id: string) => string,
  words?: WordLookup,
): string {
  const shared = (definition: string, code: string, l: 'zh' | 'en') => vocabularyLabel(definition, code, l);
  return engineOutcomeText(
    outcome,
    locale === 'en' ? 'en' : 'zh',
    words ? labelWithWords(words, shared) : shared,
    paramLabel,
  );
}

const stepOf = (o: AnyOutcome) => (typeof o.step === 'number' ? o.step : 0);

/** Approval steps in order first, then the rest, for reading a chain top to bottom. */
export function sortOutcomes<T extends AnyOutcome>(outcomes: T[]): T[] {
  const rank = (o: AnyOutcome) => (o.type === 'refusal' ? 0 : o.type === 'approval' ? 1 : 2);
  return [...outcomes].sort((a, b) => rank(a) - rank(b) || stepOf(a) - stepOf(b));
}
