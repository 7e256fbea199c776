import type { Locale } from '../model.js';
import { dereferencedFactSchema, type FactPropertySchema } from '../schema/registry.js';

/** One column of a decision's facts in a spreadsheet. */
export interface FactColumn {
  /** machine name; nested facts are flattened to dotted names */
  key: string;
  /** Chinese label from the fact schema's title */
  label: string;
  labelEn: string;
  unit?: string;
  type: 'number' | 'integer' | 'boolean' | 'enum' | 'string' | 'stringList';
  required: boolean;
  enumValues?: string[];
  enumLabels?: Record<string, string>;
  enumLabelsEn?: Record<string, string>;
}

function collect(schema: FactPropertySchema, prefix: string, requiredHere: string[], out: FactColumn[]): void {
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    const key = prefix ? `${prefix}.${name}` : name;
    if (prop.type === 'object' && prop.properties) {
      collect(prop, key, prop.required ?? [], out);
      continue;
    }
    // an object was flattened above; every other fact has a scalar `type` or an `enum`
    const type = (prop.enum ? 'enum' : prop.type === 'array' ? 'stringList' : prop.type) as FactColumn['type'];
    out.push({
      key,
      label: prop.title ?? key,
      labelEn: key,
      unit: prop['x-unit'],
      type,
      required: requiredHere.includes(name),
      enumValues: prop.enum,
      enumLabels: prop['x-labels'],
      enumLabelsEn: prop['x-labels-en'],
    });
  }
}

/** The columns of a decision's facts, in schema order. */
export function factColumns(decision: string): FactColumn[] {
  const schema = dereferencedFactSchema(decision);
  const columns: FactColumn[] = [];
  collect(schema, '', schema.required ?? [], columns);
  return columns;
}

/** The header a person reads, e.g. 「请假天数（天）」. */
export function columnHeader(column: FactColumn, locale: Locale = 'zh'): string {
  const label = locale === 'zh' ? column.label : column.labelEn;
  return column.unit && column.unit !== '比例' ? `${label}（${column.unit}）` : label;
}

/** An empty list is written as this, so that it is not read back as a missing fact. */
export const EMPTY_LIST = '（空）';

const YES = new Set(['是', 'true', 'TRUE', 'True', '1', 'yes', 'Y', 'y', '✓']);
const NO = new Set(['否', 'false', 'FALSE', 'False', '0', 'no', 'N', 'n']);

/** A fact value as it is written in a cell: enum labels in Chinese, booleans as 是/否. */
export function formatCell(column: FactColumn, value: unknown): string | number | null {
  if (value === undefined || value === null) return null;
  switch (column.type) {
    case 'boolean':
      return value === true ? '是' : value === false ? '否' : String(value);
    case 'enum':
      return column.enumLabels?.[value as string] ?? String(value);
    case 'stringList':
      return Array.isArray(value) ? (value.length ? value.join('、') : EMPTY_LIST) : String(value);
    case 'number':
    case 'integer':
      return typeof value === 'number' ? value : String(value);
    default:
      return String(value);
  }
}

/** Plain value of an exceljs cell (formulas give their result, rich text its text). */
export function cellValue(raw: unknown): unknown {
  if (raw === null || raw === undefined) return undefined;
  if (raw instanceof Date) return raw.toISOString().slice(0, 10);
  if (typeof raw === 'object') {
    const object = raw as Record<string, unknown>;
    if ('result' in object) return cellValue(object.result);
    if (Array.isArray(object.richText)) return (object.richText as { text: string }[]).map((t) => t.text).join('');
    if ('text' in object) return String(object.text);
    if ('error' in object) return undefined;
  }
  if (typeof raw === 'string' && raw.trim() === '') return undefined;
  return typeof raw === 'string' ? raw.trim() : raw;
}

export type ParsedCell = { value: unknown } | { error: { en: string; zh: string } };

/** Read a cell back into a fact value, or say in both languages why it cannot be. */
export function parseCell(column: FactColumn, raw: unknown): ParsedCell {
  const value = cellValue(raw);
  if (value === undefined) return { value: undefined };
  switch (column.type) {
    case 'number':
    case 'integer': {
      const number = typeof value === 'number' ? value : Number(String(value).replace(/,/g, ''));
      if (!Number.isFinite(number) || (typeof value === 'string' && value.trim() === '')) {
        return { error: { en: `"${value}" is not a number`, zh: `「${value}」不是数字` } };
      }
      if (column.type === 'integer' && !Number.isInteger(number))
        return { error: { en: `"${value}" is not a whole number`, zh: `「${value}」不是整数` } };
      return { value: number };
    }
    case 'boolean': {
      const text = String(value);
      if (value === true || YES.has(text)) return { value: true };
      if (value === false || NO.has(text)) return { value: false };
      return { error: { en: `"${value}" is not yes/no`, zh: `「${value}」应为「是」或「否」` } };
    }
    case 'enum': {
      const text = String(value);
      const byCode = column.enumValues?.includes(text) ? text : undefined;
      const byLabel =
        Object.entries(column.enumLabels ?? {}).find(([, label]) => label === text)?.[0] ??
        Object.entries(column.enumLabelsEn ?? {}).find(([, label]) => label === text)?.[0];
      const code = byCode ?? byLabel;
      if (code === undefined) {
        const allowed = (column.enumValues ?? []).map((v) => column.enumLabels?.[v] ?? v);
        return {
          error: {
            en: `"${value}" is not one of ${column.enumValues?.join(', ')}`,
            zh: `「${value}」不是可选值（${allowed.join('、')}）`,
          },
        };
      }
      return { value: code };
    }
    case 'stringList':
      if (String(value) === EMPTY_LIST) return { value: [] };
      return {
        value: String(value)
          .split(/[、,，;；]/)
          .map((s) => s.trim())
          .filter(Boolean),
      };
    default:
      return { value: String(value) };
  }
}

/** Set a dotted key in a facts object (nested facts were flattened to dotted names). */
export function setFact(facts: Record<string, unknown>, key: string, value: unknown): void {
  const parts = key.split('.');
  let node = facts;
  for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
  node[parts[parts.length - 1]] = value;
}

export function getFact(facts: Record<string, unknown>, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], facts);
}
