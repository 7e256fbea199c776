/**
 * The wire schemas (schemas/api/*.schema.json), registered with the engine's schema registry so
 * they may $ref the pack file formats, and compiled checks whose errors read as they do for pack
 * files: a JSON pointer, English and Chinese (ajv-i18n).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SCHEMAS_DIR } from '../../engine/index.js';
import { registerSchemas, schemaValidator } from '../../engine/schema/registry.js';
import type { FieldError } from '../errors.js';

export const API_SCHEMAS_DIR = join(SCHEMAS_DIR, 'api');
const API_BASE = 'https://township-rules.local/schemas/api/';

/** The wire schemas (schemas/api/*.schema.json) by file name. */
export const apiSchemas: Record<string, { $id?: string }> = Object.fromEntries(
  readdirSync(API_SCHEMAS_DIR)
    .filter((f) => f.endsWith('.schema.json'))
    .map((f) => [f, JSON.parse(readFileSync(join(API_SCHEMAS_DIR, f), 'utf8'))]),
);
registerSchemas(Object.values(apiSchemas));

/** `users.schema.json#/definitions/User` or `../bundle.schema.json` → the registered schema's full URI. */
export function schemaUri(ref: string): string {
  return new URL(ref, API_BASE).href;
}

export type Check = (data: unknown) => FieldError[];

/** A compiled check; `where` prefixes the pointers (`/query`, `/params`; the body's are bare, as before). */
export function compileCheck(ref: string, where = ''): Check {
  const validate = schemaValidator(schemaUri(ref));
  return (data) =>
    validate(data).map((e) => {
      // "missing property" points at the property, like the hand-written checks did
      const missing = e.keyword === 'required' ? /required property '([^']+)'/.exec(e.message)?.[1] : undefined;
      const pointer =
        missing === undefined ? e.pointer : `${e.pointer}/${missing.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      return { path: where + pointer, message: e.message, messageZh: e.messageZh };
    });
}
