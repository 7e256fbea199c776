/**
 * Types of the rule-pack format. The JSON Schemas in `schemas/` are the source of truth: every
 * file is validated against its schema before these types are trusted. The pack, sources,
 * parameters, rules, condition, outcome, fixture and decision types are derived from the schemas
 * (engine/schema/generated, made by scripts/generate-schema-types.mjs) and named here; what no
 * schema describes (the words evaluation adds to an outcome) is written here.
 */
import type { DecisionsFileSchema } from './schema/generated/decisions.js';
import type { CaseEntrySchema, CaseSchema, FixturesFileSchema } from './schema/generated/fixtures.js';
import type { NumberOrParamSchema, OutcomeSchema, ParamRefSchema } from './schema/generated/outcome.js';
import type { PackFileSchema } from './schema/generated/pack.js';
import type { ParametersFileSchema } from './schema/generated/parameters.js';
import type { SourcesFileSchema } from './schema/generated/sources.js';
import type {
  ConditionSchema,
  GroupSchema,
  LeafSchema,
  RuleEntrySchema,
  RuleSchema,
  RulesFileSchema,
} from './schema/generated/rules.js';
import type {
  AttendanceCategorySchema,
  LeaveTypeSchema,
  PackVocabularySchema,
  PackWordSchema,
  PayItemSchema,
} from './schema/generated/vocabulary.js';

export type ParamRef = ParamRefSchema;
export type NumberOrParam = NumberOrParamSchema;
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

export type LeafCondition = LeafSchema;
export type Operator = LeafCondition['operator'];
export type ConditionValue = LeafCondition['value'];
export type Condition = ConditionSchema;
/** A rule's conditions: json-rules-engine wants all, any or not at the top, never a leaf. */
export type TopCondition = RuleDefinition['conditions'];

export type Outcome = OutcomeFields & { words?: OutcomeWords };

/** An outcome as a rule writes it; a payDeduction takes a share or a fixed amount (「每次扣减当月绩效20元」). */
export type OutcomeFields = OutcomeSchema;
export type PayItem = PayItemSchema;
export type LeaveType = LeaveTypeSchema;
export type AttendanceCategory = AttendanceCategorySchema;

export type GroupDefinition = GroupSchema;
export type HitPolicy = GroupDefinition['hitPolicy'];

export type RuleDefinition = RuleSchema;
export type RuleDisable = Exclude<RuleEntrySchema, RuleSchema>;
export type RulesFile = RulesFileSchema;

export type FixtureCase = CaseSchema;
export type FixtureDisable = Exclude<CaseEntrySchema, CaseSchema>;
export type FixturesFile = FixturesFileSchema;

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

/** A decision of schemas/decisions.json, and a fact computed from its input before rules run. */
export type DecisionDefinition = DecisionsFileSchema['decisions'][number];
export type DerivedFactDefinition = NonNullable<DecisionDefinition['derivedFacts']>[number];

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
