/**
 * Differential test: the compiled path (plain JavaScript matcher, engine/compile/predicates.ts)
 * must decide exactly like json-rules-engine, the reference semantics — same outcomes, same fired
 * and shadowed rules, same condition traces, same undetermined rules, same errors — on every
 * fixture of every shipped pack, on at least 100,000 generated fact sets concentrated around the
 * packs' thresholds (optional facts often left out), and on generated conditions with empty
 * groups. Every fired rule's trace must hold, and an undetermined rule may only wait for facts
 * that were left out. Fact sets and conditions come from fast-check arbitraries with a fixed seed,
 * so a failure replays the same way and shrinks to a small counterexample.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EngineError,
  buildPack,
  bundleSource,
  dereferencedFactSchema,
  evaluate,
  evaluateSync,
  folderSource,
  isLeaf,
  loadPack,
  type CompiledPack,
  type Condition,
  type RuleDefinition,
} from '../../engine/index.js';
import { conditionTree, factSet } from '../helpers/arbitraries.js';
import { basePack, clone } from '../helpers/packs.js';

const source = folderSource();
const packs = source.ids.map((id) => buildPack(id, source).compiled!).filter(Boolean);
const TOTAL_GENERATED = 100_000;
/** Fixed so a CI failure replays locally; fast-check prints the seed and path of a counterexample. */
const SEED = 20261206;

async function both(pack: CompiledPack, decision: string, facts: Record<string, unknown>) {
  const run = async (fn: () => unknown) => {
    try {
      return JSON.parse(JSON.stringify(await fn()));
    } catch (error) {
      if (error instanceof EngineError) return { error: error.code };
      throw error;
    }
  };
  const reference = await run(() => evaluate(pack, decision, facts, { trusted: true }));
  const compiled = await run(() => evaluateSync(pack, decision, facts, { trusted: true }));
  return { reference, compiled };
}

/** What must hold of any answer: fired rules' traces hold; undetermined rules wait only for facts left out. */
function checkInvariants(answer: any, facts: Record<string, unknown>): void {
  if (answer.error) return;
  for (const fired of answer.fired) expect(fired.trace.result, `${fired.id} fired, so its trace holds`).toBe(true);
  for (const entry of answer.undetermined) {
    expect(entry.facts.length).toBeGreaterThan(0);
    for (const fact of entry.facts) expect(facts[fact.name], `${entry.rule} waits for ${fact.name}`).toBeUndefined();
  }
}

/** Values worth trying for each fact: the thresholds the rules use, their neighbours, and the schema's values. */
function candidatesFor(pack: CompiledPack, decision: string): Map<string, unknown[]> {
  const schema = dereferencedFactSchema(decision);
  const thresholds = new Map<string, unknown[]>();
  const walk = (c: Condition) => {
    if (isLeaf(c)) {
      const list = thresholds.get(c.fact) ?? [];
      list.push(...(Array.isArray(c.value) ? c.value : [c.value]));
      thresholds.set(c.fact, list);
    } else if ('all' in c) c.all.forEach(walk);
    else if ('any' in c) c.any.forEach(walk);
    else walk(c.not);
  };
  for (const rule of pack.decisions.get(decision)!.rules.values()) walk(rule.conditions);
  const candidates = new Map<string, unknown[]>();
  for (const [name, prop] of Object.entries<any>(schema.properties)) {
    const used = thresholds.get(name) ?? [];
    let values: unknown[];
    if (prop.enum) values = [...prop.enum];
    else if (prop.type === 'boolean') values = [true, false];
    else if (prop.type === 'array') values = [[], ...used.map((v) => [v]), used.filter((_, i) => i % 2 === 0)];
    else {
      const numbers = used.filter((v): v is number => typeof v === 'number');
      const near = numbers.flatMap((t) => [t - 1, t - 0.5, t - 0.01, t, t + 0.01, t + 0.5, t + 1]);
      values = [...new Set([prop.minimum ?? 0, ...near, 1, 2, 3, 10, 100])].filter((v) => v >= (prop.minimum ?? 0));
      if (prop.type === 'integer')
        values = [...new Set(values.map((v) => Math.max(prop.minimum ?? 0, Math.round(v as number))))];
    }
    candidates.set(name, values);
  }
  return candidates;
}

describe('compiled path = json-rules-engine', () => {
  it.each(packs.map((p) => [p.id, p] as const))('on every fixture of pack %s', async (_id, pack) => {
    expect(pack.resolved.fixtures.length).toBeGreaterThan(0);
    for (const fixture of pack.resolved.fixtures) {
      const { reference, compiled } = await both(pack, fixture.decision, fixture.facts);
      expect(compiled, fixture.id).toEqual(reference);
    }
  });

  it(`on ${TOTAL_GENERATED.toLocaleString('en-US')} generated fact sets around every threshold`, async () => {
    const pairs = packs.flatMap((pack) => [...pack.decisions.keys()].map((decision) => ({ pack, decision })));
    const perPair = Math.ceil(TOTAL_GENERATED / pairs.length);
    let compared = 0;
    let outcomesSeen = 0;
    let undeterminedSeen = 0;
    for (const { pack, decision } of pairs) {
      expect(pack.decisions.get(decision)!.matcher, `${pack.id}/${decision} compiles`).toBeDefined();
      const schema = dereferencedFactSchema(decision);
      const facts = factSet(candidatesFor(pack, decision), schema.required ?? []);
      await fc.assert(
        fc.asyncProperty(facts, async (facts) => {
          const { reference, compiled } = await both(pack, decision, facts);
          // the string comparison is the fast path; toEqual only runs to describe a difference
          if (JSON.stringify(compiled) !== JSON.stringify(reference)) {
            expect({ pack: pack.id, decision, facts, compiled }).toEqual({
              pack: pack.id,
              decision,
              facts,
              compiled: reference,
            });
          }
          checkInvariants(reference, facts);
          if (reference.outcomes?.length) outcomesSeen += 1;
          if (reference.undetermined?.length) undeterminedSeen += 1;
          compared += 1;
        }),
        { numRuns: perPair, seed: SEED + compared },
      );
    }
    expect(compared).toBeGreaterThanOrEqual(TOTAL_GENERATED);
    // the generator must reach the rules, not only produce "no rule fired"
    expect(outcomesSeen / compared).toBeGreaterThan(0.3);
    // …and the fact sets that leave optional facts out must reach undetermined rules
    expect(undeterminedSeen / compared).toBeGreaterThan(0.02);
  }, 300_000);

  it('on generated conditions with empty groups, negations and optional facts left out', async () => {
    const LEAVES: Condition[] = [
      { fact: 'days', operator: 'greaterThan', value: 1 },
      { fact: 'days', operator: 'lessThanInclusive', value: 5 },
      { fact: 'keyTaskPeriod', operator: 'equal', value: true },
      { fact: 'keyTaskPeriod', operator: 'equal', value: false },
      { fact: 'keyTaskPeriod', operator: 'notEqual', value: true },
      { fact: 'monthLeaveDaysBefore', operator: 'greaterThan', value: 2 },
      { fact: 'monthLeaveDaysTotal', operator: 'greaterThan', value: 4 },
      { fact: 'noticeDays', operator: 'lessThan', value: 3 },
      { fact: 'leaveType', operator: 'in', value: ['personal', 'sick'] },
      { fact: 'leaveType', operator: 'notIn', value: ['annual'] },
    ];
    // below the rule's own all/any: up to three more levels, groups of 0–3 children (empty groups too)
    const condition = conditionTree(fc.constantFrom(...LEAVES), {
      maxDepth: 3,
      minChildren: 0,
      maxChildren: 3,
      weights: { leaf: 35, not: 15, all: 25, any: 25 },
    });
    const GROUPS = ['collected', 'ordered', 'single'] as const;
    const rule = (i: number) =>
      fc
        .record({
          priority: fc.integer({ min: 1, max: 3 }),
          conditions: fc.oneof(
            fc.tuple(condition, condition).map((all) => ({ all })),
            condition.map((c) => ({ any: [c] })),
          ),
          role: fc.constantFrom('supervisingLeader', 'townshipHead', 'partySecretary'),
        })
        .map(({ priority, conditions, role }): RuleDefinition => ({
          id: `gen.r${i}`,
          title: `规则${i}`,
          group: GROUPS[i % 3],
          citations: ['LV-T-A'],
          priority,
          conditions,
          outcomes: [{ type: 'approval', step: 1 + (i % 2), roles: [role] }],
        }));
    const rules = fc.tuple(...Array.from({ length: 6 }, (_, i) => rule(i)));
    const facts = factSet(
      new Map<string, unknown[]>([
        ['applicantRole', ['ordinary']],
        ['leaveType', ['personal', 'sick', 'annual']],
        ['days', [0.5, 1, 2, 5, 6]],
        ['keyTaskPeriod', [true, false]],
        ['monthLeaveDaysBefore', [0, 2, 3]],
        ['noticeDays', [1, 3, 5]],
      ]),
      ['applicantRole', 'leaveType', 'days'],
      2,
    );
    let compared = 0;
    let undeterminedSeen = 0;
    await fc.assert(
      fc.asyncProperty(
        rules,
        fc.boolean(),
        fc.array(facts, { minLength: 40, maxLength: 40 }),
        async (rules, stopIfMatched, factSets) => {
          const bundle = clone(basePack());
          bundle.rules['rules/leave.json'] = {
            decision: 'leaveApproval',
            groups: {
              collected: { hitPolicy: 'collect' },
              ordered: { hitPolicy: 'first', stopIfMatched },
              single: { hitPolicy: 'unique' },
            },
            rules,
          };
          bundle.fixtures = {};
          const pack = loadPack('test-base', bundleSource({ 'test-base': bundle }));
          for (const facts of factSets) {
            const { reference, compiled } = await both(pack, 'leaveApproval', facts);
            if (JSON.stringify(compiled) !== JSON.stringify(reference)) {
              expect({ rules, facts, compiled }).toEqual({ rules, facts, compiled: reference });
            }
            checkInvariants(reference, facts);
            if (reference.undetermined?.length) undeterminedSeen += 1;
            compared += 1;
          }
        },
      ),
      { numRuns: 150, seed: SEED },
    );
    expect(undeterminedSeen / compared).toBeGreaterThan(0.1);
  }, 120_000);
});
