/** Lint: rules that hinge on an optional fact no rule covers the absence of (answers without it are undetermined). */
import { describe, expect, it } from 'vitest';
import {
  buildPack,
  evaluateSync,
  folderSource,
  lintPack,
  type Condition,
  type GroupDefinition,
  type RuleDefinition,
} from '../../engine/index.js';
import { buildLint, outcome, packWith, rule } from './packs.js';

const absentEvent = { fact: 'event', operator: 'equal', value: 'noLeaveAbsence' } as Condition;
const managedBy = (operator: string, value: unknown) => ({ fact: 'managedBy', operator, value }) as Condition;
const groups: Record<string, GroupDefinition> = { referral: { hitPolicy: 'collect' } };
const uncovered = (rules: RuleDefinition[]) =>
  lintPack(buildLint(packWith('attendance', groups, rules)).resolved!).filter((f) => f.code === 'UNCOVERED_ABSENCE');

describe('UNCOVERED_ABSENCE', () => {
  it('the shipped 002 referral rules hinge on 干部管理权限 and nothing says what applies without it', () => {
    const source = folderSource();
    const findings = lintPack(buildPack('county-township-cadres', source).resolved!).filter(
      (f) => f.code === 'UNCOVERED_ABSENCE',
    );
    const finding = findings.find((f) => f.messageZh.includes('「干部管理权限」'))!;
    expect(finding).toMatchObject({
      severity: 'warning',
      ruleIds: ['attendance.referToOrgDept', 'attendance.referToHrBureau'],
    });
    expect(finding.messageZh).toContain('这类答复会列为「还需确认」');
    expect(finding.message).toContain('hinge on the optional fact managedBy');
  });

  it('one rule per option and none for its absence: a finding naming the fact and the rules', () => {
    const findings = uncovered([
      rule('r.org', '报组织部', 'referral', { all: [absentEvent, managedBy('equal', 'orgDept')] }, outcome('late')),
      rule('r.hr', '报人社局', 'referral', { all: [absentEvent, managedBy('equal', 'hrBureau')] }, outcome('absent')),
    ]);
    expect(findings.map((f) => f.ruleIds)).toEqual([['r.org', 'r.hr']]);
  });

  it('a rule that holds when the fact is absent (not in, ≠, not) covers it', () => {
    for (const cover of [
      managedBy('notIn', ['orgDept', 'hrBureau']),
      { not: managedBy('in', ['orgDept']) } as Condition,
    ]) {
      expect(
        uncovered([
          rule('r.org', '报组织部', 'referral', { all: [absentEvent, managedBy('equal', 'orgDept')] }, outcome('late')),
          rule('r.default', '未明确管理权限的报组织部', 'referral', { all: [absentEvent, cover] }, outcome('absent')),
        ]),
      ).toEqual([]);
    }
  });

  it('a yes/no fact left out reads as 否: `= true` needs no cover, `= false` does', () => {
    const special = (value: boolean) => ({ fact: 'specialCase', operator: 'equal', value }) as Condition;
    expect(
      uncovered([rule('r.special', '特殊情况', 'referral', { all: [absentEvent, special(true)] }, outcome('late'))]),
    ).toEqual([]);
    expect(
      uncovered([
        rule('r.ordinary', '非特殊情况', 'referral', { all: [absentEvent, special(false)] }, outcome('late')),
      ]).map((f) => f.ruleIds),
    ).toEqual([['r.ordinary']]);
  });

  it('a rule that tests nothing but the fact is never entered without it, so evaluation never asks: no finding', () => {
    const findings = uncovered([
      rule('r.org', '报组织部', 'referral', { all: [managedBy('equal', 'orgDept')] }, outcome('late')),
      rule('r.hr', '报人社局', 'referral', { all: [absentEvent, managedBy('equal', 'hrBureau')] }, outcome('absent')),
    ]);
    expect(findings.map((f) => f.ruleIds)).toEqual([['r.hr']]);
  });

  it('every warning on the shipped packs is real: leaving the fact out of some case leaves a named rule undetermined', () => {
    const source = folderSource();
    for (const id of source.ids) {
      const built = buildPack(id, source);
      for (const finding of lintPack(built.resolved!).filter((f) => f.code === 'UNCOVERED_ABSENCE')) {
        const fact = /optional fact (\w+)/.exec(finding.message)![1];
        const rules = finding.ruleIds!;
        const decision = [...built.compiled!.decisions.values()].find((d) => rules.every((r) => d.rules.has(r)))!;
        // a case that enters a named rule: its other tests hold, with the fact left out
        const asked = built
          .compiled!.resolved.fixtures.filter((f) => f.decision === decision.id && !f.expect.error)
          .some((fixture) => {
            const { [fact]: _, ...facts } = fixture.facts;
            return evaluateSync(built.compiled!, decision.id, facts)!.undetermined.some((u) => rules.includes(u.rule));
          });
        expect(asked, `${id}: ${finding.message}`).toBe(true);
      }
    }
  });
});
