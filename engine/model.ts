/**
 * Types of the rule-pack format. They mirror the JSON Schemas in `schemas/`, which are the
 * source of truth: every file is validated against its schema before these types are trusted.
 */

export type ParamRef = { param: string };
export type NumberOrParam = number | ParamRef;
export type ParameterValue = number | boolean | string | string[];
export type Locale = 'zh' | 'en';

export interface PackManifest {
  $schema?: string;
  id: string;
  name: string;
  owner: { id: string; name: string; level: string; office?: string };
  extends?: string;
  version: string;
  description?: string;
  documents?: { title: string; seed?: string; issuer?: string }[];
  settings?: { approvalRequired?: boolean; approvers?: number; basisRequired?: boolean };
  vocabulary?: PackVocabulary;
}

/** The outcome vocabularies a pack may add its own words to. */
export const EXTENSIBLE_VOCABULARIES = ['role', 'approvalAction', 'penaltyMeasure', 'penaltyTarget', 'reportAction'] as const;
export type ExtensibleVocabulary = (typeof EXTENSIBLE_VOCABULARIES)[number];

/**
 * A township's own word (乡长, 主管领导, 站所负责人): another name for a shared code (`mapsTo`),
 * or a new pack-local code.
 */
export interface PackWord {
  code: string;
  label: string;
  labelEn?: string;
  mapsTo?: string;
  note?: string;
}

export type PackVocabulary = Partial<Record<ExtensibleVocabulary, PackWord[]>>;

/**
 * The township's words used in an evaluated outcome, keyed by the code the outcome carries
 * (the shared code for a mapped word, the pack's own code for a pack-local one). `code` is the
 * code the pack's rule wrote. Not part of the outcome's identity (see outcomeKey).
 */
export type OutcomeWords = Record<string, { code: string; zh: string; en: string }>;

export interface Clause {
  id: string;
  document: string;
  article: string;
  text: string;
  summary?: string;
}

export interface SourcesFile {
  $schema?: string;
  clauses: Clause[];
}

export interface Lock {
  kind: 'fixed' | 'bounded' | 'free';
  min?: number;
  max?: number;
  source: string;
  reason: string;
}

export type ParameterType = 'number' | 'integer' | 'boolean' | 'enum' | 'stringList';

export interface ParameterDefinition {
  id: string;
  type: ParameterType;
  label: string;
  help?: string;
  unit?: string;
  min?: number;
  max?: number;
  options?: { value: string; label: string }[];
  value: ParameterValue;
  source: string;
  lock?: Lock;
}

export interface ParameterOverride {
  id: string;
  value: ParameterValue;
  source?: string;
  note?: string;
}

export interface ParametersFile {
  $schema?: string;
  parameters?: ParameterDefinition[];
  overrides?: ParameterOverride[];
}

export type Operator =
  | 'equal' | 'notEqual'
  | 'lessThan' | 'lessThanInclusive' | 'greaterThan' | 'greaterThanInclusive'
  | 'in' | 'notIn' | 'contains' | 'doesNotContain';

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
  expect: { outcomes?: Outcome[]; rules?: string[]; error?: string; undetermined?: { rule: string; facts?: string[] }[] };
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
