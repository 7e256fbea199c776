/**
 * JSON.parse reads any depth, but JSON.stringify, structuredClone, ajv and every recursive
 * walker of conditions overflow the stack a few thousand levels down. A request body nested
 * deeper than any real input is refused here, before a handler stores or walks it; pack files
 * have tighter bounds of their own (engine/schema/depth.ts).
 */
import type { NextFunction, Request, Response } from 'express';
import { MAX_JSON_DEPTH, tooDeepAt } from '../../engine/index.js';
import { ValidationError } from '../errors.js';

/** A bundle wraps its files three levels down ({bundle: {rules: {file: …}}}), plus room. */
export const MAX_BODY_DEPTH = MAX_JSON_DEPTH + 28;

export function refuseDeepBodies(req: Request, _res: Response, next: NextFunction): void {
  const at = tooDeepAt(req.body, MAX_BODY_DEPTH);
  if (at !== undefined) {
    throw new ValidationError(
      [
        {
          path: at,
          message: `nested more than ${MAX_BODY_DEPTH} levels deep`,
          messageZh: `嵌套超过 ${MAX_BODY_DEPTH} 层`,
        },
      ],
      'Request body is nested too deep',
      '请求内容嵌套过深',
      'TOO_DEEP',
    );
  }
  next();
}
