/** Outcomes in words, as the engine's renderOutcome says them (ported: the engine reads files). */
import { vocabularyLabel } from './schemaCatalog';

export type AnyOutcome = { type: string; [key: string]: any };

function num(value: unknown, paramLabel?: (id: string) => string): string {
  if (value && typeof value === 'object' && 'param' in (value as object)) {
    const id = (value as { param: string }).param;
    return `「${paramLabel?.(id) ?? id}」`;
  }
  const n = Number(value);
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 10000) / 10000);
}

function share(value: unknown, zh: boolean, paramLabel?: (id: string) => string): string {
  if (typeof value !== 'number') return num(value, paramLabel);
  if (zh) return value === 1 ? '全部' : value === 0.5 ? '一半' : `${num(value * 100)}%`;
  return value === 1 ? 'all' : value === 0.5 ? 'half' : `${num(value * 100)}%`;
}

export function outcomeText(outcome: AnyOutcome, locale: string = 'zh', paramLabel?: (id: string) => string): string {
  const zh = locale !== 'en';
  const v = (definition: string, code: string) => vocabularyLabel(definition, code, zh ? 'zh' : 'en');
  switch (outcome.type) {
    case 'approval': {
      const roles = (outcome.roles ?? []).map((r: string) => v('role', r)).join(outcome.mode === 'all' ? (zh ? '、' : ' and ') : (zh ? '或' : ' or '));
      const action = v('approvalAction', outcome.action ?? 'approve');
      const mode = (outcome.roles ?? []).length > 1 && outcome.mode ? (zh ? `（${v('approvalMode', outcome.mode)}）` : ` (${v('approvalMode', outcome.mode)})`) : '';
      return zh ? `第${outcome.step}步：${roles}${action}${mode}` : `step ${outcome.step}: ${roles} ${action}${mode}`;
    }
    case 'refusal':
      return zh ? `不予批准：${outcome.reason}` : `refused (${outcome.code})`;
    case 'document':
      return zh ? `须提供：${outcome.document}` : `document required: ${outcome.code}`;
    case 'classification':
      return zh ? `认定为${v('attendanceCategory', outcome.category)}` : `counts as ${v('attendanceCategory', outcome.category)}`;
    case 'absence':
      return zh ? `记旷工 ${num(outcome.days, paramLabel)} 天` : `${num(outcome.days, paramLabel)} day(s) of absence`;
    case 'payDeduction':
      return zh
        ? `扣发${v('period', outcome.period)}${v('payItem', outcome.item)}的${share(outcome.share, zh, paramLabel)}`
        : `withhold ${share(outcome.share, zh, paramLabel)} of ${v('period', outcome.period)}'s ${v('payItem', outcome.item)}`;
    case 'penalty': {
      const target = outcome.target && outcome.target !== 'person' ? v('penaltyTarget', outcome.target) : '';
      return zh ? `${target ? target + '：' : ''}${v('penaltyMeasure', outcome.measure)}` : `${v('penaltyMeasure', outcome.measure)}${target ? ` for ${target}` : ''}`;
    }
    case 'entitlement':
      return zh ? `${v('leaveType', outcome.leaveType)} ${num(outcome.days, paramLabel)} 天` : `${num(outcome.days, paramLabel)} day(s) of ${v('leaveType', outcome.leaveType)}`;
    case 'deadline':
      return zh ? `${v('reportAction', outcome.action)}时限 ${num(outcome.minutes, paramLabel)} 分钟` : `${v('reportAction', outcome.action)} within ${num(outcome.minutes, paramLabel)} minutes`;
    case 'verdict':
      return v('verdict', outcome.value);
    case 'requirement':
      return zh ? outcome.text : outcome.code;
    default:
      return JSON.stringify(outcome);
  }
}

/** Approval steps in order first, then the rest, for reading a chain top to bottom. */
export function sortOutcomes<T extends AnyOutcome>(outcomes: T[]): T[] {
  const rank = (o: AnyOutcome) => (o.type === 'refusal' ? 0 : o.type === 'approval' ? 1 : 2);
  return [...outcomes].sort((a, b) => rank(a) - rank(b) || (a.step ?? 0) - (b.step ?? 0));
}
