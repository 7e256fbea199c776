/**
 * 试算 on a phone: which facts the effective pack's rules read (asked first, the rest under 更多),
 * and the one choice of which rules answer, which never sends a version and a day together.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { effectiveRules, factsRead, splitFields, type PackRule } from '../../admin-ui/src/tryit/factsRead';
import {
  choiceKey,
  choiceOf,
  evaluateTarget,
  versionName,
  type VersionChoice,
} from '../../admin-ui/src/tryit/versionChoice';
import decisionsFile from '../../schemas/decisions.json';
import type { DerivedFactDefinition } from '../../engine/model.js';

const RULES = join(import.meta.dirname, '..', '..', 'rules');
const derivedOf = (decision: string) =>
  (decisionsFile.decisions.find((d) => d.id === decision) as { derivedFacts?: DerivedFactDefinition[] } | undefined)
    ?.derivedFacts ?? [];

/** A shipped pack's rules as the rules resource lists them. */
function packRules(packId: string): PackRule[] {
  const dir = join(RULES, packId, 'rules');
  return readdirSync(dir).flatMap((file) => {
    const body = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    return body.rules.map((r: any) => ({
      packId,
      ruleId: r.id,
      decision: body.decision,
      disabled: r.disabled === true,
      conditions: r.conditions,
    }));
  });
}

describe('the facts a pack reads for a decision', () => {
  it('a township pack replaces a base rule of the same id and switches one off', () => {
    const rules: PackRule[] = [
      {
        packId: 'base',
        ruleId: 'a',
        decision: 'd',
        conditions: { all: [{ fact: 'days', operator: 'greaterThan', value: 1 }] },
      },
      {
        packId: 'base',
        ruleId: 'b',
        decision: 'd',
        conditions: { all: [{ fact: 'isLeader', operator: 'equal', value: true }] },
      },
      {
        packId: 'town',
        ruleId: 'a',
        decision: 'd',
        conditions: { any: [{ fact: 'leaveType', operator: 'equal', value: 'sick' }] },
      },
      { packId: 'town', ruleId: 'b', decision: 'd', disabled: true },
    ];
    expect(effectiveRules(rules, ['town', 'base']).map((r) => `${r.packId}/${r.ruleId}`)).toEqual(['town/a']);
    expect([...factsRead(rules, ['town', 'base'], 'd')]).toEqual(['leaveType']);
    // the base alone reads both of its facts
    expect([...factsRead(rules, ['base'], 'd')].sort()).toEqual(['days', 'isLeader']);
  });

  it('reads through not, nested groups and a comparison with another fact', () => {
    const rules: PackRule[] = [
      {
        packId: 'p',
        ruleId: 'r',
        decision: 'd',
        conditions: {
          all: [
            { not: { any: [{ fact: 'x', operator: 'equal', value: 1 }] } },
            { fact: 'y', operator: 'lessThan', value: { fact: 'z' } as any },
          ],
        },
      },
    ];
    expect([...factsRead(rules, ['p'], 'd')].sort()).toEqual(['x', 'y', 'z']);
  });

  it('a derived fact counts as reading its sources', () => {
    const rules: PackRule[] = [
      {
        packId: 'p',
        ruleId: 'r',
        decision: 'leaveApproval',
        conditions: { all: [{ fact: 'monthLeaveDaysTotal', operator: 'greaterThan', value: 3 }] },
      },
    ];
    expect([...factsRead(rules, ['p'], 'leaveApproval', derivedOf('leaveApproval'))].sort()).toEqual([
      'days',
      'monthLeaveDaysBefore',
    ]);
  });

  it('on the shipped township pack, 请假审批 asks far fewer facts than the form has', () => {
    const rules = [...packRules('base'), ...packRules('county-township-cadres')];
    const read = factsRead(rules, ['county-township-cadres', 'base'], 'leaveApproval', derivedOf('leaveApproval'));
    expect(read.has('days')).toBe(true);
    expect(read.has('leaveType')).toBe(true);
    expect(read.has('monthLeaveDaysTotal')).toBe(false);
    const names = ['applicantRole', 'leaveType', 'days', ...[...read], 'notARuleFact'];
    const { asked, more } = splitFields([...new Set(names)], ['applicantRole'], read);
    expect(asked).toContain('applicantRole');
    expect(more).toEqual(['notARuleFact']);
  });
});

describe('which rules answer a trial', () => {
  it('sends a version or a day, never both', () => {
    const choices: VersionChoice[] = [
      { kind: 'draft' },
      { kind: 'version', version: 3 },
      { kind: 'onDay', day: '2027-01-01' },
      { kind: 'onDay', day: '' },
    ];
    for (const c of choices) {
      const target = evaluateTarget(c);
      expect('version' in target && 'asOf' in target, JSON.stringify(c)).toBe(false);
    }
    expect(evaluateTarget({ kind: 'draft' })).toEqual({ version: 'draft' });
    expect(evaluateTarget({ kind: 'version', version: 3 })).toEqual({ version: 3 });
    expect(evaluateTarget({ kind: 'onDay', day: '2027-01-01' })).toEqual({ asOf: '2027-01-01' });
    expect(evaluateTarget({ kind: 'onDay', day: '' })).toEqual({});
  });

  it('choosing a version drops the day; coming back to the day keeps it', () => {
    expect(choiceOf('3', '2027-01-01')).toEqual({ kind: 'version', version: 3 });
    expect(choiceOf('onDay', '2027-01-01')).toEqual({ kind: 'onDay', day: '2027-01-01' });
    expect(choiceKey(choiceOf('draft', ''))).toBe('draft');
  });

  it('names the answering rules in Chinese, never the raw draft', () => {
    expect(versionName('draft', 'zh')).toBe('草稿');
    expect(versionName(undefined, 'zh')).toBe('草稿');
    expect(versionName(2, 'zh')).toBe('第 2 版');
    expect(versionName('2', 'zh')).toBe('第 2 版');
  });
});
