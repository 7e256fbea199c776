/**
 * 怎样会不同 does per case only what depends on the case: a sentence already said about the same
 * threshold and the same change of outcomes is not put in words again (the table it is kept in
 * stays bounded, and forgetting it changes nothing but the cost), and which facts a pending rule
 * waits for — never part of a suggestion — is not worked out for each try.
 */
import { describe, expect, it, vi } from 'vitest';
import { evaluateSync, folderSource, loadPack, type CompiledPack, type Evaluation } from '../../engine/index.js';
import { forgetNearbyMemos, nearby } from '../../engine/nearby/nearby.js';
import { nearbyModel } from '../../engine/nearby/model.js';
import type { OutcomeSets } from '../../engine/nearby/answer.js';

const calls = vi.hoisted(() => ({ clock: 0, hinges: 0 }));

vi.mock('../../engine/explain/clock.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../engine/explain/clock.js')>();
  return {
    ...original,
    formatClock: (...args: Parameters<typeof original.formatClock>) => {
      calls.clock++;
      return original.formatClock(...args);
    },
  };
});

vi.mock('../../engine/undetermined/truth.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../engine/undetermined/truth.js')>();
  return {
    ...original,
    hingesOn: (...args: Parameters<typeof original.hingesOn>) => {
      calls.hinges++;
      return original.hingesOn(...args);
    },
  };
});

const source = folderSource();
const evaluationsOf = (pack: CompiledPack, decision?: string): Evaluation[] =>
  pack.resolved.fixtures
    .filter((f) => !f.expect.error && (!decision || f.decision === decision))
    .map((f) => evaluateSync(pack, f.decision, f.facts)!);

/** Every sentence table of a decision's outcome sets. */
function sentenceTables(sets: OutcomeSets): Map<string, string>[] {
  const out: Map<string, string>[] = [];
  for (const difference of sets.set?.differences.values() ?? [])
    for (const table of [difference.sentences.zh, difference.sentences.en]) if (table) out.push(table);
  for (const next of sets.next.values()) out.push(...sentenceTables(next));
  return out;
}

describe('nearby says each sentence once', () => {
  // the canteen's meal times are clock readings: each threshold said is formatted as 08:20
  const pack = loadPack('henan-district-office', source);
  const evaluations = evaluationsOf(pack, 'canteen');

  it('a second pass over the same cases formats no threshold again', () => {
    const first = evaluations.map((evaluation) => nearby(pack, evaluation, { locale: 'zh' }));
    expect(first.flat().some((change) => change.unit === '时刻' && change.threshold)).toBe(true);
    expect(calls.clock).toBeGreaterThan(0);
    calls.clock = 0;
    const second = evaluations.map((evaluation) => nearby(pack, evaluation, { locale: 'zh' }));
    expect(calls.clock).toBe(0);
    expect(second).toEqual(first);
  });

  it('forgetting what was said changes the cost, not the words', () => {
    const warm = evaluations.map((evaluation) => nearby(pack, evaluation));
    calls.clock = 0;
    const cold = evaluations.map((evaluation) => {
      forgetNearbyMemos(pack, 'canteen');
      return nearby(pack, evaluation);
    });
    expect(calls.clock).toBeGreaterThan(0);
    expect(cold).toEqual(warm);
  });

  it('the table of sentences stays bounded however many cases come', () => {
    const cadres = loadPack('county-township-cadres', source);
    // the same threshold reached from ever other counts: 「再多 N 次（共 M 次）」 is a new sentence each time
    const evaluation = evaluationsOf(cadres).find((e) =>
      nearby(cadres, e).some((change) => change.unit === '次' && change.threshold?.direction === 'up'),
    )!;
    const fact = nearby(cadres, evaluation).find((change) => change.unit === '次')!.fact;
    const said = new Set<string>();
    for (let n = -400; n < 0; n++) {
      const moved = evaluateSync(cadres, evaluation.decision, { ...evaluation.facts, [fact]: n }, { trusted: true })!;
      for (const change of nearby(cadres, moved, { locale: 'zh' })) if (change.fact === fact) said.add(change.text.zh!);
    }
    expect(said.size).toBeGreaterThan(256);
    const decision = cadres.decisions.get(evaluation.decision)!;
    const tables = sentenceTables(nearbyModel(cadres, decision).outcomeSets);
    expect(tables.length).toBeGreaterThan(0);
    expect(Math.max(...tables.map((table) => table.size))).toBeLessThanOrEqual(256);
  });
});

describe('nearby leaves what a pending rule waits for to evaluation', () => {
  it('no try works out which missing facts an open rule hinges on', () => {
    const undetermined = source.ids
      .map((id) => loadPack(id, source))
      .flatMap((pack) => evaluationsOf(pack).map((evaluation) => ({ pack, evaluation })))
      .filter(({ evaluation }) => evaluation.undetermined.length > 0);
    expect(undetermined.length).toBeGreaterThan(0);
    calls.hinges = 0;
    const changes = undetermined.flatMap(({ pack, evaluation }) => nearby(pack, evaluation));
    expect(changes.length).toBeGreaterThan(0);
    expect(calls.hinges).toBe(0);
  });
});
