/**
 * The API's one error hierarchy: every error has an HTTP status, a stable `code` and messages in
 * Chinese (for directors) and English. Engine errors are mapped by code in one table, and one
 * express handler turns anything thrown into a JSON reply.
 */
import type { ErrorRequestHandler } from 'express';
import {
  DraftEditError,
  EngineError,
  FactsInvalidError,
  MissingFactsError,
  PackInvalidError,
  RuleConflictError,
  SheetInvalidError,
  type Issue,
} from '../engine/index.js';
import { silentLogger, type Logger } from './logging/logger.js';

/** One problem at a place in the request body or in a pack file, as a JSON pointer. */
export interface FieldError {
  path: string;
  message: string;
  messageZh: string;
  code?: string;
  file?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly messageZh: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadRequestError extends ApiError {
  constructor(message: string, messageZh: string, details?: Record<string, unknown>) {
    super(400, 'BAD_REQUEST', message, messageZh, details);
  }
}

export class UnauthenticatedError extends ApiError {
  constructor(message = 'Authentication required', messageZh = '请先登录') {
    super(401, 'UNAUTHENTICATED', message, messageZh);
  }
}

export class ForbiddenError extends ApiError {
  constructor(message = 'You may not do this', messageZh = '没有权限执行此操作') {
    super(403, 'FORBIDDEN', message, messageZh);
  }
}

export class NotFoundError extends ApiError {
  constructor(what: string, id: string | number, whatZh = what) {
    super(404, 'NOT_FOUND', `${what} ${id} not found`, `找不到${whatZh} ${id}`, { resource: what, id });
  }
}

export class MethodNotAllowedError extends ApiError {
  constructor(resource: string) {
    super(405, 'METHOD_NOT_ALLOWED', `${resource} cannot be changed this way`, `${resource} 不支持此操作`);
  }
}

/** The client edited an old revision of the draft (If-Match / `revision` behind). */
export class StaleRevisionError extends ApiError {
  constructor(expected: number, actual: number) {
    super(
      409,
      'STALE_REVISION',
      `The draft changed since you loaded it (your revision ${expected}, current ${actual}); reload and retry`,
      `草稿已被他人修改（您的版本 ${expected}，当前 ${actual}），请刷新后重试`,
      { expected, actual },
    );
  }
}

export class ConflictError extends ApiError {
  constructor(code: string, message: string, messageZh: string, details?: Record<string, unknown>) {
    super(409, code, message, messageZh, details);
  }
}

/** Input that is well-formed JSON but wrong: nothing was saved. */
export class ValidationError extends ApiError {
  constructor(
    readonly errors: FieldError[],
    message = 'Invalid input',
    messageZh = '输入不符合要求',
    code = 'VALIDATION_FAILED',
    details: Record<string, unknown> = {},
  ) {
    super(
      422,
      code,
      errors.length
        ? `${message}: ${errors
            .map((e) => `${e.path || '/'} ${e.message}`)
            .slice(0, 5)
            .join('; ')}`
        : message,
      errors.length
        ? `${messageZh}：${errors
            .map((e) => e.messageZh)
            .slice(0, 5)
            .join('；')}`
        : messageZh,
      { errors, ...details },
    );
  }
}

/** A 422 about one field (a semantic problem: a duplicate id, an unknown reference). */
export function fieldError(path: string, message: string, messageZh: string): ValidationError {
  return new ValidationError([{ path, message, messageZh }]);
}

/** Publishing was refused by one of its checks (validation, lint errors, a failing fixture). */
export class PublishBlockedError extends ApiError {
  constructor(message: string, messageZh: string, details: Record<string, unknown>) {
    super(422, 'PUBLISH_BLOCKED', message, messageZh, details);
  }
}

export class PayloadTooLargeError extends ApiError {
  constructor(limit: string | number) {
    super(413, 'PAYLOAD_TOO_LARGE', `Request body is larger than ${limit}`, `请求内容过大（上限 ${limit}）`);
  }
}

/** The server is stopping (SIGTERM): work that cannot finish is refused or cut off; retry shortly. */
export class ShuttingDownError extends ApiError {
  constructor() {
    super(
      503,
      'SHUTTING_DOWN',
      'The server is restarting; this work was stopped. Submit it again in a moment',
      '服务器正在重启，此任务已中止，请稍后重新提交',
    );
  }
}

export function issuesToFieldErrors(issues: readonly Issue[]): FieldError[] {
  return issues
    .filter((i) => i.severity === 'error')
    .map((i) => ({
      path: i.pointer ?? '',
      file: i.file,
      code: i.code,
      message: i.message,
      messageZh: i.messageZh,
    }));
}

/** A pack whose files or chain have errors, as a 422 listing every error. */
export function packIssuesError(packId: string, issues: readonly Issue[], code = 'PACK_INVALID'): ValidationError {
  return new ValidationError(
    issuesToFieldErrors(issues),
    `Pack ${packId} is invalid`,
    `规则包 ${packId} 校验未通过`,
    code,
    { issues },
  );
}

const ENGINE_STATUS: Record<string, number> = {
  FACTS_INVALID: 422,
  MISSING_FACTS: 422,
  PACK_INVALID: 422,
  RULE_CONFLICT: 422,
  SHEET_INVALID: 422,
  DOCUMENT_UNREADABLE: 422,
  AS_OF_BEFORE_FIRST_VERSION: 422,
  UNKNOWN_DECISION: 404,
  PACK_NOT_FOUND: 404,
};

/**
 * PostgreSQL data exceptions a request value causes: invalid text for the type, numeric out of
 * range, bad or overflowing datetime, text too long, untranslatable or invalid characters.
 */
const POSTGRES_BAD_VALUE = new Set(['22P02', '22003', '22007', '22008', '22001', '22021', '22P05']);

/** Turn anything thrown into an ApiError (engine errors by code, body-parser errors by type). */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof DraftEditError)
    return new ValidationError([{ path: error.path, message: error.message, messageZh: error.messageZh }]);
  if (error instanceof EngineError) {
    const status = ENGINE_STATUS[error.code] ?? 500;
    if (error instanceof FactsInvalidError) {
      return new ApiError(status, error.code, error.message, error.messageZh, {
        errors: error.errors.map((e) => ({ path: e.path, message: e.message, messageZh: e.messageZh })),
      });
    }
    if (error instanceof MissingFactsError) {
      // pointers into the request body: /facts/managedBy
      return new ApiError(status, error.code, error.message, error.messageZh, {
        errors: error.errors.map((e) => ({ path: `/facts${e.path}`, message: e.message, messageZh: e.messageZh })),
      });
    }
    if (error instanceof PackInvalidError) {
      return new ApiError(status, error.code, error.message, error.messageZh, {
        errors: issuesToFieldErrors(error.issues),
        issues: error.issues,
      });
    }
    if (error instanceof SheetInvalidError) {
      return new ApiError(status, error.code, error.message, error.messageZh, { problems: error.problems });
    }
    if (error instanceof RuleConflictError) {
      return new ApiError(status, error.code, error.message, error.messageZh, {
        decision: error.decision,
        group: error.group,
        ruleIds: error.ruleIds,
      });
    }
    return new ApiError(status, error.code, error.message, error.messageZh);
  }
  const e = error as { type?: string; status?: number; limit?: number; message?: string; code?: string };
  // two writers raced (e.g. two servers publishing the same pack): the loser retries
  if (e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT' || e?.code === '40001') {
    return new ConflictError(
      'WRITE_CONFLICT',
      'Someone else changed this at the same moment; reload and retry',
      '他人同时修改了相同内容，请刷新后重试',
    );
  }
  // PostgreSQL checks types SQLite does not: text where an integer id is compared, a number
  // beyond bigint, a NUL character in text. The value came from the request: it is the client's.
  if (typeof e?.code === 'string' && POSTGRES_BAD_VALUE.has(e.code)) {
    return new BadRequestError(
      'A value in the request does not fit its field (e.g. an id that is not an integer)',
      '请求中的某个值不符合字段要求（例如编号应为整数）',
      { code: 'INVALID_VALUE' },
    );
  }
  if (e?.code === 'SQLITE_BUSY' || e?.code === 'SQLITE_BUSY_SNAPSHOT') {
    return new ApiError(503, 'DATABASE_BUSY', 'The database is busy; retry in a moment', '数据库繁忙，请稍后重试');
  }
  if (e?.type === 'entity.too.large') return new PayloadTooLargeError(e.limit ?? 'limit');
  if (e?.type === 'entity.parse.failed')
    return new BadRequestError(`Body is not valid JSON: ${e.message}`, '请求内容不是合法的 JSON', {
      code: 'INVALID_JSON',
    });
  if (e?.status && e.status >= 400 && e.status < 500)
    return new ApiError(e.status, 'BAD_REQUEST', e.message ?? 'Bad request', '请求无效');
  return new ApiError(500, 'INTERNAL', 'Internal server error', '服务器内部错误');
}

/**
 * The one error handler: `{code, message, messageZh, ...details}` with the mapped status. The
 * request's log line (see logging/http-logger.ts) carries the error code, and for a 5xx the
 * error itself with its stack; without the request logger the error goes to `logger`.
 */
export function errorHandler(logger: Logger = silentLogger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const api = toApiError(error);
    res.locals.errorCode = api.code;
    if (api.status >= 500) {
      if (req.log) (res as { err?: unknown }).err = error;
      else logger.error({ err: error }, 'request failed');
    }
    if (res.headersSent) return;
    // details never replace the envelope (a detail named `status` once turned 409 into "rejected")
    res
      .status(api.status)
      .json({ ...api.details, status: api.status, code: api.code, message: api.message, messageZh: api.messageZh });
  };
}
