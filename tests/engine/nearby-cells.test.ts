/**
 * nearby keeps its answers by cell combination: which cell of its breakpoint table each number
 * is in, each option's value, which facts are left out. Two fact sets in the same cells share
 * one entry, with only `from` filled in per call — so the kept answer must be exactly the one
 * worked out afresh, for every fact set. Drawn per decision of every shipped pack: each input
 * fact at a breakpoint, next to one, between two, at its fixture value or left out, options
 * and yes/no facts at any value; many draws land in cells met before, at other values.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPack, evaluateSync, folderSource, type CompiledPack, type Evaluation } from '../../engine/index.js';
import { decisionOf } from '../../engine/evaluate/evaluate.js';
import { contains } from '../../engine/lint/intervals.js';
import { breakpointTableOf } from '../../engine/nearby/breakpoints.js';
import { CELLS_KEPT, cellsKept } from '../../engine/nearby/cell-memo.js';
import { nearbyModel, type InputDomain } from '../../engine/nearby/model.js';
import { forgetNearbyMemos, nearby, type NearbyOptions } from '../../engine/nearby/nearby.js';
import type { Locale } from '../../engine/model.js';

const source = folderSource();
const RUNS = Number(process.env.NEARBY_CELLS_RUNS ?? 300);

/** nearby with the memo passed by: the guards at their defaults, given, keep nothing. */
const afresh = (pack: CompiledPack, evaluation: Evaluation, locale: Locale | undefined) =>
  nearby(pack, evaluation, { locale, maxCells: 64, maxOptions: 4 });

const allowed = (domain: Extract<InputDomain, { kind: 'number' }>, v: number) =>
  Number.isFinite(v) &&
  contains(domain.set, v) &&
  (!domain.integer || Number.isInteger(v)) &&
  (domain.step === undefined || Math.abs(v / domain.step - Math.round(v / domain.step)) < 1e-9);

/** Values of a number worth drawing: each breakpoint, next to it, between two, and the fixture's. */
function candidates(
  pack: CompiledPack,
  decision: string,
  domain: Extract<InputDomain, { kind: 'number' }>,
  facts: Record<string, unknown>,
): number[] {
  const model = nearbyModel(pack, decisionOf(pack, decision));
  const { values } = breakpointTableOf(model, domain.info.name, facts);
  const unit = domain.step ?? 1;
  const out = new Set<number>();
  const here = facts[domain.info.name];
  if (typeof here === 'number') for (const d of [0, -unit, unit, 2 * unit]) out.add(here + d);
  values.forEach((b, i) => {
    for (const d of [0, -unit, unit, -2 * unit, 2 * unit, -unit / 2, unit / 2]) out.add(b + d);
    if (i + 1 < values.length) {
      const mid = (b + values[i + 1]) / 2;
      out.add(mid).add(Math.round(mid / unit) * unit);
    }
  });
  const max = values.length ? values[values.length - 1] : 0;
  out.add(max + 10 * unit).add(max * 3 + 7 * unit);
  return [...out].map((v) => Math.round(v * 1e9) / 1e9).filter((v) => allowed(domain, v));
}

interface Draw {
  /** a fact set drawn anew */
  facts: Record<string, unknown>;
  /** the same with one fact (`moved`) as in another draw */
  moved: Record<string, unknown>;
  /** the same with each number moved to another value of its cell, when it has one */
  jittered: Record<string, unknown>;
  locale: Locale | undefined;
}

/** Whether no breakpoint lies between two values, nor on either (unless they are the same). */
const sameCell = (values: readonly number[], a: number, b: number) =>
  a === b || !values.some((t) => t >= Math.min(a, b) && t <= Math.max(a, b));

/**
 * Fact sets built on a decision's fixtures with every fact the rules read drawn anew (or kept,
 * or left out), each with two neighbours: one fact moved elsewhere (a key that leaves out any
 * part of the cells then hands back a wrong answer), and every number moved inside its cell
 * (which must share the answer but for `from`).
 */
function draws(pack: CompiledPack, decision: string): fc.Arbitrary<Draw> | undefined {
  const fixtures = pack.resolved.fixtures.filter((f) => f.decision === decision && !f.expect.error);
  if (!fixtures.length) return undefined;
  const model = nearbyModel(pack, decisionOf(pack, decision));
  // facts the rules read that nearby does not move (lists, text): the values the fixtures give them
  const inputs = new Set(model.inputs.map((d) => d.info.name));
  const seen = new Map<string, unknown[]>();
  for (const { facts } of model.rules)
    for (const fact of facts)
      if (!inputs.has(fact))
        seen.set(fact, [...new Map(fixtures.map((f) => [JSON.stringify(f.facts[fact]), f.facts[fact]])).values()]);
  const apply = (given: Record<string, unknown>, drawn: Record<string, unknown>) => {
    const facts = { ...given };
    for (const [name, value] of Object.entries(drawn)) {
      if (value === undefined) delete facts[name];
      else facts[name] = structuredClone(value);
    }
    return facts;
  };
  const perFixture = fixtures.map((fixture) => {
    const given = fixture.facts as Record<string, unknown>;
    const choices: Record<string, fc.Arbitrary<unknown>> = {};
    const numbers: { name: string; values: number[] }[] = [];
    for (const domain of model.inputs) {
      const values: unknown[] =
        domain.kind === 'number' ? candidates(pack, decision, domain, given) : [...domain.options];
      if (domain.kind === 'number') numbers.push({ name: domain.info.name, values: values as number[] });
      choices[domain.info.name] = fc.oneof(
        { weight: 2, arbitrary: fc.constant(given[domain.info.name]) },
        { weight: 6, arbitrary: values.length ? fc.constantFrom(...values) : fc.constant(given[domain.info.name]) },
        { weight: 1, arbitrary: fc.constant(undefined) },
      );
    }
    for (const [fact, values] of seen) choices[fact] = fc.constantFrom(...values, undefined);
    const names = Object.keys(choices);
    return fc
      .record({ drawn: fc.record(choices), other: fc.record(choices), which: fc.nat(), pick: fc.nat() })
      .map(({ drawn, other, which, pick }) => {
        const facts = apply(given, drawn);
        const name = names[which % Math.max(names.length, 1)];
        const moved = name === undefined ? facts : apply(facts, { [name]: other[name] });
        const jittered = { ...facts };
        for (const { name, values } of numbers) {
          const v = facts[name];
          if (typeof v !== 'number') continue;
          const table = breakpointTableOf(model, name, facts).values;
          const mates = values.filter((w) => w !== v && sameCell(table, v, w));
          if (mates.length) jittered[name] = mates[pick % mates.length];
        }
        return { facts, moved, jittered };
      });
  });
  return fc
    .record({ set: fc.oneof(...perFixture), locale: fc.constantFrom<Locale | undefined>('zh', 'en', undefined) })
    .map(({ set, locale }) => ({ ...set, locale }));
}

function evaluated(pack: CompiledPack, decision: string, facts: Record<string, unknown>): Evaluation | undefined {
  try {
    return evaluateSync(pack, decision, facts);
  } catch {
    return undefined; // facts the schema refuses, or two rules of a unique group matching
  }
}

describe('nearby answers kept by cell combination are the answers worked out afresh', () => {
  for (const packId of source.ids) {
    const pack = buildPack(packId, source).compiled!;
    for (const decision of pack.decisions.keys()) {
      const arbitrary = draws(pack, decision);
      if (!arbitrary) continue;
      it(`${packId} / ${decision}`, () => {
        forgetNearbyMemos(pack, decision);
        let kept = 0;
        fc.assert(
          fc.property(arbitrary, ({ facts, moved, jittered, locale }) => {
            const options: NearbyOptions = { locale };
            for (const set of [facts, moved, jittered, facts]) {
              const evaluation = evaluated(pack, decision, set);
              if (!evaluation) continue;
              expect(nearby(pack, evaluation, options)).toEqual(afresh(pack, evaluation, locale));
              kept++;
            }
          }),
          { numRuns: RUNS, seed: 19 },
        );
        // most draws are fact sets the schema allows (the property is not vacuous)
        expect(kept).toBeGreaterThan(RUNS);
      });
    }
  }
});

describe('what a kept answer hands out', () => {
  const pack = buildPack('county-township-cadres', source).compiled!;
  const fixture = pack.resolved.fixtures.find((f) => f.decision === 'attendance' && !f.expect.error)!;
  const evaluation = evaluateSync(pack, 'attendance', fixture.facts)!;

  it('what answers share is frozen: one caller cannot change it for the next', () => {
    forgetNearbyMemos(pack, 'attendance');
    const first = nearby(pack, evaluation, { locale: 'zh' });
    expect(first.length).toBeGreaterThan(0);
    const snapshot = structuredClone(first);
    for (const change of first) {
      for (const shared of [change.outcomes, change.added, change.removed, change.threshold, change.rule].filter(
        Boolean,
      ))
        expect(Object.isFrozen(shared)).toBe(true);
      expect(() => change.outcomes.push(change.outcomes[0])).toThrow(TypeError);
      change.from = 'changed'; // the change itself is the caller's
    }
    expect(nearby(pack, evaluation, { locale: 'zh' })).toEqual(snapshot);
  });

  it('two fact sets in the same cells share one kept answer, each with its own from', () => {
    // a clock reading between two of the day's thresholds
    const henan = buildPack('henan-district-office', source).compiled!;
    const model = nearbyModel(henan, decisionOf(henan, 'attendance'));
    const cases = henan.resolved.fixtures.filter((f) => f.decision === 'attendance' && !f.expect.error);
    const base = cases.find((f) => typeof f.facts.clockMinutes === 'number')!.facts;
    const { values } = breakpointTableOf(model, 'clockMinutes', base);
    const gap = values.findIndex((v, i) => i + 1 < values.length && values[i + 1] - v >= 3);
    const [a, b] = [values[gap] + 1, values[gap] + 2];
    forgetNearbyMemos(henan, 'attendance');
    const first = nearby(henan, evaluateSync(henan, 'attendance', { ...base, clockMinutes: a })!);
    expect(cellsKept(model)).toBe(1);
    const second = nearby(henan, evaluateSync(henan, 'attendance', { ...base, clockMinutes: b })!);
    expect(cellsKept(model)).toBe(1);
    const moved = second.filter((c) => c.fact === 'clockMinutes');
    expect(moved.length).toBeGreaterThan(0);
    for (const change of moved) expect(change.from).toBe(b);
    expect(second.map(({ from: _, ...rest }) => rest)).toEqual(first.map(({ from: _, ...rest }) => rest));
  });

  it('the memo stays bounded however many cells come', () => {
    // the days of a leave are kept by exact value (its breakpoints move with the days taken before)
    const henan = buildPack('henan-district-office', source).compiled!;
    const model = nearbyModel(henan, decisionOf(henan, 'leaveApproval'));
    const base = henan.resolved.fixtures.find((f) => f.decision === 'leaveApproval' && !f.expect.error)!.facts;
    forgetNearbyMemos(henan, 'leaveApproval');
    let answered = 0;
    let most = 0;
    for (let days = 1; days <= 60; days++) {
      for (let before = 0; before <= 100; before++) {
        const e = evaluated(henan, 'leaveApproval', { ...base, days, yearLeaveDaysBefore: before });
        if (!e) continue;
        nearby(henan, e, { locale: 'zh' });
        answered++;
        most = Math.max(most, cellsKept(model));
      }
    }
    expect(answered).toBeGreaterThan(CELLS_KEPT);
    expect(most).toBe(CELLS_KEPT);
    expect(cellsKept(model)).toBeLessThan(CELLS_KEPT);
  });
});
