/**
 * Thresholds in a clause: a number, its unit, the words around it that decide whether the
 * number itself is included, the period it counts over and whether it is a condition tier.
 *
 * Boundary words follow Civil Code art. 1259: 以上/以下/以内/届满 include the number,
 * 超过/不满/以外 exclude it; 不少于/不超过/至少/最多 include it, 不足/少于/多于 exclude it.
 * When a strong prefix and a suffix disagree (「超过30分钟以上」), the prefix decides and the
 * mix is reported for review. Every quantity keeps the word that decided its reading.
 */
import * as iv from '../lint/intervals.js';
import { CHINESE_NUMERAL_CHARS, parseNumeral, toHalfWidthDigits } from './numerals.js';
import type { DocumentClause } from './structure.js';

export type Unit =
  | '天'
  | '工作日'
  | '分钟'
  | '小时'
  | '元'
  | '万元'
  | '次'
  | '年'
  | '月'
  | '周'
  | '户'
  | '平方米'
  | '%'
  | '比例'
  | '人'
  | '个'
  | '时刻';

export interface Bound {
  value: number;
  inclusive: boolean;
  /** the word that decided inclusive/exclusive, e.g. 「以上」; 「-」 for a written range */
  word: string;
}

/** clock: a time of day, `value` in minutes after midnight (8:30 → 510), shown as HH:MM */
export type QuantityKind = 'threshold' | 'frequency' | 'clock';

export interface Quantity {
  id: string;
  clauseId: string;
  article: string;
  kind: QuantityKind;
  /** as written in the original text, e.g. 「2天以上5天以内」 */
  text: string;
  unit: Unit;
  /** the unit as written (日, 名, 个月, ％ …) */
  unitWritten: string;
  /** the representative number: the lower end, else the upper end, else the exact value */
  value: number;
  lower?: Bound;
  upper?: Bound;
  /** a bare number, no comparison word: exactly this value (「请假1天的」, 「中餐3元」) */
  exact: boolean;
  interval: iv.Interval;
  /** 「2 ≤ x ≤ 5」 */
  reading: string;
  /** 「2天（含，「以上」）至 5天（含，「以内」）」 */
  readingZh: string;
  /** every comparison word found, the deciding ones first */
  words: string[];
  /** 每月、年内、全年 … */
  period?: string;
  /** 累计 or 连续 */
  aggregate?: string;
  /**
   * the quantity whose period or aggregation this one inherits: 「一年内累计…满五天的…；超过十五天的…」
   * states them once for every clause of the sentence after 「；」
   */
  carriedFrom?: string;
  /** what the number is about, from the text before it: 「干部请假」 */
  subject: string;
  /** the subject was written in the number's own fragment (not borrowed from the sentence start) */
  subjectInFragment: boolean;
  /** the consequence that follows the tier (「由分管领导审批」), when there is one */
  consequence?: string;
  /** looks like one tier of a condition ladder: 「…的」「…者」 or a comparison at a clause head */
  tier: boolean;
  /** a limit phrased as a duty (「不得超过4天」) rather than a tier */
  limit: boolean;
  /**
   * a time limit on an action (「十分钟内电话报告带班领导」): an obligation of its own, never a
   * ladder tier; several in one sentence are separate obligations (see obligations.ts)
   */
  deadline?: boolean;
  /** what must be done within a deadline: 「电话报告带班领导」 */
  action?: string;
  /** 「第三次及以上」: an ordinal count, a rung of an escalation ladder */
  ordinal?: boolean;
  /** the unit as written converted for comparison: 1周 = 7天, 1小时 = 60分钟 (ladders and merged ranges use it) */
  scale?: { unit: Unit; factor: number };
  /** offsets in the clause text */
  start: number;
  end: number;
  /** problems a person should look at (mixed wording …) */
  notes: string[];
}

const NUM = `(?:\\d+(?:\\.\\d+)?[千万]?|[${CHINESE_NUMERAL_CHARS}]+个半|[${CHINESE_NUMERAL_CHARS}]+|半)`;
// 「超过 7 天」: a space (also full-width) may stand between number and unit
const UNIT = '(?:万元|元|个月|个?工作日|个?星期|周(?!岁)|天|日|个?小时|分钟|次|年|户|平方米|%|人|名|段|件|项)';
const FRACTION = `(?:[${CHINESE_NUMERAL_CHARS}\\d]+分之[${CHINESE_NUMERAL_CHARS}\\d]+|半数|一半)`;

const UNIT_OF: Record<string, Unit> = {
  万元: '万元',
  元: '元',
  个月: '月',
  周: '周',
  星期: '周',
  天: '天',
  日: '天',
  工作日: '工作日',
  小时: '小时',
  分钟: '分钟',
  次: '次',
  年: '年',
  户: '户',
  平方米: '平方米',
  '%': '%',
  人: '人',
  名: '人',
  段: '个',
  件: '个',
  项: '个',
};
const unitOf = (written: string): Unit => UNIT_OF[written.replace(/^个(?=工作日|星期|小时)/, '')];

/** Units that convert for comparison: a week is 7 days, an hour 60 minutes (the smaller unit is the common one). */
const SCALES: Partial<Record<Unit, { unit: Unit; factor: number }>> = {
  周: { unit: '天', factor: 7 },
  小时: { unit: '分钟', factor: 60 },
};
export const scaleOf = (unit: Unit): { unit: Unit; factor: number } => SCALES[unit] ?? { unit, factor: 1 };

/** Units of duration: a number of these followed by 内 and an action is a deadline. */
const DURATIONS = new Set<Unit>(['天', '工作日', '分钟', '小时', '周', '月']);

/** Prefixes that decide a reading; longer first so that 不超过 wins over 超过. */
const PREFIXES: [RegExp, 'ge' | 'gt' | 'le' | 'lt', boolean][] = [
  // [pattern at the end of the text before the number, reading, strong]
  [/(不得少于|不少于|不低于|不小于|不得低于|至少有|至少|最少|起码)$/, 'ge', true],
  [/(最多不超过|不得超过|不超过|不高于|不大于|不多于|最多|至多|最长)$/, 'le', true],
  [/(超过|高于|大于|多于|逾)$/, 'gt', true],
  [/(不满|不足|未满|少于|低于|小于|不到)$/, 'lt', true],
  [/(已满|届满|满|达到|达)$/, 'ge', true],
  [/(提前)$/, 'ge', false],
];
const SUFFIXES: [RegExp, 'ge' | 'le' | 'gt' | 'lt'][] = [
  [/^(及以上|以上)/, 'ge'],
  [/^(及以下|以下)/, 'le'],
  [/^(以内|之内|内)/, 'le'],
  [/^(以外|之外)/, 'gt'],
  [/^(届满)/, 'ge'],
];
const PERIODS = new RegExp(
  `([${CHINESE_NUMERAL_CHARS}\\d]+个?(?:月|年|周|星期|季度)[以之]?内|每个?月|每年|每周|每天|每日|每季度|每半年|一个年度内|年度内|年内|全年|当年|本年度|当月|本月|月内|季度内)`,
  'g',
);
const LIMIT_VERBS = /(不得|不准|不能|不宜|须|必须|应当|应|要|最多不)$/;
const SENTENCE_END = /[。！？!?\n]/;
const FRAGMENT_END = /[，,；;：:。！？!?\n]/;

function readingOf(kind: 'ge' | 'gt' | 'le' | 'lt', value: number, word: string): { lower?: Bound; upper?: Bound } {
  if (kind === 'ge') return { lower: { value, inclusive: true, word } };
  if (kind === 'gt') return { lower: { value, inclusive: false, word } };
  if (kind === 'le') return { upper: { value, inclusive: true, word } };
  return { upper: { value, inclusive: false, word } };
}

function unitValue(numeral: string, unitWritten: string): { value: number; unit: Unit } | undefined {
  const value = parseNumeral(numeral);
  if (value === undefined) return undefined;
  return { value, unit: unitOf(unitWritten) };
}

/** 510 → 「8:30」 */
export const clockText = (minutes: number): string =>
  `${Math.floor(minutes / 60)}:${String(Math.round(minutes % 60)).padStart(2, '0')}`;

export const formatValue = (v: number): string => String(Number(v.toPrecision(6)));

function describe(q: Pick<Quantity, 'lower' | 'upper' | 'exact' | 'value' | 'unit' | 'kind'>): {
  reading: string;
  readingZh: string;
} {
  const u = q.unit === '%' ? '%' : q.unit;
  const scale = scaleOf(q.unit);
  // 「一周以上」 shows what it means in days: 1周（7天）
  const show = (v: number) =>
    q.unit === '时刻'
      ? clockText(v)
      : scale.factor !== 1 && q.unit === '周'
        ? `${formatValue(v)}${u}（${formatValue(v * scale.factor)}${scale.unit}）`
        : `${formatValue(v)}${u}`;
  const fmt = (v: number) => (q.unit === '时刻' ? clockText(v) : formatValue(v));
  if (q.kind === 'frequency')
    return { reading: `every ${formatValue(q.value)} ${q.unit}`, readingZh: `每${show(q.value)}（周期）` };
  if (q.exact) return { reading: `x = ${fmt(q.value)}`, readingZh: `恰为 ${show(q.value)}（原文未用比较词）` };
  const end = (b: Bound) => `${show(b.value)}（${b.inclusive ? '含' : '不含'}，「${b.word}」）`;
  const parts: string[] = [];
  let reading = '';
  if (q.lower && q.upper) {
    reading = `${fmt(q.lower.value)} ${q.lower.inclusive ? '≤' : '<'} x ${q.upper.inclusive ? '≤' : '<'} ${fmt(q.upper.value)}`;
    parts.push(`${end(q.lower)}至 ${end(q.upper)}`);
  } else if (q.lower) {
    reading = `x ${q.lower.inclusive ? '≥' : '>'} ${fmt(q.lower.value)}`;
    parts.push(
      q.unit === '时刻'
        ? `${q.lower.inclusive ? '不早于' : '晚于'} ${end(q.lower)}`
        : `${q.lower.inclusive ? '不低于' : '超过'} ${end(q.lower)}`,
    );
  } else if (q.upper) {
    reading = `x ${q.upper.inclusive ? '≤' : '<'} ${fmt(q.upper.value)}`;
    parts.push(
      q.unit === '时刻'
        ? `${q.upper.inclusive ? '不晚于' : '早于'} ${end(q.upper)}`
        : `${q.upper.inclusive ? '不超过' : '不满'} ${end(q.upper)}`,
    );
  }
  return { reading, readingZh: parts.join('') };
}

export function intervalOf(q: Pick<Quantity, 'lower' | 'upper' | 'exact' | 'value'>): iv.Interval {
  if (q.exact || (!q.lower && !q.upper)) return { lo: q.value, hi: q.value, loOpen: false, hiOpen: false };
  return {
    lo: q.lower ? q.lower.value : -Infinity,
    hi: q.upper ? q.upper.value : Infinity,
    loOpen: q.lower ? !q.lower.inclusive : true,
    hiOpen: q.upper ? !q.upper.inclusive : true,
  };
}

interface Raw {
  ordinal?: boolean;
  start: number;
  end: number;
  value: number;
  unit: Unit;
  unitWritten: string;
  kind: QuantityKind;
  lower?: Bound;
  upper?: Bound;
  words: string[];
  notes: string[];
}

const CN = CHINESE_NUMERAL_CHARS;
/** 下午/晚上 add twelve hours to a time written on a twelve-hour dial */
const MERIDIEM = '(上午|下午|早上|早晨|中午|晚上|傍晚|夜间|凌晨)';
const CLOCK = new RegExp(
  `${MERIDIEM}?\\s*(?:(\\d{1,2})[:：](\\d{2})分?|([${CN}\\d]{1,3})\\s*[时点](?![间期段候许])(?:\\s*(半|整|[${CN}\\d]{1,3}\\s*分(?!钟)))?)`,
  'g',
);
/** Words after a time of day: before (前/以前/之前) or after (后/以后/之后) it; both include the moment itself. */
const CLOCK_AFTER: [RegExp, 'le' | 'ge'][] = [
  [/^\s*(以前|之前|前)/, 'le'],
  [/^\s*(以后|之后|后)/, 'ge'],
];
const CLOCK_BEFORE: [RegExp, 'le' | 'ge' | 'lt' | 'gt'][] = [
  [/(不得晚于|不晚于|最迟)$/, 'le'],
  [/(不得早于|不早于|最早)$/, 'ge'],
  [/(早于)$/, 'lt'],
  [/(晚于)$/, 'gt'],
];

/**
 * Times of day (8:30, 18：00, 上午八时三十分, 下午五点半) are masked before numbers are read and kept
 * on their own, in minutes after midnight; 「前」「后」 and their kin decide which side of the moment
 * counts. Dates (2027年3月1日, 二〇二七年一月一日, 5月1日) and document numbers are masked too.
 */
function clockTimes(text: string): { raws: Raw[]; masked: string } {
  const raws: Raw[] = [];
  const mask = (s: string, from: number, to: number) => s.slice(0, from) + ' '.repeat(to - from) + s.slice(to);
  let masked = text;
  // dates and document numbers are not thresholds: 2015-09-29, 二〇二七年一月一日, 5月1日至9月30日, 每月5日, 【2020】5号
  const dates = new RegExp(
    `(?:[${CN}\\d]{2,4}年)?[${CN}\\d]{1,2}月[${CN}\\d]{1,3}[日号]|(?<=每)月[${CN}\\d]{1,3}[日号]|\\d{4}[-年./]\\d{1,2}([-月./]\\d{1,2})?|【\\d{4}】\\d+号|\\d+号`,
    'g',
  );
  for (const m of text.matchAll(dates)) masked = mask(masked, m.index!, m.index! + m[0].length);
  for (const m of masked.matchAll(CLOCK)) {
    const start = m.index!;
    let end = start + m[0].length;
    const meridiem = m[1];
    const spoken = m[4] !== undefined;
    let hours = spoken ? parseNumeral(m[4]) : Number(m[2]);
    const minutesWritten = spoken ? m[5] : m[3];
    const minutes =
      minutesWritten === undefined || minutesWritten === '整'
        ? 0
        : minutesWritten === '半'
          ? 30
          : parseNumeral(minutesWritten.replace(/\s*分$/, ''));
    if (hours === undefined || minutes === undefined || hours > 24 || minutes > 59) continue;
    const before = masked.slice(Math.max(0, start - 6), start);
    if (/第\s*$/.test(before)) continue; // 第一时间
    const after = masked.slice(end);
    const direction = CLOCK_AFTER.find(([re]) => re.test(after));
    // 「做到以下三点」: a spoken hour is a time only with a part of the day, minutes or a before/after word
    if (
      spoken &&
      !meridiem &&
      minutesWritten === undefined &&
      !direction &&
      !/^\s*(至|到|—|-|～|~)/.test(after) &&
      !/(每天|每日|早|晚|时间|时刻)$/.test(before)
    )
      continue;
    if (meridiem && /下午|晚上|傍晚|夜间/.test(meridiem) && hours < 12) hours += 12;
    if (meridiem === '中午' && hours < 6) hours += 12;
    const value = hours * 60 + minutes;
    const raw: Raw = { start, end, value, unit: '时刻', unitWritten: '时刻', kind: 'clock', words: [], notes: [] };
    const prefix = CLOCK_BEFORE.map(
      ([re, kind]) => [re.exec(masked.slice(Math.max(0, start - 6), start).replace(/\s+$/, '')), kind] as const,
    ).find(([hit]) => hit);
    if (prefix) {
      const [hit, kind] = prefix;
      Object.assign(raw, readingOf(kind, value, hit![1]));
      raw.words.push(hit![1]);
    } else if (direction) {
      const word = direction[0].exec(after)!;
      Object.assign(raw, readingOf(direction[1], value, word[1]));
      raw.words.push(word[1]);
      end += word[0].length;
      raw.end = end;
    }
    raws.push(raw);
    masked = mask(masked, start, end);
  }
  return { raws, masked };
}

/** Every number with a unit in one clause, with its reading. */
export function extractQuantities(clause: DocumentClause, idPrefix = clause.id): Quantity[] {
  const source = toHalfWidthDigits(clause.simplified.replace(/％/g, '%'));
  const { raws: clocks, masked } = clockTimes(source);
  const raws: Raw[] = [];

  // a written range: 500-2000元, 8至10天; 「3000元（含）至2万元」: 含 / 不含 after the lower end settles it
  const range = new RegExp(
    `(${NUM})\\s*(${UNIT})?\\s*(?:[（(](不?含)[）)])?\\s*(?:-|—|－|~|～|至|到)\\s*(${NUM})\\s*(${UNIT})`,
    'g',
  );
  const taken: [number, number][] = [];
  for (const m of masked.matchAll(range)) {
    const [, low, lowUnit, explicit, high, highUnit] = m;
    const upper = unitValue(high, highUnit);
    const lower = lowUnit ? unitValue(low, lowUnit) : upper && { value: parseNumeral(low)!, unit: upper.unit };
    if (!upper || !lower || lower.value === undefined || lower.unit !== upper.unit || lower.value >= upper.value)
      continue;
    const word = /至|到/.test(m[0]) ? (m[0].includes('至') ? '至' : '到') : '-';
    raws.push({
      start: m.index!,
      end: m.index! + m[0].length,
      value: lower.value,
      unit: upper.unit,
      unitWritten: highUnit.replace(/^个(?=工作日|星期|小时)/, ''),
      kind: 'threshold',
      lower: { value: lower.value, inclusive: explicit !== '不含', word: explicit ? `${word}（${explicit}）` : word },
      upper: { value: upper.value, inclusive: true, word },
      words: explicit ? [explicit, word] : [word],
      notes: [],
    });
    taken.push([m.index!, m.index! + m[0].length]);
  }
  const inRange = (at: number) => taken.some(([a, b]) => at >= a && at < b);

  const single = new RegExp(`(${FRACTION})|(${NUM})\\s*(${UNIT})`, 'g');
  for (const m of masked.matchAll(single)) {
    let start = m.index!;
    if (inRange(start)) continue;
    const before = masked.slice(Math.max(0, start - 12), start).replace(/\s+$/, '');
    const end = start + m[0].length;
    // 「（含一天）」 settles the reading of the number before it: not a quantity of its own
    if (/[（(]不?含$/.test(before)) continue;
    let ordinal = false;
    let value: number | undefined;
    let unit: Unit;
    let unitWritten: string;
    if (m[1]) {
      value = m[1] === '半数' || m[1] === '一半' ? 0.5 : parseNumeral(m[1]);
      unit = '比例';
      unitWritten = m[1] === '半数' || m[1] === '一半' ? m[1] : '分之';
    } else {
      const numeral = m[2];
      unitWritten = m[3].replace(/^个(?=工作日|星期|小时)/, '');
      unit = unitOf(m[3]);
      // 「第三次及以上」: an ordinal count is a rung of an escalation ladder; other ordinals
      // (第一时间, 第2年) and 一次性, 2015年 are not thresholds
      if (/第$/.test(before)) {
        if (unit !== '次' || /^(会议|全体|大会|性)/.test(masked.slice(end))) continue;
        ordinal = true;
        start -= 1;
      }
      if (unitWritten === '次' && masked[end] === '性') continue;
      value = parseNumeral(numeral);
      if (value === undefined) continue;
      if (unitWritten === '年' && value >= 1900) continue;
      // 一天 inside 同一天 / 某一天 is not a duration
      if (/[同某每这那哪]$/.test(before) && /^[一]/.test(numeral)) continue;
      // 「试行期一年」「有效期五年」: how long the document itself applies, no condition of a case
      if (/(试行期|有效期)(为|是)?$/.test(before)) continue;
      // 「记迟到一次」「记一次旷工」: a count the outcome records, not a condition
      if (
        unit === '次' &&
        !ordinal &&
        /(?:^|[^累合总共])(记|算作|视为)[\u4e00-\u9fff]{0,4}$/.test(before.split(/[，,；;。：:]/).pop()!)
      )
        continue;
    }
    if (value === undefined) continue;
    raws.push({ start, end, value, unit, unitWritten, kind: 'threshold', words: [], notes: [], ordinal });
  }

  raws.push(...escalationWords(masked));

  const quantities: (Raw & { every?: boolean })[] = [];
  for (const raw of [...raws, ...clocks].sort((a, b) => a.start - b.start)) {
    const q = readWords(raw, masked);
    if (!q) continue;
    quantities.push(q);
  }
  const merged = mergeAdjacentBounds(quantities, masked);
  const out = merged.map((q, i) => finish(q, clause, source, masked, `${idPrefix}.q${i + 1}`));
  // 「…。30天以上的，…」 names no subject: it continues the one before it in the same unit
  out.forEach((q, i) => {
    if (q.subject || q.kind === 'clock') return;
    const previous = out
      .slice(0, i)
      .reverse()
      .find((p) => p.unit === q.unit && p.subject);
    if (previous && q.start - previous.end < 80) q.subject = previous.subject;
    else q.subject = clause.heading ?? '';
  });
  carryPeriods(out, source);
  return out;
}

/**
 * 「首次…；再次…；累计三次以上…」: an escalation may name its first rungs by word instead of 第N次.
 * 首次/初次 is the first time and 再次 the second only when the clause climbs on to a later count
 * (第三次, 三次以上); without one (「首次申请的，需再次核实」) they are no condition.
 */
function escalationWords(masked: string): Raw[] {
  const first = /首次|初次/.exec(masked);
  if (!first) return [];
  const again = /再次/.exec(masked.slice(first.index));
  const laterCount = new RegExp(`第\\s*[二三四五2-5]\\s*次|(?:${NUM})\\s*次(?:及|或)?以上`).exec(
    masked.slice(first.index + 2),
  );
  if (!laterCount) return [];
  const rung = (at: number, value: number): Raw => ({
    start: at,
    end: at + 2,
    value,
    unit: '次',
    unitWritten: '次',
    kind: 'threshold',
    words: [],
    notes: [],
    ordinal: true,
  });
  return [rung(first.index, 1), ...(again ? [rung(first.index + again.index, 2)] : [])];
}

/** Comparison words before and after one number, its period and aggregation. */
function readWords(raw: Raw, masked: string): (Raw & { every?: boolean }) | undefined {
  if (raw.kind === 'clock') return raw;
  const out: Raw & { every?: boolean } = { ...raw, words: [...raw.words], notes: [...raw.notes] };
  if (raw.lower && raw.upper) {
    // a written range may still carry 以内/以上 after it; the dash already decided both ends
    return out;
  }
  const fragmentStart = lastIndexOfAny(masked, FRAGMENT_END, raw.start) + 1;
  const before = masked.slice(fragmentStart, raw.start).replace(/\s+$/, '');
  // 「每4年给假一次」: a period, not a threshold
  const periodLike =
    /^(年|个月|月|周|个星期|星期|季度)$/.test(raw.unitWritten) &&
    /^[以之]?内/.test(masked.slice(raw.end)) &&
    new RegExp(`[\\d${CN}]`).test(
      masked.slice(raw.end, nextIndexOfAny(masked, SENTENCE_END, raw.end)).replace(/^[以之]?内/, ''),
    );
  if (/每$/.test(before) || periodLike) {
    if (/每$/.test(before)) {
      out.kind = 'frequency';
      out.words.push('每');
      out.start = raw.start - 1; // quote 「每4年」
      return out;
    }
    return undefined; // 「一年内旷工累计超过30天」: 一年内 is the period of the 30 days
  }
  let prefix: { kind: 'ge' | 'gt' | 'le' | 'lt'; word: string; strong: boolean } | undefined;
  const near = before.replace(/(累计|连续|全年|无故|共|计|总计)+$/, '');
  for (const [re, kind, strong] of PREFIXES) {
    const m = re.exec(near);
    if (m) {
      prefix = { kind, word: m[1], strong };
      break;
    }
  }
  // 「每月至少开展两次」: 至少/最多 may stand before a short verb
  if (!prefix) {
    const m = /(至少|最少|最多|至多)[\u4e00-\u9fff]{1,3}$/.exec(near);
    if (m && !/[的了]$/.test(near))
      prefix = { kind: m[1] === '最多' || m[1] === '至多' ? 'le' : 'ge', word: m[1], strong: true };
  }
  // 「不超过合同总价的70%」「超过应到会人数的半数」: the comparison governs a noun phrase ending in 的
  if (!prefix && /的$/.test(before)) {
    const m = /(最多不超过|不得超过|不超过|不少于|不低于|超过|达到)[^，,；;。]{0,12}的$/.exec(before);
    if (m) prefix = { kind: PREFIXES.find(([re]) => re.test(m[1]))![1], word: m[1], strong: true };
  }
  // 「三天（含）以上」「一天以内（含一天）」: an explicit 含 / 不含, before or after the suffix, settles it
  const EXPLICIT = /^\s*[（(](不?含)[^）)]{0,10}[）)]/;
  let explicit = EXPLICIT.exec(masked.slice(raw.end));
  const suffixAt = raw.end + (explicit ? explicit[0].length : 0);
  const after = masked.slice(suffixAt);
  let suffix: { kind: 'ge' | 'gt' | 'le' | 'lt'; word: string } | undefined;
  for (const [re, kind] of SUFFIXES) {
    const m = re.exec(after.replace(/^\s+/, ''));
    if (m) {
      suffix = { kind, word: m[1] };
      out.end = suffixAt + (after.length - after.trimStart().length) + m[1].length;
      break;
    }
  }
  if (explicit && !suffix) out.end = raw.end;
  if (!explicit) explicit = EXPLICIT.exec(masked.slice(out.end));
  if (prefix && suffix && prefix.strong) {
    if (prefix.kind[0] === suffix.kind[0] && prefix.kind !== suffix.kind) {
      out.notes.push(
        `「${prefix.word}」与「${suffix.word}」混用：按「${prefix.word}」读（${prefix.kind === 'gt' || prefix.kind === 'lt' ? '不含' : '含'}本数），请确认`,
      );
    }
    Object.assign(out, readingOf(prefix.kind, raw.value, prefix.word));
    out.words.push(prefix.word, suffix.word);
  } else if (suffix) {
    Object.assign(out, readingOf(suffix.kind, raw.value, suffix.word));
    out.words.push(suffix.word);
    if (prefix) out.words.push(prefix.word);
  } else if (prefix) {
    Object.assign(out, readingOf(prefix.kind, raw.value, prefix.word));
    out.words.push(prefix.word);
  }
  // the quoted text includes an adjacent prefix: 「超过5天」, not 「5天」 (also 「超过 5 天」)
  if (prefix && (prefix.strong || !suffix) && before.endsWith(prefix.word))
    out.start = fragmentStart + before.length - prefix.word.length;
  if (explicit && (out.lower || out.upper)) {
    const bound = (out.lower ?? out.upper)!;
    bound.inclusive = explicit[1] === '含';
    bound.word = `${bound.word}（${explicit[1]}）`;
    out.words.unshift(explicit[1]);
    if (explicit.index !== undefined && masked.slice(out.end).startsWith(explicit[0])) out.end += explicit[0].length;
    else out.end = Math.max(out.end, raw.end + explicit[0].length);
  }
  return out;
}

function lastIndexOfAny(text: string, re: RegExp, before: number): number {
  for (let i = before - 1; i >= 0; i--) if (re.test(text[i])) return i;
  return -1;
}
function nextIndexOfAny(text: string, re: RegExp, from: number): number {
  for (let i = from; i < text.length; i++) if (re.test(text[i])) return i;
  return text.length;
}

/**
 * 「一年内累计请事假满十个工作日的，…；超过二十个工作日的，…」: a period or a 累计/连续 stated once
 * governs the later clauses of the same sentence after 「；」 that state none (same unit). Within
 * one run of commas it does not: 「每月累计…4天，请病假超过5天的」.
 */
function carryPeriods(quantities: Quantity[], source: string): void {
  quantities.forEach((q, i) => {
    if (q.kind !== 'threshold' || (q.period && q.aggregate)) return;
    for (let j = i - 1; j >= 0; j--) {
      const p = quantities[j];
      const between = source.slice(p.end, q.start);
      if (SENTENCE_END.test(between)) return;
      if (p.kind !== 'threshold' || scaleOf(p.unit).unit !== scaleOf(q.unit).unit || !/[；;]/.test(between)) continue;
      if (!p.period && !p.aggregate) continue;
      let carried = false;
      if (!q.period && p.period) {
        q.period = p.period;
        carried = true;
      }
      if (!q.aggregate && p.aggregate) {
        q.aggregate = p.aggregate;
        carried = true;
      }
      if (carried) q.carriedFrom = p.carriedFrom ?? p.id;
      return;
    }
  });
}

/** 「2天以上5天以内」「已满10年不满20年」: a lower and an upper bound side by side are one range. */
function mergeAdjacentBounds(items: (Raw & { every?: boolean })[], masked: string): (Raw & { every?: boolean })[] {
  const out: (Raw & { every?: boolean })[] = [];
  for (const item of items) {
    const last = out[out.length - 1];
    const between = last ? masked.slice(last.end, item.start) : '';
    if (
      last &&
      last.kind === 'threshold' &&
      item.kind === 'threshold' &&
      last.lower &&
      !last.upper &&
      item.upper &&
      !item.lower &&
      scaleOf(last.unit).unit === scaleOf(item.unit).unit &&
      /^[、，,\s]?(?:已?满)?$/.test(between.replace(/不满$|不足$|未满$/, ''))
    ) {
      // 「3天以上、不满一周」「超过30分钟不满2小时」: two scales become the smaller one (7天, 120分钟)
      const a = last.unit === item.unit ? 1 : scaleOf(last.unit).factor;
      const b = last.unit === item.unit ? 1 : scaleOf(item.unit).factor;
      const lower = { ...last.lower, value: last.lower.value * a };
      const upper = { ...item.upper, value: item.upper.value * b };
      if (lower.value < upper.value) {
        const unit = last.unit === item.unit ? last.unit : scaleOf(last.unit).unit;
        const unitWritten = a === 1 ? last.unitWritten : item.unitWritten;
        out[out.length - 1] = {
          ...last,
          value: lower.value,
          unit,
          unitWritten,
          end: item.end,
          lower,
          upper,
          words: [...last.words, ...item.words],
          notes: [...last.notes, ...item.notes],
        };
        continue;
      }
    }
    out.push(item);
  }
  return out;
}

function finish(
  raw: Raw & { every?: boolean },
  clause: DocumentClause,
  source: string,
  masked: string,
  id: string,
): Quantity {
  const exact = raw.kind !== 'frequency' && !raw.lower && !raw.upper;
  const sentenceStart = lastIndexOfAny(source, SENTENCE_END, raw.start) + 1;
  const fragmentStart = lastIndexOfAny(source, FRAGMENT_END, raw.start) + 1;
  const head = source.slice(fragmentStart, raw.start);
  const rest = masked.slice(raw.end).split(FRAGMENT_END)[0].trim();
  // a time of day is named by what happens then: 「到岗签到」 of 「八时三十分前到岗签到」
  const ownSubject =
    raw.kind === 'frequency'
      ? subjectOf(source.slice(raw.end, raw.end + 10).split(FRAGMENT_END)[0])
      : raw.kind === 'clock'
        ? subjectOf(rest.replace(/^(方可|才能|须|应|必须|要)+/, '')) || subjectOf(head)
        : subjectOf(head);
  const sentenceSubject = subjectOf(firstFragment(source.slice(sentenceStart, raw.start)));
  // 「一年内累计两次以上未按时报送值班信息的」: the subject may follow the number
  const trailing =
    !ownSubject && raw.kind === 'threshold' ? /^(?:以上|以下)?([\u4e00-\u9fff]{2,14})的$/.exec(rest)?.[1] : undefined;
  const subject = ownSubject || (trailing ? subjectOf(trailing) : '') || sentenceSubject || '';
  // the period governs the numbers of its own fragment only: 「每月累计…4天，请病假超过5天的」
  const periods = [...source.slice(fragmentStart, raw.start).matchAll(PERIODS)];
  const period = periods.length ? periods[periods.length - 1][1] : undefined;
  const aggregate = /(累计|连续)/.exec(source.slice(Math.max(fragmentStart, raw.start - 12), raw.start))?.[1];
  const after = masked.slice(raw.end);
  // 「…的」「…者」, a clause break, or 「半天由…签批」: the number is a condition with a consequence
  const followedByTierMark = /^\s*(的|者|由|[，,；;：:])/.test(after);
  // the quoted text starts at a prefix word (「不得超过4天」): test the duty on the words before and including it
  const withWord =
    source.slice(fragmentStart, raw.start) +
    (raw.words[0] && source.startsWith(raw.words[0], raw.start) ? raw.words[0] : '');
  // 「最多分两段。」「交接时间不少于15分钟。」: a cap on an action, or a minimum, that ends its sentence
  // with no consequence states a duty: a limit too (「假期不超过5天。」 may describe a leave, not a duty)
  // — but 「续报间隔不超过2小时。」 caps a time the text names as such (间隔, 时间, 时长, 用时): a duty
  const capped =
    /^\s*([。；;！？!?\n]|$)/.test(after) &&
    (/(最多|至多|最少|至少)[\u4e00-\u9fff]{1,3}$/.test(head.trimEnd()) ||
      /(不少于|不低于|至少|最少)$/.test(withWord) ||
      /(间隔|时间|时长|用时)(不超过|不得超过|不多于)$/.test(withWord));
  const limit = capped || LIMIT_VERBS.test(withWord.replace(/(不超过|超过|不少于|少于|不足|至少|最多|累计|连续)$/, ''));
  // 「按旷工一天计算」「假期为30天」「年休假5天」: the number is what a rule gives, not what it tests
  const outcomeLike =
    /(按|记|扣罚|扣|给予|视为|为|增加|年休假|享受|可休)[\u4e00-\u9fff]{0,3}$/.test(head) ||
    // 「每次扣减当月绩效 20 元」: an amount withheld
    ((raw.unit === '元' || raw.unit === '万元') && /扣(?:减|发|除|罚)?[\u4e00-\u9fff]{0,8}$/.test(head.trimEnd()));
  // 「十分钟内电话报告…」: a time limit on an action, not a condition (「30分钟内报到者」 is one)
  const deadline =
    raw.kind === 'threshold' &&
    DURATIONS.has(raw.unit) &&
    !!raw.upper &&
    !raw.lower &&
    /^(内|以内|之内)/.test(raw.upper.word) &&
    rest !== '' &&
    !/^(的|者|由|为|按|视为|算|属)/.test(rest) &&
    !/(的|者)($|按|由|给|予|扣|记|视|计)/.test(rest);
  const tier =
    raw.kind === 'threshold' &&
    !limit &&
    !outcomeLike &&
    !deadline &&
    (followedByTierMark || !!raw.ordinal || !!raw.lower || !!raw.upper);
  const consequence = tier ? consequenceAfter(source, raw.end) : undefined;
  const scale = SCALES[raw.unit];
  const text = clause.original.slice(raw.start, raw.end) || source.slice(raw.start, raw.end);
  const q: Quantity = {
    id,
    clauseId: clause.id,
    article: clause.article,
    kind: raw.kind,
    text,
    unit: raw.unit,
    unitWritten: raw.unitWritten,
    value: raw.lower?.value ?? raw.upper?.value ?? raw.value,
    lower: raw.lower,
    upper: raw.upper,
    exact,
    interval: { lo: 0, hi: 0, loOpen: false, hiOpen: false },
    reading: '',
    readingZh: '',
    words: raw.words,
    period,
    aggregate,
    subject,
    subjectInFragment: !!ownSubject || !!trailing,
    consequence,
    tier,
    limit,
    start: raw.start,
    end: raw.end,
    notes: raw.notes,
    ...(deadline ? { deadline, action: source.slice(raw.end).split(FRAGMENT_END)[0].trim() } : {}),
    ...(raw.ordinal ? { ordinal: true } : {}),
    ...(scale ? { scale } : {}),
  };
  q.interval = intervalOf(q);
  Object.assign(q, describe(q));
  return q;
}

function firstFragment(text: string): string {
  const i = text.search(FRAGMENT_END);
  return i < 0 ? text : text.slice(0, i);
}

/** The words before a number that say what it counts: 「干部请假」 of 「干部请假1天的」. */
function subjectOf(head: string): string {
  const cleaned = head
    .replace(PERIODS, '') // the period is kept apart (Quantity.period) and prefixed to labels
    .replace(/（[^）]*）|\([^)]*\)/g, '')
    .replace(new RegExp(`${NUM}\\s*${UNIT}(以上|以下|以内|的)?(或者|或)?`, 'g'), '')
    .replace(/[\s*“”"]/g, '')
    .replace(/^[、，,；;：:）)]+/, '')
    .replace(/(要有|须有|应有|要|应|须|必须|需|安排|指派|实行|即|为|是|给予|每)+$/, '')
    .replace(
      /(不得少于|不少于|不低于|不小于|至少|最少|最多不超过|不得超过|不超过|不高于|不大于|最多|至多|超过|高于|大于|多于|不满|不足|未满|少于|低于|小于|已满|届满|满|达到|累计|连续|提前|其中|对|凡|若|如|在|的|、)+$/,
      '',
    )
    .replace(/^(其中|对于|对|凡|若|如|在)/, '')
    .replace(/累计|连续|无故|全年|年内/g, '')
    .replace(/^(即|做到|实行)/, '')
    // a label never begins with a particle: 「须…」「内…」「或者…」
    .replace(/^(或者|或|及|并且|并|且|和|与|则|即|但|而|须|应|内|以内|之内|的|其|均|都|也)+/, '')
    .replace(/[、，,；;：:]+$/, '');
  // a long head keeps its end, from a natural break when there is one: 「…业务工作岗位」
  // 「迟到、早退」 → 「迟到早退」: a label reads as one noun
  if (cleaned.length <= 12) return cleaned.replace(/、/g, '');
  const tail = cleaned.slice(-12);
  const brk = tail.search(/[、的后]/);
  return (brk >= 0 && brk < 8 ? tail.slice(brk + 1) : tail).replace(/、/g, '');
}

/** 「…2天以上5天以内的，分管领导签字后，由党委书记或者镇长审批；」 → what follows the tier. */
function consequenceAfter(source: string, end: number): string | undefined {
  const rest = source
    .slice(end)
    .replace(/^\s*(的|者)?[，,：:]?/, '')
    // 「连续旷工超过三天，或者一年内累计旷工超过七天的，予以…」: the consequence follows the alternative condition
    .replace(/^(或者|或)[^，,；;。]*?(的|者)[，,]/, '');
  const stop = rest.search(/[；;。\n]/);
  const text = (stop < 0 ? rest : rest.slice(0, stop)).trim();
  return text ? text.slice(0, 60) : undefined;
}
