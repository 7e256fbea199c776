/**
 * Differential test: the compiled path (plain JavaScript matcher, engine/compile/predicates.ts)
 * must decide exactly like json-rules-engine, the reference semantics — same outcomes, same fired
 * and shadowed rules, same condition traces, same undetermined rules, same errors — on every
 * fixture of every shipped pack, on at least 100,000 generated fact sets concentrated around the
 * packs' thresholds (optional facts often left out), and on generated conditions with empty
 * groups. Every fired rule's trace must hold, and an undetermined rule may only wait for facts
 * that were left out.
 */
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
import { basePack, clone } from '../helpers/packs.js';

const source = folderSource();
const packs = source.ids.map((id) => buildPack(id, source).compiled!).filter(Boolean);
const TOTAL_GENERATED = 100_000;

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

function generator(candidates: Map<string, unknown[]>, required: string[], seed: number) {
  let state = seed;
  const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return (): Record<string, unknown> => {
    const facts: Record<string, unknown> = {};
    for (const [name, values] of candidates) {
      if (!required.includes(name) && random() < 0.3) continue; // optional facts are often missing
      facts[name] = values[Math.floor(random() * values.length)];
    }
    return facts;
  };
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
      const next = generator(candidatesFor(pack, decision), schema.required ?? [], compared + 7);
      for (let i = 0; i < perPair; i++) {
        const facts = next();
        const { reference, compiled } = await both(pack, decision, facts);
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
      }
    }
    expect(compared).toBeGreaterThanOrEqual(TOTAL_GENERATED);
    // the generator must reach the rules, not only produce "no rule fired"
    expect(outcomesSeen / compared).toBeGreaterThan(0.3);
    // …and the fact sets that leave optional facts out must reach undetermined rules
    expect(undeterminedSeen / compared).toBeGreaterThan(0.02);
  }, 300_000);

  it('on generated conditions with empty groups, negations and optional facts left out', async () => {
    let state = 20261206;
    const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
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
    const condition = (depth: number): Condition => {
      const roll = random();
      if (depth >= 4 || roll < 0.35) return pick(LEAVES);
      if (roll < 0.5) return { not: condition(depth + 1) };
      const children = Array.from({ length: Math.floor(random() * 4) }, () => condition(depth + 1)); // 0–3: empty groups too
      return roll < 0.75 ? { all: children } : { any: children };
    };
    const ROLES = ['supervisingLeader', 'townshipHead', 'partySecretary'];
    let compared = 0;
    let undeterminedSeen = 0;
    for (let p = 0; p < 150; p++) {
      const bundle = clone(basePack());
      const rules: RuleDefinition[] = Array.from({ length: 6 }, (_, i) => ({
        id: `gen.r${i}`,
        title: `规则${i}`,
        group: (['collected', 'ordered', 'single'] as const)[i % 3],
        citations: ['LV-T-A'],
        priority: 1 + Math.floor(random() * 3),
        conditions: random() < 0.5 ? { all: [condition(1), condition(1)] } : { any: [condition(1)] },
        outcomes: [{ type: 'approval', step: 1 + (i % 2), roles: [pick(ROLES)] }],
      }));
      bundle.rules['rules/leave.json'] = {
        decision: 'leaveApproval',
        groups: {
          collected: { hitPolicy: 'collect' },
          ordered: { hitPolicy: 'first', stopIfMatched: random() < 0.5 },
          single: { hitPolicy: 'unique' },
        },
        rules,
      };
      bundle.fixtures = {};
      const pack = loadPack('test-base', bundleSource({ 'test-base': bundle }));
      for (let f = 0; f < 40; f++) {
        const facts: Record<string, unknown> = {
          applicantRole: 'ordinary',
          leaveType: pick(['personal', 'sick', 'annual']),
          days: pick([0.5, 1, 2, 5, 6]),
        };
        if (random() < 0.5) facts.keyTaskPeriod = random() < 0.5;
        if (random() < 0.5) facts.monthLeaveDaysBefore = pick([0, 2, 3]);
        if (random() < 0.5) facts.noticeDays = pick([1, 3, 5]);
        const { reference, compiled } = await both(pack, 'leaveApproval', facts);
        if (JSON.stringify(compiled) !== JSON.stringify(reference)) {
          expect({ rules, facts, compiled }).toEqual({ rules, facts, compiled: reference });
        }
        checkInvariants(reference, facts);
        if (reference.undetermined?.length) undeterminedSeen += 1;
        compared += 1;
      }
    }
    expect(undeterminedSeen / compared).toBeGreaterThan(0.1);
  }, 120_000);
});
