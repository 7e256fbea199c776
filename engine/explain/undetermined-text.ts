import type { Locale } from '../model.js';
import type { MissingFact, UndeterminedRule } from '../undetermined/undetermined.js';
import type { Clause } from '../model.js';
import { sayOutcome } from './rule-text.js';

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

/** The facts an entry waits for, as one key (entries waiting for the same facts share a line). */
function factsKey(entry: UndeterminedRule): string {
  const { facts } = entry;
  let key = facts.length ? facts[0].name : '';
  for (let i = 1; i < facts.length; i++) key += '\u0000' + facts[i].name;
  return key;
}

/** Entries grouped by the facts they wait for, in order of first appearance; most evaluations have one group. */
function groupByFacts(entries: UndeterminedRule[]): UndeterminedRule[][] {
  const keys: string[] = [];
  const groups: UndeterminedRule[][] = [];
  for (const entry of entries) {
    const key = factsKey(entry);
    const at = keys.indexOf(key);
    if (at === -1) {
      keys.push(key);
      groups.push([entry]);
    } else groups[at].push(entry);
  }
  return groups;
}

/** One line of `renderUndetermined`: the facts of one group, what its rules would add, their clauses. */
function groupLine(group: UndeterminedRule[], locale: Locale): string {
  const w = WORDS[locale];
  const zh = locale === 'zh';
  const first = group[0].facts;
  let facts = '';
  for (let i = 0; i < first.length; i++) facts += (i ? (zh ? '、' : ', ') : '') + missingFactText(first[i], locale);
  let rules = '';
  let oneOf = '';
  // each clause once, where it is first cited (as the last citation of that id says it)
  const clauseIds: string[] = [];
  const clauses: Clause[] = [];
  for (let g = 0; g < group.length; g++) {
    const entry = group[g];
    let adds = '';
    for (let i = 0; i < entry.couldAdd.length; i++) adds += (i ? w.sep : '') + sayOutcome(entry.couldAdd[i], locale);
    const label = zh ? `【${entry.title}】` : `[${entry.rule}]`;
    rules += (g ? w.sep : '') + label + w.then + adds + (entry.stopsOthers ? w.stops : '');
    if (entry.candidates && entry.candidates.length > 1) oneOf = w.oneOf;
    for (const clause of entry.citations) {
      const at = clauseIds.indexOf(clause.id);
      if (at === -1) {
        clauseIds.push(clause.id);
        clauses.push(clause);
      } else clauses[at] = clause;
    }
  }
  let cited = '';
  for (let i = 0; i < clauses.length; i++) {
    const c = clauses[i];
    cited += (i ? w.sep : '') + (zh ? `${c.id}《${c.document}》${c.article}` : c.id);
  }
  const basis = cited ? `${w.open}${w.basis}${cited}${w.close}` : '';
  return `${w.ask}${w.colon}${facts}${w.dash}${oneOf}${rules}${basis}`;
}

/**
 * One line per set of missing facts: what to confirm, then what each rule waiting on it would
 * add, and the clauses: 「还需确认：干部管理权限（组织部门管理 / 人社部门管理）——【长期旷工报县委
 * 组织部处理】→ 第1步：县委组织部上报；…（依据 ATT-002-LONG《…》第三条）」.
 */
export function renderUndetermined(entries: UndeterminedRule[], locale: Locale = 'zh'): string[] {
  const groups = groupByFacts(entries);
  const lines: string[] = new Array(groups.length);
  for (let i = 0; i < groups.length; i++) lines[i] = groupLine(groups[i], locale);
  return lines;
}

/** 「还需确认：干部管理权限」 for the summary sentence. */
export function undeterminedSummary(entries: UndeterminedRule[], locale: Locale = 'zh'): string {
  const w = WORDS[locale];
  const names = [
    ...new Map(entries.flatMap((e) => e.facts).map((f) => [f.name, locale === 'zh' ? f.label : f.name])).values(),
  ];
  return `${w.ask}${w.colon}${names.join(locale === 'zh' ? '、' : ', ')}`;
}
