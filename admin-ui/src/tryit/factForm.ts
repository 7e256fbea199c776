/**
 * A decision's fact schema as an rjsf form schema: enum facts carrying `x-labels` become
 * `oneOf: [{const, title}]` so the form shows 「事假」 and sends `personal`; units go into the
 * title (「请假天数（天）」); the vendor keywords are dropped.
 */
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import { dereferencedFactSchema } from '../common/schemaCatalog';

function convertProperty(prop: any, locale: string): RJSFSchema {
  const { 'x-labels': labels, 'x-labels-en': labelsEn, 'x-unit': unit, description: _description, ...rest } = prop;
  const out: any = { ...rest };
  const names: Record<string, string> | undefined = locale === 'en' ? labelsEn ?? labels : labels;
  if (Array.isArray(prop.enum)) {
    delete out.enum;
    out.type = 'string';
    out.oneOf = prop.enum.map((value: string) => ({ const: value, title: names?.[value] ?? value }));
  }
  if (prop.type === 'boolean') {
    // 「是否…」 questions start at 否: an unanswered radio must not read as 是
    out.default = false;
    out.oneOf = [{ const: true, title: locale === 'en' ? 'yes' : '是' }, { const: false, title: locale === 'en' ? 'no' : '否' }];
  }
  if (prop.type === 'array' && prop.items) out.items = convertProperty(prop.items, locale);
  if (unit && unit !== '比例') out.title = `${prop.title ?? ''}（${unit}）`;
  return out;
}

/** The rjsf schema of a decision's input facts (derived facts are computed, not asked). */
export function factFormSchema(decision: string, locale = 'zh'): RJSFSchema {
  const schema = dereferencedFactSchema(decision);
  const properties = Object.fromEntries(
    Object.entries(schema.properties as Record<string, any>).map(([name, prop]) => [name, convertProperty(prop, locale)]),
  );
  return {
    type: 'object',
    title: schema.title,
    required: schema.required ?? [],
    additionalProperties: false,
    properties,
  } as RJSFSchema;
}

/** Radios for short enums, yes/no radios for booleans, the required facts first. */
export function factFormUiSchema(decision: string, locale = 'zh'): UiSchema {
  const schema = factFormSchema(decision, locale);
  const ui: UiSchema = {};
  const required: string[] = (schema.required as string[]) ?? [];
  const names = Object.keys(schema.properties ?? {});
  ui['ui:order'] = [...required, ...names.filter((n) => !required.includes(n))];
  for (const [name, prop] of Object.entries(schema.properties ?? {}) as [string, any][]) {
    if (prop.type === 'boolean') {
      ui[name] = { 'ui:widget': 'radio', 'ui:options': { inline: true } };
    } else if (prop.oneOf && prop.oneOf.length <= 5) {
      ui[name] = { 'ui:widget': 'radio', 'ui:options': { inline: true } };
    }
  }
  return ui;
}

/** Drop empty values rjsf keeps (undefined, '') so the facts validate as the engine expects. */
export function cleanFacts(formData: Record<string, unknown> | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(formData ?? {}).filter(([, v]) => v !== undefined && v !== '' && v !== null));
}
