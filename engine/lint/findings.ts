/**
 * What lint reports: the engine's Issue (severity, pack, file, JSON pointer, rule ids, English
 * and Chinese message) with a lint code. Errors block publishing, warnings do not.
 */
import type { Issue, Severity } from '../issues.js';
import type { Origin } from '../pack/resolved.js';

export type LintCode =
  /** two rules of a `unique` group can both fire (区间重叠) */
  | 'OVERLAP'
  /** values of a `completeOver` fact no rule of the group covers (区间遗漏) */
  | 'GAP'
  /** a rule whose conditions can never all hold */
  | 'DEAD_RULE'
  /** a rule of a `first` group that higher-priority rules always pre-empt */
  | 'SHADOWED_RULE'
  | 'UNUSED_PARAMETER'
  | 'PARAMETER_OUT_OF_RANGE'
  | 'UNCITED_RULE'
  | 'UNCITED_CLAUSE'
  | 'UNEXERCISED_RULE'
  | 'UNTESTED_BOUNDARY'
  /** a title states a number that is the value of a parameter the rule uses */
  | 'TITLE_NUMBER'
  /** rules hinge on an optional fact and no rule says what applies when it is not given */
  | 'UNCOVERED_ABSENCE';

export interface LintFinding extends Issue {
  code: LintCode;
}

export function finding(
  severity: Severity,
  code: LintCode,
  origin: Origin | { pack: string; file?: string; pointer?: string },
  words: { en: string; zh: string },
  options: { pointer?: string; ruleIds?: string[] } = {},
): LintFinding {
  return {
    severity,
    code,
    pack: origin.pack,
    ...(origin.file ? { file: origin.file } : {}),
    pointer: (origin.pointer ?? '') + (options.pointer ?? ''),
    ...(options.ruleIds ? { ruleIds: options.ruleIds } : {}),
    message: words.en,
    messageZh: words.zh,
  };
}
