import { Engine, type TopLevelCondition } from 'json-rules-engine';
import {
  isLeaf,
  isParamRef,
  type Clause,
  type Condition,
  type DecisionDefinition,
  type GroupDefinition,
  type Outcome,
  type ParameterValue,
} from '../model.js';
import { outcomeKey } from './outcome-key.js';
import { compileMatcher, type RuleMatcher } from './predicates.js';
import { groupOf } from '../pack/resolve.js';
import type { ResolvedDecision, ResolvedPack, ResolvedParameter, ResolvedRule } from '../pack/resolved.js';
import { SharedCode } from './shared-code.js';
import { decisions, factsValidator, vocabularyLabel } from '../schema/registry.js';
import type { FactError } from '../errors.js';
import { deriverFor, type DeriveFacts } from './derive.js';
import { toSharedOutcome } from '../pack/words.js';
import { parameterLookup, renderTitle } from '../explain/title.js';
import { compileCondition, type CompiledCondition } from '../explain/compiled-condition.js';
import type { RuleText } from '../explain/rule-text.js';
import { factsTested, UnknownFactIndex, type FindUnknownFacts } from '../undetermined/unknown-facts.js';
import { compileOpenRules, type FindOpenRules } from '../undetermined/open-code.js';

/** A parameter a condition threshold came from, remembered for the explanation. */
export interface BoundParameter {
  id: string;
  label: string;
  unit?: string;
}

export interface CompiledRule {
  rule: ResolvedRule;
  /** the title with its parameter placeholders rendered for this version */
  title: string;
  /** conditions with every parameter reference replaced by its value */
  conditions: Condition;
  /** leaf path (e.g. `all.1.not`) → the parameter its threshold came from */
  parameterAt: Map<string, BoundParameter>;
  /** outcomes with parameter references resolved to values */
  outcomes: Outcome[];
  /** canonical keys of the outcomes, for de-duplication and comparison */
  outcomeKeys: string[];
  /** no two of its outcomes have the same key (then a lone winner's outcomes need no de-duplication) */
  distinctOutcomes: boolean;
  /** the cited clauses, looked up once */
  citations: Clause[];
  /** position in the decision, for `first` hit policies (after priority) */
  order: number;
  /** the facts its conditions test */
  facts: string[];
  /** the bits of the optional facts it reads (`UnknownFactIndex.maskOf`); undefined: not known, look at `facts` */
  optionalFacts?: number;
  /** the conditions prepared for traces and explanation lines */
  condition: CompiledCondition;
  /** its explanation line around the conditions, per language, made when first asked for */
  texts: { zh?: RuleText; en?: RuleText };
}

export interface CompiledGroup {
  name: string;
  definition: GroupDefinition;
  rules: CompiledRule[];
}

/** A group as its hit policy walks it: the same for every pack whose decision has this structure. */
export interface PlannedGroup {
  name: string;
  hitPolicy: GroupDefinition['hitPolicy'];
  stopIfMatched: boolean;
  /** its rules' `order`s, in the order the hit policy takes them (priority, then as written) */
  orders: number[];
}

/**
 * What the hit policies read, shared by every pack whose decision has the same groups and rules
 * (townships extending one pack): the walk over every group and rule of a decision touches
 * these few shared objects, warm in the cache, and a pack's own rules only for the ones it takes.
 */
export interface HitPlan {
  groups: PlannedGroup[];
  /** rule ids by `order` (for shadowed rules and conflicts) */
  ids: string[];
}

export interface CompiledDecision {
  id: string;
  /** the groups' walk, shared across packs of one structure; `ruleAt` holds this pack's rules */
  plan: HitPlan;
  /** this pack's rules by `order` */
  ruleAt: CompiledRule[];
  definition: DecisionDefinition;
  /** built once per pack version and reused for every evaluation */
  engine: Engine;
  rules: Map<string, CompiledRule>;
  groups: CompiledGroup[];
  derive: DeriveFacts;
  /** the fact schema's validator (schema/registry.ts), kept here so that an evaluation looks nothing up */
  validateFacts: (facts: unknown) => readonly FactError[];
  /** synchronous matcher compiled to plain JavaScript; undefined → use `engine` */
  matcher?: RuleMatcher;
  /** the optional facts an evaluation left out that the rules test (undefined: none) */
  unknownFacts: FindUnknownFacts;
  /** compiled `openRules` (undefined: interpret); see undetermined/open-code.ts */
  findOpenRules?: FindOpenRules;
}

export interface CompiledPack {
  id: string;
  /** version label for explanations (e.g. the API's version number); optional for files */
  version?: string;
  resolved: ResolvedPack;
  decisions: Map<string, CompiledDecision>;
}

function bindCondition(
  condition: Condition,
  parameters: Map<string, ResolvedParameter>,
  path: string,
  bound: Map<string, BoundParameter>,
): Condition {
  if (isLeaf(condition)) {
    if (!isParamRef(condition.value)) return { ...condition };
    const parameter = parameters.get(condition.value.param)!;
    bound.set(path, {
      id: parameter.definition.id,
      label: parameter.definition.label,
      unit: parameter.definition.unit,
    });
    return { ...condition, value: parameter.value as Exclude<ParameterValue, boolean> };
  }
  if ('all' in condition)
    return { all: condition.all.map((c, i) => bindCondition(c, parameters, `${path}.all.${i}`, bound)) };
  if ('any' in condition)
    return { any: condition.any.map((c, i) => bindCondition(c, parameters, `${path}.any.${i}`, bound)) };
  return { not: bindCondition(condition.not, parameters, `${path}.not`, bound) };
}

function bindOutcome(outcome: Outcome, parameters: Map<string, ResolvedParameter>): Outcome {
  const bound: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(outcome))
    bound[key] = isParamRef(value) ? parameters.get(value.param)!.value : value;
  return bound as Outcome;
}

/** A rule with the pack's parameters, words and clauses bound: all a compiled rule takes from its pack. */
interface BoundRule {
  rule: ResolvedRule;
  title: string;
  conditions: Condition;
  parameterAt: Map<string, BoundParameter>;
  outcomes: Outcome[];
  citations: Clause[];
}

function bindRule(rule: ResolvedRule, pack: ResolvedPack, parameterOf: ReturnType<typeof parameterLookup>): BoundRule {
  const parameterAt = new Map<string, BoundParameter>();
  const conditions = bindCondition(rule.conditions, pack.parameters, '', parameterAt);
  // township words: the shared code for what a system reads, the township's word for people
  const outcomes = rule.outcomes.map((o) =>
    toSharedOutcome(bindOutcome(o, pack.parameters), pack.vocabulary, vocabularyLabel),
  );
  const citations = rule.citations.flatMap((id) => {
    const clause = pack.sources.get(id);
    return clause ? [{ id, document: clause.document, article: clause.article, text: clause.text }] : [];
  });
  return { rule, title: renderTitle(rule.title, parameterOf), conditions, parameterAt, outcomes, citations };
}

function compileDecision(
  decision: ResolvedDecision,
  bound: BoundRule[],
  derivedParameters: Map<string, ResolvedParameter>,
): CompiledDecision {
  const definition = decisions.get(decision.id)!;
  const engine = new Engine([], { allowUndefinedFacts: true, replaceFactsInEventParams: false });
  const rules = new Map<string, CompiledRule>();
  const ruleAt: CompiledRule[] = [];
  const groups = new Map<string, CompiledGroup>();
  for (const [name, group] of decision.groups) groups.set(name, { name, definition: group, rules: [] });
  bound.forEach(({ rule, title, conditions, parameterAt, outcomes, citations }, order) => {
    const outcomeKeys = sharedOutcomeKeys(outcomes.map(outcomeKey));
    const compiledRule: CompiledRule = {
      rule,
      title,
      conditions,
      parameterAt,
      order,
      outcomes,
      outcomeKeys,
      distinctOutcomes: new Set(outcomeKeys).size === outcomeKeys.length,
      citations,
      facts: [...factsTested(conditions)],
      condition: compileCondition(conditions, parameterAt),
      texts: {},
    };
    rules.set(rule.id, compiledRule);
    ruleAt[order] = compiledRule;
    engine.addRule({ name: rule.id, conditions: conditions as TopLevelCondition, event: { type: rule.id } });
    let group = groups.get(rule.group);
    if (!group) {
      group = { name: rule.group, definition: groupOf(decision, rule.group)!, rules: [] };
      groups.set(rule.group, group);
    }
    group.rules.push(compiledRule);
  });
  for (const group of groups.values()) {
    // `first`: higher priority wins, then the order the rules are written in
    group.rules.sort((a, b) => (b.rule.priority ?? 1) - (a.rule.priority ?? 1) || a.order - b.order);
  }
  const unknownFacts = sharedIndex(
    decision.id,
    new UnknownFactIndex(
      definition,
      [...rules.values()].map((r) => r.conditions),
    ),
  );
  for (const rule of rules.values()) rule.optionalFacts = unknownFacts.maskOf(rule.facts);
  const compiledGroups = [...groups.values()];
  return {
    id: decision.id,
    plan: hitPlanOf(decision.id, compiledGroups, ruleAt),
    ruleAt,
    definition,
    engine,
    rules,
    groups: compiledGroups,
    derive: sharedDerivers.get(
      JSON.stringify([decision.id, [...derivedParameters].map(([id, p]) => [id, p.value])]),
      () => deriverFor(definition, derivedParameters),
    ),
    validateFacts: factsValidator(decision.id),
    matcher: compileMatcher({ rules }),
    unknownFacts: unknownFacts.find,
    findOpenRules: compileOpenRules([...rules.values()], unknownFacts),
  };
}

const sharedPlans = new SharedCode<HitPlan>();
const sharedKeyLists = new SharedCode<string[]>();

/**
 * Outcome keys are compared on every evaluation (each outcome is taken once): packs whose rules
 * have the same outcomes hold the same strings, so the comparison is one pointer, not a walk
 * through another pack's copy of the text.
 */
function sharedOutcomeKeys(keys: string[]): string[] {
  return sharedKeyLists.get(JSON.stringify(keys), () => keys);
}
const sharedIndexes = new SharedCode<UnknownFactIndex>();
const sharedDerivers = new SharedCode<DeriveFacts>();

/** One unknown-fact index per distinct answer it gives: townships that move a threshold keep their base's. */
function sharedIndex(decision: string, index: UnknownFactIndex): UnknownFactIndex {
  return sharedIndexes.get(JSON.stringify([decision, index.signature]), () => index);
}

function hitPlanOf(decision: string, groups: CompiledGroup[], ruleAt: CompiledRule[]): HitPlan {
  const plan: HitPlan = {
    groups: groups.map((group) => ({
      name: group.name,
      hitPolicy: group.definition.hitPolicy,
      stopIfMatched: group.definition.stopIfMatched === true,
      orders: group.rules.map((rule) => rule.order),
    })),
    ids: ruleAt.map((rule) => rule.rule.id),
  };
  return sharedPlans.get(JSON.stringify([decision, plan]), () => plan);
}

/** How many distinct hit plans are alive: one per decision structure, however many packs share it. */
export function hitPlanCount(): number {
  return sharedPlans.size;
}

/**
 * Compiled decisions by everything they are compiled from. A thousand townships extend a few
 * packs, each moving two to four parameters: most of their decisions read none of those, and
 * such a decision is the same as its base's. They share one object, so the hot path touches one
 * set of rules per structure, not one per township (and compiling it is done once).
 */
const sharedDecisions = new SharedCode<CompiledDecision>();

/** How many distinct compiled decisions are alive across all compiled packs. */
export function compiledDecisionCount(): number {
  return sharedDecisions.size;
}

/** The parameters a decision's derived facts read, and only those (the rest are in the bound rules). */
function derivedParametersOf(
  definition: DecisionDefinition,
  parameters: Map<string, ResolvedParameter>,
): Map<string, ResolvedParameter> {
  const used = new Map<string, ResolvedParameter>();
  for (const derived of definition.derivedFacts ?? []) {
    for (const operand of derived.of)
      if (isParamRef(operand) && parameters.has(operand.param)) used.set(operand.param, parameters.get(operand.param)!);
  }
  return used;
}

/**
 * Compile a resolved (and checked) pack: one json-rules-engine `Engine` per decision, with
 * parameters bound now so that evaluation never looks them up. Call once per pack version.
 */
export function compilePack(pack: ResolvedPack, options: { version?: string } = {}): CompiledPack {
  const compiled: CompiledPack = { id: pack.id, version: options.version, resolved: pack, decisions: new Map() };
  const parameterOf = parameterLookup(pack.parameters);
  for (const decision of pack.decisions.values()) {
    const definition = decisions.get(decision.id)!;
    const bound = decision.rules.map((rule) => bindRule(rule, pack, parameterOf));
    const derivedParameters = derivedParametersOf(definition, pack.parameters);
    const key = JSON.stringify([
      decision.id,
      [...decision.groups],
      decision.rules,
      bound.map((b) => [b.title, b.conditions, [...b.parameterAt], b.outcomes, b.citations]),
      [...derivedParameters].map(([id, p]) => [id, p.value]),
    ]);
    // keyed by the catalogue's own id string, the same in every pack: with a thousand packs, a
    // look-up that compared against each pack's copy of the text would read a thousand strings
    compiled.decisions.set(
      definition.id,
      sharedDecisions.get(key, () => compileDecision(decision, bound, derivedParameters)),
    );
  }
  return compiled;
}
