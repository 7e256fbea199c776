import type { FactPropertySchema, FactSchema } from './fact-schema.js';

/**
 * A fact schema compiled into one plain predicate for the common case, valid facts: a flat object
 * of scalars checked with a few `typeof`s and comparisons, no error objects, no closures. It says
 * exactly what ajv (as the registry configures it: strict numbers, no defaults applied, `required`
 * as `=== undefined`, `additionalProperties` over `for…in`) says of validity; ajv still runs when
 * it says no, to give the error list (tests/engine/fact-check.test.ts compares the two).
 *
 * Only the keywords fact schemas use are compiled; a schema with any other keyword gets no
 * predicate (undefined) and is always checked by ajv.
 */
export type FactCheck = (facts: unknown) => boolean;

/** Keywords that say nothing about validity (annotations) or that this module compiles. */
const ANNOTATIONS = new Set([
  'title',
  'description',
  '$comment',
  'examples',
  'default',
  'x-unit',
  'x-labels',
  'x-labels-en',
]);
const PROPERTY_KEYWORDS = new Set([
  ...ANNOTATIONS,
  'type',
  'enum',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'items',
]);
const TOP_KEYWORDS = new Set([
  ...ANNOTATIONS,
  '$schema',
  '$id',
  'type',
  'required',
  'properties',
  'additionalProperties',
]);
const BOUNDS: Record<string, string> = {
  minimum: '>=',
  maximum: '<=',
  exclusiveMinimum: '>',
  exclusiveMaximum: '<',
};

/**
 * The test of one value held in the variable `v` (known to be defined), or undefined when not
 * compilable. A list's items are tested by a helper function, added to `helpers`.
 */
function valueTest(schema: FactPropertySchema, v: string, helpers: string[]): string | undefined {
  if (Object.keys(schema).some((k) => !PROPERTY_KEYWORDS.has(k))) return undefined;
  if (schema.items !== undefined && schema.type !== 'array') return undefined;
  const tests: string[] = [];
  const numeric = schema.type === 'number' || schema.type === 'integer';
  switch (schema.type) {
    case undefined:
      break;
    case 'number':
      tests.push(`typeof ${v} === "number" && isFinite(${v})`);
      break;
    case 'integer':
      tests.push(`typeof ${v} === "number" && !(${v} % 1) && !isNaN(${v}) && isFinite(${v})`);
      break;
    case 'string':
    case 'boolean':
      tests.push(`typeof ${v} === "${schema.type}"`);
      break;
    case 'array': {
      tests.push(`Array.isArray(${v})`);
      if (schema.items === undefined) break;
      if (typeof schema.items !== 'object' || Array.isArray(schema.items)) return undefined;
      const item = valueTest(schema.items, 'e', helpers);
      if (item === undefined) return undefined;
      const name = `items${helpers.length}`;
      helpers.push(
        `function ${name}(list) { for (let i = 0; i < list.length; i++) { const e = list[i]; if (!(${item})) return false; } return true; }`,
      );
      tests.push(`${name}(${v})`);
      break;
    }
    default:
      return undefined;
  }
  for (const [keyword, op] of Object.entries(BOUNDS)) {
    const bound = schema[keyword as keyof FactPropertySchema];
    if (bound === undefined) continue;
    // a bound without a numeric type applies to numbers only: not worth compiling
    if (!numeric || typeof bound !== 'number' || !Number.isFinite(bound)) return undefined;
    tests.push(`${v} ${op} ${bound}`);
  }
  if (schema.enum !== undefined) {
    const values = schema.enum as unknown[];
    if (!Array.isArray(values) || values.length === 0) return undefined;
    if (!values.every((e) => typeof e === 'string' || typeof e === 'boolean' || Number.isFinite(e))) return undefined;
    tests.push(`(${values.map((e) => `${v} === ${JSON.stringify(e)}`).join(' || ')})`);
  }
  return tests.length ? tests.join(' && ') : 'true';
}

/**
 * The predicate for a (dereferenced) fact schema, or undefined when it uses keywords not compiled
 * here. It walks the keys the facts have, not the ones the schema names: a request gives a few of
 * a decision's twenty-odd facts, and reading an absent property of objects of many shapes is a
 * slow (megamorphic) look-up each time; a required fact is counted when seen.
 */
export function compileFactCheck(schema: FactSchema): FactCheck | undefined {
  if (Object.keys(schema).some((k) => !TOP_KEYWORDS.has(k))) return undefined;
  if (schema.type !== undefined && schema.type !== 'object') return undefined;
  const closed = schema.additionalProperties === false;
  if (!closed && schema.additionalProperties !== undefined && schema.additionalProperties !== true) return undefined;
  const properties = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  if (!Array.isArray(schema.required ?? []) || [...required].some((name) => !Object.hasOwn(properties, name)))
    return undefined;
  const helpers: string[] = [];
  const cases: string[] = [];
  for (const [name, property] of Object.entries(properties)) {
    const test = valueTest(property, 'v', helpers);
    if (test === undefined) return undefined;
    cases.push(`    case ${JSON.stringify(name)}:`, '      if (v === undefined) break;');
    if (test !== 'true') cases.push(`      if (!(${test})) return false;`);
    if (required.has(name)) cases.push('      given++;');
    cases.push('      break;');
  }
  const source = [
    ...helpers,
    'return function checkFacts(f) {',
    '  if (typeof f !== "object" || f === null || Array.isArray(f)) return false;',
    '  let given = 0;',
    '  for (const k in f) {',
    '    const v = f[k];',
    '    switch (k) {',
    ...cases,
    ...(closed ? ['    default:', '      return false;'] : []),
    '    }',
    '  }',
    `  return given === ${required.size};`,
    '};',
  ].join('\n');
  return new Function(source)() as FactCheck;
}
