/**
 * Types of the rule-pack format. The JSON Schemas in `schemas/` are the source of truth: every
 * file is validated against its schema before these types are trusted. The pack, sources and
 * parameters types are derived from the schemas (engine/schema/generated, made by
 * scripts/generate-schema-types.mjs); the rest are written here until their schemas can be
 * derived (conditions are recursive, outcomes are chosen by if/then).
 */
import type { PackFileSchema } from './schema/generated/pack.js';
import type { ParametersFileSchema } from './schema/generated/parameters.js';
import type { SourcesFileSchema } from './schema/generated/sources.js';
import type { PackVocabularySchema, PackWordSchema } from './schema/generated/vocabulary.js';

export type ParamRef = { param: string };
export type NumberOrParam = number | ParamRef;
export type Locale = 'zh' | 'en';

export type PackManifest = Omit<PackFileSchema, 'vocabulary'> & { vocabulary?: PackVocabulary };

/** The outcome vocabularies a pack may add its own words to. */
export const EXTENSIBLE_VOCABULARIES = [
  'role',
  'approvalAction',
  'penaltyMeasure',
  'penaltyTarget',
  'reportAction',
] as const;
export type ExtensibleVocabulary = (typeof EXTENSIBLE_VOCABULARIES)[number];

/**
 * A township's own word (乡长, 主管领导, 站所负责人): another name for a shared code (`mapsTo`),
 * or a new pack-local code.
 */
export type PackWord = PackWordSchema;

export type PackVocabulary = PackVocabularySchema;

/**
 * The township's words used in an evaluated outcome, keyed by the code the outcome carries
 * (the shared code for a mapped word, the pack's own code for a pack-local one). `code` is the
 * code the pack's rule wrote. Not part of the outcome's identity (see outcomeKey).
 */
export type OutcomeWords = Record<string, { code: string; zh: string; en: string }>;

export type SourcesFile = SourcesFileSchema;
export type Clause = SourcesFile['clauses'][number];

export type ParametersFile = ParametersFileSchema;
export type ParameterDefinition = NonNullable<ParametersFile['parameters']>[number];
export type ParameterOverride = NonNullable<ParametersFile['overrides']>[number];
export type ParameterType = ParameterDefinition['type'];
export type ParameterValue = ParameterDefinition['value'];
export type Lock = NonNullable<ParameterDefinition['lock']>;

export type Operator =
  | 'equal'
  | 'notEqual'
  | 'lessThan'
  | 'lessThanInclusive'
  | 'greaterThan'
  | 'greaterThanInclusive'
  | 'in'
  | 'notIn'
  | 'contains'
  | 'doesNotContain';

export type ConditionValue = number | string | boolean | (string | number | boolean)[] | ParamRef;

export interface LeafCondition {
  fact: string;
  operator: Operator;
  value: ConditionValue;
}
export type Condition = { all: Condition[] } | { any: Condition[] } | { not: Condition } | LeafCondition;

export type Outcome = OutcomeFields & { words?: OutcomeWords };

export type OutcomeFields =
  | { type: 'approval'; step: number; roles: string[]; mode?: 'any' | 'all'; action?: string }
  | { type: 'refusal'; code: string; reason: string }
  | { type: 'document'; code: string; document: string }
  | { type: 'classification'; category: string }
  | { type: 'absence'; days: NumberOrParam }
  | { type: 'payDeduction'; item: string; share: NumberOrParam; amount?: never; period: string }
  /** a fixed amount in yuan instead of a share: 「每次扣减当月绩效20元」 */
  | { type: 'payDeduction'; item: string; amount: NumberOrParam; share?: never; period: string }
  | { type: 'penalty'; measure: string; target?: string }
  | { type: 'entitlement'; leaveType: string; days: NumberOrParam }
  | { type: 'deadline'; action: string; minutes: NumberOrParam }
  | { type: 'verdict'; value: string }
  | { type: 'requirement'; code: string; text: string };

export type HitPolicy = 'unique' | 'first' | 'collect';

export interface GroupDefinition {
  label?: string;
  hitPolicy: HitPolicy;
  completeOver?: string[];
  stopIfMatched?: boolean;
}

export interface RuleDefinition {
  id: string;
  title: string;
  group?: string;
  priority?: number;
  citations: string[];
  note?: string;
  conditions: Condition;
  outcomes: Outcome[];
  lock?: Lock;
}

export interface RuleDisable {
  id: string;
  disabled: true;
  note?: string;
}

export interface RulesFile {
  $schema?: string;
  decision: string;
  groups?: Record<string, GroupDefinition>;
  rules: (RuleDefinition | RuleDisable)[];
}

export interface FixtureCase {
  id: string;
  name: string;
  facts: Record<string, unknown>;
  asOf?: string;
  expect: {
    outcomes?: Outcome[];
    rules?: string[];
    error?: string;
    undetermined?: { rule: string; facts?: string[] }[];
  };
}

export interface FixtureDisable {
  id: string;
  disabled: true;
  note?: string;
}

export interface FixturesFile {
  $schema?: string;
  decision: string;
  cases: (FixtureCase | FixtureDisable)[];
}

/** A pack as files: what a folder under rules/ holds, or what the API stores as a bundle. */
export interface PackBundle {
  pack: PackManifest;
  sources: SourcesFile;
  parameters: ParametersFile;
  /** keyed by path inside the pack, e.g. `rules/leave-approval.json` */
  rules: Record<string, RulesFile>;
  /** keyed by path inside the pack, e.g. `fixtures/leave-approval.json` */
  fixtures: Record<string, FixturesFile>;
}

export interface DerivedFactDefinition {
  id: string;
  title: string;
  unit?: string;
  op: 'sum' | 'difference' | 'product' | 'ratio' | 'quotient' | 'remainder';
  of: [string | number | ParamRef, string | number | ParamRef];
}

export interface DecisionDefinition {
  id: string;
  title: string;
  titleEn: string;
  facts: string;
  derivedFacts?: DerivedFactDefinition[];
}

export function isParamRef(value: unknown): value is ParamRef {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'param' in value;
}

export function isRuleDisable(entry: RuleDefinition | RuleDisable): entry is RuleDisable {
  return (entry as RuleDisable).disabled === true;
}

export function isCaseDisable(entry: FixtureCase | FixtureDisable): entry is FixtureDisable {
  return (entry as FixtureDisable).disabled === true;
}

export function isLeaf(condition: Condition): condition is LeafCondition {
  return 'fact' in condition;
}
