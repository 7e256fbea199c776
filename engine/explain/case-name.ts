/**
 * A test case's name written from its facts and outcomes, e.g. 「一般干部、事假、请假2天：分管领导审批」:
 * what a case is called when its expectation is replaced by the actual result, so that its
 * name never contradicts what it now expects. Pure and browser-safe (facts and labels come in).
 */
import type { FactInfo } from '../schema/catalogue.js';
import { outcomeText, type LabelOf, type OutcomeLike } from './outcome-text.js';

/** 「请假天数」 with a unit reads 「请假2天」: the quantity word goes, the unit says it. */
const QUANTITY_WORD = /(天数|次数|金额|时长|分钟数|人数|户数)$/;

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 10000) / 10000);
}

function factPhrase(info: FactInfo | undefined, name: string, value: unknown): string | undefined {
  if (value === undefined || value === null || value === false) return undefined;
  const title = info?.title ?? name;
  if (value === true) return title.replace(/^是否/, '');
  if (typeof value === 'string') return info?.labels?.[value] ?? value;
  if (typeof value === 'number') {
    const unit = info?.unit && info.unit !== '比例' ? info.unit : '';
    return unit ? `${title.replace(QUANTITY_WORD, '')}${formatNumber(value)}${unit}` : `${title}${formatNumber(value)}`;
  }
  if (Array.isArray(value))
    return value.length
      ? `${title}：${value.map((v) => info?.labels?.[String(v)] ?? String(v)).join('、')}`
      : undefined;
  return undefined;
}

/** Approval steps in order, then the rest. */
function ordered(outcomes: OutcomeLike[]): OutcomeLike[] {
  const rank = (o: OutcomeLike) => (o.type === 'refusal' ? 0 : o.type === 'approval' ? 1 : 2);
  return [...outcomes].sort((a, b) => rank(a) - rank(b) || (a.step ?? 0) - (b.step ?? 0));
}

/**
 * 「<facts>：<outcomes>」 in Chinese: facts in the order of the decision's schema (options by
 * their labels, numbers with their units, a yes by its words, a no left out), then the outcomes
 * without step numbers; 「未作规定」 when nothing comes out.
 */
export function caseName(
  facts: Record<string, unknown>,
  outcomes: OutcomeLike[],
  factInfos: ReadonlyMap<string, FactInfo>,
  labelOf: LabelOf,
): string {
  const known = [...factInfos.keys()].filter((name) => name in facts);
  const rest = Object.keys(facts).filter((name) => !factInfos.has(name));
  const situation = [...known, ...rest]
    .map((name) => factPhrase(factInfos.get(name), name, facts[name]))
    .filter(Boolean)
    .join('、');
  const result = outcomes.length
    ? ordered(outcomes)
        .map((o) => outcomeText(o, 'zh', labelOf).replace(/^第\d+步：/, ''))
        .join('，')
    : '未作规定';
  return situation ? `${situation}：${result}` : result;
}
