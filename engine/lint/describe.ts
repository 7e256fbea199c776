/**
 * Regions in words: "1 < days < 2" for developers, 「请假天数在 1 天到 2 天之间」 for directors.
 * Ends that are only the schema's own limits are left out ("days < 1", not "0 < days < 1"),
 * so that a message names the thresholds a director can actually change.
 */
import { isParamRef, type LeafCondition, type Operator } from '../model.js';
import type { ResolvedParameter } from '../pack/resolved.js';
import type { FactDomain, FactSpace } from './fact-space.js';
import type { Interval } from './intervals.js';
import { leafValue, type Box, type Dim, type Region } from './regions.js';
import { valueOfKey, type ValueSet } from './value-sets.js';
import { CLOCK_UNIT, formatClock } from '../explain/clock.js';

export interface Words {
  en: string;
  zh: string;
}

/** Numbers as people write them: no binary noise such as 0.30000000000000004. */
export const formatNumber = (value: number): string => String(Number(value.toPrecision(12)));

export { CLOCK_UNIT, formatClock };

/** A value with its unit as a director reads it: 「5 天」, and a time of day as 「08:30」. */
export const formatAmount = (value: number, unit: string | undefined, space = ' '): string =>
  unit === CLOCK_UNIT ? formatClock(value) : `${formatNumber(value)}${unit ? space + unit : ''}`;

function domainEnds(domain: FactDomain): Interval {
  if (domain.kind !== 'number' || domain.set.length === 0)
    return { lo: -Infinity, hi: Infinity, loOpen: true, hiOpen: true };
  const first = domain.set[0];
  const last = domain.set[domain.set.length - 1];
  return { lo: first.lo, loOpen: first.loOpen, hi: last.hi, hiOpen: last.hiOpen };
}

function describeInterval(i: Interval, domain: FactDomain): Words | undefined {
  const { name, title } = domain.info;
  const clock = domain.info.unit === CLOCK_UNIT;
  const unit = domain.info.unit && !clock ? ` ${domain.info.unit}` : '';
  const show = clock ? formatClock : formatNumber;
  const ends = domainEnds(domain);
  // an end that is the schema's own limit says nothing a director can change
  const lo = i.lo > ends.lo || (i.lo === ends.lo && i.loOpen && !ends.loOpen) ? show(i.lo) : undefined;
  const hi = i.hi < ends.hi || (i.hi === ends.hi && i.hiOpen && !ends.hiOpen) ? show(i.hi) : undefined;
  if (i.lo === i.hi) return { en: `${name} = ${lo ?? hi ?? show(i.lo)}`, zh: `${title} ${show(i.lo)}${unit}` };
  if (lo !== undefined && hi !== undefined) {
    const zh =
      i.loOpen && i.hiOpen
        ? `${title}在 ${lo}${unit}到 ${hi}${unit}之间`
        : `${title}在 ${lo}${unit}（${i.loOpen ? '不含' : '含'}）到 ${hi}${unit}（${i.hiOpen ? '不含' : '含'}）之间`;
    return { en: `${lo} ${i.loOpen ? '<' : '≤'} ${name} ${i.hiOpen ? '<' : '≤'} ${hi}`, zh };
  }
  if (lo !== undefined) {
    return {
      en: `${name} ${i.loOpen ? '>' : '≥'} ${lo}`,
      zh: i.loOpen ? `${title}超过 ${lo}${unit}` : `${title} ${lo}${unit}及以上`,
    };
  }
  if (hi !== undefined) {
    return {
      en: `${name} ${i.hiOpen ? '<' : '≤'} ${hi}`,
      zh: i.hiOpen ? `${title}不满 ${hi}${unit}` : `${title} ${hi}${unit}及以下`,
    };
  }
  return undefined; // the whole domain: nothing to say
}

function valueLabel(key: string, domain: FactDomain): Words {
  const value = valueOfKey(key);
  if (typeof value === 'boolean') return { en: String(value), zh: value ? '是' : '否' };
  return { en: String(value), zh: domain.info.labels?.[String(value)] ?? String(value) };
}

function describeValues(set: ValueSet, domain: FactDomain): Words | undefined {
  const { name, title } = domain.info;
  const universe = domain.kind === 'values' ? domain.universe : undefined;
  if (!set.except && universe && set.keys.size === universe.length) return undefined; // any value
  const labels = [...set.keys].map((k) => valueLabel(k, domain));
  if (domain.kind === 'values' && domain.atom && labels.length === 1) {
    const holds = labels[0].en === 'true';
    return { en: `(${name}) is ${holds}`, zh: `「${name}」${holds ? '成立' : '不成立'}` };
  }
  const en =
    labels.length === 1
      ? `${name} ${set.except ? '≠' : '='} ${labels[0].en}`
      : `${name} ${set.except ? '∉' : '∈'} {${labels.map((l) => l.en).join(', ')}}`;
  if (domain.info.type === 'boolean' && labels.length === 1) return { en, zh: `${title}：${labels[0].zh}` };
  return { en, zh: `${title}${set.except ? '不为' : '为'}${labels.map((l) => l.zh).join('或')}` };
}

function describeDim(fact: string, dim: Dim, space: FactSpace): Words | undefined {
  const domain = space.domain(fact);
  if (dim.kind === 'values') return describeValues(dim.set, domain);
  const parts = dim.set.map((i) => describeInterval(i, domain)).filter((w): w is Words => !!w);
  if (parts.length === 0) return undefined;
  return {
    en: parts.length === 1 ? parts[0].en : `(${parts.map((p) => p.en).join(' or ')})`,
    zh: parts.map((p) => p.zh).join('或'),
  };
}

/** One box in words: value conditions first (the context), numbers last. */
export function describeBox(box: Box, space: FactSpace): Words {
  const facts = [...box.keys()].sort(
    (a, b) => Number(box.get(a)!.kind === 'number') - Number(box.get(b)!.kind === 'number'),
  );
  const parts = facts.map((f) => describeDim(f, box.get(f)!, space)).filter((w): w is Words => !!w);
  if (parts.length === 0) return { en: 'any facts', zh: '任何情况下' };
  return { en: parts.map((p) => p.en).join(' and '), zh: parts.map((p) => p.zh).join('、') };
}

/** A region in words, at most `limit` boxes (the rest as "…"). */
export function describeRegion(region: Region, space: FactSpace, limit = 3): Words {
  const words = region.slice(0, limit).map((box) => describeBox(box, space));
  const more = region.length > limit ? [{ en: '…', zh: '……' }] : [];
  return {
    en: [...words, ...more].map((w) => w.en).join('; or '),
    zh: [...words, ...more].map((w) => w.zh).join('；或'),
  };
}

export const OPERATOR_WORDS: Record<Operator, Words> = {
  equal: { en: '=', zh: '等于' },
  notEqual: { en: '≠', zh: '不等于' },
  lessThan: { en: '<', zh: '小于' },
  lessThanInclusive: { en: '≤', zh: '小于等于' },
  greaterThan: { en: '>', zh: '大于' },
  greaterThanInclusive: { en: '≥', zh: '大于等于' },
  in: { en: '∈', zh: '属于' },
  notIn: { en: '∉', zh: '不属于' },
  contains: { en: 'contains', zh: '包含' },
  doesNotContain: { en: 'does not contain', zh: '不包含' },
};

/** One condition as written, its parameter named: "days > 5 (leave.secretaryMaxDays)". */
export function describeLeaf(leaf: LeafCondition, space: FactSpace, parameters: Map<string, ResolvedParameter>): Words {
  const domain = space.domain(leaf.fact);
  const value = leafValue(leaf, parameters);
  const show = (v: unknown, zh: boolean): string => {
    if (Array.isArray(v)) return v.map((x) => show(x, zh)).join(zh ? '、' : ', ');
    if (typeof v === 'number')
      return formatAmount(v, zh ? domain.info.unit : domain.info.unit === CLOCK_UNIT ? CLOCK_UNIT : undefined);
    if (typeof v === 'boolean') return zh ? (v ? '是' : '否') : String(v);
    return zh ? (domain.info.labels?.[String(v)] ?? String(v)) : String(v);
  };
  const parameter = isParamRef(leaf.value) ? parameters.get(leaf.value.param) : undefined;
  const op = OPERATOR_WORDS[leaf.operator];
  return {
    en: `${leaf.fact} ${op.en} ${show(value, false)}${isParamRef(leaf.value) ? ` (${leaf.value.param})` : ''}`,
    zh: `${domain.info.title}${op.zh} ${show(value, true)}${parameter ? `（参数「${parameter.definition.label}」）` : ''}`,
  };
}
