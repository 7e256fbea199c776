/**
 * The pack diff: structural comparison (key order is no change), the fast path that skips
 * decisions whose inputs are identical, and the cases whose outcomes move — checked against a
 * brute-force reference that evaluates every case on the slow path.
 */
import { describe, expect, it } from 'vitest';
import {
  buildPack,
  diffPacks,
  evaluate,
  folderSource,
  outcomeKey,
  type BuiltPack,
  type PackBundle,
  type PackSource,
} from '../../engine/index.js';

const PACK = 'county-township-cadres';
const source = folderSource();
const original = buildPack(PACK, source);

function edited(edit: (bundle: PackBundle) => void): BuiltPack {
  const bundle = structuredClone(source.get(PACK)!);
  edit(bundle);
  const draftSource: PackSource = { get: (id) => (id === PACK ? bundle : source.get(id)) };
  return buildPack(PACK, draftSource);
}

/** The same JSON with every object's keys in reverse order. */
function reversedKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reversedKeys) as T;
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reversedKeys(v)]),
    ) as T;
  return value;
}

const setParameter = (bundle: PackBundle, id: string, value: number) => {
  bundle.parameters.parameters!.find((p) => p.id === id)!.value = value;
};

/** Every case of either side evaluated on both with json-rules-engine: the ids whose outcomes differ. */
async function movedByBruteForce(from: BuiltPack, to: BuiltPack): Promise<string[]> {
  const cases = new Map([...from.resolved!.fixtures, ...to.resolved!.fixtures].map((c) => [c.id, c]));
  const key = async (built: BuiltPack, decision: string, facts: Record<string, unknown>) => {
    try {
      return (await evaluate(built.compiled!, decision, facts)).outcomes.map(outcomeKey).sort().join('|');
    } catch (error) {
      return (error as { code?: string }).code ?? 'ERROR';
    }
  };
  const moved: string[] = [];
  for (const c of cases.values())
    if ((await key(from, c.decision, c.facts)) !== (await key(to, c.decision, c.facts))) moved.push(c.id);
  return moved.sort();
}

describe('diffPacks', () => {
  it('reads rules, cases and parameters written with their keys in another order as unchanged, and evaluates nothing', async () => {
    // rules, cases and parameters with their keys reversed (the order of groups is meaningful: it is left alone)
    const reordered = edited((bundle) => {
      for (const file of Object.values(bundle.rules)) file.rules = file.rules.map(reversedKeys);
      for (const file of Object.values(bundle.fixtures)) file.cases = file.cases.map(reversedKeys);
      bundle.parameters.parameters = bundle.parameters.parameters?.map(reversedKeys);
    });
    expect(reordered.compiled).toBeDefined();
    const diff = await diffPacks(original, reordered);
    expect(diff).toEqual({
      parameters: [],
      rules: { added: [], removed: [], changed: [] },
      fixtures: [],
      evaluated: 0,
    });
  });

  it('a threshold change: the parameter, and the cases whose outcomes moved, evaluated only in the decision that reads it', async () => {
    const raised = edited((b) => setParameter(b, 'leave.supervisorOnlyMaxDays', 2));
    const diff = await diffPacks(original, raised);
    expect(diff.parameters).toEqual([
      { id: 'leave.supervisorOnlyMaxDays', label: expect.any(String), from: 1, to: 2, change: 'changed' },
    ]);
    expect(diff.rules).toEqual({ added: [], removed: [], changed: [] });
    const moved = diff.fixtures.map((f) => f.id).sort();
    expect(moved).toEqual(['leave.cap.4d', 'leave.cap.sick', 'leave.ordinary.1-5d', 'leave.ordinary.2d'].sort());
    expect(moved).toEqual(await movedByBruteForce(original, raised));
    const twoDays = diff.fixtures.find((f) => f.id === 'leave.ordinary.2d')!;
    expect(twoDays).toMatchObject({
      decision: 'leaveApproval',
      from: { outcomes: expect.any(Array), rules: expect.any(Array) },
    });
    // only the leave-approval cases were run
    const leaveCases = original.resolved!.fixtures.filter((c) => c.decision === 'leaveApproval').length;
    expect(diff.evaluated).toBe(leaveCases);
    expect(diff.evaluated).toBeLessThan(original.resolved!.fixtures.length);
  });

  it('lists rules added, removed and changed, and agrees with the brute force on the cases', async () => {
    const changed = edited((b) => {
      const file = Object.values(b.rules).find((f) => f.rules.some((r) => r.id === 'leave.ordinary.upToFiveDays'))!;
      const index = file.rules.findIndex((r) => r.id === 'leave.ordinary.upToFiveDays');
      const rule = file.rules[index] as { outcomes: unknown[] };
      rule.outcomes = rule.outcomes.slice(0, 1);
      // a copy under a new id is added, and the rule written last is removed
      file.rules.push({ ...structuredClone(file.rules[index]), id: 'leave.ordinary.copy' });
      file.rules.splice(file.rules.length - 2, 1);
    });
    const removedId = Object.values(source.get(PACK)!.rules)
      .find((f) => f.rules.some((r) => r.id === 'leave.ordinary.upToFiveDays'))!
      .rules.at(-1)!.id;
    const diff = await diffPacks(original, changed);
    expect(diff.rules.added.map((r) => r.id)).toEqual(['leave.ordinary.copy']);
    expect(diff.rules.removed.map((r) => r.id)).toEqual([removedId]);
    expect(diff.rules.changed.map((r) => r.id)).toEqual(['leave.ordinary.upToFiveDays']);
    expect(diff.rules.changed[0].from.outcomes.length).toBeGreaterThan(diff.rules.changed[0].to.outcomes.length);
    expect(diff.rules.changed[0].from).not.toHaveProperty('origin');
    expect(diff.fixtures.length).toBeGreaterThan(0);
    expect(diff.fixtures.map((f) => f.id).sort()).toEqual(await movedByBruteForce(original, changed));
  });

  it('a rule moved to another place in its file is not a change', async () => {
    const moved = edited((b) => {
      const file = Object.values(b.rules).find((f) => f.rules.some((r) => r.id === 'leave.ordinary.upToFiveDays'))!;
      file.rules.push(...file.rules.splice(0, 1));
    });
    const diff = await diffPacks(original, moved);
    expect(diff.rules).toEqual({ added: [], removed: [], changed: [] });
    expect(diff.fixtures.map((f) => f.id).sort()).toEqual(await movedByBruteForce(original, moved));
  });

  it('a side that does not build answers PACK_INVALID for every case', async () => {
    const broken = edited((b) => {
      b.parameters.overrides = [{ id: 'no.such.parameter', value: 1 }];
    });
    expect(broken.compiled).toBeUndefined();
    const diff = await diffPacks(original, broken);
    expect(diff.fixtures.length).toBe(original.resolved!.fixtures.length);
    expect(diff.fixtures.every((f) => 'error' in f.to && f.to.error === 'PACK_INVALID')).toBe(true);
  });
});
