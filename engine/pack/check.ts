import { pointer, type Issue } from '../issues.js';
import {
  isLeaf,
  isParamRef,
  type Condition,
  type Outcome,
  type ParameterDefinition,
  type ParameterValue,
} from '../model.js';
import { decisions, factsOf, validateFacts, type FactInfo } from '../schema/registry.js';
import { groupOf } from './resolve.js';
import type { Origin, ResolvedPack, ResolvedRule } from './resolved.js';
import { unknownWordIssues } from './vocabulary.js';
import { describeValueFault, parameterValueFault } from './parameter-value.js';
import { titlePlaceholders } from '../explain/title.js';

const NUMERIC_OPERATORS = new Set(['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive']);
const LIST_OPERATORS = new Set(['in', 'notIn']);

function at(origin: Origin, ...rest: (string | number)[]): Pick<Issue, 'pack' | 'file' | 'pointer'> {
  return { pack: origin.pack, file: origin.file, pointer: origin.pointer + pointer(...rest) };
}

/** Is `value` acceptable for a parameter of this definition (type, options, range)? */
export function parameterValueProblem(
  definition: ParameterDefinition,
  value: ParameterValue,
): { en: string; zh: string } | undefined {
  const fault = parameterValueFault(definition, value);
  return fault && describeValueFault(fault, definition.unit);
}

/**
 * Semantic checks on a resolved pack, beyond what the JSON Schemas can say: every reference
 * (parameter, clause, fact, group, rule) must resolve, values must fit their parameter, and
 * fixtures must be valid input for their decision.
 */
export function checkResolvedPack(pack: ResolvedPack): Issue[] {
  const issues: Issue[] = [];
  const error = (
    code: string,
    where: Pick<Issue, 'pack' | 'file' | 'pointer'>,
    message: string,
    messageZh: string,
    ruleIds?: string[],
  ) => issues.push({ severity: 'error', code, ...where, message, messageZh, ...(ruleIds ? { ruleIds } : {}) });
  const checkSource = (id: string, where: Pick<Issue, 'pack' | 'file' | 'pointer'>, ruleIds?: string[]) => {
    if (!pack.sources.has(id))
      error(
        'UNKNOWN_SOURCE',
        where,
        `clause "${id}" is not in sources.json of this pack or its bases`,
        `依据条款「${id}」不在本规则包及其基础规则包的 sources.json 中`,
        ruleIds,
      );
  };

  for (const [id, parameter] of pack.parameters) {
    checkSource(parameter.definition.source, at(parameter.origin, 'source'));
    if (parameter.definition.lock)
      checkSource(parameter.definition.lock.source, at(parameter.origin, 'lock', 'source'));
    const own = parameterValueProblem(parameter.definition, parameter.definition.value);
    if (own)
      error(
        'PARAMETER_VALUE',
        at(parameter.origin, 'value'),
        `parameter ${id} ${own.en}`,
        `参数「${parameter.definition.label}」${own.zh}`,
      );
    if (parameter.override) {
      const problem = parameterValueProblem(parameter.definition, parameter.override.value);
      if (problem)
        error(
          'PARAMETER_VALUE',
          at(parameter.override.origin, 'value'),
          `override of ${id} ${problem.en}`,
          `参数「${parameter.definition.label}」的覆盖值${problem.zh}`,
        );
      if (parameter.override.source) checkSource(parameter.override.source, at(parameter.override.origin, 'source'));
    }
  }

  for (const decision of pack.decisions.values()) {
    const definition = decisions.get(decision.id);
    if (!definition) {
      const first = decision.rules[0]?.origin ?? [...decision.groups.values()][0]?.origin;
      error(
        'UNKNOWN_DECISION',
        first ? { pack: first.pack, file: first.file, pointer: '/decision' } : { pack: pack.id },
        `unknown decision "${decision.id}" (see schemas/decisions.json)`,
        `未知的事项「${decision.id}」（见 schemas/decisions.json）`,
      );
      continue;
    }
    for (const derived of definition.derivedFacts ?? []) {
      for (const operand of derived.of) {
        if (
          isParamRef(operand) &&
          !pack.parameters.has(operand.param) &&
          decision.rules.some((r) => usesFact(r.conditions, derived.id))
        ) {
          error(
            'UNKNOWN_PARAMETER',
            decision.rules[0].origin,
            `derived fact ${derived.id} needs parameter "${operand.param}"`,
            `计算事实「${derived.title}」需要参数「${operand.param}」`,
          );
        }
      }
    }
    const facts = factsOf(decision.id);
    for (const rule of decision.rules) checkRule(pack, rule, facts, error, checkSource);
    for (const [name, group] of decision.groups) {
      for (const fact of group.completeOver ?? []) {
        if (!facts.has(fact))
          error(
            'UNKNOWN_FACT',
            { pack: group.origin.pack, file: group.origin.file, pointer: group.origin.pointer + '/completeOver' },
            `group ${name} is declared complete over unknown fact "${fact}"`,
            `条件组「${group.label ?? name}」声明覆盖的事实「${fact}」不存在`,
          );
      }
    }
  }

  const ruleIds = new Set([...pack.decisions.values()].flatMap((d) => d.rules.map((r) => r.id)));
  for (const fixture of pack.fixtures) {
    for (const id of titlePlaceholders(fixture.name).filter((p) => !pack.parameters.has(p))) {
      error(
        'UNKNOWN_TITLE_PLACEHOLDER',
        at(fixture.origin, 'name'),
        `test case ${fixture.id}: name names unknown parameter {${id}}`,
        `测试用例「${fixture.name}」的名称中的「{${id}}」不是本规则包（或其基础规则包）的参数`,
      );
    }
    if (!decisions.has(fixture.decision)) {
      error(
        'UNKNOWN_DECISION',
        { pack: fixture.origin.pack, file: fixture.origin.file, pointer: '/decision' },
        `unknown decision "${fixture.decision}"`,
        `未知的事项「${fixture.decision}」`,
      );
      continue;
    }
    for (const problem of validateFacts(fixture.decision, fixture.facts)) {
      error(
        'FIXTURE_FACTS_INVALID',
        { ...at(fixture.origin, 'facts'), pointer: fixture.origin.pointer + '/facts' + problem.path },
        `test case ${fixture.id}: facts${problem.path} ${problem.message}`,
        `测试用例「${fixture.name}」的输入${problem.messageZh}`,
      );
    }
    (fixture.expect.outcomes ?? []).forEach((outcome, i) => {
      issues.push(
        ...unknownWordIssues(pack, outcome, at(fixture.origin, 'expect', 'outcomes', i) as Origin, {
          en: `test case ${fixture.id}`,
          zh: `测试用例「${fixture.name}」的期望结果`,
        }),
      );
    });
    (fixture.expect.rules ?? []).forEach((id, i) => {
      if (!ruleIds.has(id))
        error(
          'UNKNOWN_RULE',
          at(fixture.origin, 'expect', 'rules', i),
          `test case ${fixture.id} expects unknown rule "${id}"`,
          `测试用例「${fixture.name}」期望命中的规则「${id}」不存在`,
        );
    });
  }
  return issues;
}

type ErrorSink = (
  code: string,
  where: Pick<Issue, 'pack' | 'file' | 'pointer'>,
  message: string,
  messageZh: string,
  ruleIds?: string[],
) => void;

function checkRule(
  pack: ResolvedPack,
  rule: ResolvedRule,
  facts: Map<string, FactInfo>,
  error: ErrorSink,
  checkSource: (id: string, where: Pick<Issue, 'pack' | 'file' | 'pointer'>, ruleIds?: string[]) => void,
): void {
  const ids = [rule.id];
  const decision = pack.decisions.get(rule.decision)!;
  if (!groupOf(decision, rule.group)) {
    error(
      'UNKNOWN_GROUP',
      at(rule.origin, 'group'),
      `rule ${rule.id} is in undeclared group "${rule.group}"`,
      `规则「${rule.title}」所属的条件组「${rule.group}」未声明`,
      ids,
    );
  }
  rule.citations.forEach((id, i) => checkSource(id, at(rule.origin, 'citations', i), ids));
  for (const id of titlePlaceholders(rule.title).filter((p) => !pack.parameters.has(p))) {
    error(
      'UNKNOWN_TITLE_PLACEHOLDER',
      at(rule.origin, 'title'),
      `rule ${rule.id}: title names unknown parameter {${id}}`,
      `规则「${rule.title}」的标题中的「{${id}}」不是本规则包（或其基础规则包）的参数`,
      ids,
    );
  }
  if (rule.lock) checkSource(rule.lock.source, at(rule.origin, 'lock', 'source'), ids);

  const walk = (condition: Condition, path: (string | number)[]) => {
    if (!isLeaf(condition)) {
      if ('all' in condition) condition.all.forEach((c, i) => walk(c, [...path, 'all', i]));
      else if ('any' in condition) condition.any.forEach((c, i) => walk(c, [...path, 'any', i]));
      else walk(condition.not, [...path, 'not']);
      return;
    }
    const where = at(rule.origin, ...path);
    const fact = facts.get(condition.fact);
    if (!fact) {
      error(
        'UNKNOWN_FACT',
        { ...where, pointer: where.pointer + '/fact' },
        `rule ${rule.id} tests "${condition.fact}", which is not a fact of ${rule.decision}`,
        `规则「${rule.title}」使用的事实「${condition.fact}」不在「${decisions.get(rule.decision)?.title}」的输入中`,
        ids,
      );
      return;
    }
    let value: unknown = condition.value;
    if (isParamRef(condition.value)) {
      const parameter = pack.parameters.get(condition.value.param);
      if (!parameter) {
        error(
          'UNKNOWN_PARAMETER',
          { ...where, pointer: where.pointer + '/value' },
          `rule ${rule.id} references unknown parameter "${condition.value.param}"`,
          `规则「${rule.title}」引用的参数「${condition.value.param}」不存在`,
          ids,
        );
        return;
      }
      value = parameter.value;
    }
    if (NUMERIC_OPERATORS.has(condition.operator) && typeof value !== 'number') {
      error(
        'VALUE_TYPE',
        { ...where, pointer: where.pointer + '/value' },
        `rule ${rule.id}: ${condition.operator} needs a number`,
        `规则「${rule.title}」：比较大小需要数字`,
        ids,
      );
    }
    if (LIST_OPERATORS.has(condition.operator) && !Array.isArray(value)) {
      error(
        'VALUE_TYPE',
        { ...where, pointer: where.pointer + '/value' },
        `rule ${rule.id}: ${condition.operator} needs a list`,
        `规则「${rule.title}」：「属于」需要列表`,
        ids,
      );
    }
    if (fact.type === 'enum' && fact.labels) {
      const values = Array.isArray(value) ? value : [value];
      for (const v of values) {
        if (typeof v === 'string' && !Object.hasOwn(fact.labels, v)) {
          error(
            'UNKNOWN_FACT_VALUE',
            { ...where, pointer: where.pointer + '/value' },
            `rule ${rule.id}: "${v}" is not a value of fact ${condition.fact} (${Object.keys(fact.labels).join(', ')})`,
            `规则「${rule.title}」：「${v}」不是「${fact.title}」的可选值`,
            ids,
          );
        }
      }
    }
  };
  walk(rule.conditions, ['conditions']);

  rule.outcomes.forEach((outcome, i) => {
    for (const issue of unknownWordIssues(pack, outcome, at(rule.origin, 'outcomes', i) as Origin, {
      en: `rule ${rule.id}`,
      zh: `规则「${rule.title}」的结果`,
    })) {
      error(issue.code, issue, issue.message, issue.messageZh, ids);
    }
    for (const [field, value] of Object.entries(outcome as Outcome)) {
      if (isParamRef(value) && !pack.parameters.has(value.param)) {
        error(
          'UNKNOWN_PARAMETER',
          at(rule.origin, 'outcomes', i, field),
          `rule ${rule.id} outcome references unknown parameter "${value.param}"`,
          `规则「${rule.title}」的结果引用的参数「${value.param}」不存在`,
          ids,
        );
      }
    }
  });
}

/** Does a condition tree test this fact anywhere? */
export function usesFact(condition: Condition, fact: string): boolean {
  if (isLeaf(condition)) return condition.fact === fact;
  if ('all' in condition) return condition.all.some((c) => usesFact(c, fact));
  if ('any' in condition) return condition.any.some((c) => usesFact(c, fact));
  return usesFact(condition.not, fact);
}
