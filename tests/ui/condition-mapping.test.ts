// @vitest-environment jsdom
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  conditionToRuleGroup,
  ruleGroupToCondition,
  isGroup,
  OPERATOR_TO_QB,
  QB_TO_OPERATOR,
  type Condition,
  type ConditionGroup,
  type FactTypes,
} from '../../admin-ui/src/rules/conditionMapping';
import { factsOf } from '../../admin-ui/src/common/schemaCatalog';
import { referencedParameters } from '../../engine/conditions/conditions';

const RULES_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../rules');

function shippedRules(): { pack: string; file: string; decision: string; id: string; conditions: Condition }[] {
  const found = [];
  for (const pack of readdirSync(RULES_DIR)) {
    const dir = join(RULES_DIR, pack, 'rules');
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const data = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      for (const rule of data.rules)
        if (!rule.disabled)
          found.push({ pack, file, decision: data.decision, id: rule.id, conditions: rule.conditions });
    }
  }
  return found;
}

function typesOf(decision: string): FactTypes {
  return Object.fromEntries([...factsOf(decision).values()].map((f) => [f.name, f.type]));
}

/** What the builder's inputs do to a query: every typed value becomes a string. */
function asTyped(group: ConditionGroup): ConditionGroup {
  return {
    ...group,
    rules: group.rules.map((r) =>
      isGroup(r as any)
        ? asTyped(r as ConditionGroup)
        : {
            ...(r as any),
            value: Array.isArray((r as any).value) ? (r as any).value.join(',') : String((r as any).value),
          },
    ),
  };
}

const rules = shippedRules();

describe('condition mapping: json-rules-engine ↔ react-querybuilder', () => {
  it('finds the shipped rules', () => {
    expect(rules.length).toBeGreaterThan(30);
  });

  it.each(rules.map((r) => [`${r.pack}/${r.file} ${r.id}`, r] as const))('round-trips %s', (_name, rule) => {
    const group = conditionToRuleGroup(rule.conditions);
    expect(ruleGroupToCondition(group, typesOf(rule.decision))).toEqual(rule.conditions);
    // and after the builder has turned every value into text
    expect(ruleGroupToCondition(asTyped(group), typesOf(rule.decision))).toEqual(rule.conditions);
  });

  it('maps parameter references to the "field" value source', () => {
    const group = conditionToRuleGroup({
      all: [{ fact: 'days', operator: 'greaterThan', value: { param: 'leave.supervisorOnlyMaxDays' } }],
    });
    expect(group.combinator).toBe('and');
    expect(group.rules[0]).toMatchObject({
      field: 'days',
      operator: '>',
      value: 'leave.supervisorOnlyMaxDays',
      valueSource: 'field',
    });
  });

  it('maps any/or, not, nested not and not over a single fact', () => {
    const cases: Condition[] = [
      {
        any: [
          { fact: 'days', operator: 'lessThan', value: 3 },
          { fact: 'leaveType', operator: 'in', value: ['sick', 'personal'] },
        ],
      },
      { not: { any: [{ fact: 'onDuty', operator: 'equal', value: true }] } },
      { not: { fact: 'onDuty', operator: 'equal', value: true } },
      { not: { not: { all: [{ fact: 'days', operator: 'greaterThanInclusive', value: 1.5 }] } } },
      { all: [{ not: { fact: 'leaveType', operator: 'notIn', value: ['sick'] } }, { any: [] }] },
      { all: [] },
    ];
    for (const c of cases) {
      expect(ruleGroupToCondition(conditionToRuleGroup(c), typesOf('leaveApproval'))).toEqual(c);
      expect(ruleGroupToCondition(asTyped(conditionToRuleGroup(c)), typesOf('leaveApproval'))).toEqual(c);
    }
    const notGroup = conditionToRuleGroup({ not: { any: [{ fact: 'onDuty', operator: 'equal', value: true }] } });
    expect(notGroup).toMatchObject({ combinator: 'or', not: true });
  });

  it('covers every operator both ways', () => {
    for (const [engine, qb] of Object.entries(OPERATOR_TO_QB)) expect(QB_TO_OPERATOR[qb]).toBe(engine);
  });

  it('refuses builder operators json-rules-engine lacks', () => {
    expect(() =>
      ruleGroupToCondition({ combinator: 'and', rules: [{ field: 'days', operator: 'between', value: '1,2' }] }),
    ).toThrow(/between/);
  });

  it('splits typed lists on Chinese and ASCII commas', () => {
    const c = ruleGroupToCondition(
      { combinator: 'and', rules: [{ field: 'leaveType', operator: 'in', value: 'sick，personal、annual' }] },
      typesOf('leaveApproval'),
    );
    expect(c).toEqual({ all: [{ fact: 'leaveType', operator: 'in', value: ['sick', 'personal', 'annual'] }] });
  });

  it('lists referenced parameters', () => {
    const leave = rules.find((r) => r.id === 'leave.ordinary.upToFiveDays')!;
    expect(referencedParameters(leave.conditions).sort()).toEqual([
      'leave.secretaryMaxDays',
      'leave.supervisorOnlyMaxDays',
    ]);
  });
});
