// @vitest-environment jsdom
/**
 * The rule editor's visual condition builder: a stored condition shows as rows, a parameter
 * reference shows the parameter's name, and a number typed into a row comes back as a number
 * compared with the fact (the coercion is the engine's, engine/conditions).
 */
import { createElement as h } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render } from '@testing-library/react';
import polyglotI18nProvider from 'ra-i18n-polyglot';
import { AdminContext, memoryStore } from 'react-admin';
import zh from '../../admin-ui/src/i18n/zh';
import { ConditionBuilder } from '../../admin-ui/src/rules/ConditionBuilder';
import {
  conditionToRuleGroup,
  ruleGroupToCondition,
  type Condition,
  type ConditionGroup,
} from '../../admin-ui/src/rules/conditionMapping';

const i18n = polyglotI18nProvider(() => zh, 'zh');
const condition: Condition = {
  all: [
    { fact: 'days', operator: 'greaterThan', value: 3 },
    { fact: 'days', operator: 'lessThanInclusive', value: { param: 'leave.supervisorOnlyMaxDays' } },
  ],
};
const parameters = [{ id: 'leave.supervisorOnlyMaxDays', label: '分管领导单独审批的最长天数', unit: '天', value: 1 }];

describe('the condition builder of the rule editor', () => {
  it('shows a stored condition and gives back typed numbers as numbers', () => {
    const onChange = vi.fn<(q: ConditionGroup) => void>();
    const { container } = render(
      h(
        AdminContext,
        { i18nProvider: i18n, store: memoryStore() },
        h(ConditionBuilder, {
          decision: 'leaveApproval',
          query: conditionToRuleGroup(condition),
          onChange,
          parameters,
        }),
      ),
    );

    expect(container.textContent).toContain('分管领导单独审批的最长天数（1天）');
    const input = [...container.querySelectorAll('input')].find((i) => i.value === '3')!;
    expect(input).toBeDefined();
    fireEvent.change(input, { target: { value: '5' } });

    const query = onChange.mock.calls.at(-1)![0];
    const back = ruleGroupToCondition(query, { days: 'number' }) as { all: Condition[] };
    expect(back.all[0]).toEqual({ fact: 'days', operator: 'greaterThan', value: 5 });
    expect(back.all[1]).toEqual(condition.all[1]);
  });
});
