import type { Evaluation, FiredRule } from '../evaluate/evaluate.js';
import type { Locale, Operator, Outcome } from '../model.js';
import { decisions, factsOf, vocabularyLabel, type FactInfo } from '../schema/registry.js';
import { outcomeText } from './outcome-text.js';
import { CLOCK_UNIT, formatClock } from '../lint/describe.js';
import type { TraceNode } from './trace.js';
import type { BoundParameter } from '../compile/compile.js';
import { renderUndetermined, undeterminedSummary } from './undetermined-text.js';
import { sayOutcome } from './rule-text.js';

const OPERATOR_SYMBOL: Record<Locale, Record<Operator, string>> = {
  zh: {
    equal: '=',
    notEqual: '≠',
    lessThan: '<',
    lessThanInclusive: '≤',
    greaterThan: '>',
    greaterThanInclusive: '≥',
    in: '属于',
    notIn: '不属于',
    contains: '包含',
    doesNotContain: '不包含',
  },
  en: {
    equal: '=',
    notEqual: '≠',
    lessThan: '<',
    lessThanInclusive: '≤',
    greaterThan: '>',
    greaterThanInclusive: '≥',
    in: 'in',
    notIn: 'not in',
    contains: 'contains',
    doesNotContain: 'does not contain',
  },
};

export const WORDS = {
  zh: {
    always: '无条件',
    never: '从不成立',
    pending: '尚无确定结果',
    and: ' 且 ',
    or: ' 或 ',
    not: '并非',
    yes: '是',
    no: '否',
    missing: '未填写',
    parameter: '参数',
    basis: '依据',
    noRule: '没有规则命中：该情形未作规定。',
    result: '结果',
    rule: '规则',
    then: ' → ',
    sep: '；',
    colon: '：',
    version: '版本',
    stop: '。',
  },
  en: {
    always: 'always',
    never: 'never',
    pending: 'no certain result yet',
    and: ' and ',
    or: ' or ',
    not: 'not ',
    yes: 'yes',
    no: 'no',
    missing: 'not given',
    parameter: 'parameter',
    basis: 'Basis',
    noRule: 'No rule matched: the regulation does not cover this case.',
    result: 'Result',
    rule: 'Rule',
    then: ' → ',
    sep: '; ',
    colon: ': ',
    version: 'version',
    stop: '. ',
  },
};

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 10000) / 10000);
}

export function formatValue(value: unknown, fact: FactInfo | undefined, locale: Locale): string {
  const words = WORDS[locale];
  if (value === undefined) return words.missing;
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  if (Array.isArray(value))
    return `[${value.map((v) => formatValue(v, fact, locale)).join(locale === 'zh' ? '、' : ', ')}]`;
  if (typeof value === 'string') return (locale === 'zh' ? fact?.labels : fact?.labelsEn)?.[value] ?? value;
  if (typeof value === 'number') {
    if (fact?.unit === CLOCK_UNIT) return formatClock(value); // a time of day: 08:30, not 510
    const unit = fact?.unit && fact.unit !== '比例' ? (locale === 'zh' ? ` ${fact.unit}` : '') : '';
    return formatNumber(value) + unit;
  }
  return JSON.stringify(value);
}

const isEmptyGroup = (node: TraceNode) => (node.kind === 'all' || node.kind === 'any') && node.children.length === 0;

/** What a leaf says, given by the trace or by a compiled condition (explain/compiled-condition.ts). */
export interface LeafToSay {
  fact: string;
  operator: Operator;
  threshold: unknown;
  parameter?: BoundParameter;
}

/**
 * A leaf in words, cut around the fact's value, the one part that changes from one evaluation to
 * the next: `fixed` when the value is not said at all, else `before` + the value + `after`.
 */
export interface LeafWords {
  fixed?: string;
  before: string;
  after: string;
  fact?: FactInfo;
}

export function leafWords(leaf: LeafToSay, facts: ReadonlyMap<string, FactInfo>, locale: Locale): LeafWords {
  const fact = facts.get(leaf.fact);
  const title = locale === 'zh' ? (fact?.title ?? leaf.fact) : leaf.fact;
  if (leaf.operator === 'equal' && (fact?.type === 'enum' || fact?.type === 'boolean')) {
    // 「假别为年休假」 reads better than 「假别 年休假 = 年休假」
    const is = formatValue(leaf.threshold, fact, locale);
    return { fixed: locale === 'zh' ? `${title}为「${is}」` : `${title} is ${is}`, before: '', after: '', fact };
  }
  const parameter = leaf.parameter
    ? locale === 'zh'
      ? `（参数「${leaf.parameter.label}」）`
      : ` (parameter ${leaf.parameter.id})`
    : '';
  return {
    before: `${title} `,
    after: ` ${OPERATOR_SYMBOL[locale][leaf.operator]} ${formatValue(leaf.threshold, fact, locale)}${parameter}`,
    fact,
  };
}

/** A leaf's words with this evaluation's value of its fact. */
export function sayLeaf(words: LeafWords, factValue: unknown, locale: Locale): string {
  return words.fixed ?? words.before + formatValue(factValue, words.fact, locale) + words.after;
}

/** One condition trace as a sentence, keeping only the branches that decided the result. */
export function renderTrace(node: TraceNode, decision: string, locale: Locale): string {
  const words = WORDS[locale];
  switch (node.kind) {
    case 'leaf':
      return sayLeaf(leafWords(node, factsOf(decision), locale), node.factValue, locale);
    case 'not':
      return `${words.not}（${renderTrace(node.child, decision, locale)}）`;
    case 'all':
    case 'any': {
      // an empty group holds and says nothing: 「[] 且 6 > 5」 reads 「6 > 5」
      const said = node.children.filter((c) => !isEmptyGroup(c));
      if (said.length === 0) return node.result === false ? words.never : words.always;
      const deciding = said.filter((c) => c.result === node.result);
      const shown = deciding.length ? deciding : said;
      const text = shown.map((c) => renderTrace(c, decision, locale)).join(node.kind === 'all' ? words.and : words.or);
      return shown.length > 1 && node.kind === 'any' ? `（${text}）` : text;
    }
  }
}

/** An outcome in words, e.g. 「第2步：党委书记或镇长审批（或签）」. */
export function renderOutcome(outcome: Outcome, locale: Locale = 'zh'): string {
  return outcomeText(outcome, locale, vocabularyLabel);
}

/** 「依据：clauses」 */
export function renderCitations(rule: Pick<FiredRule, 'citations'>, locale: Locale): string {
  const words = WORDS[locale];
  return (
    `${words.basis}${words.colon}` +
    rule.citations
      .map((c) =>
        locale === 'zh' ? `${c.id}《${c.document}》${c.article}：“${c.text}”` : `${c.id} (${c.document}, ${c.article})`,
      )
      .join(words.sep)
  );
}

/** One line per fired rule: conditions → outcomes, then the cited clauses in the original. */
export function renderFiredRule(rule: FiredRule, decision: string, locale: Locale = 'zh'): string {
  const words = WORDS[locale];
  const outcomes = rule.outcomes.map((o) => renderOutcome(o, locale)).join(words.sep);
  const label = locale === 'zh' ? `【${rule.title}】` : `[${rule.id}] `;
  return `${label}${renderTrace(rule.trace, decision, locale)}${words.then}${outcomes}${words.stop}${renderCitations(rule, locale)}`;
}

export interface Explanation {
  /** the certain outcomes in one sentence (or that nothing is certain yet and what to confirm) */
  summary: string;
  /** one line per fired rule */
  lines: string[];
  /** what is still to be confirmed: one line per set of missing facts (empty when nothing is) */
  undetermined: string[];
}

/** The explanation a clerk reads: 「请假天数 3 天 > 1 天（参数「…」）→ 第2步：党委书记或镇长审批。依据：…」 */
export function explain(evaluation: Evaluation, locale: Locale = 'zh'): Explanation {
  const words = WORDS[locale];
  const decision = decisions.get(evaluation.decision);
  const title = locale === 'zh' ? decision?.title : decision?.titleEn;
  const version = evaluation.version ? `（${words.version} ${evaluation.version}）` : '';
  const pending = evaluation.undetermined;
  const undetermined = pending.length ? renderUndetermined(pending, locale) : [];
  if (evaluation.fired.length === 0) {
    // nothing certain: the summary must not read as "the regulation does not cover this case"
    const answer = pending.length
      ? `${words.pending}${words.sep}${undeterminedSummary(pending, locale)}`
      : words.noRule;
    return { summary: `${title}${version}${words.colon}${answer}`, lines: [], undetermined };
  }
  let outcomes = '';
  for (let i = 0; i < evaluation.outcomes.length; i++)
    outcomes += (i ? words.sep : '') + sayOutcome(evaluation.outcomes[i], locale);
  const lines: string[] = new Array(evaluation.fired.length);
  for (let i = 0; i < lines.length; i++) lines[i] = evaluation.fired[i].line(evaluation.decision, locale);
  return { summary: `${title}${version}${words.colon}${outcomes}`, lines, undetermined };
}
