/**
 * The seed ladders read literally overlap at 500 and 2000 yuan and at 5 and 30 days, and leave
 * nothing for 1 < d < 2 and d < 1 (docs/regulations.md, "How Chinese regulations read
 * numbers"). Lint must say so, with those values in words a director can act on.
 */
import { describe, expect, it } from 'vitest';
import { lintPack, type LintFinding } from '../../engine/index.js';
import { buildLint, decidedPack, literalPack } from './packs.js';

const errors = (findings: LintFinding[]) => findings.filter((f) => f.severity === 'error');

describe('seed ladders read literally', () => {
  const built = buildLint(literalPack());
  const findings = lintPack(built.resolved!);
  const overlaps = findings.filter((f) => f.code === 'OVERLAP');
  const gaps = findings.filter((f) => f.code === 'GAP');

  it('the pack itself is valid: only lint sees the problem', () => {
    expect(built.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('reports exactly the overlaps at 500 and 2000 yuan and at 5 and 30 days, and the two gaps', () => {
    expect(
      errors(findings)
        .map((f) => f.code)
        .sort(),
    ).toEqual(['GAP', 'GAP', 'OVERLAP', 'OVERLAP', 'OVERLAP', 'OVERLAP']);
  });

  it('names the overlapping amounts as concrete values', () => {
    const at500 = overlaps.find((f) => f.ruleIds!.includes('expense.upTo500'))!;
    expect(at500.ruleIds).toEqual(['expense.upTo500', 'expense.500to2000']);
    expect(at500.message).toContain('both fire when amount = 500');
    expect(at500.messageZh).toContain('500 元同时落入两条规则');
    expect(at500.messageZh).toContain('区间重叠');
    expect(at500).toMatchObject({ pack: 'lint-literal', file: 'rules/expense.json', pointer: '/rules/1/conditions' });
    const at2000 = overlaps.find((f) => f.ruleIds!.includes('expense.2000up'))!;
    expect(at2000.message).toContain('amount = 2000');
    expect(at2000.messageZh).toContain('2000 元同时落入两条规则');
  });

  it('names the overlapping days, in the context of the rules (ordinary cadres)', () => {
    const at5 = overlaps.find((f) => f.ruleIds!.join() === 'leave.twoToFive,leave.fiveToThirty')!;
    expect(at5.message).toContain('applicantRole = ordinary and days = 5');
    expect(at5.messageZh).toContain('申请人类别为一般干部、请假天数 5 天同时落入两条规则');
    const at30 = overlaps.find((f) => f.ruleIds!.join() === 'leave.fiveToThirty,leave.thirtyUp')!;
    expect(at30.message).toContain('days = 30');
    expect(at30.messageZh).toContain('30 天同时落入两条规则');
  });

  it('reports the gap 1 < d < 2 and the gap under 1 day', () => {
    expect(gaps.map((g) => g.message)).toEqual([
      expect.stringContaining('no rule of group chain fires when applicantRole = ordinary and days < 1'),
      expect.stringContaining('no rule of group chain fires when applicantRole = ordinary and 1 < days < 2'),
    ]);
    expect(gaps[0].messageZh).toContain('请假天数不满 1 天没有规则');
    expect(gaps[1].messageZh).toContain('1 天到 2 天之间没有规则');
    expect(gaps[1].messageZh).toContain('区间遗漏');
    expect(gaps[1]).toMatchObject({ file: 'rules/leave.json', pointer: '/groups/chain/completeOver' });
  });

  it('no gap on amounts: 0 to 100 000 000 yuan is covered', () => {
    expect(gaps.every((g) => g.file === 'rules/leave.json')).toBe(true);
  });
});

describe('the same ladders with every boundary decided', () => {
  it('lint without errors', () => {
    const built = buildLint(decidedPack());
    expect(built.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(errors(lintPack(built.resolved!))).toEqual([]);
  });
});
