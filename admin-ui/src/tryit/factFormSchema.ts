/**
 * A decision's fact schema as an rjsf form schema: enum facts carrying `x-labels` become
 * `oneOf: [{const, title}]` so the form shows 「事假」 and sends `personal`; units go into the
 * title (「请假天数（天）」); the vendor keywords are dropped.
 *
 * Pure (no bundler imports): the build runs it too, to precompile a validator for every form
 * the UI can show (admin-ui/build/validators.ts).
 */
import type { RJSFSchema } from '@rjsf/utils';
import type { FactPropertySchema, FactSchema } from '../../../engine/schema/fact-schema.js';

/** The languages the forms are built in; each gives its own titles, hence its own schema. */
export const FORM_LOCALES = ['zh', 'en'] as const;

function convertProperty(prop: FactPropertySchema, locale: string): RJSFSchema {
  const { 'x-labels': labels, 'x-labels-en': labelsEn, 'x-unit': unit, description: _description, ...rest } = prop;
  const out = { ...rest } as RJSFSchema;
  const names: Record<string, string> | undefined = locale === 'en' ? (labelsEn ?? labels) : labels;
  if (Array.isArray(prop.enum)) {
    delete out.enum;
    out.type = 'string';
    out.oneOf = prop.enum.map((value: string) => ({ const: value, title: names?.[value] ?? value }));
  }
  if (prop.type === 'boolean') {
    // 「是否…」 questions start at 否: an unanswered radio must not read as 是
    out.default = false;
    out.oneOf = [
      { const: true, title: locale === 'en' ? 'yes' : '是' },
      { const: false, title: locale === 'en' ? 'no' : '否' },
    ];
  }
  if (prop.type === 'array' && prop.items) out.items = convertProperty(prop.items, locale);
  if (unit && unit !== '比例') out.title = `${prop.title ?? ''}（${unit}）`;
  return out;
}

/** The rjsf schema of a decision's input facts, from its dereferenced fact schema (derived facts are computed, not asked). */
export function formSchemaOfFacts(
  schema: Pick<FactSchema, 'title' | 'required' | 'properties'>,
  locale = 'zh',
): RJSFSchema {
  const properties = Object.fromEntries(
    Object.entries(schema.properties).map(([name, prop]) => [name, convertProperty(prop, locale)]),
  );
  return {
    type: 'object',
    title: schema.title,
    required: schema.required ?? [],
    additionalProperties: false,
    properties,
  } as RJSFSchema;
}
