/**
 * A suggestion in words: 「若请假天数不超过 1 天（参数「分管领导单独审批的最长天数」），只需分管领导签字」,
 * 「若本期此前同类次数再多 1 次（共 3 次），将记旷工 1 天」, 「若假别为「病假」且请假天数不超过 5 天，无需医院证明」.
 */
import type { CompiledRule } from '../compile/compile.js';
import { renderOutcome } from '../explain/render.js';
import { CLOCK_UNIT, formatClock } from '../explain/clock.js';
import { isLeaf, type Locale, type Outcome } from '../model.js';
import { factsOf, type FactInfo } from '../schema/registry.js';
import type { Difference } from './answer.js';

export interface Threshold {
  value: number;
  /** `to` is at the threshold (≤, ≥) rather than past it (<, >) */
  inclusive: boolean;
  direction: 'up' | 'down';
}

interface Described {
  from: unknown;
  to: unknown;
  threshold?: Threshold;
  parameter?: { id: string; label: string };
  outcomes: Outcome[];
  added: Outcome[];
  removed: Outcome[];
}

const formatNumber = (v: number) => (Number.isInteger(v) ? String(v) : String(Math.round(v * 10000) / 10000));

function amount(value: number, info: FactInfo | undefined, locale: Locale): string {
  if (info?.unit === CLOCK_UNIT) return formatClock(value);
  return locale === 'zh' && info?.unit && info.unit !== '比例'
    ? `${formatNumber(value)} ${info.unit}`
    : formatNumber(value);
}

function optionLabel(value: unknown, info: FactInfo, locale: Locale): string {
  if (typeof value === 'boolean') return locale === 'zh' ? (value ? '是' : '否') : value ? 'yes' : 'no';
  return (locale === 'zh' ? info.labels : info.labelsEn)?.[String(value)] ?? String(value);
}

/** A fact's title without its example in brackets: 「本期此前同类次数（如…）」 → 「本期此前同类次数」. */
const shortTitles = new WeakMap<FactInfo, string>();
function shortTitle(info: FactInfo | undefined, name: string, locale: Locale): string {
  if (locale !== 'zh') return name;
  if (!info) return name.replace(/（[^）]*）/g, '');
  let title = shortTitles.get(info);
  if (title === undefined) shortTitles.set(info, (title = info.title.replace(/（[^）]*）/g, '')));
  return title;
}

const PHRASE = {
  zh: {
    up: ['超过', '达到'],
    down: ['少于', '不超过'],
    lessThan: '少于',
    lessThanInclusive: '不超过',
    greaterThan: '超过',
    greaterThanInclusive: '达到',
  },
  en: {
    up: ['exceeded', 'reached'],
    down: ['were below', 'were at most'],
    lessThan: 'below',
    lessThanInclusive: 'at most',
    greaterThan: 'over',
    greaterThanInclusive: 'at least',
  },
} as const;

function condition(d: Described, info: FactInfo, locale: Locale): string {
  const zh = locale === 'zh';
  const title = shortTitle(info, info.name, locale);
  const t = d.threshold;
  if (!t) {
    // 「是否已提供医院证明」 → 「已提供医院证明」 / 「并非已提供医院证明」
    if (zh && typeof d.to === 'boolean' && title.includes('是否'))
      return `${d.to ? '' : '并非'}${title.replace('是否', '')}`;
    return zh ? `${title}为「${optionLabel(d.to, info, locale)}」` : `${title} were ${optionLabel(d.to, info, locale)}`;
  }
  const to = d.to as number;
  const from = d.from as number;
  if (info.unit === '次' && t.direction === 'up' && (d.from === ANY_COUNT || Number.isInteger(to - from))) {
    const more = d.from === ANY_COUNT ? COUNT : to - from;
    return zh ? `${title}再多 ${more} 次（共 ${to} 次）` : `${title} were ${more} more (${to})`;
  }
  const word = PHRASE[locale][t.direction][Number(t.inclusive)];
  const parameter = d.parameter ? (zh ? `参数「${d.parameter.label}」` : `parameter ${d.parameter.id}`) : '';
  const example =
    !t.inclusive && to !== t.value ? (zh ? `如 ${amount(to, info, locale)}` : `e.g. ${amount(to, info, locale)}`) : '';
  const notes = parameter && example ? parameter + (zh ? '；' : '; ') + example : parameter || example;
  const bracket = notes ? (zh ? `（${notes}）` : ` (${notes})`) : '';
  return zh
    ? `${title}${word} ${amount(t.value, info, locale)}${bracket}`
    : `${title} ${word} ${amount(t.value, info, locale)}${bracket}`;
}

const alsoSaid = new WeakMap<CompiledRule, Map<string, string>>();

/** The deciding rule's other comparisons, so an option change reads with what else it needs (said once per rule, fact and language). */
function alsoNeeded(rule: CompiledRule | undefined, fact: string, decision: string, locale: Locale): string {
  if (!rule || !('all' in rule.conditions)) return '';
  let said = alsoSaid.get(rule);
  if (!said) alsoSaid.set(rule, (said = new Map()));
  const key = `${locale} ${fact}`;
  let text = said.get(key);
  if (text === undefined) said.set(key, (text = alsoNeededOf(rule, fact, decision, locale)));
  return text;
}

function alsoNeededOf(rule: CompiledRule, fact: string, decision: string, locale: Locale): string {
  if (!('all' in rule.conditions)) return '';
  const facts = factsOf(decision);
  const parts = rule.conditions.all.flatMap((c) => {
    if (!isLeaf(c) || c.fact === fact || typeof c.value !== 'number' || !(c.operator in PHRASE.zh)) return [];
    const info = facts.get(c.fact);
    const word = PHRASE[locale][c.operator as 'lessThan'];
    return [`${shortTitle(info, c.fact, locale)}${locale === 'zh' ? '' : ' '}${word} ${amount(c.value, info, locale)}`];
  });
  return parts
    .slice(0, 2)
    .map((p) => (locale === 'zh' ? `且${p}` : ` and ${p}`))
    .join('');
}

const shortTexts = new WeakMap<Outcome, { zh?: string; en?: string }>();

/**
 * 「第2步：党委书记或镇长审批」 → 「党委书记或镇长审批」: inside a sentence the step number is noise.
 * Outcomes are the compiled rules' own objects, so each is put in words once.
 */
function short(o: Outcome, locale: Locale): string {
  let texts = shortTexts.get(o);
  if (!texts) shortTexts.set(o, (texts = {}));
  return (texts[locale] ??= renderOutcome(o, locale).replace(locale === 'zh' ? /^第\d+步：/ : /^step \d+: /, ''));
}

function list(outcomes: Outcome[], locale: Locale): string {
  let text = '';
  for (const o of outcomes) text += (text ? (locale === 'zh' ? '，' : ', ') : '') + short(o, locale);
  return text;
}

const isApproval = (o: Outcome) => o.type === 'approval';

function effect(d: Pick<Described, 'outcomes' | 'added' | 'removed'>, locale: Locale): string {
  const zh = locale === 'zh';
  if (d.outcomes.length === 0) return zh ? '没有规则命中（该情形未作规定）' : 'no rule would apply';
  const parts: string[] = [];
  const gained = d.added.filter(isApproval);
  const lost = d.removed.filter(isApproval);
  if (gained.length || lost.length) {
    const approvals = d.outcomes.filter(isApproval);
    const before = [...approvals.filter((o) => !gained.includes(o)), ...lost];
    const rolesBefore = new Set(before.flatMap((o) => (o.type === 'approval' ? o.roles : [])));
    // fewer steps by the same people: 「只需分管领导审批」; other people: 「改由镇党委会议讨论决定」
    const samePeople = approvals.every((o) => o.type === 'approval' && o.roles.every((r) => rolesBefore.has(r)));
    if (!approvals.length) parts.push(zh ? '没有审批规则命中' : 'no approval rule would apply');
    else if (approvals.length < before.length && samePeople)
      parts.push(zh ? `只需${list(approvals, locale)}` : `only ${list(approvals, locale)}`);
    else parts.push(zh ? `改由${list(approvals, locale)}` : `instead ${list(approvals, locale)}`);
  }
  // an outcome of the same kind in and out is a replacement: 「改为探亲假 0 天」, not 「将…，不再…」
  const removed = d.removed.filter((o) => !isApproval(o));
  const replaced = d.added.filter((o) => !isApproval(o) && removed.some((r) => r.type === o.type));
  const added = d.added.filter((o) => !isApproval(o) && o.type !== 'document' && !replaced.includes(o));
  if (replaced.length) parts.push(zh ? `改为${list(replaced, locale)}` : `instead ${list(replaced, locale)}`);
  if (added.length) parts.push(zh ? `将${list(added, locale)}` : `it would add: ${list(added, locale)}`);
  for (const o of d.added)
    if (o.type === 'document' && !replaced.includes(o))
      parts.push(zh ? `还须提供${o.document}` : `${short(o, locale)}`);
  for (const o of removed) {
    if (replaced.some((a) => a.type === o.type)) continue;
    parts.push(
      zh ? (o.type === 'document' ? `无需${o.document}` : `不再${short(o, locale)}`) : `no longer ${short(o, locale)}`,
    );
  }
  return parts.join(zh ? '，' : ', ');
}

function sentence(
  d: Described,
  difference: Difference,
  info: FactInfo,
  rule: CompiledRule | undefined,
  gained: boolean,
  decision: string,
  locale: Locale,
): string {
  const zh = locale === 'zh';
  // a threshold names its parameter itself; an option change names the rule's
  const parameter =
    d.parameter && !d.threshold ? (zh ? `（参数「${d.parameter.label}」）` : ` (parameter ${d.parameter.id})`) : '';
  const also = d.threshold || !gained ? '' : alsoNeeded(rule, info.name, decision, locale);
  // what follows from the change depends only on the outcomes before and after: said once per pair
  const then = (difference.effect[locale] ??= effect(difference, locale));
  return zh
    ? `若${condition(d, info, locale)}${also}${parameter}，${then}`
    : `If ${condition(d, info, locale)}${also}${parameter}, ${then}`;
}

/**
 * Sentences said before, per pair of outcome sets and language, by what else a sentence depends
 * on (the fact, the value it moves to, the threshold, the parameter, the rule when it reads
 * along) — never by the fact set. Bounded: a table that fills up starts over.
 */
const REMEMBERED = 256;

/** Said as `from` to put a count in words for every `from` at once: COUNT marks where the count goes. */
const ANY_COUNT = Symbol('any count');
const COUNT = '\u0001';

/**
 * The words of a change that count from where the fact is now (「再多 N 次（共 3 次）」), cut
 * where N goes, per language asked: what a whole number of cases more needs besides N.
 */
export function countedText(
  d: Omit<Described, 'from'>,
  difference: Difference,
  info: FactInfo,
  rule: CompiledRule | undefined,
  gained: boolean,
  decision: string,
  locale?: Locale,
): { zh?: string[]; en?: string[] } {
  const any = { ...d, from: ANY_COUNT };
  const cut = (l: Locale) => sentence(any, difference, info, rule, gained, decision, l).split(COUNT);
  return locale ? { [locale]: cut(locale) } : { zh: cut('zh'), en: cut('en') };
}

/** Whether a suggestion's words count from where the fact is now: 「再多 2 次（共 3 次）」. */
export const countsFrom = (info: FactInfo, threshold: Threshold | undefined): boolean =>
  !!threshold && info.unit === '次' && threshold.direction === 'up';

function sentenceKey(d: Described, info: FactInfo, rule: CompiledRule | undefined, gained: boolean): string {
  const t = d.threshold;
  if (!t)
    return `${info.name}\u0000${String(d.to)}\u0000${d.parameter?.id ?? ''}\u0000${gained ? (rule?.rule.id ?? '') : ''}`;
  const from = countsFrom(info, t) ? String(d.from) : '';
  return `${info.name}\u0000${String(d.to)}\u0000${d.parameter?.id ?? ''}\u0000${t.value}${t.inclusive ? '≥' : '>'}${t.direction}${from}`;
}

function remembered(
  d: Described,
  difference: Difference,
  info: FactInfo,
  rule: CompiledRule | undefined,
  gained: boolean,
  decision: string,
  locale: Locale,
  key: string,
): string {
  const said = (difference.sentences[locale] ??= new Map());
  let text = said.get(key);
  if (text === undefined) {
    if (said.size >= REMEMBERED) said.clear();
    said.set(key, (text = sentence(d, difference, info, rule, gained, decision, locale)));
  }
  return text;
}

/**
 * In `locale`, or in both languages. `gained`: the deciding rule starts to match with the change
 * (its other conditions then read along); `difference` holds the outcomes `d` lists.
 */
export function nearbyText(
  d: Described,
  difference: Difference,
  info: FactInfo,
  rule: CompiledRule | undefined,
  gained: boolean,
  decision: string,
  locale?: Locale,
): { zh?: string; en?: string } {
  const key = sentenceKey(d, info, rule, gained);
  if (locale === 'zh') return { zh: remembered(d, difference, info, rule, gained, decision, locale, key) };
  if (locale === 'en') return { en: remembered(d, difference, info, rule, gained, decision, locale, key) };
  return {
    zh: remembered(d, difference, info, rule, gained, decision, 'zh', key),
    en: remembered(d, difference, info, rule, gained, decision, 'en', key),
  };
}
