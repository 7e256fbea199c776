import type { Locale } from '../model.js';
import type { MissingFact, UndeterminedRule } from '../undetermined/undetermined.js';
import { outcomeText } from './outcome-text.js';
import { vocabularyLabel } from '../schema/registry.js';

const WORDS = {
  zh: {
    ask: '还需确认',
    colon: '：',
    dash: '——',
    then: ' → ',
    sep: '；',
    or: ' / ',
    basis: '依据 ',
    oneOf: '只取其一：',
    stops: '（若成立，不再适用其余结果）',
    open: '（',
    close: '）',
  },
  en: {
    ask: 'Still to confirm',
    colon: ': ',
    dash: ' — ',
    then: ' → ',
    sep: '; ',
    or: ' / ',
    basis: 'basis ',
    oneOf: 'one of: ',
    stops: ' (would replace the other results)',
    open: ' (',
    close: ')',
  },
};

/** 「干部管理权限（组织部门管理 / 人社部门管理）」 */
export function missingFactText(fact: MissingFact, locale: Locale): string {
  const w = WORDS[locale];
  const name = locale === 'zh' ? fact.label : fact.name;
  if (!fact.options?.length) return name;
  return `${name}${w.open}${fact.options.map((o) => (locale === 'zh' ? o.label : o.labelEn)).join(w.or)}${w.close}`;
}

/**
 * One line per set of missing facts: what to confirm, then what each rule waiting on it would
 * add, and the clauses: 「还需确认：干部管理权限（组织部门管理 / 人社部门管理）——【长期旷工报县委
 * 组织部处理】→ 第1步：县委组织部上报；…（依据 ATT-002-LONG《…》第三条）」.
 */
export function renderUndetermined(entries: UndeterminedRule[], locale: Locale = 'zh'): string[] {
  const w = WORDS[locale];
  const byFacts = new Map<string, UndeterminedRule[]>();
  for (const entry of entries) {
    const key = entry.facts.map((f) => f.name).join('\u0000');
    byFacts.set(key, [...(byFacts.get(key) ?? []), entry]);
  }
  return [...byFacts.values()].map((group) => {
    const facts = group[0].facts.map((f) => missingFactText(f, locale)).join(locale === 'zh' ? '、' : ', ');
    const rules = group.map((entry) => {
      const label = locale === 'zh' ? `【${entry.title}】` : `[${entry.rule}]`;
      const adds = entry.couldAdd.map((o) => outcomeText(o, locale, vocabularyLabel)).join(w.sep);
      return `${label}${w.then}${adds}${entry.stopsOthers ? w.stops : ''}`;
    });
    const oneOf = group.some((e) => e.candidates && e.candidates.length > 1) ? w.oneOf : '';
    const clauses = [...new Map(group.flatMap((e) => e.citations).map((c) => [c.id, c])).values()]
      .map((c) => (locale === 'zh' ? `${c.id}《${c.document}》${c.article}` : c.id))
      .join(w.sep);
    const basis = clauses ? `${w.open}${w.basis}${clauses}${w.close}` : '';
    return `${w.ask}${w.colon}${facts}${w.dash}${oneOf}${rules.join(w.sep)}${basis}`;
  });
}

/** 「还需确认：干部管理权限」 for the summary sentence. */
export function undeterminedSummary(entries: UndeterminedRule[], locale: Locale = 'zh'): string {
  const w = WORDS[locale];
  const names = [
    ...new Map(entries.flatMap((e) => e.facts).map((f) => [f.name, locale === 'zh' ? f.label : f.name])).values(),
  ];
  return `${w.ask}${w.colon}${names.join(locale === 'zh' ? '、' : ', ')}`;
}
