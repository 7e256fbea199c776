/**
 * The one mapping between json-rules-engine conditions (what rule packs store) and
 * react-querybuilder's RuleGroupType (what the visual condition builder edits).
 *
 *   {all: [...]}            ↔ group {combinator: 'and'}
 *   {any: [...]}            ↔ group {combinator: 'or'}
 *   {not: {all|any: ...}}   ↔ the same group with not: true
 *   {not: leaf}             ↔ group {combinator: 'and', not: true, notLeaf: true, rules: [leaf]}
 *   {fact, operator, value} ↔ rule {field: fact, operator: OPERATOR_TO_QB[operator], value}
 *   value {param: id}       ↔ rule {value: id, valueSource: 'field'}  ("field" lists parameters)
 *
 * Values keep their JSON types; values typed in the builder arrive as strings and are coerced
 * back with the fact's type (number, integer, boolean, enum, lists for in/notIn).
 */
import type { RuleGroupType, RuleType } from 'react-querybuilder';
import { isLeaf, isParamRef, type Condition, type ConditionValue, type LeafCondition, type Operator } from '../../../engine/model.js';
import { coerceConditionValue, type FactType } from '../../../engine/conditions/conditions.js';

export type { Condition, ConditionValue, FactType, LeafCondition, Operator };

/** A builder group; `notLeaf` remembers that `{not: leaf}` had no all/any of its own. */
export type ConditionGroup = RuleGroupType & { notLeaf?: boolean };

/** json-rules-engine operator → react-querybuilder operator name. */
export const OPERATOR_TO_QB: Record<Operator, string> = {
  equal: '=',
  notEqual: '!=',
  lessThan: '<',
  lessThanInclusive: '<=',
  greaterThan: '>',
  greaterThanInclusive: '>=',
  in: 'in',
  notIn: 'notIn',
  contains: 'contains',
  doesNotContain: 'doesNotContain',
};

export const QB_TO_OPERATOR: Record<string, Operator> = Object.fromEntries(
  Object.entries(OPERATOR_TO_QB).map(([engine, qb]) => [qb, engine as Operator]),
) as Record<string, Operator>;

/** Labels of the operators as a director reads them. */
export const OPERATOR_LABELS: Record<'zh' | 'en', Record<Operator, string>> = {
  zh: {
    equal: '等于', notEqual: '不等于', lessThan: '小于', lessThanInclusive: '小于或等于（含）',
    greaterThan: '大于（不含）', greaterThanInclusive: '大于或等于（含）', in: '属于其中之一', notIn: '不属于其中任何一个',
    contains: '包含', doesNotContain: '不包含',
  },
  en: {
    equal: 'equals', notEqual: 'does not equal', lessThan: 'less than', lessThanInclusive: 'at most',
    greaterThan: 'more than', greaterThanInclusive: 'at least', in: 'is one of', notIn: 'is none of',
    contains: 'contains', doesNotContain: 'does not contain',
  },
};

/** What the builder needs to know about each fact to coerce typed values back. */
export type FactTypes = Record<string, FactType | undefined>;

export function isGroup(item: RuleType | RuleGroupType): item is ConditionGroup {
  return Array.isArray((item as RuleGroupType).rules);
}

export class ConditionMappingError extends Error {
  constructor(message: string, readonly path: string) {
    super(`${path || '/'}: ${message}`);
  }
}

let counter = 0;
function nextId(): string {
  counter += 1;
  return `c${counter}`;
}

function leafToRule(leaf: LeafCondition, path: string): RuleType {
  const operator = OPERATOR_TO_QB[leaf.operator];
  if (!operator) throw new ConditionMappingError(`unknown operator ${leaf.operator}`, path);
  if (isParamRef(leaf.value)) {
    return { id: nextId(), field: leaf.fact, operator, value: leaf.value.param, valueSource: 'field' };
  }
  return { id: nextId(), field: leaf.fact, operator, value: Array.isArray(leaf.value) ? [...leaf.value] : leaf.value, valueSource: 'value' };
}

function toGroup(condition: Condition, path: string): ConditionGroup {
  if ('all' in condition) return { id: nextId(), combinator: 'and', rules: condition.all.map((c, i) => toItem(c, `${path}/all/${i}`)) };
  if ('any' in condition) return { id: nextId(), combinator: 'or', rules: condition.any.map((c, i) => toItem(c, `${path}/any/${i}`)) };
  if ('not' in condition) {
    const inner = condition.not;
    if (isLeaf(inner)) return { id: nextId(), combinator: 'and', not: true, notLeaf: true, rules: [leafToRule(inner, `${path}/not`)] };
    const group = toGroup(inner, `${path}/not`);
    if (group.not) {
      // {not: {not: X}}: the inner group already carries its own not; wrap it
      return { id: nextId(), combinator: 'and', not: true, notLeaf: true, rules: [group] };
    }
    return { ...group, not: true };
  }
  throw new ConditionMappingError('expected all, any, not or a fact condition', path);
}

function toItem(condition: Condition, path: string): RuleType | ConditionGroup {
  return isLeaf(condition) ? leafToRule(condition, path) : toGroup(condition, path);
}

/** A stored condition (top level all/any/not) as the builder's query. */
export function conditionToRuleGroup(condition: Condition): ConditionGroup {
  if (isLeaf(condition)) {
    // not valid at the top of a rule, but let the builder show it inside an "all"
    return { id: nextId(), combinator: 'and', rules: [leafToRule(condition, '')] };
  }
  return toGroup(condition, '');
}

function ruleToLeaf(rule: RuleType, facts: FactTypes, path: string): LeafCondition {
  const operator = QB_TO_OPERATOR[rule.operator];
  if (!operator) throw new ConditionMappingError(`operator ${rule.operator} has no json-rules-engine equivalent`, path);
  if (rule.valueSource === 'field') {
    return { fact: rule.field, operator, value: { param: String(rule.value) } };
  }
  return { fact: rule.field, operator, value: coerceConditionValue(rule.value, operator, facts[rule.field]) };
}

function fromItem(item: RuleType | ConditionGroup, facts: FactTypes, path: string): Condition {
  return isGroup(item) ? fromGroup(item, facts, path) : ruleToLeaf(item, facts, path);
}

function fromGroup(group: ConditionGroup, facts: FactTypes, path: string): Condition {
  if (group.not && group.notLeaf && group.rules.length === 1) {
    return { not: fromItem(group.rules[0] as RuleType | ConditionGroup, facts, `${path}/not`) };
  }
  const key = group.combinator === 'or' ? 'any' : 'all';
  if (group.combinator !== 'and' && group.combinator !== 'or') {
    throw new ConditionMappingError(`combinator ${group.combinator} has no json-rules-engine equivalent`, path);
  }
  const inner = group.not ? `${path}/not/${key}` : `${path}/${key}`;
  const children = group.rules.map((r, i) => fromItem(r as RuleType | ConditionGroup, facts, `${inner}/${i}`));
  const body: Condition = key === 'any' ? { any: children } : { all: children };
  return group.not ? { not: body } : body;
}

/** The builder's query back as a stored condition; `facts` gives each fact's type for coercion. */
export function ruleGroupToCondition(group: ConditionGroup, facts: FactTypes = {}): Condition {
  return fromGroup(group, facts, '');
}
