/**
 * The evaluate reply on the wire: the language of its explanation (one, not both), and how it
 * is written out. JSON.stringify serialises it: a serialiser compiled from the reply schema
 * (fast-json-stringify) measured slower on these replies, whose strings are mostly Chinese
 * (bench/evaluate-reply.ts).
 */
import type { Request, Response } from 'express';
import { ValidationError } from '../../errors.js';

export type ReplyLanguage = 'zh' | 'en';

/**
 * Send a reply as JSON, written by node directly: express's `res.send` would look up the MIME
 * type, parse and rewrite the Content-Type for its charset and consult the ETag settings for
 * every reply, to then do the same as here (a Buffer of the UTF-8 bytes, measured cheaper than
 * appending the string to the headers: no separate pass for its byte length). A middleware that
 * watches replies through `res.send` (the test-time reply check, api/openapi/reply-check.ts)
 * still gets them.
 */
export function sendReply(res: Response, reply: unknown): void {
  const body = JSON.stringify(reply);
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  if (Object.hasOwn(res, 'send')) {
    res.send(body);
    return;
  }
  const bytes = Buffer.from(body);
  res.setHeader('Content-Length', bytes.length);
  res.end(bytes);
}

/**
 * The language asked for: `?lang=zh|en` (anything else is a 422), else the first of zh/en in
 * Accept-Language, else zh (the offices read Chinese). `query`: the request's query fields
 * when the caller has them parsed already.
 */
export function replyLanguage(req: Request, query: Record<string, unknown> = req.query): ReplyLanguage {
  const asked = query.lang;
  if (asked !== undefined) {
    if (asked === 'zh' || asked === 'en') return asked;
    throw new ValidationError([
      { path: '/lang', message: 'lang must be "zh" or "en"', messageZh: 'lang 应为 zh 或 en' },
    ]);
  }
  const header = req.headers['accept-language'];
  if (!header) return 'zh';
  let best: { lang: ReplyLanguage; q: number } | undefined;
  for (const part of header.split(',')) {
    const [tag, ...params] = part.trim().toLowerCase().split(';');
    const lang = tag.startsWith('zh') ? 'zh' : tag.startsWith('en') ? 'en' : undefined;
    if (!lang) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (Number.isFinite(q) && q > 0 && (!best || q > best.q)) best = { lang, q };
  }
  return best?.lang ?? 'zh';
}
