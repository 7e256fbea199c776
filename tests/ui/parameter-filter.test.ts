/** Finding a parameter on 参数: search by label or clause, filter by decision, locked ones apart. */
import { describe, expect, it } from 'vitest';
import type { ClauseRecord } from '../../admin-ui/src/common/ClauseText';
import { decisionsOf, filterParameters, isUnused, splitLocked } from '../../admin-ui/src/parameters/parameterFilter';
import type { ParameterRecord } from '../../admin-ui/src/parameters/parameterValidation';

const row = (
  parameterId: string,
  label: string,
  source: string,
  usedBy: string[] | undefined,
  extra: Partial<ParameterRecord> = {},
): ParameterRecord => ({
  id: `p:${parameterId}`,
  packId: 'p',
  parameterId,
  label,
  type: 'number',
  unit: '天',
  source,
  value: 1,
  definedIn: 'p',
  inherited: false,
  overridden: false,
  revision: 1,
  ...(usedBy ? { usedBy } : {}),
  ...extra,
});

const ROWS = [
  row('leave.supervisorOnlyMaxDays', '分管领导单独审批的最长天数', 'LV-002-A', ['leaveApproval']),
  row('attendance.lateMinutes', '迟到认定的分钟数', 'AT-001', ['attendance']),
  row('annualLeave.shortServiceDays', '工作满1年不满10年的年休假天数', 'NAT-001', ['leaveEntitlement'], {
    inherited: true,
    definedIn: 'base',
    lock: { kind: 'fixed', source: 'NAT-001', reason: '国家规定' },
  }),
  row('leave.draftedMaxDays', '起草时的最长天数', 'LV-002-A', []),
];
const CLAUSES = new Map<string, ClauseRecord>([
  [
    'LV-002-A',
    {
      id: 'p:LV-002-A',
      packId: 'p',
      clauseId: 'LV-002-A',
      document: '某县某镇机关干部管理制度',
      article: '三、考勤制度 第3条',
      text: '干部请假1天的，由分管领导审批',
    },
  ],
  [
    'NAT-001',
    {
      id: 'base:NAT-001',
      packId: 'base',
      clauseId: 'NAT-001',
      document: '职工带薪年休假条例',
      article: '第三条',
      text: '职工累计工作已满1年不满10年的，年休假5天',
    },
  ],
]);
const ids = (rows: ParameterRecord[]) => rows.map((r) => r.parameterId);

describe('filterParameters', () => {
  it('finds by label, by clause words, document and article', () => {
    expect(ids(filterParameters(ROWS, { q: '迟到', decision: '' }, CLAUSES))).toEqual(['attendance.lateMinutes']);
    expect(ids(filterParameters(ROWS, { q: '年休假条例', decision: '' }, CLAUSES))).toEqual([
      'annualLeave.shortServiceDays',
    ]);
    expect(ids(filterParameters(ROWS, { q: '第3条 分管领导', decision: '' }, CLAUSES))).toEqual([
      'leave.supervisorOnlyMaxDays',
      'leave.draftedMaxDays',
    ]);
    expect(filterParameters(ROWS, { q: '不存在的词', decision: '' }, CLAUSES)).toEqual([]);
  });
  it('filters by the decision whose rules read the parameter', () => {
    expect(ids(filterParameters(ROWS, { q: '', decision: 'leaveApproval' }, CLAUSES))).toEqual([
      'leave.supervisorOnlyMaxDays',
    ]);
    expect(decisionsOf(ROWS)).toEqual(['attendance', 'leaveApproval', 'leaveEntitlement']);
  });
  it('sets the locked (national) parameters apart and marks the ones nothing reads', () => {
    const { open, locked } = splitLocked(ROWS);
    expect(ids(locked)).toEqual(['annualLeave.shortServiceDays']);
    expect(open).toHaveLength(3);
    expect(ROWS.filter(isUnused).map((r) => r.parameterId)).toEqual(['leave.draftedMaxDays']);
    expect(isUnused(row('x', 'x', 'x', undefined))).toBe(false);
  });
});
