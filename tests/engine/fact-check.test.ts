/**
 * The compiled fact check (engine/schema/fact-check.ts) must say exactly what ajv says of validity,
 * for every decision's fact schema: on the shipped fixtures' facts and on generated fact sets
 * whose values sit on and around every bound, are of the wrong type, are not finite, are codes
 * outside an enum, with required facts left out, extra keys and non-objects (inputs from
 * fast-check). Where the check says "valid", ajv is never asked, so the 422 errors of invalid facts
 * stay ajv's: those are compared too.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPack, dereferencedFactSchema, decisions, folderSource, validateFacts } from '../../engine/index.js';
import { compileFactCheck } from '../../engine/schema/fact-check.js';
import { ajvAcceptsFacts, hasCompiledFactCheck } from '../../engine/schema/registry.js';
import type { FactPropertySchema } from '../../engine/schema/fact-schema.js';

const source = folderSource();

/** Values a property allows: its bounds, values just inside them, its codes. */
function allowed(property: FactPropertySchema): unknown[] {
  switch (property.type) {
    case 'boolean':
      return [true, false];
    case 'array':
      return [[], ...(property.items?.enum ?? ['a', 'b']).map((code) => [code])];
    case 'string':
    case undefined:
      return property.enum ?? ['text'];
  }
  const values: number[] = [];
  for (const bound of [property.minimum, property.maximum]) if (bound !== undefined) values.push(bound);
  if (property.exclusiveMinimum !== undefined) values.push(property.exclusiveMinimum + 1);
  const low = property.minimum ?? property.exclusiveMinimum ?? 0;
  values.push(low + 1, property.type === 'integer' ? low + 2 : low + 0.5);
  return values;
}

/** Values around what a property allows: each bound ±, near-miss codes, wrong types, non-finite numbers. */
function refused(property: FactPropertySchema): unknown[] {
  const values: unknown[] = [
    0,
    -0,
    1,
    -1,
    0.5,
    1e9,
    NaN,
    Infinity,
    -Infinity,
    '',
    '1',
    true,
    null,
    [],
    {},
    [1],
    [null],
  ];
  for (const bound of [property.minimum, property.maximum, property.exclusiveMinimum, property.exclusiveMaximum])
    if (typeof bound === 'number') values.push(bound, bound - 1, bound + 1, bound - 0.5, bound + 0.5, bound - 1e-9);
  for (const code of [...(property.enum ?? []), ...(property.items?.enum ?? [])])
    values.push(code, `${code}x`, code.toUpperCase(), [code, 1]);
  return values;
}

function factSets(decision: string): fc.Arbitrary<unknown> {
  const schema = dereferencedFactSchema(decision);
  const required = new Set(schema.required ?? []);
  const entries = Object.entries(schema.properties).map(([name, property]) => {
    const value = fc.oneof(
      { arbitrary: fc.constantFrom(...allowed(property)), weight: 100 },
      { arbitrary: fc.constantFrom(...refused(property)), weight: 1 },
    );
    return fc.option(value, { nil: undefined, freq: required.has(name) ? 40 : 3 }).map((v) => [name, v] as const);
  });
  const object = fc
    .tuple(
      fc.tuple(...entries),
      fc.oneof(
        { arbitrary: fc.constant(null), weight: 10 },
        { arbitrary: fc.constantFrom('extra', 'constructor', 'toString', ''), weight: 1 },
      ),
    )
    .map(([drawn, extra]) => {
      const facts: Record<string, unknown> = {};
      for (const [name, value] of drawn) if (value !== undefined) facts[name] = value;
      if (extra !== null) facts[extra] = 1;
      return facts;
    });
  return fc.oneof({ arbitrary: object, weight: 20 }, fc.constantFrom(null, [], 'facts', 3, undefined));
}

describe('compiled fact check', () => {
  it('compiles every shipped fact schema', () => {
    for (const decision of decisions.keys()) expect(hasCompiledFactCheck(decision), decision).toBe(true);
  });

  it('agrees with ajv on every fixture of every shipped pack', () => {
    let checked = 0;
    for (const id of source.ids)
      for (const fixture of buildPack(id, source).resolved?.fixtures ?? []) {
        const check = compileFactCheck(dereferencedFactSchema(fixture.decision))!;
        expect(check(fixture.facts), `${id} ${fixture.id}`).toBe(ajvAcceptsFacts(fixture.decision, fixture.facts));
        checked++;
      }
    expect(checked).toBeGreaterThan(100);
  });

  for (const decision of decisions.keys())
    it(`agrees with ajv on generated facts: ${decision}`, () => {
      const check = compileFactCheck(dereferencedFactSchema(decision))!;
      let valid = 0;
      let invalid = 0;
      fc.assert(
        fc.property(factSets(decision), (facts) => {
          const expected = ajvAcceptsFacts(decision, facts);
          if (expected) valid++;
          else invalid++;
          expect(check(facts)).toBe(expected);
          // the errors of refused facts are ajv's, and valid facts have none
          expect(validateFacts(decision, facts).length === 0).toBe(expected);
        }),
        { numRuns: 600 },
      );
      // the generator reaches both verdicts
      expect(valid).toBeGreaterThan(20);
      expect(invalid).toBeGreaterThan(20);
    });

  it('leaves schemas with keywords it does not compile to ajv', () => {
    const schema = dereferencedFactSchema('leaveApproval');
    expect(
      compileFactCheck({ ...schema, properties: { ...schema.properties, code: { type: 'string', pattern: '^a' } } }),
    ).toBeUndefined();
    expect(compileFactCheck({ ...schema, minProperties: 1 } as never)).toBeUndefined();
    expect(compileFactCheck({ ...schema, properties: { n: { minimum: 0 } } })).toBeUndefined();
  });

  it('refuses a value on the wrong side of each kind of bound', () => {
    const check = compileFactCheck({
      type: 'object',
      additionalProperties: false,
      required: ['n'],
      properties: {
        n: { type: 'number', exclusiveMinimum: 0, maximum: 10 },
        i: { type: 'integer', minimum: 1, exclusiveMaximum: 5 },
        c: { enum: ['a', 'b'] },
      },
    })!;
    expect(check({ n: 10 })).toBe(true);
    expect(check({ n: 0 })).toBe(false);
    expect(check({ n: 10.5 })).toBe(false);
    expect(check({ n: 1, i: 1 })).toBe(true);
    expect(check({ n: 1, i: 5 })).toBe(false);
    expect(check({ n: 1, i: 1.5 })).toBe(false);
    expect(check({ n: 1, c: 'b' })).toBe(true);
    expect(check({ n: 1, c: 'x' })).toBe(false);
    expect(check({ n: 1, x: 1 })).toBe(false);
    expect(check({})).toBe(false);
  });
});
