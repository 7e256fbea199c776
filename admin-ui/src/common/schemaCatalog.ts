/**
 * The shared JSON Schemas (schemas/), imported statically into the build: decisions, their fact
 * schemas and the vocabulary, read by the engine's pure catalogue (engine/schema/catalogue.ts)
 * so that the UI and the engine dereference and list facts the same way.
 */
import decisionsFile from '../../../schemas/decisions.json';
import vocabularySchema from '../../../schemas/vocabulary.schema.json';
import { createCatalogue } from '../../../engine/schema/catalogue.js';
import type { FactSchema, SchemaDocument } from '../../../engine/schema/fact-schema.js';
import type { DecisionDefinition } from '../../../engine/model.js';

export type { FactInfo } from '../../../engine/schema/catalogue.js';

const factFiles = import.meta.glob('../../../schemas/facts/*.schema.json', {
  eager: true,
  import: 'default',
}) as Record<string, FactSchema>;

const factSchemasByPath: Record<string, FactSchema> = {};
for (const [path, schema] of Object.entries(factFiles)) factSchemasByPath['facts/' + path.split('/').pop()] = schema;

export const decisionList: DecisionDefinition[] = (decisionsFile as { decisions: DecisionDefinition[] }).decisions;

const vocabulary = (vocabularySchema as SchemaDocument).definitions ?? {};

// the engine's own catalogue over the bundled schemas: same dereferencing, same fact list
const catalogue = createCatalogue(decisionList, vocabulary, factSchemasByPath);
export const decisions = catalogue.decisions;

export function decisionTitle(id: string, locale: string = 'zh'): string {
  const d = decisions.get(id);
  if (!d) return id;
  return locale === 'en' ? d.titleEn : d.title;
}

/** A decision's fact schema as written (with $refs into the vocabulary). */
export const factSchema = catalogue.factSchema;
/** The decision's fact schema with vocabulary references inlined. */
export const dereferencedFactSchema = catalogue.dereferencedFactSchema;

/** Facts a rule of this decision may test: input facts, then derived ones (none for an unknown decision). */
export function factsOf(decision: string) {
  return decisions.has(decision) ? catalogue.factsOf(decision) : new Map();
}

/** Chinese (or English) label of a vocabulary code, e.g. role `townshipHead` → 镇长. */
export function vocabularyLabel(definition: string, code: string, locale: string = 'zh'): string {
  return catalogue.vocabularyLabel(definition, code, locale === 'en' ? 'en' : 'zh');
}

export function vocabularyCodes(definition: string): string[] {
  return vocabulary[definition]?.enum ?? [];
}
