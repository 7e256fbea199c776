/**
 * Townships that extend a pack with parameter overrides share every compiled decision that
 * reads none of the overridden parameters with the pack they extend (one object: one set of
 * rules warm in the cache, compiled once), while a decision that reads one gets its own, with
 * the township's value.
 */
import { describe, expect, it } from 'vitest';
import {
  bundleSource,
  evaluateSync,
  folderSource,
  loadPack,
  type PackBundle,
  type ParameterOverride,
} from '../../engine/index.js';
import { compiledDecisionCount } from '../../engine/compile/compile.js';
import { basePack, clone, townPack } from '../helpers/packs.js';

function township(id: string, overrides: ParameterOverride[], base: string): PackBundle {
  const town = clone(townPack());
  town.pack.id = id;
  town.pack.extends = base;
  town.parameters = { overrides };
  return town;
}

describe('compiled decisions shared across packs', () => {
  it('a township shares the decisions its overrides leave alone, and has its own where they apply', () => {
    const shipped = folderSource();
    const town = township('town-s', [{ id: 'leave.secretaryMaxDays', value: 6 }], 'county-township-cadres');
    const source = { get: (id: string) => (id === 'town-s' ? town : shipped.get(id)) };
    const base = loadPack('county-township-cadres', shipped);
    const s = loadPack('town-s', source);
    const reads = (id: string) =>
      JSON.stringify([...base.resolved.decisions.get(id)!.rules]).includes('"leave.secretaryMaxDays"');
    expect(reads('leaveApproval')).toBe(true);
    let shared = 0;
    for (const [id, decision] of s.decisions) {
      if (reads(id)) expect(decision, id).not.toBe(base.decisions.get(id));
      else {
        expect(decision, id).toBe(base.decisions.get(id));
        shared += 1;
      }
    }
    expect(shared).toBeGreaterThan(0);
    // the decision of its own answers with its value: 6 days is the secretary's under town-s, the committee's in the shipped pack
    const facts = { applicantRole: 'ordinary', leaveType: 'annual', days: 6 };
    const roles = (pack: typeof s) =>
      evaluateSync(pack, 'leaveApproval', facts)!.outcomes.flatMap((o) => (o as { roles?: string[] }).roles ?? []);
    expect(roles(s)).toContain('partySecretary');
    expect(roles(base)).not.toContain('partySecretary');
    expect(evaluateSync(s, 'leaveApproval', facts)!.pack).toBe('town-s');
  });

  it('a township with no overrides shares every decision; one whose override a rule reads does not', () => {
    const bundles = {
      'test-base': basePack(),
      'town-w': township('town-w', [], 'test-base'),
      'town-v': township('town-v', [{ id: 'leave.headFromDays', value: 3 }], 'test-base'),
    };
    const base = loadPack('test-base', bundleSource(bundles));
    const alike = loadPack('town-w', bundleSource(bundles));
    const moved = loadPack('town-v', bundleSource(bundles));
    for (const [id, decision] of alike.decisions) expect(decision, id).toBe(base.decisions.get(id));
    expect(moved.decisions.get('leaveApproval')).not.toBe(base.decisions.get('leaveApproval'));
    expect(compiledDecisionCount()).toBeGreaterThan(0);
  });
});
