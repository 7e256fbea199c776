/**
 * One middleware checks every request against the route's schemas (api/openapi/operations.ts):
 * the body, the query string and the path parameters. Validators are compiled once, when the
 * route is mounted, by the engine's schema registry, so the wire schemas may $ref the pack file
 * formats and errors read as they do for pack files: a JSON pointer, English and Chinese
 * (ajv-i18n). A failure is a 422 VALIDATION_FAILED listing every problem (a path parameter of
 * the wrong form: 404; a list parameter, a JSON text: the 400 naming it, see list.ts); nothing
 * is saved.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ApiError, ValidationError } from '../errors.js';
import { operation, type Operation } from '../openapi/operations.js';
import { compileCheck } from './schema-check.js';
import { parseList } from './list.js';

export { API_SCHEMAS_DIR, apiSchemas, compileCheck, schemaUri, type Check } from './schema-check.js';

/** The checks of one operation, compiled now. */
function checksOf(op: Operation) {
  return {
    // a body the route checks itself (evaluation, import) is only documented here
    body: op.bodyBeforeAccess
      ? compileCheck(op.bodyBeforeAccess)
      : op.body && !op.bodyCheckedByRoute
        ? compileCheck(op.body)
        : undefined,
    query: op.query && !op.queryAsJson ? compileCheck(op.query, '/query') : undefined,
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
  if (!checks.body && !checks.query && !checks.params && !op.bodyOptional && !op.queryAsJson)
    return Object.assign(passThrough(), { operation: op });
  const middleware = (req: Request, _res: Response, next: NextFunction) => {
    if (op.bodyOptional && (req.body === undefined || req.body === null)) req.body = {};
    // a path that fails its pattern (/users/abc) names no resource: 404, as an unknown id would be
    const wrongPath = checks.params?.(req.params) ?? [];
    if (wrongPath.length) {
      throw new ApiError(404, 'NOT_FOUND', `No such resource: ${req.path}`, `找不到 ${req.path}`, {
        errors: wrongPath,
      });
    }
    // list parameters are JSON texts: parsed and checked against the list query schema (400s as before)
    if (op.queryAsJson) parseList(req);
    const errors = [...(checks.query?.(req.query) ?? []), ...(checks.body?.(req.body) ?? [])];
    if (errors.length) throw new ValidationError(errors);
    next();
  };
  return Object.assign(middleware, { operation: op });
}
