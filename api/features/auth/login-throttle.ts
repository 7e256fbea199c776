/**
 * Sign-in throttling before any password work: failed sign-ins are counted per client IP and per
 * username (express-rate-limit, in this process's memory; successes are not counted), and over
 * the limit the answer is 429 with Retry-After, without touching the database or scrypt.
 * The persisted per-username lockout (LockoutsStore) is what holds across processes.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { rateLimit, ipKeyGenerator, type RateLimitRequestHandler } from 'express-rate-limit';
import { ApiError } from '../../errors.js';
import type { LoginPolicy } from '../../config.js';
import { securityWarning } from './security-log.js';

export class LoginRateLimitedError extends ApiError {
  constructor(retryAfterSeconds: number) {
    super(
      429,
      'LOGIN_RATE_LIMITED',
      `Too many failed sign-ins; retry in ${Math.ceil(retryAfterSeconds / 60)} min`,
      `登录失败次数过多，请 ${Math.ceil(retryAfterSeconds / 60)} 分钟后再试`,
      { retryAfter: retryAfterSeconds },
    );
  }
}

const REFUSAL_DELAY_MS = 1000;

function usernameOf(req: Request): string | undefined {
  const username = (req.body as { username?: unknown } | undefined)?.username;
  return typeof username === 'string' && username ? username.slice(0, 100) : undefined;
}

function limiter(
  policy: LoginPolicy,
  limit: number,
  scope: 'ip' | 'account',
  key: (req: Request) => string,
): RateLimitRequestHandler {
  const windowMs = policy.windowMinutes * 60_000;
  return rateLimit({
    windowMs,
    limit,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (req) => key(req),
    skip: (req) => scope === 'account' && usernameOf(req) === undefined,
    handler: (req: Request, res: Response, next: NextFunction) => {
      const resetTime = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const retryAfter = Math.max(1, Math.ceil(((resetTime?.getTime() ?? Date.now() + windowMs) - Date.now()) / 1000));
      securityWarning(
        req,
        { event: 'login.rateLimited', scope, username: usernameOf(req), ip: req.ip },
        'sign-in rate limit reached',
      );
      // answer a refused client after a pause: a flood that retries as soon as it hears back
      // then sends a trickle, and a held connection costs a timer, not CPU
      setTimeout(() => next(new LoginRateLimitedError(retryAfter)), REFUSAL_DELAY_MS);
    },
  });
}

export interface LoginThrottle {
  /** per IP first (cheapest way to refuse a flood), then per username */
  middleware: RequestHandler[];
  /** forget a username's failures in this process (an admin unlocked it or reset its password) */
  forgetAccount(username: string): Promise<void>;
}

export function loginThrottle(policy: LoginPolicy): LoginThrottle {
  const perIp = limiter(policy, policy.maxFailuresPerIp, 'ip', (req) => ipKeyGenerator(req.ip ?? 'unknown'));
  const perAccount = limiter(policy, policy.maxFailuresPerAccount, 'account', (req) => accountKey(usernameOf(req)!));
  return {
    middleware: [perIp, perAccount],
    forgetAccount: async (username) => perAccount.resetKey(accountKey(username)),
  };
}

const accountKey = (username: string) => `user:${username.slice(0, 100)}`;
