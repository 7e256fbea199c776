/** 新建条件组: a director names the group in Chinese; the id is generated and unique. */
import { describe, expect, it } from 'vitest';
import { NEW_GROUP, generatedGroupId, withNewGroup } from '../../admin-ui/src/rules/ruleIds';

describe('a rule saved into a new group', () => {
  it('gets a generated group id and the Chinese name as newGroup', () => {
    expect(
      withNewGroup({ title: 't', group: NEW_GROUP, newGroupLabel: ' 请假审批链 ' }, ['approvalChain', 'own1']),
    ).toEqual({ title: 't', group: 'own2', newGroup: { label: '请假审批链' } });
  });
  it('leaves a rule in an existing group as it is, without the form-only field', () => {
    expect(withNewGroup({ title: 't', group: 'approvalChain', newGroupLabel: '' }, [])).toEqual({
      title: 't',
      group: 'approvalChain',
    });
    expect(generatedGroupId([])).toBe('own1');
  });
});
