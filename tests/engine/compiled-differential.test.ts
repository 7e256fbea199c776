/**
 * Differential test: the compiled path (plain JavaScript matcher, engine/compile/predicates.ts)
 * must decide exactly like json-rules-engine, the reference semantics — same outcomes, same fired
 * and shadowed rules, same condition traces, same errors — on every fixture of every shipped
 * pack and on at least 100,000 generated fact sets concentrated around the packs' thresholds.
 */
import { describe, expect, it } from 'vitest';
import {
  EngineError, buildPack, dereferencedFactSchema, evaluate, evaluateSync, folderSource, isLeaf,
  type CompiledPack, type Condition,
} from '../../engine/index.js';

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
      if (prop.type === 'integer') values = [...new Set(values.map((v) => Math.max(prop.minimum ?? 0, Math.round(v as number))))];
    }
    candidates.set(name, values);
  }
  return candidates;
}

function generator(candidates: Map<string, unknown[]>, required: string[], seed: number) {
  let state = seed;
  const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
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
    for (const { pack, decision } of pairs) {
      expect(pack.decisions.get(decision)!.matcher, `${pack.id}/${decision} compiles`).toBeDefined();
      const schema = dereferencedFactSchema(decision);
      const next = generator(candidatesFor(pack, decision), schema.required ?? [], compared + 7);
      for (let i = 0; i < perPair; i++) {
        const facts = next();
        const { reference, compiled } = await both(pack, decision, facts);
        if (JSON.stringify(compiled) !== JSON.stringify(reference)) {
          expect({ pack: pack.id, decision, facts, compiled }).toEqual({ pack: pack.id, decision, facts, compiled: reference });
        }
        if (reference.outcomes?.length) outcomesSeen += 1;
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(TOTAL_GENERATED);
    // the generator must reach the rules, not only produce "no rule fired"
    expect(outcomesSeen / compared).toBeGreaterThan(0.3);
  }, 300_000);
});
