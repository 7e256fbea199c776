/** Logged facts and outcomes in words, the export URL, and the what-if job polling. */
import { describe, expect, it, vi } from 'vitest';
import { exportUrl, factsSummary, outcomesInWords } from '../../admin-ui/src/decisions/decisionText';
import { runWhatIf } from '../../admin-ui/src/decisions/whatIfModel';

describe('decision log texts', () => {
  it('says the facts with their Chinese names and labels, in the order of the fact schema', () => {
    const text = factsSummary('leaveApproval', { days: 3, leaveType: 'personal', applicantRole: 'ordinary' });
    expect(text).toMatch(/请假天数：3 天/);
    expect(text).toMatch(/事假/);
    expect(text).toMatch(/一般干部/);
    expect(text.indexOf('一般干部')).toBeLessThan(text.indexOf('请假天数'));
    expect(factsSummary('leaveApproval', null)).toBe('');
    expect(factsSummary('leaveApproval', { days: 2 }, 'en')).toBe('days: 2 days');
  });

  it('says the outcomes step by step', () => {
    const outcomes = [
      { type: 'approval', step: 2, roles: ['partySecretary', 'townshipHead'], mode: 'any', action: 'approve' },
      { type: 'approval', step: 1, roles: ['supervisingLeader'], action: 'sign' },
    ];
    expect(outcomesInWords(outcomes)).toMatch(/^第1步：分管领导.*；第2步：党委书记或镇长/);
    expect(outcomesInWords([])).toBe('无规则命中');
    expect(outcomesInWords([], 'en')).toBe('no rule');
  });

  it('exports with the list filter, empty values left out', () => {
    const url = exportUrl('/api', 'xlsx', { packId: 'p', decision: '', outcomeType: [], from: '2026-11-01' });
    const q = new URL(url, 'http://x').searchParams;
    expect(q.get('format')).toBe('xlsx');
    expect(JSON.parse(q.get('filter')!)).toEqual({ packId: 'p', from: '2026-11-01' });
  });
});

describe('what-if job', () => {
  it('starts a job, reports progress and returns the result', async () => {
    const result = { total: 3, changed: 2, transitions: [], cases: [] };
    const replies: any[] = [
      { job: 'j1', state: 'running', done: 0, total: 3 },
      { job: 'j1', state: 'running', done: 2, total: 3 },
      { job: 'j1', state: 'done', done: 3, total: 3, result },
    ];
    const call = vi.fn(async () => replies.shift());
    const progress: [number, number][] = [];
    const r = await runWhatIf(call as any, 'a-pack', { against: 'draft' }, (d, t) => progress.push([d, t]), {
      intervalMs: 1,
    });
    expect(r).toBe(result);
    expect(call.mock.calls[0]).toEqual(['/packs/a-pack/what-if?async=1', { body: { against: 'draft' } }]);
    expect(call.mock.calls[1]).toEqual(['/what-if-jobs/j1']);
    expect(progress).toEqual([
      [0, 3],
      [2, 3],
      [3, 3],
    ]);
  });

  it('polls a job that waits in the queue first (another server process may run it)', async () => {
    const result = { total: 1, changed: 0, transitions: [], cases: [] };
    const replies: any[] = [
      { job: 'q', state: 'queued', done: 0, total: 0 },
      { job: 'q', state: 'running', done: 0, total: 1 },
      { job: 'q', state: 'done', done: 1, total: 1, result },
    ];
    await expect(runWhatIf((async () => replies.shift()) as any, 'p', {}, () => {}, { intervalMs: 1 })).resolves.toBe(
      result,
    );
    const cancelled: any[] = [
      { job: 'c', state: 'queued', done: 0, total: 0 },
      { job: 'c', state: 'cancelled', done: 0, total: 0 },
    ];
    await expect(
      runWhatIf((async () => cancelled.shift()) as any, 'p', {}, () => {}, { intervalMs: 1 }),
    ).resolves.toBeUndefined();
  });

  it('takes a direct answer as the result and a failed job as an error', async () => {
    const direct = { total: 1, changed: 0, transitions: [], cases: [] };
    await expect(runWhatIf((async () => direct) as any, 'p', {}, () => {})).resolves.toBe(direct);
    const failed = [
      { job: 'j', state: 'running', done: 0, total: 0 },
      { job: 'j', state: 'failed', done: 0, total: 0, error: { code: 'X', message: 'boom', messageZh: '失败' } },
    ];
    await expect(
      runWhatIf((async () => failed.shift()) as any, 'p', {}, () => {}, { intervalMs: 1 }),
    ).rejects.toMatchObject({ body: { messageZh: '失败' } });
  });
});
