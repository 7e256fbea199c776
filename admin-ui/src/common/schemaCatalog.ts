/**
 * The shared JSON Schemas (schemas/), imported statically into the build: decisions, their fact
 * schemas and the vocabulary. Browser-safe counterpart of engine/schema/registry.ts (which reads
 * files with node:fs) — same dereferencing, same fact catalogue.
 */
import decisionsFile from '../../../schemas/decisions.json';
import vocabularySchema from '../../../schemas/vocabulary.schema.json';
import rulesSchema from '../../../schemas/rules.schema.json';
import outcomeSchema from '../../../schemas/outcome.schema.json';
import parametersSchema from '../../../schemas/parameters.schema.json';

export { rulesSchema, outcomeSchema, parametersSchema, vocabularySchema };

export interface DerivedFact {
  id: string;
  title: string;
  unit?: string;
}
export interface Decision {
  id: string;
  title: string;
  titleEn: string;
  facts: string;
  derivedFacts?: DerivedFact[];
}

export interface FactInfo {
  name: string;
  title: string;
  type: 'number' | 'integer' | 'boolean' | 'string' | 'array' | 'enum';
  unit?: string;
  labels?: Record<string, string>;
  labelsEn?: Record<string, string>;
  options?: string[];
  derived?: boolean;
}

const factFiles = import.meta.glob('../../../schemas/facts/*.schema.json', { eager: true, import: 'default' }) as Record<string, any>;

const factSchemasByPath: Record<string, any> = {};
for (const [path, schema] of Object.entries(factFiles)) factSchemasByPath['facts/' + path.split('/').pop()] = schema;

export const decisionList: Decision[] = (decisionsFile as { decisions: Decision[] }).decisions;
export const decisions: ReadonlyMap<string, Decision> = new Map(decisionList.map((d) => [d.id, d]));

const vocabulary = (vocabularySchema as { definitions: Record<string, any> }).definitions;

export function decisionTitle(id: string, locale: string = 'zh'): string {
  const d = decisions.get(id);
  if (!d) return id;
  return locale === 'en' ? d.titleEn : d.title;
}

/** A decision's fact schema as written (with $refs into the vocabulary). */
export function factSchema(decision: string): any {
  const d = decisions.get(decision);
  if (!d) throw new Error(`unknown decision ${decision}`);
  const schema = factSchemasByPath[d.facts];
  if (!schema) throw new Error(`fact schema ${d.facts} missing`);
  return schema;
}

function resolveRef(schema: any): any {
  if (!schema?.$ref) return schema;
  const name = String(schema.$ref).split('/').pop()!;
  const { $ref: _ref, ...rest } = schema;
  return { ...vocabulary[name], ...rest };
}

/** Same as the engine's dereferencedFactSchema: vocabulary references inlined. */
export function dereferencedFactSchema(decision: string): any {
  const schema = factSchema(decision);
  const properties = Object.fromEntries(
    Object.entries(schema.properties as Record<string, any>).map(([name, prop]) => [name, resolveRef(prop)]),
  );
  return { ...schema, properties };
}

const factInfos = new Map<string, Map<string, FactInfo>>();

/** Facts a rule of this decision may test: input facts, then derived ones. */
export function factsOf(decision: string): Map<string, FactInfo> {
  let infos = factInfos.get(decision);
  if (infos) return infos;
  const definition = decisions.get(decision);
  if (!definition) return new Map();
  const schema = dereferencedFactSchema(decision);
  infos = new Map();
  for (const [name, prop] of Object.entries(schema.properties as Record<string, any>)) {
    infos.set(name, {
      name,
      title: prop.title ?? name,
      type: prop.enum ? 'enum' : prop.type,
      unit: prop['x-unit'],
      labels: prop['x-labels'],
      labelsEn: prop['x-labels-en'],
      options: prop.enum,
    });
  }
  for (const derived of definition.derivedFacts ?? []) {
    infos.set(derived.id, { name: derived.id, title: derived.title, type: 'number', unit: derived.unit, derived: true });
  }
  factInfos.set(decision, infos);
  return infos;
}

/** Chinese (or English) label of a vocabulary code, e.g. role `townshipHead` → 镇长. */
export function vocabularyLabel(definition: string, code: string, locale: string = 'zh'): string {
  const labels = vocabulary[definition]?.[locale === 'en' ? 'x-labels-en' : 'x-labels'];
  return labels?.[code] ?? code;
}

export function vocabularyCodes(definition: string): string[] {
  return vocabulary[definition]?.enum ?? [];
}
