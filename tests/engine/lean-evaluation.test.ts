/**
 * The evaluation as the hit policies leave it (engine/evaluate/evaluate.ts): fired rules and the
 * undetermined list built when first read must read the same every time and serialise exactly as
 * the plain object did; the generated deriver (engine/compile/derive.ts) computes as written and
 * always hands back a copy; a lone winner's outcomes are each taken once.
 */
import { describe, expect, it } from 'vitest';
import {
  bundleSource,
  buildPack,
  evaluateSync,
  evaluationFields,
  folderSource,
  loadPack,
  type CompiledPack,
  type DecisionDefinition,
  type RuleDefinition,
} from '../../engine/index.js';
import { deriverFor } from '../../engine/compile/derive.js';
import type { ResolvedParameter } from '../../engine/pack/resolved.js';
import { basePack, clone } from '../helpers/packs.js';

const source = folderSource();
const packs = source.ids.map((id) => buildPack(id, source).compiled).filter((p): p is CompiledPack => !!p);
const KEYS = ['pack', 'version', 'decision', 'facts', 'outcomes', 'fired', 'shadowed', 'undetermined'];

describe('an evaluation built when read', () => {
  it('serialises field by field as its plain fields do, and reads the same objects every time', () => {
    let undetermined = 0;
    for (const pack of packs) {
      for (const fixture of pack.resolved.fixtures) {
        if (fixture.expect.error) continue;
        const evaluation = evaluateSync(pack, fixture.decision, fixture.facts)!;
        const json = JSON.stringify(evaluation);
        expect(json).toBe(JSON.stringify(evaluationFields(evaluation)));
        expect(Object.keys(JSON.parse(json))).toEqual(KEYS.filter((k) => k !== 'version' || pack.version));
        expect(evaluation.fired).toBe(evaluation.fired);
        expect(evaluation.undetermined).toBe(evaluation.undetermined);
        // read in another order (undetermined first), the answer is the same
        const again = evaluateSync(pack, fixture.decision, fixture.facts)!;
        void again.undetermined;
        expect(JSON.stringify(again)).toBe(json);
        undetermined += evaluation.undetermined.length;
      }
    }
    expect(undetermined).toBeGreaterThan(0);
  });

  it('a spread of its fields (what `rules eval --json` writes) keeps the fired rules and the undetermined list', () => {
    const pack = buildPack('county-township-cadres', source).compiled!;
    const evaluation = evaluateSync(pack, 'leaveApproval', {
      applicantRole: 'ordinary',
      leaveType: 'personal',
      days: 3,
    })!;
    const written = JSON.parse(JSON.stringify({ ...evaluationFields(evaluation), explanation: 'x' }));
    expect(written.fired.map((r: { id: string }) => r.id)).toEqual(evaluation.fired.map((r) => r.id));
    expect(written.fired.length).toBeGreaterThan(0);
    expect(written.undetermined).toEqual(JSON.parse(JSON.stringify(evaluation.undetermined)));
  });

  it('a lone winner that lists one outcome twice gives it once', () => {
    const bundle = clone(basePack());
    const rule = bundle.rules['rules/leave.json'].rules[0] as RuleDefinition;
    rule.outcomes = [rule.outcomes[0], clone(rule.outcomes[0])];
    const pack = loadPack('test-base', bundleSource({ 'test-base': bundle }));
    const evaluation = evaluateSync(pack, 'leaveApproval', {
      applicantRole: 'ordinary',
      leaveType: 'personal',
      days: 1,
    })!;
    expect(evaluation.fired.map((r) => r.id)).toEqual([rule.id]);
    expect(evaluation.outcomes).toHaveLength(1);
  });
});

describe('the generated deriver', () => {
  const parameter = (value: unknown) => ({ value }) as ResolvedParameter;
  const definition = (derivedFacts: DecisionDefinition['derivedFacts']) =>
    ({ id: 'test', derivedFacts }) as DecisionDefinition;

  it('computes each operation on numbers, later facts from earlier ones, parameters bound', () => {
    const derive = deriverFor(
      definition([
        { id: 's', title: 's', op: 'sum', of: ['a', 'b'] },
        { id: 'd', title: 'd', op: 'difference', of: ['s', { param: 'p' }] },
        { id: 'p2', title: 'p2', op: 'product', of: ['d', 2] },
        { id: 'r', title: 'r', op: 'ratio', of: ['a', 'b'] },
        { id: 'q', title: 'q', op: 'quotient', of: ['a', 'b'] },
        { id: 'm', title: 'm', op: 'remainder', of: ['a', 'b'] },
      ] as DecisionDefinition['derivedFacts']),
      new Map([['p', parameter(1)]]),
    );
    expect(derive({ a: 7, b: 2 })).toEqual({ a: 7, b: 2, s: 9, d: 8, p2: 16, r: 3.5, q: 3, m: 1 });
    // by zero, not numbers, missing, not finite: nothing derived
    expect(derive({ a: 7, b: 0 })).toEqual({ a: 7, b: 0, s: 7, d: 6, p2: 12 });
    expect(derive({ a: '7', b: 2 })).toEqual({ a: '7', b: 2 });
    expect(derive({ b: 2 })).toEqual({ b: 2 });
    expect(derive({ a: 1e308, b: 1e308 })).toEqual({ a: 1e308, b: 1e308, r: 1, q: 1, m: 0 });
  });

  it('hands back a copy even when nothing is derived (nearby lends its facts and changes them back)', () => {
    const derive = deriverFor(
      definition([
        { id: 's', title: 's', op: 'sum', of: ['a', { param: 'missing' }] },
      ] as DecisionDefinition['derivedFacts']),
      new Map(),
    );
    const facts = { a: 1 };
    const all = derive(facts);
    expect(all).toEqual({ a: 1 });
    expect(all).not.toBe(facts);
  });
});
