import type { ResolvedVocabulary } from './vocabulary.js';
import type {
  Clause,
  FixtureCase,
  GroupDefinition,
  PackManifest,
  ParameterDefinition,
  ParameterOverride,
  ParameterValue,
  RuleDefinition,
} from '../model.js';

/** Where an element of a resolved pack was written: which pack, file and JSON pointer. */
export interface Origin {
  pack: string;
  file: string;
  pointer: string;
}

export interface ResolvedParameter {
  definition: ParameterDefinition;
  /** the value in force for this pack: the last override in the chain, or the definition's */
  value: ParameterValue;
  definedIn: string;
  origin: Origin;
  /** set when a pack in the chain overrides the value */
  override?: ParameterOverride & { pack: string; origin: Origin };
}

export interface ResolvedClause extends Clause {
  definedIn: string;
  origin: Origin;
}

export interface ResolvedRule extends RuleDefinition {
  decision: string;
  group: string;
  definedIn: string;
  origin: Origin;
  /** the pack whose rule of the same id this one replaces */
  replaces?: string;
}

export interface ResolvedDecision {
  id: string;
  groups: Map<string, GroupDefinition & { origin: Origin }>;
  /** in evaluation order: base rules first (replacements keep the base's place), then additions */
  rules: ResolvedRule[];
}

export interface ResolvedCase extends FixtureCase {
  decision: string;
  definedIn: string;
  origin: Origin;
}

/** A pack with its whole `extends` chain merged: what gets validated, compiled and linted. */
export interface ResolvedPack {
  id: string;
  manifest: PackManifest;
  /** pack ids from the root base to this pack */
  chain: string[];
  parameters: Map<string, ResolvedParameter>;
  sources: Map<string, ResolvedClause>;
  decisions: Map<string, ResolvedDecision>;
  fixtures: ResolvedCase[];
  /** the township's own words added along the chain (pack.json `vocabulary`) */
  vocabulary: ResolvedVocabulary;
  /** rules and cases removed by a `disabled` entry, with the pack that removed them */
  disabled: { kind: 'rule' | 'case'; id: string; by: string; origin: Origin }[];
}

export const DEFAULT_GROUP = 'main';
export const DEFAULT_GROUP_DEFINITION: GroupDefinition = { label: '默认', hitPolicy: 'collect' };
