/**
 * A test-time guard against drift between the API and its documented replies: every JSON reply
 * is checked against the route's reply schema (errors against the Error schema). A reply that
 * does not match becomes a 500 REPLY_CONTRACT_BROKEN naming the route and the problems, so the
 * API test that received it fails. Enabled by RULES_CHECK_REPLIES=1 (vitest.config.ts sets it
 * for the test processes); production never pays for it.
 */
import type { NextFunction, Request, Response } from 'express';
import { compileCheck, type Check } from '../http/validate.js';
import { operationAt } from './operations.js';

export const replyCheckEnabled = process.env.RULES_CHECK_REPLIES === '1';

const ERROR = 'common.schema.json#/definitions/Error';
const checks = new Map<string, Check>();

function checkFor(ref: string): Check {
  let check = checks.get(ref);
  if (!check) checks.set(ref, (check = compileCheck(ref)));
  return check;
}

/** The schema a reply must match: the route's for a success, the Error schema for a 4xx/5xx. */
function replySchema(req: Request, status: number): string | undefined {
  const path = req.route?.path;
  const op = typeof path === 'string' ? operationAt(req.method, path) : undefined;
  if (status >= 400 && !op?.sameReplyOn?.includes(status)) return ERROR;
  return typeof op?.reply === 'string' ? op.reply : undefined;
}

export function checkReplies() {
  return (req: Request, res: Response, next: NextFunction) => {
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      const ref = replySchema(req, res.statusCode);
      const problems = ref ? checkFor(ref)(JSON.parse(JSON.stringify(body ?? null))) : [];
      if (!problems.length) return json(body);
      const route = `${req.method} ${req.baseUrl}${req.route?.path ?? req.path}`;
      return json.call(res.status(500), {
        status: 500, code: 'REPLY_CONTRACT_BROKEN', route, schema: ref, errors: problems,
        message: `The reply of ${route} does not match ${ref}`, messageZh: `接口 ${route} 的返回内容与说明不符`,
      });
    };
    next();
  };
}
