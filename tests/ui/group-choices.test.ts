/** The rule editor's group list reads in the director's words: labels, not group ids. */
import { describe, expect, it } from 'vitest';
import { groupChoices, type GroupInfo } from '../../admin-ui/src/rules/groups';

const map = (groups: GroupInfo[]) => new Map(groups.map((g) => [`${g.decision}/${g.id}`, g]));

describe('groupChoices', () => {
  it('names a group by its label alone', () => {
    const choices = groupChoices(
      map([
        { decision: 'leaveApproval', id: 'ordinaryDaysTiers', label: '一般干部请假审批' },
        { decision: 'attendance', id: 'lateTiers', label: '迟到' },
      ]),
      'leaveApproval',
    );
    expect(choices).toEqual([{ id: 'ordinaryDaysTiers', name: '一般干部请假审批' }]);
    expect(choices[0].name).not.toContain('ordinaryDaysTiers');
  });

  it('adds the id only where labels alone cannot tell groups apart', () => {
    const choices = groupChoices(
      map([
        { decision: 'leaveApproval', id: 'a', label: '请假' },
        { decision: 'leaveApproval', id: 'b', label: '请假' },
        { decision: 'leaveApproval', id: 'c' },
      ]),
      'leaveApproval',
    );
    expect(choices.map((c) => c.name)).toEqual(['请假（a）', '请假（b）', '（c）']);
  });
});
