/**
 * The audit list says in words what the adoption flow did: a scheduled publish with its basis,
 * a publish without approval with its reason, a review with its comment, a re-dated version.
 */
import { describe, expect, it } from 'vitest';
import { actionText } from '../../admin-ui/src/auditEvents/actions';
import { briefChange, type AuditRecord } from '../../admin-ui/src/auditEvents/AuditList';

const record = (r: Partial<AuditRecord>): AuditRecord => ({
  id: 1,
  at: '2026-12-02T04:00:00.000Z',
  actor: 'director-a',
  action: 'pack.publish',
  resource: 'versions',
  recordId: 'p:2',
  packId: 'p',
  version: 2,
  before: null,
  after: null,
  ...r,
});

describe('audit entries of the adoption flow', () => {
  it('names every new action in Chinese', () => {
    for (const action of [
      'pack.publishWithoutApproval',
      'publishRequest.create',
      'publishRequest.approve',
      'publishRequest.reject',
      'publishRequest.withdraw',
      'version.reschedule',
      'version.cancel',
    ]) {
      expect(actionText(action, 'zh')).not.toBe(action);
    }
    expect(actionText('pack.publishWithoutApproval', 'zh')).toBe('不经审批直接发布');
  });

  it('a scheduled publish shows its day and basis; a bypass its reason', () => {
    expect(
      briefChange(
        record({
          before: { version: 1 },
          after: {
            version: 2,
            scheduled: true,
            effectiveFrom: '2026-12-31T16:00:00.000Z',
            basis: { text: '镇党委会纪要' },
          },
        }),
      ),
    ).toBe('第 1 版 → 第 2 版（2027-01-01 起施行）；依据：镇党委会纪要');
    expect(
      briefChange(
        record({
          action: 'pack.publishWithoutApproval',
          before: { version: 2 },
          after: { version: 3, scheduled: false, bypassApproval: { reason: '上级紧急通知' } },
        }),
      ),
    ).toBe('第 2 版 → 第 3 版；未经审批，理由：上级紧急通知');
  });

  it('a review shows the request and the comment; a re-dating old → new day', () => {
    expect(
      briefChange(
        record({
          action: 'publishRequest.reject',
          resource: 'publish-requests',
          recordId: '7',
          after: { decision: 'reject', comment: '请先征求意见' },
        }),
      ),
    ).toBe('第 7 号发布申请：请先征求意见');
    expect(
      briefChange(
        record({
          action: 'version.reschedule',
          before: { effectiveFrom: '2026-12-31T16:00:00.000Z' },
          after: { effectiveFrom: '2027-01-31T16:00:00.000Z' },
        }),
      ),
    ).toBe('第 2 版：2027-01-01 → 2027-02-01');
  });

  it("a pack's own event (初始导入) names the pack, not its id", () => {
    const names: Record<string, string> = { base: '基础规则包（全国通用）' };
    expect(
      briefChange(
        record({ action: 'pack.seed', resource: 'packs', recordId: 'base', packId: 'base', version: 1, after: null }),
        (id) => names[id] ?? id,
      ),
    ).toBe('基础规则包（全国通用）');
  });
});
