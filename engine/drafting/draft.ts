/**
 * From extracted clauses and quantities to a draft township pack: sources.json (every clause
 * that holds a number), parameters.json (every threshold a parameter, its reading in `help`)
 * and a review list of everything a person must look at.
 *
 * Rules are never invented silently. Every ladder and single threshold becomes a *proposed*
 * rule group (engine/proposals) in `review.proposals`, outside the bundle: the draft pack itself
 * validates and can be saved as an API draft; only tiers a person confirms become rules, through
 * `acceptProposals`.
 */
import type { Clause, ParameterDefinition, PackBundle } from '../model.js';
import { formatNumber } from '../lint/describe.js';
import { guessDecision, guessWords } from '../proposals/guess.js';
import { proposeRules } from '../proposals/propose.js';
import type { ProposalSet } from '../proposals/model.js';
import type { Ladder } from './ladders.js';
import { formatValue, type Bound, type Quantity } from './quantities.js';
import type { DocumentClause } from './structure.js';

export interface DraftOptions {
  /** township name (Chinese) or id */
  township: string;
  /** the base pack the draft extends, e.g. `base` */
  extends: string;
  /** pack id; default: the township when it is a valid id, else `draft-<hash>` */
  packId?: string;
  /** document title; default: the file name or the first line */
  title?: string;
}

export type ReviewKind =
  | 'clockTime'
  | 'mixedWording'
  | 'unreadNumber'
  | 'ladderOverlap'
  | 'ladderGap'
  | 'ladderUncovered'
  | 'ruleProposal'
  | 'noQuantities';

export interface ReviewItem {
  kind: ReviewKind;
  /** draft clause id in sources.json (DRAFT-018), when the item belongs to one */
  clause?: string;
  article?: string;
  /** the original words concerned */
  text?: string;
  messageZh: string;
  message: string;
}

export interface Review {
  items: ReviewItem[];
  /** every ladder and single threshold as a proposed rule group, waiting for a person (engine/proposals) */
  proposals: ProposalSet;
}

/** Which schema unit a quantity's parameter takes, and the factor from the written value. */
const PARAMETER_UNIT: Record<string, { unit: ParameterDefinition['unit']; factor: number; noun: string; key: string }> =
  {
    天: { unit: '天', factor: 1, noun: '天数', key: 'days' },
    工作日: { unit: '工作日', factor: 1, noun: '工作日数', key: 'workdays' },
    时刻: { unit: '时刻', factor: 1, noun: '时刻', key: 'clock' },
    个: { unit: '个', factor: 1, noun: '数量', key: 'count' },
    周: { unit: '天', factor: 7, noun: '天数', key: 'days' },
    分钟: { unit: '分钟', factor: 1, noun: '分钟数', key: 'minutes' },
    小时: { unit: '小时', factor: 1, noun: '小时数', key: 'hours' },
    元: { unit: '元', factor: 1, noun: '金额', key: 'yuan' },
    万元: { unit: '万元', factor: 1, noun: '金额', key: 'wanYuan' },
    次: { unit: '次', factor: 1, noun: '次数', key: 'times' },
    年: { unit: '年', factor: 1, noun: '年限', key: 'years' },
    月: { unit: '月', factor: 1, noun: '月数', key: 'months' },
    户: { unit: '户', factor: 1, noun: '户数', key: 'households' },
    平方米: { unit: '平方米', factor: 1, noun: '面积', key: 'squareMeters' },
    '%': { unit: '比例', factor: 0.01, noun: '比例', key: 'share' },
    比例: { unit: '比例', factor: 1, noun: '比例', key: 'share' },
    人: { unit: '人', factor: 1, noun: '人数', key: 'people' },
  };

/** Why a word reads the way it does, for the parameter's help text. */
function wordRule(word: string, inclusive: boolean): string {
  const base = word.replace(/（(不?含)）$/, '');
  if (/（不?含）$/.test(word)) return `原文括注明确${inclusive ? '含' : '不含'}本数`;
  if (
    ['以上', '及以上', '以下', '及以下', '以内', '之内', '内', '届满', '以外', '之外', '超过', '不满'].includes(base)
  ) {
    return `${inclusive ? '含' : '不含'}本数（《民法典》第一千二百五十九条：「以上」「以下」「以内」「届满」含本数，「不满」「超过」「以外」不含）`;
  }
  if (base === '-' || base === '至' || base === '到') return '原文写作区间，两端按字面均含本数';
  if (base === '提前') return '「提前」按“至少提前”读，含本数';
  if (['前', '以前', '之前', '后', '以后', '之后'].includes(base))
    return `时刻「${base}」按含该时刻本身读（正点到岗、签退不算违规），请确认`;
  return `「${base}」${inclusive ? '含' : '不含'}本数`;
}

export function packIdFor(township: string): string {
  if (/^[a-z][a-z0-9-]{1,62}$/.test(township)) return township;
  let hash = 0;
  for (const ch of township) hash = (hash * 31 + ch.codePointAt(0)!) >>> 0;
  return `draft-${hash.toString(36)}`;
}

export const sourceIdOf = (clause: Pick<DocumentClause, 'id'>): string =>
  `DRAFT-${clause.id.slice(1).padStart(3, '0')}`;

const slug = (value: number) => formatValue(value).replace('.', 'p').replace('-', 'm');

interface ParameterRefs {
  lower?: string;
  upper?: string;
  exact?: string;
}

/** Build the draft bundle and the review list. */
export function buildDraft(
  clauses: DocumentClause[],
  quantities: Quantity[],
  ladders: Ladder[],
  options: DraftOptions,
  documentTitle: string,
): { bundle: PackBundle; review: Review; parameterOf: Map<string, ParameterRefs> } {
  const packId = options.packId ?? packIdFor(options.township);
  const clauseById = new Map(clauses.map((c) => [c.id, c]));
  const items: ReviewItem[] = [];
  const parameters: ParameterDefinition[] = [];
  const parameterOf = new Map<string, ParameterRefs>();
  const usedIds = new Set<string>();
  // 「30分钟以内…超过2小时」: an hour tier of a ladder counted in minutes is a minutes parameter, so
  // that every rule of the ladder compares the same fact
  const countedInMinutes = new Set(
    ladders.filter((l) => l.unit === '分钟').flatMap((l) => l.tiers.map((t) => t.quantityId)),
  );
  // 「离开工作岗位超过1小时」: hours a rule compares with a fact the catalogue counts in minutes, likewise
  const comparedInMinutes = (q: Quantity) =>
    q.unit === '小时' &&
    (q.tier || q.limit) &&
    !q.deadline &&
    guessDecision('小时', guessWords(q), q.consequence ?? '').fact === null &&
    guessDecision('分钟', guessWords(q), q.consequence ?? '').fact !== null;
  for (const q of quantities) if (comparedInMinutes(q)) countedInMinutes.add(q.id);
  // 「一小时内书面报告」: a reporting deadline is counted in minutes too, as the reporting times are
  for (const q of quantities)
    if (q.deadline && q.unit === '小时' && /报告|报送|上报|反馈/.test(q.action ?? '')) countedInMinutes.add(q.id);
  const MINUTES_FROM_HOURS = { unit: '分钟', factor: 60, noun: '分钟数', key: 'minutes' } as const;
  const cited = new Set<string>();

  const addParameter = (q: Quantity, role: 'lower' | 'upper' | 'exact', bound: Bound | undefined) => {
    const unit = q.unit === '小时' && countedInMinutes.has(q.id) ? MINUTES_FROM_HOURS : PARAMETER_UNIT[q.unit];
    if (!unit) return undefined;
    const clause = clauseById.get(q.clauseId)!;
    const written = bound?.value ?? q.value;
    const value = Number((written * unit.factor).toPrecision(12));
    const suffix = role === 'lower' ? 'From' : role === 'upper' ? 'Upto' : q.kind === 'frequency' ? 'Every' : '';
    const named = unit === MINUTES_FROM_HOURS ? value : written;
    let id = `draft.${clause.id}.${unit.key}${slug(named)}${suffix}`;
    for (let n = 2; usedIds.has(id); n++) id = `draft.${clause.id}.${unit.key}${slug(named)}${suffix}N${n}`;
    usedIds.add(id);
    const roleZh =
      role === 'lower'
        ? `起点（${bound!.inclusive ? '含' : '不含'}）`
        : role === 'upper'
          ? `上限（${bound!.inclusive ? '含' : '不含'}）`
          : q.kind === 'frequency'
            ? '周期'
            : '';
    // the period stays in the label: 「一个月内迟到早退次数」
    const subject = `${q.period && !q.period.startsWith('每') ? q.period : ''}${q.subject || clause.heading || clause.article}`;
    const label =
      q.kind === 'frequency'
        ? `${subject}周期（原文「${q.text}」）`
        : q.deadline
          ? `${q.action || subject}时限（${unit.noun}，原文「${q.text}」）`
          : `${subject}${unit.noun}${roleZh}（原文「${q.text}」）`;
    const decided = bound
      ? `决定读法的词：「${bound.word}」，${wordRule(bound.word, bound.inclusive)}`
      : q.kind === 'frequency'
        ? '原文「每…」表示周期'
        : '原文未用比较词，按恰为此数读；是否含边界须人工确认';
    const extras = [
      q.period ? `统计周期：「${q.period}」` : '',
      q.aggregate ? `计数方式：「${q.aggregate}」` : '',
      unit.factor !== 1 ? `原文单位「${q.unitWritten}」，已换算为${unit.unit}（×${formatNumber(unit.factor)}）` : '',
      q.notes.join('；'),
    ]
      .filter(Boolean)
      .join('；');
    const integer =
      (unit.unit === '次' || unit.unit === '人' || unit.unit === '户' || unit.unit === '个' || unit.unit === '时刻') &&
      Number.isInteger(value);
    parameters.push({
      id,
      type: integer ? 'integer' : 'number',
      label,
      help: `原文「${q.text}」（${q.article}）读作 ${q.reading}：${q.readingZh}。${decided}。${extras ? extras + '。' : ''}草稿自动抽取，请核对。`,
      unit: unit.unit,
      value,
      min: 0,
      max: unit.unit === '比例' ? 1 : unit.unit === '时刻' ? 1440 : Math.max(10, Math.ceil(value * 10)),
      source: sourceIdOf(clause),
    });
    cited.add(clause.id);
    return id;
  };

  for (const q of quantities) {
    const clause = clauseById.get(q.clauseId)!;
    const where = { clause: sourceIdOf(clause), article: q.article, text: q.text };
    if (q.kind === 'clock') {
      // a time of day is a parameter in unit 时刻 (minutes after midnight, shown HH:MM); whether 「前」「后」 include the moment is the reading to confirm
      items.push({
        ...where,
        kind: 'clockTime',
        messageZh: `时刻「${q.text}」读作 ${q.reading}（${q.readingZh}），已转为时刻参数；「前」「后」按含该时刻读，请确认`,
        message: `clock time "${q.text}" read as ${q.reading} and made a time-of-day parameter`,
      });
    }
    const refs: ParameterRefs = {};
    if (q.exact || q.kind === 'frequency') refs.exact = addParameter(q, 'exact', undefined);
    else {
      if (q.lower) refs.lower = addParameter(q, 'lower', q.lower);
      if (q.upper) refs.upper = addParameter(q, 'upper', q.upper);
    }
    parameterOf.set(q.id, refs);
    for (const note of q.notes)
      items.push({ ...where, kind: 'mixedWording', messageZh: note, message: `mixed boundary wording in "${q.text}"` });
  }

  // Arabic numbers no quantity took (「每月1号前」, 「不少于10件」: a unit the reader does not know),
  // except dates, clock times, document numbers, ordinals and outline numbering
  const NOT_A_QUANTITY =
    /\d{2,4}[-年./]\d{1,2}(?:[-月./]\d{1,2})?|\d{1,2}[:：]\d{2}|[【[]\d{4}[】\]]\d*号?|[（(]\d{1,2}[)）]|(?<![\d.])\d{1,2}[、．.](?=[\u3400-\u9fff])|第\d+/g;
  for (const clause of clauses) {
    const covered = quantities.filter((q) => q.clauseId === clause.id);
    const skipped = [...clause.simplified.matchAll(NOT_A_QUANTITY)].map((m) => [m.index!, m.index! + m[0].length]);
    for (const m of clause.simplified.matchAll(/\d+(?:[.．]\d+)?/g)) {
      const at = m.index!;
      if (covered.some((q) => at >= q.start - 1 && at < q.end + 1)) continue;
      if (skipped.some(([a, b]) => at >= a && at < b) || /^\d{4}$/.test(m[0])) continue;
      const around = clause.simplified
        .slice(Math.max(0, at - 6), at + m[0].length + 4)
        .replace(/\s+/g, ' ')
        .trim();
      cited.add(clause.id);
      items.push({
        kind: 'unreadNumber',
        clause: sourceIdOf(clause),
        article: clause.article,
        text: clause.original.slice(Math.max(0, at - 6), at + m[0].length + 4).trim(),
        messageZh: `数字「${m[0]}」未能识别单位或含义（上下文「${around}」），未生成参数`,
        message: `number ${m[0]} has no recognised unit`,
      });
    }
  }

  for (const ladder of ladders) {
    const clause = clauseById.get(ladder.clauseId)!;
    for (const f of ladder.findings) {
      const kind: ReviewKind =
        f.kind === 'overlap' ? 'ladderOverlap' : f.kind === 'gap' ? 'ladderGap' : 'ladderUncovered';
      items.push({
        clause: sourceIdOf(clause),
        article: ladder.article,
        kind,
        text: ladder.tiers.map((t) => t.text).join(' / '),
        messageZh: f.messageZh,
        message: f.message,
      });
    }
  }
  const proposals = proposeRules({
    pack: packId,
    document: documentTitle,
    clauses,
    quantities,
    ladders,
    parameterOf,
    parameters,
    sourceOf: sourceIdOf,
  });
  for (const p of proposals.proposals) {
    items.push({
      kind: 'ruleProposal',
      clause: p.source,
      article: p.article,
      text: p.tiers.map((t) => t.text).join(' / '),
      messageZh: `${p.kind === 'ladder' ? `识别出${p.tiers.length}档阶梯` : '识别出单一门槛'}「${p.label}」：已生成待确认的规则建议（${p.tiers.length}档），确认后写入规则`,
      message: `${p.kind === 'ladder' ? `ladder of ${p.tiers.length} tiers` : 'single threshold'}: proposed rules wait for confirmation`,
    });
  }

  if (quantities.length === 0) {
    items.push({
      kind: 'noQuantities',
      messageZh: '文档中没有找到任何带单位的数量（天数、金额、次数、时限等），未生成参数',
      message: 'no quantities found in the document',
    });
  }

  const sourceClauses: Clause[] = clauses
    .filter((c) => cited.has(c.id))
    .map((c) => ({
      id: sourceIdOf(c),
      document: documentTitle,
      article: c.article,
      text: c.original.replace(/\s*\n\s*/g, ' '),
      ...(c.heading ? { summary: c.heading } : {}),
    }));

  const bundle: PackBundle = {
    pack: {
      id: packId,
      name: `${options.township}规则包（草稿）`,
      owner: { id: packId, name: options.township, level: 'township' },
      extends: options.extends,
      version: '0.1.0',
      description: `由《${documentTitle}》自动抽取的草稿：${parameters.length} 个参数，${items.length} 项待人工核对；规则须人工确认后添加。`,
      documents: [{ title: documentTitle }],
      settings: { approvalRequired: true, approvers: 1 },
    },
    sources: { clauses: sourceClauses },
    parameters: { parameters },
    rules: {},
    fixtures: {},
  };
  return { bundle, review: { items, proposals }, parameterOf };
}
