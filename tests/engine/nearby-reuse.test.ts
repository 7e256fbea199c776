/**
 * 怎样会不同 keeps what does not depend on the case: the value standing for each stretch
 * between two thresholds is chosen once (interval arithmetic), and the words and outcome lists
 * it shares between evaluations are handed out as copies, so a caller changing one answer
 * cannot change the next.
 */
import { describe, expect, it, vi } from 'vitest';
import { evaluateSync, folderSource, loadPack, type Evaluation } from '../../engine/index.js';
import { nearby } from '../../engine/nearby/nearby.js';

const intervals = vi.hoisted(() => ({ intersections: 0 }));

vi.mock('../../engine/lint/intervals.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../engine/lint/intervals.js')>();
  return {
    ...original,
    intersect: (...args: Parameters<typeof original.intersect>) => {
      intervals.intersections++;
      return original.intersect(...args);
    },
  };
});

const source = folderSource();
const pack = loadPack('county-township-cadres', source);
const evaluations: Evaluation[] = pack.resolved.fixtures
  .filter((f) => !f.expect.error)
  .map((f) => evaluateSync(pack, f.decision, f.facts)!);

describe('nearby keeps what does not depend on the case', () => {
  it('a second pass over the same cases does no interval arithmetic', () => {
    for (const evaluation of evaluations) nearby(pack, evaluation, { locale: 'zh' });
    expect(intervals.intersections).toBeGreaterThan(0);
    intervals.intersections = 0;
    const changes = evaluations.flatMap((evaluation) => nearby(pack, evaluation, { locale: 'zh' }));
    expect(changes.filter((c) => c.threshold).length).toBeGreaterThan(0);
    expect(intervals.intersections).toBe(0);
  });

  it('shared outcome lists and words are handed out frozen: no caller can change them for the next', () => {
    const evaluation = evaluations.find((e) => nearby(pack, e).some((c) => c.added.length && c.removed.length))!;
    const first = nearby(pack, evaluation);
    const expected = JSON.parse(JSON.stringify(first));
    for (const change of first) {
      expect(() => (change.outcomes.length = 0)).toThrow(TypeError);
      expect(() => (change.added.length = 0)).toThrow(TypeError);
      expect(() => (change.removed.length = 0)).toThrow(TypeError);
      try {
        change.text.zh = '';
      } catch {
        // frozen words: shared with every case in the same cells
      }
      change.from = "the caller's own";
    }
    expect(JSON.parse(JSON.stringify(nearby(pack, evaluation)))).toEqual(expected);
  });
});
