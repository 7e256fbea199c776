/**
 * A township's own words for roles and measures, applied to outcomes. Pure and browser-safe:
 * the engine uses it when compiling and running fixtures, the admin UI when it shows a pack's
 * rules, so both read `主管领导` where the pack says so.
 *
 * A word with `mapsTo` is another name for a shared code: an evaluated outcome carries the
 * shared code (what a district system reads) and, in `words`, the township's word for it. A
 * word without `mapsTo` is a pack-local code: the outcome carries that code and its word.
 */
import type { ExtensibleVocabulary, Locale, Outcome, OutcomeWords, PackVocabulary, PackWord } from '../model.js';

/** Which outcome fields take their codes from a vocabulary a pack may extend. */
export const WORD_FIELDS: Readonly<Record<string, Readonly<Record<string, ExtensibleVocabulary>>>> = {
  approval: { roles: 'role', action: 'approvalAction' },
  penalty: { measure: 'penaltyMeasure', target: 'penaltyTarget' },
  deadline: { action: 'reportAction' },
};

/** A pack's words by vocabulary and code (the whole extends chain). */
export type WordLookup = ReadonlyMap<string, ReadonlyMap<string, PackWord>>;

export type LabelOf = (definition: string, code: string, locale: Locale) => string;

/** The words of a chain of pack manifests' vocabularies, root base first (later packs add). */
export function wordLookup(vocabularies: (PackVocabulary | undefined)[]): WordLookup {
  const lookup = new Map<string, Map<string, PackWord>>();
  for (const vocabulary of vocabularies) {
    for (const [name, words] of Object.entries(vocabulary ?? {})) {
      const byCode = lookup.get(name) ?? new Map<string, PackWord>();
      for (const word of words ?? []) if (!byCode.has(word.code)) byCode.set(word.code, word);
      lookup.set(name, byCode);
    }
  }
  return lookup;
}

/** Every code an outcome takes from an extensible vocabulary, with the field it sits in. */
export function wordCodesOf(outcome: {
  type: string;
  [field: string]: unknown;
}): { field: string; index?: number; vocabulary: ExtensibleVocabulary; code: string }[] {
  const found: { field: string; index?: number; vocabulary: ExtensibleVocabulary; code: string }[] = [];
  for (const [field, vocabulary] of Object.entries(WORD_FIELDS[outcome.type] ?? {})) {
    const value = outcome[field];
    if (typeof value === 'string') found.push({ field, vocabulary, code: value });
    else if (Array.isArray(value))
      value.forEach((code, index) => typeof code === 'string' && found.push({ field, index, vocabulary, code }));
  }
  return found;
}

/**
 * The outcome as a consumer reads it: mapped words replaced by their shared codes, and the
 * township's words for the codes it carries in `words`. An outcome without township words
 * comes back unchanged (no `words` field).
 */
export function toSharedOutcome<T extends { type: string }>(
  outcome: T,
  lookup: WordLookup,
  sharedLabel: LabelOf,
): T & Pick<Outcome, 'words'> {
  if (lookup.size === 0 || !WORD_FIELDS[outcome.type]) return outcome;
  const words: OutcomeWords = {};
  const shared = (vocabulary: ExtensibleVocabulary, code: string): string => {
    const word = lookup.get(vocabulary)?.get(code);
    if (!word) return code;
    const carried = word.mapsTo ?? word.code;
    words[carried] = {
      code: word.code,
      zh: word.label,
      en: word.labelEn ?? (word.mapsTo ? sharedLabel(vocabulary, word.mapsTo, 'en') : word.code),
    };
    return carried;
  };
  const result: Record<string, unknown> = { ...outcome };
  delete result.words;
  for (const [field, vocabulary] of Object.entries(WORD_FIELDS[outcome.type])) {
    const value = result[field];
    if (typeof value === 'string') result[field] = shared(vocabulary, value);
    else if (Array.isArray(value))
      result[field] = value.map((code) => (typeof code === 'string' ? shared(vocabulary, code) : code));
  }
  return (Object.keys(words).length ? { ...result, words } : result) as T & Pick<Outcome, 'words'>;
}

/**
 * Labels that know a pack's words: a code the pack declares reads as its word, any other as
 * the shared label. For outcomes as written in a pack's rules and fixtures.
 */
export function labelWithWords(lookup: WordLookup, sharedLabel: LabelOf): LabelOf {
  return (definition, code, locale) => {
    const word = lookup.get(definition)?.get(code);
    if (!word) return sharedLabel(definition, code, locale);
    return locale === 'zh'
      ? word.label
      : (word.labelEn ?? (word.mapsTo ? sharedLabel(definition, word.mapsTo, 'en') : word.code));
  };
}

/**
 * An evaluated outcome as a pack writes it: each code back to the pack's own code (主管领导 →
 * `supervisor`), `words` dropped. For taking an actual result as a test case's expectation.
 */
export function toAuthoredOutcome<T extends { type: string; words?: OutcomeWords }>(outcome: T): Omit<T, 'words'> {
  const { words, ...authored } = outcome;
  if (!words) return authored;
  const result: Record<string, unknown> = authored;
  for (const field of Object.keys(WORD_FIELDS[outcome.type] ?? {})) {
    const value = result[field];
    if (typeof value === 'string') result[field] = words[value]?.code ?? value;
    else if (Array.isArray(value))
      result[field] = value.map((code) => (typeof code === 'string' ? (words[code]?.code ?? code) : code));
  }
  return result as Omit<T, 'words'>;
}
