/** A rule on screen is named by its title, also when a township switched it off (the entry has only the id). */
import { describe, expect, it } from 'vitest';
import { ruleName } from '../../admin-ui/src/rules/ruleName';

describe('ruleName', () => {
  const chain = [
    { ruleId: 'leave.ordinary.upto1', title: '一般干部请假{leave.supervisorMaxDays}天以内' },
    { ruleId: 'leave.ordinary.upto1' },
  ];
  it("shows the rule's own title", () => {
    expect(ruleName({ ruleId: 'x.y', title: '请假审批' }, chain, '未命名规则')).toBe('请假审批');
  });
  it('names a switched-off rule by the title of the rule it switches off, never by its id', () => {
    const name = ruleName({ ruleId: 'leave.ordinary.upto1' }, chain, '未命名规则');
    expect(name).toBe('一般干部请假{leave.supervisorMaxDays}天以内');
    expect(name).not.toContain('leave.ordinary');
  });
  it('an unknown rule without title reads 未命名规则', () => {
    expect(ruleName({ ruleId: 'gone.rule' }, chain, '未命名规则')).toBe('未命名规则');
  });
});
