/**
 * The compiled open-rule finder (engine/undetermined/open-code.ts) must find the same open rules,
 * each waiting for the same facts, as the interpreter (`openRules` over truth.ts): on every
 * fixture of every shipped pack and on fact sets that leave optional facts out, and on generated
 * conditions with negations, empty groups and flags tested `= false` (a default that settles or
 * does not settle a test).
 */
import { describe, expect, it } from 'vitest';
import {
  buildPack,
  bundleSource,
  dereferencedFactSchema,
  folderSource,
  loadPack,
  type CompiledDecision,
  type CompiledPack,
  type Condition,
  type RuleDefinition,
} from '../../engine/index.js';
import { hingeInputs, openRules, openRulesOf } from '../../engine/undetermined/open-rules.js';
import { basePack, clone } from '../helpers/packs.js';

const source = folderSource();
const packs = source.ids.map((id) => buildPack(id, source).compiled!).filter(Boolean);

function random(seed: number) {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

/** Both answers as [rule id, facts waited for] lists; how many rules were open. */
function compare(decision: CompiledDecision, facts: Record<string, unknown>): number {
  const all = decision.derive(facts);
  const matched = decision.matcher!(all);
  const unknown = decision.unknownFacts(all);
  if (!unknown) return 0;
  const listed = (open: ReturnType<typeof openRules>) =>
    [...(open ?? [])].map(([rule, inputs]) => [rule.rule.id, [...inputs].sort()]);
  const interpreted = listed(openRules(decision, all, unknown, (rule) => matched[rule.order]));
  // the compiled answer names no inputs: an undetermined list that is read asks hingeInputs
  const found = openRulesOf(decision, all, unknown, matched);
  const compiled = found && new Map([...found].map((rule) => [rule, hingeInputs(rule, all, unknown)]));
  expect(listed(compiled), JSON.stringify(facts)).toEqual(interpreted);
  return interpreted.length;
}

describe('compiled open-rule finder = interpreter', () => {
  it('every shipped decision has a compiled finder', () => {
    for (const pack of packs)
      for (const decision of pack.decisions.values())
        expect(decision.findOpenRules, `${pack.id}/${decision.id}`).toBeTypeOf('function');
  });

  it('on the fixtures of every shipped pack, and with their optional facts left out in turn', () => {
    let open = 0;
    for (const pack of packs) {
      for (const fixture of pack.resolved.fixtures) {
        const decision = pack.decisions.get(fixture.decision)!;
        open += compare(decision, fixture.facts);
        const required = new Set<string>(dereferencedFactSchema(decision.id).required ?? []);
        for (const name of Object.keys(fixture.facts).filter((n) => !required.has(n))) {
          const { [name]: _left, ...fewer } = fixture.facts;
          open += compare(decision, fewer);
        }
      }
    }
    expect(open).toBeGreaterThan(50);
  });

  it('on generated conditions with negations, empty groups and flags tested = false', () => {
    const next = random(20261207);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
    const LEAVES: Condition[] = [
      { fact: 'days', operator: 'greaterThan', value: 1 },
      { fact: 'days', operator: 'lessThanInclusive', value: 5 },
      { fact: 'keyTaskPeriod', operator: 'equal', value: true },
      { fact: 'keyTaskPeriod', operator: 'equal', value: false },
      { fact: 'keyTaskPeriod', operator: 'notEqual', value: true },
      { fact: 'keyTaskPeriod', operator: 'notEqual', value: false },
      { fact: 'monthLeaveDaysBefore', operator: 'greaterThan', value: 2 },
      { fact: 'monthLeaveDaysBefore', operator: 'lessThan', value: 1 },
      { fact: 'monthLeaveDaysTotal', operator: 'greaterThan', value: 4 },
      { fact: 'noticeDays', operator: 'lessThan', value: 3 },
      { fact: 'leaveType', operator: 'in', value: ['personal', 'sick'] },
      { fact: 'leaveType', operator: 'notIn', value: ['annual'] },
    ];
    const condition = (depth: number): Condition => {
      const roll = next();
      if (depth >= 4 || roll < 0.35) return pick(LEAVES);
      if (roll < 0.5) return { not: condition(depth + 1) };
      const children = Array.from({ length: Math.floor(next() * 4) }, () => condition(depth + 1));
      return roll < 0.75 ? { all: children } : { any: children };
    };
    let open = 0;
    for (let p = 0; p < 100; p++) {
      const bundle = clone(basePack());
      const rules: RuleDefinition[] = Array.from({ length: 6 }, (_, i) => ({
        id: `gen.r${i}`,
        title: `规则${i}`,
        group: 'collected',
        citations: ['LV-T-A'],
        conditions: next() < 0.5 ? { all: [condition(1), condition(1)] } : { any: [condition(1)] },
        outcomes: [{ type: 'approval', step: 1, roles: ['townshipHead'] }],
      }));
      bundle.rules['rules/leave.json'] = {
        decision: 'leaveApproval',
        groups: { collected: { hitPolicy: 'collect' } },
        rules,
      };
      bundle.fixtures = {};
      const pack: CompiledPack = loadPack('test-base', bundleSource({ 'test-base': bundle }));
      const decision = pack.decisions.get('leaveApproval')!;
      for (let f = 0; f < 40; f++) {
        const facts: Record<string, unknown> = {
          applicantRole: 'ordinary',
          leaveType: pick(['personal', 'sick', 'annual']),
          days: pick([0.5, 1, 2, 5, 6]),
        };
        if (next() < 0.5) facts.keyTaskPeriod = next() < 0.5;
        if (next() < 0.5) facts.monthLeaveDaysBefore = pick([0, 2, 3]);
        if (next() < 0.5) facts.noticeDays = pick([1, 3, 5]);
        open += compare(decision, facts);
      }
    }
    expect(open).toBeGreaterThan(200);
  });
});
