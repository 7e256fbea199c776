/** Logged facts and outcomes in words for the 决策日志 and the what-if panel. */
import { factsOf } from '../common/schemaCatalog';
import { outcomeText, sortOutcomes, type AnyOutcome } from '../common/outcomeText';

const UNIT_EN: Record<string, string> = {
  天: 'days',
  小时: 'h',
  分钟: 'min',
  元: 'yuan',
  万元: '10k yuan',
  次: 'times',
  年: 'years',
  月: 'months',
  人: 'people',
  户: 'households',
};

function factValue(
  info: ReturnType<typeof factsOf> extends Map<string, infer I> ? I | undefined : never,
  value: unknown,
  en: boolean,
): string {
  if (typeof value === 'boolean') return en ? (value ? 'yes' : 'no') : value ? '是' : '否';
  if (typeof value === 'string')
    return (en ? info?.labelsEn?.[value] : info?.labels?.[value]) ?? info?.labels?.[value] ?? value;
  if (Array.isArray(value)) return value.map((v) => factValue(info, v, en)).join(en ? ', ' : '、');
  if (typeof value === 'number')
    return `${value}${info?.unit ? ` ${en ? (UNIT_EN[info.unit] ?? info.unit) : info.unit}` : ''}`;
  return JSON.stringify(value);
}

/** 「身份：一般干部；假别：事假；请假天数：3 天」 — in the order of the decision's fact schema. */
export function factsSummary(
  decision: string,
  facts: Record<string, unknown> | null | undefined,
  locale: string = 'zh',
): string {
  if (!facts) return '';
  const en = locale === 'en';
  const infos = factsOf(decision);
  const order = [...infos.keys()];
  const keys = Object.keys(facts).sort((a, b) => {
    const ia = order.indexOf(a);
    const ib = order.indexOf(b);
    return (ia < 0 ? 999 : ia) - (ib < 0 ? 999 : ib);
  });
  return keys
    .map((k) => `${en ? k : (infos.get(k)?.title ?? k)}${en ? ': ' : '：'}${factValue(infos.get(k), facts[k], en)}`)
    .join(en ? '; ' : '；');
}

/** The outcomes in words, approval steps in order: 「第1步：分管领导签字；第2步：…」. */
export function outcomesInWords(outcomes: AnyOutcome[] | null | undefined, locale: string = 'zh'): string {
  if (!outcomes || outcomes.length === 0) return locale === 'en' ? 'no rule' : '无规则命中';
  return sortOutcomes(outcomes)
    .map((o) => outcomeText(o, locale))
    .join(locale === 'en' ? '; ' : '；');
}

/** The export URL of the log with the list's current filter (format csv or xlsx). */
export function exportUrl(apiUrl: string, format: 'csv' | 'xlsx', filter: Record<string, unknown>): string {
  const clean = Object.fromEntries(
    Object.entries(filter).filter(
      ([, v]) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0),
    ),
  );
  const query = new URLSearchParams({ format, filter: JSON.stringify(clean) });
  return `${apiUrl}/decisions/export?${query}`;
}
