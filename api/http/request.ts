import type { Request, Response } from 'express';
import { BadRequestError, UnauthenticatedError } from '../errors.js';
import type { Identity } from '../features/auth/identity.js';

export function identityOf(res: Response): Identity {
  const identity = res.locals.identity as Identity | undefined;
  if (!identity) throw new UnauthenticatedError();
  return identity;
}

/** The draft revision the client edited: `If-Match: "7"` (or W/"7") or a `revision` field. */
export function expectedRevision(req: Request, body?: unknown): number | undefined {
  const header = req.headers['if-match'];
  if (typeof header === 'string' && header.trim() && header.trim() !== '*') {
    const n = Number(header.trim().replace(/^W\//, '').replace(/"/g, ''));
    if (!Number.isInteger(n))
      throw new BadRequestError('If-Match must be a draft revision like "7"', 'If-Match 应为草稿版本号，如 "7"');
    return n;
  }
  const revision = (body as { revision?: unknown } | undefined)?.revision;
  if (revision === undefined || revision === null) return undefined;
  if (!Number.isInteger(revision)) throw new BadRequestError('revision must be an integer', 'revision 应为整数');
  return revision as number;
}

export function setRevisionTag(res: Response, revision: number): void {
  res.set('ETag', `"${revision}"`);
}

/** A list filter value as an array of strings (scalar or array), or undefined. */
export function filterValues(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  return (Array.isArray(value) ? value : [value]).map(String);
}
