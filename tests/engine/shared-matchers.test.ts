/**
 * Packs that share a base share generated code: the compiled matcher reads condition values
 * from slots, so two townships that differ only in parameter values run one generated function
 * (each with its own values), while a township that changes a rule's structure gets its own.
 */
import { describe, expect, it } from 'vitest';
import {
  bundleSource,
  evaluateSync,
  folderSource,
  loadPack,
  type PackBundle,
  type ParameterOverride,
  type RuleDefinition,
} from '../../engine/index.js';
import { generatedCodeOf } from '../../engine/compile/predicates.js';
import { basePack, clone, townPack } from '../helpers/packs.js';

function township(id: string, overrides: ParameterOverride[], base = 'test-base'): PackBundle {
  const town = clone(townPack());
  town.pack.id = id;
  town.pack.extends = base;
  town.parameters = { overrides };
  return town;
}

describe('packs sharing a base share generated matchers', () => {
  const bundles = {
    'test-base': basePack(),
    'town-a': township('town-a', [{ id: 'leave.headFromDays', value: 2 }]),
    'town-b': township('town-b', [{ id: 'leave.headFromDays', value: 3 }]),
  };
  const source = bundleSource(bundles);
  const a = loadPack('town-a', source);
  const b = loadPack('town-b', source);

  it('two townships differing only in a parameter value run one generated function', () => {
    const matcherA = a.decisions.get('leaveApproval')!.matcher!;
    const matcherB = b.decisions.get('leaveApproval')!.matcher!;
    expect(matcherA).not.toBe(matcherB);
    expect(generatedCodeOf(matcherA)).toBeTypeOf('function');
    expect(generatedCodeOf(matcherA)).toBe(generatedCodeOf(matcherB));
  });

  it('…and each answers with its own threshold', () => {
    const facts = { applicantRole: 'ordinary', leaveType: 'personal', days: 2.5 };
    // town-a: the township head from 2 days on; town-b: from 3 days on
    expect(evaluateSync(a, 'leaveApproval', facts)!.fired.map((r) => r.id)).toEqual(['leave.long']);
    expect(evaluateSync(b, 'leaveApproval', facts)!.fired.map((r) => r.id)).toEqual(['leave.short']);
    expect(a.decisions.get('leaveApproval')!.matcher!(facts)).toEqual([false, true]);
    expect(b.decisions.get('leaveApproval')!.matcher!(facts)).toEqual([true, false]);
    // at exactly the overridden threshold each township's own bound decides
    expect(evaluateSync(a, 'leaveApproval', { ...facts, days: 2 })!.fired.map((r) => r.id)).toEqual(['leave.short']);
    expect(evaluateSync(b, 'leaveApproval', { ...facts, days: 3 })!.fired.map((r) => r.id)).toEqual(['leave.short']);
    expect(evaluateSync(a, 'leaveApproval', { ...facts, days: 3 })!.fired.map((r) => r.id)).toEqual(['leave.long']);
  });

  it("a township that changes a rule's structure gets its own function", () => {
    const changed = township('town-c', []);
    const rule = clone(basePack().rules['rules/leave.json'].rules[1]) as RuleDefinition;
    rule.conditions = {
      all: [{ fact: 'days', operator: 'greaterThanInclusive', value: { param: 'leave.headFromDays' } }],
    };
    changed.rules = { 'rules/leave.json': { decision: 'leaveApproval', rules: [rule] } };
    const c = loadPack('town-c', bundleSource({ ...bundles, 'town-c': changed }));
    expect(generatedCodeOf(c.decisions.get('leaveApproval')!.matcher!)).not.toBe(
      generatedCodeOf(a.decisions.get('leaveApproval')!.matcher!),
    );
  });

  it("townships extending a shipped pack share every decision's function with it", () => {
    const shipped = folderSource();
    const town = township(
      'town-d',
      [
        { id: 'leave.secretaryMaxDays', value: 6 },
        { id: 'leave.monthlyCapDays', value: 3 },
      ],
      'county-township-cadres',
    );
    const townSource = { get: (id: string) => (id === 'town-d' ? town : shipped.get(id)) };
    const base = loadPack('county-township-cadres', shipped);
    const d = loadPack('town-d', townSource);
    expect(d.decisions.size).toBe(base.decisions.size);
    for (const [id, decision] of d.decisions) {
      expect(generatedCodeOf(decision.matcher!), id).toBeTypeOf('function');
      expect(generatedCodeOf(decision.matcher!), id).toBe(generatedCodeOf(base.decisions.get(id)!.matcher!));
    }
    // the moved threshold answers differently: 6 days is the secretary's under town-d, the committee's in the shipped pack
    const facts = { applicantRole: 'ordinary', leaveType: 'annual', days: 6 };
    const roles = (pack: typeof d) =>
      evaluateSync(pack, 'leaveApproval', facts)!.outcomes.flatMap((o) => (o as { roles?: string[] }).roles ?? []);
    expect(roles(d)).toContain('partySecretary');
    expect(roles(base)).not.toContain('partySecretary');
  });
});
