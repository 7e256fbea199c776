/**
 * The API's JSON body reader: body-parser's `express.json` with the depth bound of
 * body-depth.ts, and a short path for what nearly every call sends — `Content-Type:
 * application/json` (UTF-8), a Content-Length, no Content-Encoding. That path reads the bytes
 * and calls JSON.parse with none of body-parser's per-request machinery (type-is, content-type
 * parsing, iconv, raw-body's async scope), which cost the evaluate route about a tenth of its
 * CPU. Everything else (chunked bodies, gzip, other charsets, other types) goes to body-parser
 * unchanged, and the short path answers as body-parser does: 413 over the limit, 400 for
 * malformed JSON or a body that is not an object or array, `{}` for an empty body.
 */
import type { IncomingMessage } from 'node:http';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { MAX_BODY_DEPTH, refuseTooDeep } from './body-depth.js';

const UNITS: Record<string, number> = { b: 1, kb: 2 ** 10, mb: 2 ** 20, gb: 2 ** 30 };

/** '1mb', '100kb', '512' → bytes, as body-parser reads its `limit` (units of 1024). */
export function byteLimit(limit: string | number): number {
  if (typeof limit === 'number') return limit;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(limit);
  if (!match) throw new Error(`not a size: ${limit}`);
  return Math.floor(Number(match[1]) * UNITS[(match[2] ?? 'b').toLowerCase()]);
}

/** An error body-parser would have passed on: errors.ts maps it by `type` (413, 400 INVALID_JSON). */
function bodyError(status: number, type: string, message: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { status, statusCode: status, type, expose: true, ...extra });
}

/** `application/json` alone or with a UTF-8 charset: the only content type the short path takes. */
function isPlainJson(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const type = contentType.toLowerCase();
  if (type === 'application/json') return true;
  if (!type.startsWith('application/json')) return false;
  return /^application\/json\s*;\s*charset\s*=\s*"?utf-8"?\s*$/.test(type);
}

/**
 * body-parser's strict mode: only an object or an array at the top. The message is JSON.parse's
 * own for the first offending character, as body-parser words it.
 */
function strictParse(text: string): unknown {
  if (text.length === 0) return {};
  // JSON's own whitespace only
  const first = /[^ \t\n\r]/.exec(text);
  if (first && first[0] !== '{' && first[0] !== '[') {
    try {
      JSON.parse(text.slice(0, first.index) + '#'.repeat(text.length - first.index));
    } catch (error) {
      const message = (error as Error).message.replace(/#+/g, (run) => text.substring(first.index, first.index + run.length));
      throw bodyError(400, 'entity.parse.failed', message);
    }
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw bodyError(400, 'entity.parse.failed', (error as Error).message);
  }
}

/** Call `then` once the request has been read to its end (or the client went away). */
function afterRequest(req: IncomingMessage, then: () => void): void {
  if (req.readableEnded) return then();
  let called = false;
  const once = () => { if (!called) { called = true; then(); } };
  req.once('end', once);
  req.once('close', once);
  req.resume();
}

/** Read the body of the short path; `done(error)` or `done(undefined, text)` once. */
function readText(req: IncomingMessage, length: number, done: (error?: Error, text?: string) => void): void {
  const chunks: Buffer[] = [];
  let received = 0;
  let finished = false;
  const finish = (error?: Error, text?: string) => {
    if (finished) return;
    finished = true;
    req.off('data', onData);
    req.off('end', onEnd);
    req.off('aborted', onAborted);
    req.off('error', onError);
    done(error, text);
  };
  const onData = (chunk: Buffer) => {
    received += chunk.length;
    if (received > length) finish(bodyError(400, 'request.size.invalid', 'request size did not match content length', { expected: length, received }));
    else chunks.push(chunk);
  };
  const onEnd = () => {
    if (received !== length) return finish(bodyError(400, 'request.size.invalid', 'request size did not match content length', { expected: length, received }));
    const bytes = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, received);
    let text = bytes.toString('utf8');
    // iconv (body-parser's decoder) drops a byte-order mark
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    finish(undefined, text);
  };
  const onAborted = () => finish(bodyError(400, 'request.aborted', 'request aborted', { expected: length, received }));
  const onError = (error: Error) => finish(bodyError(400, 'request.error', error.message));
  req.on('data', onData);
  req.on('end', onEnd);
  req.on('aborted', onAborted);
  req.on('error', onError);
}

/** The API's body middleware: `limit` as body-parser takes it ('1mb'). */
export function jsonBody(options: { limit: string | number }): RequestHandler {
  const limit = byteLimit(options.limit);
  const general = express.json({ limit: options.limit });
  const checkDepth = (req: Request, next: NextFunction) => {
    try {
      refuseTooDeep(req.body);
    } catch (error) {
      return next(error);
    }
    next();
  };
  return (req: Request, res: Response, next: NextFunction) => {
    const headers = req.headers;
    const declared = headers['content-length'];
    const encoding = headers['content-encoding'];
    if (declared === undefined || !isPlainJson(headers['content-type']) || (encoding !== undefined && encoding.toLowerCase() !== 'identity') || req.readableEnded) {
      general(req, res, (error?: unknown) => (error ? next(error) : checkDepth(req, next)));
      return;
    }
    const length = Number(declared);
    if (length > limit) {
      const error = bodyError(413, 'entity.too.large', 'request entity too large', { expected: length, length, limit });
      afterRequest(req, () => next(error));
      return;
    }
    readText(req, length, (error, text) => {
      if (error) return afterRequest(req, () => next(error));
      let body: unknown;
      try {
        body = strictParse(text!);
        // each level of nesting takes an opening and a closing bracket: a short body cannot be too deep
        if (text!.length > 2 * MAX_BODY_DEPTH) refuseTooDeep(body);
      } catch (parseError) {
        return next(parseError);
      }
      req.body = body;
      next();
    });
  };
}
