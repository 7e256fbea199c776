/** Outcomes in words: the engine's own renderer, with the vocabulary bundled into the UI. */
import { outcomeText as engineOutcomeText } from '../../../engine/explain/outcome-text.js';
import { vocabularyLabel } from './schemaCatalog';

export type AnyOutcome = { type: string; [key: string]: any };

export function outcomeText(outcome: AnyOutcome, locale: string = 'zh', paramLabel?: (id: string) => string): string {
  return engineOutcomeText(outcome, locale === 'en' ? 'en' : 'zh', (definition, code, l) => vocabularyLabel(definition, code, l), paramLabel);
}

/** Approval steps in order first, then the rest, for reading a chain top to bottom. */
export function sortOutcomes<T extends AnyOutcome>(outcomes: T[]): T[] {
  const rank = (o: AnyOutcome) => (o.type === 'refusal' ? 0 : o.type === 'approval' ? 1 : 2);
  return [...outcomes].sort((a, b) => rank(a) - rank(b) || (a.step ?? 0) - (b.step ?? 0));
}
