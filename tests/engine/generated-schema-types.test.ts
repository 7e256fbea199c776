/**
 * The model types derived from schemas/ are only as current as engine/schema/generated: after a
 * schema change, `npm run generate:schema-types` must be run and its output checked in.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENERATED_DIR, generateSchemaTypes } from '../../scripts/generate-schema-types.mjs';

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
