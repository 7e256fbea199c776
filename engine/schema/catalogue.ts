/**
 * The decision catalogue over already-loaded schemas: which decisions exist, their fact schemas
 * with vocabulary references inlined, what a rule may test, and vocabulary labels. Pure and
 * browser-safe — the engine feeds it files read with node:fs (registry.ts), the admin UI the
 * same files bundled by Vite — so both read the schemas the same way.
 */
import type { DecisionDefinition, Locale } from '../model.js';
import type { FactPropertySchema, FactSchema } from './fact-schema.js';

/** What the engine needs to know about one fact of a decision (from its schema). */
export interface FactInfo {
  name: string;
  title: string;
  type: 'number' | 'integer' | 'boolean' | 'string' | 'array' | 'enum';
  unit?: string;
  labels?: Record<string, string>;
  labelsEn?: Record<string, string>;
  /** the allowed values of an enum fact */
  options?: string[];
  derived?: boolean;
}

export interface Catalogue {
  decisions: ReadonlyMap<string, DecisionDefinition>;
  /** a decision's fact schema as written (with $refs into the vocabulary) */
  factSchema(decision: string): FactSchema;
  /** the same with vocabulary references inlined, for form generators */
  dereferencedFactSchema(decision: string): FactSchema;
  /** facts a rule of this decision may test: the input facts, then the derived ones */
  factsOf(decision: string): Map<string, FactInfo>;
  /** Chinese (or English) label of a vocabulary code, e.g. role `townshipHead` → 镇长 */
  vocabularyLabel(definition: string, code: string, locale?: Locale): string;
  /** the shared codes of a vocabulary, e.g. every role */
  vocabularyCodes(definition: string): readonly string[];
}

/**
 * @param decisionList the `decisions` of schemas/decisions.json
 * @param vocabulary the `definitions` of schemas/vocabulary.schema.json
 * @param factSchemas fact schemas by their path relative to schemas/, e.g. `facts/leaveApproval.schema.json`
 */
export function createCatalogue(
  decisionList: DecisionDefinition[],
  vocabulary: Record<string, FactPropertySchema>,
  factSchemas: Record<string, FactSchema>,
): Catalogue {
  const decisions: ReadonlyMap<string, DecisionDefinition> = new Map(decisionList.map((d) => [d.id, d]));
  const factInfos = new Map<string, Map<string, FactInfo>>();

  const decisionOrThrow = (decision: string) => {
    const definition = decisions.get(decision);
    if (!definition) throw new Error(`unknown decision ${decision}`);
    return definition;
  };
  const factSchema = (decision: string) => {
    const schema = factSchemas[decisionOrThrow(decision).facts];
    if (!schema) throw new Error(`fact schema ${decisionOrThrow(decision).facts} missing`);
    return schema;
  };
  const resolveRef = (schema: FactPropertySchema): FactPropertySchema => {
    if (!schema.$ref) return schema;
    const name = String(schema.$ref).split('/').pop()!;
    const { $ref: _ref, ...rest } = schema;
    return { ...vocabulary[name], ...rest };
  };
  const dereferencedFactSchema = (decision: string): FactSchema => {
    const schema = factSchema(decision);
    const properties = Object.fromEntries(
      Object.entries(schema.properties).map(([name, prop]) => [name, resolveRef(prop)]),
    );
    return { ...schema, properties };
  };
  const factsOf = (decision: string) => {
    let infos = factInfos.get(decision);
    if (infos) return infos;
    const definition = decisionOrThrow(decision);
    infos = new Map();
    for (const [name, prop] of Object.entries(dereferencedFactSchema(decision).properties)) {
      infos.set(name, {
        // every fact of schemas/facts has a scalar or array `type`, or an `enum`
        name,
        title: prop.title ?? name,
        type: (prop.enum ? 'enum' : prop.type) as FactInfo['type'],
        unit: prop['x-unit'],
        labels: prop['x-labels'],
        labelsEn: prop['x-labels-en'],
        options: prop.enum,
      });
    }
    for (const derived of definition.derivedFacts ?? []) {
      infos.set(derived.id, {
        name: derived.id,
        title: derived.title,
        type: 'number',
        unit: derived.unit,
        derived: true,
      });
    }
    factInfos.set(decision, infos);
    return infos;
  };
  const vocabularyLabel = (definition: string, code: string, locale: Locale = 'zh') =>
    vocabulary[definition]?.[locale === 'zh' ? 'x-labels' : 'x-labels-en']?.[code] ?? code;

  const vocabularyCodes = (definition: string): readonly string[] => vocabulary[definition]?.enum ?? [];

  return { decisions, factSchema, dereferencedFactSchema, factsOf, vocabularyLabel, vocabularyCodes };
}
