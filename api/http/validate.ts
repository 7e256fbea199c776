/**
 * One middleware checks every request against the route's schemas (api/openapi/operations.ts):
 * the body, the query string and the path parameters. Validators are compiled once, when the
 * route is mounted, by the engine's schema registry, so the wire schemas may $ref the pack file
 * formats and errors read as they do for pack files: a JSON pointer, English and Chinese
 * (ajv-i18n). A failure is a 422 VALIDATION_FAILED listing every problem (a path parameter of
 * the wrong form: 404); nothing is saved.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { SCHEMAS_DIR } from '../../engine/index.js';
import { registerSchemas, schemaValidator } from '../../engine/schema/registry.js';
import { ApiError, ValidationError, type FieldError } from '../errors.js';
import { operation, type Operation } from '../openapi/operations.js';

export const API_SCHEMAS_DIR = join(SCHEMAS_DIR, 'api');
const API_BASE = 'https://township-rules.local/schemas/api/';

/** The wire schemas (schemas/api/*.schema.json) by file name. */
export const apiSchemas: Record<string, { $id?: string }> = Object.fromEntries(
  readdirSync(API_SCHEMAS_DIR).filter((f) => f.endsWith('.schema.json')).map((f) => [f, JSON.parse(readFileSync(join(API_SCHEMAS_DIR, f), 'utf8'))]),
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
  return (data) => validate(data).map((e) => {
    // "missing property" points at the property, like the hand-written checks did
    const missing = e.keyword === 'required' ? /required property '([^']+)'/.exec(e.message)?.[1] : undefined;
    const pointer = missing === undefined ? e.pointer : `${e.pointer}/${missing.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    return { path: where + pointer, message: e.message, messageZh: e.messageZh };
  });
}

/** The checks of one operation, compiled now. */
function checksOf(op: Operation) {
  return {
    // a body the route checks itself (evaluation, import) is only documented here
    body: op.bodyBeforeAccess ? compileCheck(op.bodyBeforeAccess) : op.body && !op.bodyCheckedByRoute ? compileCheck(op.body) : undefined,
    query: op.query ? compileCheck(op.query, '/query') : undefined,
    params: op.params ? compileCheck(op.params, '/params') : undefined,
  };
}

/** The whole body check of an operation whose route checks it after access (`bodyBeforeAccess`). */
export function bodyCheck(key: string): (body: unknown) => void {
  const check = compileCheck(operation(key).body!);
  return (body) => {
    const errors = check(body);
    if (errors.length) throw new ValidationError(errors);
  };
}

const passThrough = () => (_req: Request, _res: Response, next: NextFunction) => next();

/** `router.post('/users', validate('POST /users'), handler)`: refuses what the route's schemas refuse. */
export function validate(key: string): RequestHandler<Record<string, string>> {
  const op = operation(key);
  const checks = checksOf(op);
  if (!checks.body && !checks.query && !checks.params && !op.bodyOptional) return Object.assign(passThrough(), { operation: op });
  const middleware = (req: Request, _res: Response, next: NextFunction) => {
    if (op.bodyOptional && (req.body === undefined || req.body === null)) req.body = {};
    // a path that fails its pattern (/users/abc) names no resource: 404, as an unknown id would be
    const wrongPath = checks.params?.(req.params) ?? [];
    if (wrongPath.length) {
      throw new ApiError(404, 'NOT_FOUND', `No such resource: ${req.path}`, `找不到 ${req.path}`, { errors: wrongPath });
    }
    const errors = [...(checks.query?.(req.query) ?? []), ...(checks.body?.(req.body) ?? [])];
    if (errors.length) throw new ValidationError(errors);
    next();
  };
  return Object.assign(middleware, { operation: op });
}
