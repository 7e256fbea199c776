/**
 * The evaluate reply on the wire: the language of its explanation (one, not both) and its
 * serialiser, compiled once from schemas/api/evaluation-reply.schema.json by fast-json-stringify.
 * Every object in that schema admits additional properties, so whatever the engine (or a later
 * field) puts in the reply is written out; the declared ones are only what makes it fast.
 */
import { readFileSync } from 'node:fs';
import { projectPath } from '../../../engine/project-folder.js';
import type { Request } from 'express';
import fastJson from 'fast-json-stringify';
import { ValidationError } from '../../errors.js';

export type ReplyLanguage = 'zh' | 'en';

const replySchema = JSON.parse(readFileSync(projectPath('schemas', 'api', 'evaluation-reply.schema.json'), 'utf8'));

/** One evaluation: the reply of POST /evaluate. */
export const serializeEvaluationReply = fastJson(replySchema);

/** A batch: its items are evaluation replies with `index` and `ok`, or an item's error. */
const {
  definitions,
  $id: _id,
  $schema: _schema,
  title: _title,
  description: _description,
  ...itemSchema
} = replySchema;
export const serializeBatchReply = fastJson({
  type: 'object',
  additionalProperties: true,
  definitions,
  properties: {
    pack: { type: 'string' },
    version: {},
    count: { type: 'integer' },
    failed: { type: 'integer' },
    results: {
      type: 'array',
      items: {
        ...itemSchema,
        properties: { index: { type: 'integer' }, ok: { type: 'boolean' }, ...itemSchema.properties },
      },
    },
  },
});

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
