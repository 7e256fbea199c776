/** The rjsf form of a decision's facts (see factFormSchema.ts), its layout and the clean-up before evaluating. */
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import { dereferencedFactSchema } from '../common/schemaCatalog';
import { formSchemaOfFacts } from './factFormSchema';

/** The rjsf schema of a decision's input facts (derived facts are computed, not asked). */
export function factFormSchema(decision: string, locale = 'zh'): RJSFSchema {
  return formSchemaOfFacts(dereferencedFactSchema(decision), locale);
}

/** Radios for short enums, yes/no radios for booleans, the required facts first. */
export function factFormUiSchema(decision: string, locale = 'zh'): UiSchema {
  const schema = factFormSchema(decision, locale);
  const ui: UiSchema = {};
  const required: string[] = (schema.required as string[]) ?? [];
  const names = Object.keys(schema.properties ?? {});
  ui['ui:order'] = [...required, ...names.filter((n) => !required.includes(n))];
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    if (typeof prop !== 'object') continue;
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
  return Object.fromEntries(
    Object.entries(formData ?? {}).filter(([, v]) => v !== undefined && v !== '' && v !== null),
  );
}
