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

/** The schema a reply must match: the route's for a success (its `accepted` one for a 202), the Error schema for a 4xx/5xx. */
function replySchema(req: Request, status: number): string | undefined {
  const path = req.route?.path;
  const op = typeof path === 'string' ? operationAt(req.method, path) : undefined;
  if (status >= 400 && !op?.sameReplyOn?.includes(status)) return ERROR;
  if (status === 202 && op?.accepted) return op.accepted;
  return typeof op?.reply === 'string' ? op.reply : undefined;
}

export function checkReplies() {
  return (req: Request, res: Response, next: NextFunction) => {
    const json = res.json.bind(res);
    const send = res.send.bind(res);
    /** the reply as it should go out, or the 500 that says how it breaks its schema */
    const checked = (body: unknown): { ok: true } | { ok: false; broken: object } => {
      const ref = replySchema(req, res.statusCode);
      const problems = ref ? checkFor(ref)(body) : [];
      if (!problems.length) return { ok: true };
      const route = `${req.method} ${req.baseUrl}${req.route?.path ?? req.path}`;
      return {
        ok: false,
        broken: {
          status: 500,
          code: 'REPLY_CONTRACT_BROKEN',
          route,
          schema: ref,
          errors: problems,
          message: `The reply of ${route} does not match ${ref}`,
          messageZh: `接口 ${route} 的返回内容与说明不符`,
        },
      };
    };
    let inJson = false;
    res.json = (body: unknown) => {
      const result = checked(JSON.parse(JSON.stringify(body ?? null)));
      inJson = true;
      try {
        return result.ok ? json(body) : json.call(res.status(500), result.broken);
      } finally {
        inJson = false;
      }
    };
    // JSON serialised by the route itself (the evaluation's compiled serialiser) goes out by send
    res.send = (body?: unknown) => {
      if (inJson || typeof body !== 'string' || !/json/.test(String(res.get('Content-Type') ?? ''))) return send(body);
      const result = checked(JSON.parse(body));
      return result.ok ? send(body) : json.call(res.status(500), result.broken);
    };
    next();
  };
}
