/**
 * The model types derived from schemas/ are only as current as engine/schema/generated: after a
 * schema change, `npm run generate:schema-types` must be run and its output checked in.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENERATED_DIR, generateSchemaTypes, typesByDefinition } from '../../scripts/generate-schema-types.mjs';

describe('types generated from the schemas', () => {
  const expected: Map<string, string> = generateSchemaTypes();

  it('are current: regenerating them changes nothing', () => {
    for (const [name, text] of expected) {
      expect(
        readFileSync(join(GENERATED_DIR, name), 'utf8'),
        `engine/schema/generated/${name} is stale: run npm run generate:schema-types`,
      ).toBe(text);
    }
  });

  it('leave no file behind for a schema no longer generated', () => {
    expect(readdirSync(GENERATED_DIR).sort()).toEqual([...expected.keys()].sort());
  });
});

describe('types written one per definition', () => {
  const entry = { file: 'tree.schema.json', constName: 'treeSchema', typeName: 'TreeFileSchema' };
  const typesOf = (schema: { definitions?: object; [keyword: string]: unknown }) =>
    typesByDefinition(entry, {
      ...schema,
      definitions: { ...schema.definitions, label: { type: 'string' } },
    }).types.join('');

  it('let a definition name itself, where FromSchema would loop', () => {
    const text = typesOf({
      $ref: '#/definitions/node',
      definitions: {
        node: {
          type: 'object',
          additionalProperties: false,
          required: ['label'],
          properties: {
            label: { $ref: '#/definitions/label' },
            children: { type: 'array', items: { $ref: '#/definitions/node' } },
          },
        },
      },
    });
    expect(text).toContain('export type NodeSchema = {\n  label: LabelSchema;\n  children?: NodeSchema[];\n};');
  });

  it('refuse, naming where, a keyword beside a $ref they cannot type instead of dropping it', () => {
    expect(() =>
      typesOf({ type: 'object', properties: { a: { $ref: '#/definitions/label' } }, patternProperties: { '^x-': {} } }),
    ).toThrow('tree.schema.json#/: unsupported object');
    expect(() => typesOf({ type: 'array', items: { $ref: '#/definitions/label' }, uniqueItems: true })).toThrow(
      'unsupported array',
    );
    expect(() => typesOf({ $ref: '#/definitions/missing' })).toThrow('no type for #/definitions/missing');
    expect(() => typesOf({ type: 'array', items: { $ref: '#/definitions/label' }, minItems: 1, maxItems: 3 })).toThrow(
      'unsupported maxItems',
    );
  });

  it('write an array of exactly n items as a tuple', () => {
    expect(typesOf({ type: 'array', items: { $ref: '#/definitions/label' }, minItems: 2, maxItems: 2 })).toContain(
      'export type TreeFileSchema = [LabelSchema, LabelSchema];',
    );
  });

  it('write if/then per `type` as a union only when the branches are exactly the values of `type`', () => {
    const branch = (value: string) => ({
      if: { properties: { type: { const: value } } },
      then: { $ref: `#/definitions/${value}` },
    });
    const kind = (value: string) => ({ type: 'object', required: ['type'], properties: { type: { const: value } } });
    const schema = (values: string[]) => ({
      properties: { type: { enum: ['a', 'b'] } },
      allOf: values.map(branch),
      definitions: { a: kind('a'), b: kind('b') },
    });
    expect(typesOf(schema(['a', 'b']))).toContain('export type TreeFileSchema = ASchema | BSchema;');
    expect(() => typesOf(schema(['a']))).toThrow('the if/then branches do not match the enum of type');
  });
});
