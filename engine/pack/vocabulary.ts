/**
 * A pack's own words along its extends chain: each pack may add words to the shared outcome
 * vocabularies, never redefine a shared code or a base's word; every code a rule or a test case
 * writes must be a shared code or one of those words.
 */
import { pointer, type Issue } from '../issues.js';
import {
  EXTENSIBLE_VOCABULARIES,
  type ExtensibleVocabulary,
  type Outcome,
  type PackVocabulary,
  type PackWord,
} from '../model.js';
import { vocabularyCodes, vocabularyLabel } from '../schema/registry.js';
import type { Origin, ResolvedPack } from './resolved.js';
import { wordCodesOf, type WordLookup } from './words.js';

export interface ResolvedWord extends PackWord {
  definedIn: string;
  origin: Origin;
}

/** Words by vocabulary and code; it is also a WordLookup. */
export type ResolvedVocabulary = Map<ExtensibleVocabulary, Map<string, ResolvedWord>>;

const VOCABULARY_ZH: Record<ExtensibleVocabulary, string> = {
  role: '审批角色',
  approvalAction: '审批动作',
  penaltyMeasure: '处理措施',
  penaltyTarget: '处理对象',
  reportAction: '报告事项',
};

/** Add one pack's words to the chain's (called for each pack, root base first). */
export function mergeWords(
  resolved: ResolvedVocabulary,
  packId: string,
  vocabulary: PackVocabulary | undefined,
  issues: Issue[],
): void {
  for (const name of EXTENSIBLE_VOCABULARIES) {
    (vocabulary?.[name] ?? []).forEach((word, i) => {
      const at = pointer('vocabulary', name, i);
      const error = (code: string, field: string, message: string, messageZh: string) =>
        issues.push({
          severity: 'error',
          code,
          pack: packId,
          file: 'pack.json',
          pointer: at + field,
          message,
          messageZh,
        });
      const shared = vocabularyCodes(name);
      if (shared.includes(word.code)) {
        error(
          'VOCABULARY_REDEFINED',
          '/code',
          `"${word.code}" is a shared ${name} code (${vocabularyLabel(name, word.code)}); give the word its own code and map it with mapsTo`,
          `「${word.code}」是共享词汇中的${VOCABULARY_ZH[name]}（${vocabularyLabel(name, word.code)}），不能重新定义；请为「${word.label}」另起代码，并用 mapsTo 对应到它`,
        );
        return;
      }
      const existing = resolved.get(name)?.get(word.code);
      if (existing) {
        error(
          'VOCABULARY_REDEFINED',
          '/code',
          `${name} word "${word.code}" is already defined by ${existing.definedIn} (${existing.label}); a pack may add words, not redefine them`,
          `${VOCABULARY_ZH[name]}「${word.code}」已由 ${existing.definedIn} 定义为「${existing.label}」，只能新增，不能重新定义`,
        );
        return;
      }
      if (word.mapsTo !== undefined && !shared.includes(word.mapsTo)) {
        error(
          'UNKNOWN_VOCABULARY_CODE',
          '/mapsTo',
          `${name} word "${word.code}" maps to "${word.mapsTo}", which is not a shared ${name} code`,
          `${VOCABULARY_ZH[name]}「${word.label}」对应的「${word.mapsTo}」不是共享词汇中的${VOCABULARY_ZH[name]}`,
        );
        return;
      }
      let words = resolved.get(name);
      if (!words) resolved.set(name, (words = new Map()));
      words.set(word.code, { ...word, definedIn: packId, origin: { pack: packId, file: 'pack.json', pointer: at } });
    });
  }
}

/** Is `code` a shared code of the vocabulary or a word of the pack's chain? */
export function isKnownWord(lookup: WordLookup, vocabulary: ExtensibleVocabulary, code: string): boolean {
  return vocabularyCodes(vocabulary).includes(code) || (lookup.get(vocabulary)?.has(code) ?? false);
}

/**
 * Codes in an outcome that are neither shared nor the pack's words, as issues at `where`
 * (the outcome's origin). `whose` names the rule or test case in the message.
 */
export function unknownWordIssues(
  pack: ResolvedPack,
  outcome: Outcome,
  where: { pack: string; file: string; pointer: string },
  whose: { en: string; zh: string },
  ruleIds?: string[],
): Issue[] {
  return wordCodesOf(outcome)
    .filter(({ vocabulary, code }) => !isKnownWord(pack.vocabulary, vocabulary, code))
    .map(({ field, index, vocabulary, code }) => ({
      severity: 'error' as const,
      code: 'UNKNOWN_VOCABULARY_CODE',
      pack: where.pack,
      file: where.file,
      pointer: where.pointer + pointer(field, ...(index === undefined ? [] : [index])),
      message: `${whose.en}: "${code}" is not a shared ${vocabulary} code nor a word declared in pack.json vocabulary.${vocabulary} of this pack or its bases`,
      messageZh: `${whose.zh}中的${VOCABULARY_ZH[vocabulary]}「${code}」既不在共享词汇中，也未在本规则包（或其基础规则包）pack.json 的 vocabulary.${vocabulary} 中声明`,
      ...(ruleIds ? { ruleIds } : {}),
    }));
}
