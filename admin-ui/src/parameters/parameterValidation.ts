/**
 * Client-side check of a parameter value with the engine's own rules (parameterValueFault,
 * parameterLockFault), worded in the user's language, so a director sees why before saving. The
 * API checks again (422) and its message is shown when it refuses anyway.
 */
import { CLOCK_UNIT, formatClock } from '../../../engine/explain/clock.js';
import { parameterLockFault, parameterValueFault } from '../../../engine/pack/parameter-value.js';
import type { ParameterDefinition, ParameterValue } from '../../../engine/model.js';

/** A parameter as the API lists it: the definition (id aside) with where it comes from and its override. */
export interface ParameterRecord extends Omit<ParameterDefinition, 'id'> {
  id: string;
  packId: string;
  parameterId: string;
  definedIn: string;
  inherited: boolean;
  overridden: boolean;
  inheritedValue?: ParameterValue;
  note?: string;
  overrideSource?: string;
  revision: number;
  /** decisions whose rules read it ([] : nothing reads it; absent: unknown) */
  usedBy?: string[];
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** A time of day (unit 时刻): minutes after midnight, typed and shown as HH:MM. */
export const isClock = (record: Pick<ParameterRecord, 'unit'>) => record.unit === CLOCK_UNIT;

/** 「08:30」, 「8:30」, 「8：30」, 「8点30」, 「8点」 → 510; undefined when it is not a time of day. */
export function parseClock(text: string): number | undefined {
  const m = /^(\d{1,2})\s*(?:[:：点时]\s*(\d{1,2})?\s*分?)?$/.exec(text.trim());
  if (!m) return undefined;
  const hours = Number(m[1]);
  const minutes = m[2] === undefined ? 0 : Number(m[2]);
  if (hours > 24 || minutes > 59 || (hours === 24 && minutes > 0)) return undefined;
  return hours * 60 + minutes;
}

/** An inherited parameter with a fixed lock cannot be changed here. */
export function isLockedHere(record: Pick<ParameterRecord, 'inherited' | 'lock'>): boolean {
  return record.inherited && record.lock?.kind === 'fixed';
}

/** A base's bound on an inherited parameter (overrides must stay within it). */
export function isBoundedHere(record: Pick<ParameterRecord, 'inherited' | 'lock'>): boolean {
  return record.inherited && record.lock?.kind === 'bounded';
}

/**
 * The base's lock in words, for the card and the form: fixed → 「由 X 锁定，不可修改：reason」,
 * bounded → 「X 规定：不得低于 30平方米（reason）」, X the base's name; undefined when the parameter is free here.
 */
export function lockText(
  record: Pick<ParameterRecord, 'inherited' | 'lock' | 'unit' | 'definedIn'>,
  translate: Translate,
  packName: (id: string) => string = (id) => id,
): string | undefined {
  const lock = record.lock;
  if (!record.inherited || !lock || lock.kind === 'free') return undefined;
  if (lock.kind === 'fixed') return translate('locks.fixed', { pack: packName(record.definedIn), reason: lock.reason });
  const unit = record.unit && record.unit !== '比例' ? record.unit : '';
  const bounds = [
    lock.min !== undefined ? translate('locks.min', { min: lock.min, unit }) : undefined,
    lock.max !== undefined ? translate('locks.max', { max: lock.max, unit }) : undefined,
  ]
    .filter(Boolean)
    .join('，');
  return translate('locks.bounded', { pack: packName(record.definedIn), bounds, reason: lock.reason });
}

/** The allowed range as a short hint for the value input: 「允许范围：30 – 1000 平方米」. */
export function rangeHint(
  record: Pick<ParameterRecord, 'min' | 'max' | 'lock' | 'inherited' | 'unit' | 'type'>,
  translate: Translate,
): string | undefined {
  if (record.type !== 'number' && record.type !== 'integer') return undefined;
  const { min, max } = allowedRange(record);
  if (isClock(record)) {
    const hint = translate('director.clock.hint');
    return min === undefined && max === undefined
      ? hint
      : `${hint}；${translate('locks.range', { min: min === undefined ? '…' : formatClock(min), max: max === undefined ? '…' : formatClock(max), unit: '' })}`;
  }
  if (min === undefined && max === undefined) return undefined;
  const unit = record.unit && record.unit !== '比例' ? ` ${record.unit}` : '';
  return translate('locks.range', { min: min ?? '…', max: max ?? '…', unit });
}

/** The effective allowed range: the definition's min/max narrowed by a bounded lock (for overrides). */
export function allowedRange(record: Pick<ParameterRecord, 'min' | 'max' | 'lock' | 'inherited'>): {
  min?: number;
  max?: number;
} {
  let { min, max } = record;
  if (record.inherited && record.lock?.kind === 'bounded') {
    if (record.lock.min !== undefined) min = min === undefined ? record.lock.min : Math.max(min, record.lock.min);
    if (record.lock.max !== undefined) max = max === undefined ? record.lock.max : Math.min(max, record.lock.max);
  }
  return { min, max };
}

/** Parse what was typed into the value the parameter stores (numbers from text, lists from lines). */
export function parseParameterInput(
  record: Pick<ParameterRecord, 'type'> & Partial<Pick<ParameterRecord, 'unit'>>,
  input: unknown,
): unknown {
  if (record.type === 'number' || record.type === 'integer') {
    if (typeof input === 'number') return input;
    if (isClock(record)) {
      const text = String(input ?? '').trim();
      return text === '' ? undefined : (parseClock(text) ?? text);
    }
    const text = String(input ?? '')
      .trim()
      .replace(/，/g, '.');
    if (text === '') return undefined;
    const n = Number(text);
    return Number.isFinite(n) ? n : text;
  }
  if (record.type === 'boolean') {
    if (input === 'true') return true;
    if (input === 'false') return false;
    return input;
  }
  if (record.type === 'stringList') {
    if (Array.isArray(input)) return input;
    return String(input ?? '')
      .split(/[\n,，、]/)
      .map((s) => s.trim())
      .filter(Boolean);
  }
  return input;
}

/** Why `value` is not acceptable for this parameter, in the user's language; undefined when fine. */
export function parameterValueProblem(
  record: ParameterRecord,
  value: unknown,
  translate: Translate,
): string | undefined {
  const clock = isClock(record);
  const unit = record.unit && record.unit !== '比例' && !clock ? record.unit : '';
  // a time of day's bounds read 08:00, not 480
  const shown = (n: number) => (clock ? formatClock(n) : n);
  if (isLockedHere(record)) return translate('params.lockFixed', { reason: record.lock!.reason });
  if (clock && typeof value !== 'number') return translate('director.clock.invalid');
  const fault =
    parameterValueFault(record, value) ?? (record.inherited ? parameterLockFault(record.lock, value) : undefined);
  if (!fault) return undefined;
  switch (fault.kind) {
    case 'number':
    case 'integer':
    case 'stringList':
      return translate(`params.${fault.kind}`);
    case 'min':
    case 'lockMin':
      return translate(`params.${fault.kind}`, {
        min: shown(fault.bound),
        unit,
        reason: 'reason' in fault ? fault.reason : undefined,
      });
    case 'max':
    case 'lockMax':
      return translate(`params.${fault.kind}`, {
        max: shown(fault.bound),
        unit,
        reason: 'reason' in fault ? fault.reason : undefined,
      });
    case 'boolean':
      return translate('params.enumOneOf', { options: `${translate('app.yes')}、${translate('app.no')}` });
    case 'enum':
      return translate('params.enumOneOf', { options: fault.options.map((o) => o.label).join('、') });
    case 'lockFixed':
      return translate('params.lockFixed', { reason: fault.reason });
  }
}

/** Display a value with its unit: 「5 天」, 「是」, 「事假、病假」. */
export function formatParameterValue(
  record: Pick<ParameterRecord, 'type' | 'unit' | 'options'>,
  value: unknown,
  translate: Translate,
): string {
  if (value === undefined || value === null) return '—';
  if (record.type === 'boolean') return translate(value ? 'app.yes' : 'app.no');
  if (record.type === 'enum') return record.options?.find((o) => o.value === value)?.label ?? String(value);
  if (Array.isArray(value)) return value.join('、');
  if (record.unit === '比例' && typeof value === 'number') return `${Math.round(value * 10000) / 100}%`;
  if (isClock(record) && typeof value === 'number') return formatClock(value);
  return record.unit ? `${value} ${record.unit}` : String(value);
}

/** The group a parameter is shown under (its id's first segment). */
export function parameterGroup(parameterId: string): string {
  return parameterId.split('.')[0];
}
