/**
 * An outcome in words, e.g. 「第2步：党委书记或镇长审批（或签）」. Pure and browser-safe: the
 * vocabulary labels come in as a function, so the engine (labels from schemas/ read with node:fs)
 * and the admin UI (the same schemas bundled by Vite) say outcomes with one piece of code.
 */
import type { Locale } from '../model.js';
import { formatDuration } from './duration.js';

export type LabelOf = (definition: string, code: string, locale: Locale) => string;

/** An outcome as data: a shipped rule's outcome may still hold `{param: id}` references. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- every outcome type passes here, some still holding {param} references
export type OutcomeLike = { type: string; [field: string]: any };

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 10000) / 10000);
}

/** A number, or a parameter reference shown by its label (rules in the editor). */
function amount(value: unknown, parameterLabel?: (id: string) => string): string {
  if (value && typeof value === 'object' && 'param' in value) {
    const id = (value as { param: string }).param;
    return `「${parameterLabel?.(id) ?? id}」`;
  }
  return formatNumber(Number(value));
}

function share(value: unknown, zh: boolean, parameterLabel?: (id: string) => string): string {
  if (typeof value !== 'number') return amount(value, parameterLabel);
  if (zh) return value === 1 ? '全部' : value === 0.5 ? '一半' : `${formatNumber(value * 100)}%`;
  return value === 1 ? 'all' : value === 0.5 ? 'half' : `${formatNumber(value * 100)}%`;
}

export function outcomeText(
  outcome: OutcomeLike,
  locale: Locale,
  labelOf: LabelOf,
  parameterLabel?: (id: string) => string,
): string {
  const zh = locale === 'zh';
  // an evaluated outcome carries the township's words for its codes (see pack/words.ts)
  const v = (definition: string, code: string) => outcome.words?.[code]?.[locale] ?? labelOf(definition, code, locale);
  const n = (value: unknown) => amount(value, parameterLabel);
  switch (outcome.type) {
    case 'approval': {
      const list: string[] = outcome.roles ?? [];
      const roles = list
        .map((r) => v('role', r))
        .join(outcome.mode === 'all' ? (zh ? '、' : ' and ') : zh ? '或' : ' or ');
      const action = v('approvalAction', outcome.action ?? 'approve');
      const mode =
        list.length > 1 && outcome.mode
          ? zh
            ? `（${v('approvalMode', outcome.mode)}）`
            : ` (${v('approvalMode', outcome.mode)})`
          : '';
      return zh ? `第${outcome.step}步：${roles}${action}${mode}` : `step ${outcome.step}: ${roles} ${action}${mode}`;
    }
    case 'refusal':
      return zh ? `不予批准：${outcome.reason}` : `refused (${outcome.code})`;
    case 'document':
      return zh ? `须提供：${outcome.document}` : `document required: ${outcome.code}`;
    case 'classification':
      return zh
        ? `认定为${v('attendanceCategory', outcome.category)}`
        : `counts as ${v('attendanceCategory', outcome.category)}`;
    case 'absence':
      return zh ? `记旷工 ${n(outcome.days)} 天` : `${n(outcome.days)} day(s) of absence`;
    case 'payDeduction':
      if (outcome.amount !== undefined) {
        return zh
          ? `扣减${v('period', outcome.period)}${v('payItem', outcome.item)} ${n(outcome.amount)} 元`
          : `deduct ${n(outcome.amount)} yuan from ${v('period', outcome.period)}'s ${v('payItem', outcome.item)}`;
      }
      return zh
        ? `扣发${v('period', outcome.period)}${v('payItem', outcome.item)}的${share(outcome.share, zh, parameterLabel)}`
        : `withhold ${share(outcome.share, zh, parameterLabel)} of ${v('period', outcome.period)}'s ${v('payItem', outcome.item)}`;
    case 'penalty': {
      const target = outcome.target && outcome.target !== 'person' ? v('penaltyTarget', outcome.target) : '';
      return zh
        ? `${target ? target + '：' : ''}${v('penaltyMeasure', outcome.measure)}`
        : `${v('penaltyMeasure', outcome.measure)}${target ? ` for ${target}` : ''}`;
    }
    case 'entitlement':
      return zh
        ? `${v('leaveType', outcome.leaveType)} ${n(outcome.days)} 天`
        : `${n(outcome.days)} day(s) of ${v('leaveType', outcome.leaveType)}`;
    case 'deadline': {
      // as the regulation says it: 「1 日内销假」「2 小时内书面报告」, not 「1440 分钟」
      const action = v('reportAction', outcome.action);
      if (typeof outcome.minutes !== 'number')
        return zh ? `${action}时限 ${n(outcome.minutes)} 分钟` : `${action} within ${n(outcome.minutes)} minutes`;
      return zh
        ? `${formatDuration(outcome.minutes, locale)}内${action}`
        : `${action} within ${formatDuration(outcome.minutes, locale)}`;
    }
    case 'verdict':
      return v('verdict', outcome.value);
    case 'requirement':
      return zh ? outcome.text : outcome.code;
    default:
      return JSON.stringify(outcome);
  }
}
