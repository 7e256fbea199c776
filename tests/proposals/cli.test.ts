/** The scripted path a tester takes: draft-from --review, draft-accept, rules test <folder>. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;

function rules(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'engine/cli/main.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

const TEXT = [
  '青禾乡机关管理办法',
  '二、经费',
  '2.单笔开支不超过800元的，由分管领导审批；单笔开支800元以上的，报党委书记审批。',
  '三、考勤',
  '3.会议迟到1次的，给予提醒谈话；2次的，予以通报批评；4次以上的，取消当年评先评优资格。',
].join('\n');

describe('rules draft-from --review / draft-accept', () => {
  it('round trip on a temp folder: proposals out, confirmed ones in as rules and fixtures, rules test passes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'proposals-cli-'));
    writeFileSync(join(dir, '办法.txt'), TEXT);
    const folder = join(dir, 'qinghe');
    const review = join(dir, 'review.json');
    const drafted = rules(
      'draft-from',
      join(dir, '办法.txt'),
      '--township',
      '青禾乡',
      '--pack-id',
      'qinghe',
      '--out',
      folder,
      '--review',
      review,
    );
    expect(drafted.err).toBe('');
    expect(drafted.code).toBe(0);
    const proposals = JSON.parse(readFileSync(review, 'utf8'));
    expect(proposals.folder).toBe('qinghe');
    expect(proposals.proposals.map((p: { id: string }) => p.id)).toEqual(
      expect.arrayContaining(['p-c2-l1', 'p-c4-l1']),
    );

    // nothing confirmed: nothing written, the gate lists the open proposals
    const idle = rules('--json', 'draft-accept', review);
    expect(idle.code).toBe(0);
    expect(JSON.parse(idle.out).accepted).toEqual([]);
    expect(JSON.parse(idle.out).blockers.some((b: { code: string }) => b.code === 'PROPOSALS_UNCONFIRMED')).toBe(true);
    expect(existsSync(join(folder, 'rules', 'expense-approval.json'))).toBe(false);

    const accepted = rules(
      '--json',
      'draft-accept',
      review,
      '--confirm-all',
      '--resolve',
      'p-c2-l1:overlap:t1:t2=upperTier',
      'p-c4-l1:gap:t2:t3=extendLower',
    );
    expect(accepted.err).toBe('');
    expect(accepted.code).toBe(0);
    const summary = JSON.parse(accepted.out);
    expect(summary.fixtures.failed).toBe(0);
    expect(summary.untestedBoundaries).toEqual([]);
    expect(summary.issues.filter((i: { severity: string }) => i.severity === 'error')).toEqual([]);
    const expense = JSON.parse(readFileSync(join(folder, 'rules', 'expense-approval.json'), 'utf8'));
    expect(expense.rules.map((r: { id: string }) => r.id)).toEqual([
      'expenseApproval.amount.under800',
      'expenseApproval.amount.from800',
    ]);
    const cases = JSON.parse(readFileSync(join(folder, 'fixtures', 'expense-approval.json'), 'utf8')).cases;
    expect(cases.map((c: { name: string }) => c.name)).toEqual([
      '单笔开支799元：分管领导审批',
      '单笔开支800元：党委书记审批',
      '单笔开支801元：党委书记审批',
    ]);
    // the review file keeps only what is still open
    expect(
      JSON.parse(readFileSync(review, 'utf8')).proposals.every(
        (p: { id: string }) => !['p-c2-l1', 'p-c4-l1'].includes(p.id),
      ),
    ).toBe(true);

    const tested = rules('test', folder);
    expect(tested.code).toBe(0);
    expect(tested.out).toMatch(/✓ qinghe \d+ passed, 0 failed/);
  }, 120_000);

  it('a bad --resolve is a clear error, nothing written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'proposals-cli-'));
    writeFileSync(join(dir, '办法.txt'), TEXT);
    rules(
      'draft-from',
      join(dir, '办法.txt'),
      '--township',
      '青禾乡',
      '--pack-id',
      'qinghe',
      '--out',
      join(dir, 'qinghe'),
      '--review',
      join(dir, 'review.json'),
    );
    const before = readFileSync(join(dir, 'review.json'), 'utf8');
    const bad = rules('draft-accept', join(dir, 'review.json'), '--resolve', 'p-c2-l1:overlap:t1:t2=sideways');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('sideways');
    expect(readFileSync(join(dir, 'review.json'), 'utf8')).toBe(before);
  }, 60_000);
});
