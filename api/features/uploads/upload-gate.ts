/**
 * A cap on heavy upload requests (sheet imports, batch trials, document extraction) running at
 * once, per server and per user. The slot is taken before the body is read and given back when
 * the response ends or the client goes away; over the cap → 429 with Retry-After.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ApiError } from '../../errors.js';
import { identityOf } from '../../http/request.js';

/** seconds a refused client is asked to wait */
export const RETRY_AFTER_SECONDS = 5;

/** 429: come back later; the router's `retryAfterHeader` puts the wait in Retry-After. */
export class TooBusyError extends ApiError {
  constructor(
    message: string,
    messageZh: string,
    code = 'TOO_MANY_UPLOADS',
    readonly retryAfterSeconds = RETRY_AFTER_SECONDS,
  ) {
    super(429, code, message, messageZh, { retryAfter: retryAfterSeconds });
  }
}

export class UploadGate {
  private running = 0;
  private readonly byUser = new Map<string, number>();

  constructor(
    private readonly perServer: number,
    private readonly perUser: number,
  ) {}

  /** Take a slot for `user`; returns the function that gives it back (once). */
  enter(user: string): () => void {
    const mine = this.byUser.get(user) ?? 0;
    if (mine >= this.perUser) {
      throw new TooBusyError(
        `You already have ${mine} uploads being processed; wait for them to finish`,
        `您已有 ${mine} 个文件正在处理，请等待完成后再上传`,
      );
    }
    if (this.running >= this.perServer) {
      throw new TooBusyError(
        `The server is processing ${this.running} uploads; retry in a few seconds`,
        `服务器正在处理 ${this.running} 个上传文件，请稍后重试`,
      );
    }
    this.running += 1;
    this.byUser.set(user, mine + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running -= 1;
      const left = (this.byUser.get(user) ?? 1) - 1;
      if (left > 0) this.byUser.set(user, left);
      else this.byUser.delete(user);
    };
  }

  /** Heavy requests in progress (server-wide). */
  get inProgress(): number {
    return this.running;
  }
}

/** Middleware: hold an upload slot for the rest of the request (put it before the body parser). */
export function uploadSlot(gate: UploadGate): RequestHandler {
  return (_req, res, next) => {
    const release = gate.enter(identityOf(res).username);
    res.on('close', release);
    next();
  };
}

/** Router-level error middleware: a 429 says when to come back. */
export const retryAfterHeader: ErrorRequestHandler = (error, _req, res, next) => {
  if (error instanceof TooBusyError && !res.headersSent) res.set('Retry-After', String(error.retryAfterSeconds));
  next(error);
};
