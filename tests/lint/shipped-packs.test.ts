/**
 * The shipped packs decide every boundary, so they lint without errors; and lint guards them:
 * moving any threshold of a ladder past its neighbour (the next threshold of the same ladder,
 * or the end of the fact's range) must produce an error. The mutations are generated from the
 * packs themselves, so a new ladder is guarded without editing this test.
 */
import { describe, expect, it } from 'vitest';
import { buildPack, folderSource, lintCompiledPack, lintPack, type ResolvedPack } from '../../engine/index.js';
import { isLeaf, isParamRef, type Condition, type LeafCondition } from '../../engine/model.js';
import { endsOf } from '../../engine/lint/intervals.js';
import { modelPack, type GroupModel } from '../../engine/lint/pack-model.js';
import type { FactSpace } from '../../engine/lint/fact-space.js';
import { intersectRegions, isEmptyRegion, type Region } from '../../engine/lint/regions.js';

const source = folderSource();
const STRUCTURAL = new Set(['OVERLAP', 'GAP', 'DEAD_RULE']);
const ORDERING = new Set(['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive']);

describe.each(['base', 'county-township-cadres'])('shipped pack %s', (packId) => {
  it('lints without errors (fixtures run)', async () => {
    const built = buildPack(packId, source);
    const findings = await lintCompiledPack(built.compiled!);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});

function leavesOf(condition: Condition): LeafCondition[] {
  if (isLeaf(condition)) return [condition];
  if ('all' in condition) return condition.all.flatMap(leavesOf);
  if ('any' in condition) return condition.any.flatMap(leavesOf);
  return leavesOf(condition.not);
}

/** A region with one fact left free: the context in which a rule speaks about that fact. */
const without = (region: Region, fact: string): Region =>
  region.map((box) => new Map([...box].filter(([f]) => f !== fact)));

interface Mutation {
  pack: string;
  parameter: string;
  from: number;
  to: number;
  crosses: string;
}

/** For each threshold parameter of a ladder, a value just past each neighbour. */
function ladderMutations(pack: ResolvedPack): Mutation[] {
  const mutations: Mutation[] = [];
  for (const decision of modelPack(pack)) {
    for (const group of decision.groups) {
      if (group.definition.hitPolicy !== 'unique' || !group.definition.completeOver?.length) continue;
      for (const fact of group.definition.completeOver)
        mutations.push(...factMutations(pack, group, fact, decision.space));
    }
  }
  return mutations;
}

function factMutations(pack: ResolvedPack, group: GroupModel, fact: string, space: FactSpace): Mutation[] {
  const domain = space.domain(fact);
  if (domain.kind !== 'number') return [];
  const thresholds = group.rules.flatMap((rule) =>
    leavesOf(rule.rule.conditions)
      .filter((leaf) => leaf.fact === fact && ORDERING.has(leaf.operator))
      .map((leaf) => ({
        rule,
        leaf,
        value: isParamRef(leaf.value) ? pack.parameters.get(leaf.value.param)?.value : leaf.value,
      })),
  );
  const out: Mutation[] = [];
  const seen = new Set<string>();
  for (const { rule, leaf, value } of thresholds) {
    if (!isParamRef(leaf.value) || typeof value !== 'number' || seen.has(leaf.value.param)) continue;
    seen.add(leaf.value.param);
    // neighbours: thresholds of rules sharing a context with this one, and the ends of the range
    const context = without(rule.region, fact);
    const cuts = thresholds
      .filter((t) => !isEmptyRegion(intersectRegions(without(t.rule.region, fact), context)))
      .map((t) => t.value)
      .filter((v): v is number => typeof v === 'number');
    const all = [...new Set([...cuts, ...endsOf(domain.set)])].sort((a, b) => a - b);
    const below = all.filter((c) => c < value);
    const above = all.filter((c) => c > value);
    const past = (neighbour: number, beyond: number | undefined, direction: 1 | -1) =>
      beyond === undefined ? neighbour + direction : (neighbour + beyond) / 2;
    if (above.length)
      out.push({
        pack: pack.id,
        parameter: leaf.value.param,
        from: value,
        to: past(above[0], above[1], 1),
        crosses: `above ${above[0]}`,
      });
    if (below.length)
      out.push({
        pack: pack.id,
        parameter: leaf.value.param,
        from: value,
        to: past(below.at(-1)!, below.at(-2), -1),
        crosses: `below ${below.at(-1)}`,
      });
  }
  return out;
}

function withValue(pack: ResolvedPack, id: string, value: number): ResolvedPack {
  const parameters = new Map(pack.parameters);
  parameters.set(id, { ...parameters.get(id)!, value });
  return { ...pack, parameters };
}

const packs = source.ids
  .map((id) => buildPack(id, source))
  .filter((b) => b.compiled)
  .map((b) => b.resolved!);
const mutations = packs.flatMap(ladderMutations);

describe('ladder thresholds moved past a neighbour', () => {
  it('are found in the shipped packs (both sides of every threshold of both ladders at least)', () => {
    const parameters = new Set(mutations.map((m) => m.parameter));
    for (const id of [
      'leave.supervisorOnlyMaxDays',
      'leave.secretaryMaxDays',
      'leave.countyHrFromDays',
      'leave.leaderSecretaryMaxDays',
      'annualLeave.minServiceYears',
      'annualLeave.midServiceYears',
      'annualLeave.longServiceYears',
    ])
      expect(parameters).toContain(id);
    expect(
      mutations
        .filter((m) => m.parameter === 'leave.secretaryMaxDays')
        .map((m) => m.crosses)
        .sort(),
    ).toEqual(['above 30', 'below 1']);
  });

  it.each(mutations.map((m) => [`${m.pack}: ${m.parameter} ${m.from} → ${m.to} (${m.crosses})`, m] as const))(
    '%s is an error',
    (_name, m) => {
      const pack = packs.find((p) => p.id === m.pack)!;
      const structural = (target: ResolvedPack) =>
        lintPack(target)
          .filter((f) => f.severity === 'error' && STRUCTURAL.has(f.code))
          .map((f) => f.message);
      // errors the pack already had (other engineers' packs in progress) do not count
      const before = new Set(structural(pack));
      expect(
        structural(withValue(pack, m.parameter, m.to)).filter((message) => !before.has(message)).length,
      ).toBeGreaterThan(0);
    },
  );
});
