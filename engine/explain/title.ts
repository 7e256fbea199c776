/**
 * Rule titles and test-case names that follow the numbers: 「一般干部请假{leave.supervisorOnlyMaxDays}以内」
 * reads 「一般干部请假2天以内」 in a version where that parameter is 2 days. Pure and browser-safe:
 * the engine renders compiled rules and fixture results with it, the admin UI a draft's rules.
 */
import type { Locale, ParameterValue } from '../model.js';
import { CLOCK_UNIT, formatClock } from './clock.js';

/** `{parameter.id}`: a parameter id in braces (ids are dotted camelCase words). */
const PLACEHOLDER = /\{([a-z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)*)\}/g;

/** What a placeholder needs of a parameter. */
export interface TitleParameter {
  value: ParameterValue;
  unit?: string;
  options?: { value: string; label: string }[];
}

export type ParameterLookup = (id: string) => TitleParameter | undefined;

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 10000) / 10000);
}

/**
 * A parameter's value as a title states it: the number with its unit (「2天」「30分钟」), a
 * share as a percentage (「70%」), half a day as 「半天」, whole days / hours of minutes as 日 / 小时
 * (「2小时」), whole ten-thousands of yuan as 万元 (「3万元」), an option by its label.
 */
export function formatParameterValue(parameter: TitleParameter, locale: Locale = 'zh'): string {
  const { value, unit } = parameter;
  if (typeof value === 'number') {
    if (unit === CLOCK_UNIT) return formatClock(value);
    if (unit === '比例') return `${formatNumber(value * 100)}%`;
    if (locale === 'zh') {
      if (unit === '天' && value === 0.5) return '半天';
      if (unit === '分钟' && value >= 1440 && value % 1440 === 0) return `${formatNumber(value / 1440)}日`;
      if (unit === '分钟' && value >= 60 && value % 60 === 0) return `${formatNumber(value / 60)}小时`;
      if (unit === '元' && value >= 10000 && value % 10000 === 0) return `${formatNumber(value / 10000)}万元`;
    }
    return locale === 'zh' ? `${formatNumber(value)}${unit ?? ''}` : `${formatNumber(value)}${unit ? ' ' + unit : ''}`;
  }
  if (typeof value === 'boolean') return locale === 'zh' ? (value ? '是' : '否') : value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.join(locale === 'zh' ? '、' : ', ');
  return parameter.options?.find((o) => o.value === value)?.label ?? value;
}

/** The parameter ids a title names, in order (repeats kept once). */
export function titlePlaceholders(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

/** A title with each `{parameter.id}` replaced by that parameter's value; unknown ones stay as written. */
export function renderTitle(text: string, parameter: ParameterLookup, locale: Locale = 'zh'): string {
  if (!text.includes('{')) return text;
  return text.replace(PLACEHOLDER, (whole, id: string) => {
    const found = parameter(id);
    return found ? formatParameterValue(found, locale) : whole;
  });
}

/** A lookup over parameters as a resolved pack holds them (value in force plus definition). */
export function parameterLookup(
  parameters: ReadonlyMap<
    string,
    { value: ParameterValue; definition: { unit?: string; options?: { value: string; label: string }[] } }
  >,
): ParameterLookup {
  return (id) => {
    const found = parameters.get(id);
    return found && { value: found.value, unit: found.definition.unit, options: found.definition.options };
  };
}
