/**
 * POST /api/drafting/extract: a regulation document in, a draft pack out. The body is the file
 * itself (.docx, .txt, .md — raw bytes, any content type but JSON, file name in `?name=` or
 * `X-File-Name`) or JSON `{ text, township, extends?, packId?, name? }`. Nothing is stored: the reply
 * is the draft bundle, the review list, the ladders and the validation of the draft against
 * its base; the admin UI wizard shows it and saves the bundle as a draft through /api/drafts.
 */
import express, { Router, type Request } from 'express';
import {
  buildPack, bundleSource, draftFromDocument, DocumentUnreadableError, folderSource,
  type DocumentInput, type PackBundle, type PackSource,
} from '../../../engine/index.js';
import { sourceIdOf } from '../../../engine/drafting/index.js';
import { ApiError, BadRequestError } from '../../errors.js';
import { identityOf } from '../../http/request.js';
import { requireUser } from '../auth/access.js';

export interface DraftingRoutesOptions {
  /** where the base packs come from (default: the packs shipped under rules/) */
  basePacks?: PackSource;
  /** largest upload accepted (default 20mb) */
  limit?: string;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

function documentOf(req: Request): DocumentInput {
  const name = text(req.query.name) ?? text(req.get('x-file-name'));
  if (Buffer.isBuffer(req.body)) {
    if (req.body.length === 0) throw new BadRequestError('Empty body: send the file or JSON {text}', '请求内容为空：请上传文件，或提交 JSON {text}');
    return { data: new Uint8Array(req.body), name: name ? decodeURIComponent(name) : undefined, contentType: req.get('content-type') };
  }
  const body = (req.body ?? {}) as Record<string, unknown>;
  const pasted = text(body.text);
  if (!pasted) throw new BadRequestError('JSON body needs a non-empty "text"', 'JSON 请求须包含非空的 text（规章制度全文）');
  return { text: pasted, name: text(body.name) ?? name };
}

export function draftingRoutes(options: DraftingRoutesOptions = {}): Router {
  const router = Router();
  let shipped: PackSource | undefined;
  const bases = () => options.basePacks ?? (shipped ??= folderSource());

  router.post(
    '/drafting/extract',
    express.raw({ type: (req) => !String(req.headers['content-type'] ?? '').includes('json'), limit: options.limit ?? '20mb' }),
    async (req, res) => {
      requireUser(identityOf(res));
      const body = Buffer.isBuffer(req.body) ? {} : ((req.body ?? {}) as Record<string, unknown>);
      const township = text(body.township) ?? text(req.query.township);
      if (!township) throw new BadRequestError('township is required (query ?township= or JSON field)', '请指明乡镇（township）');
      const base = text(body.extends) ?? text(req.query.extends) ?? 'base';
      let result;
      try {
        const packId = text(body.packId) ?? text(req.query.packId);
        if (packId && !/^[a-z][a-z0-9-]{1,62}$/.test(packId)) throw new BadRequestError('packId must look like county-township', 'packId 只能由小写字母、数字和连字符组成，且以字母开头');
        result = await draftFromDocument(documentOf(req), { township, extends: base, packId });
      } catch (error) {
        if (error instanceof DocumentUnreadableError) {
          throw new ApiError(422, error.code, error.message, error.messageZh, { fileName: error.fileName });
        }
        throw error;
      }
      const { bundle, review, ladders, quantities, document, clauses } = result;
      const draft = bundleSource({ [bundle.pack.id]: bundle });
      const source: PackSource = { get: (id) => draft.get(id) ?? (bases().get(id) as PackBundle | undefined) };
      const issues = buildPack(bundle.pack.id, source).issues;
      // the outline, for showing a quantity in its clause: quantity.start/end index clause.original
      const outline = clauses.map((c) => ({ id: c.id, sourceId: sourceIdOf(c), article: c.article, heading: c.heading, original: c.original }));
      res.json({ document, bundle, review, ladders, quantities, clauses: outline, validation: { valid: !issues.some((i) => i.severity === 'error'), issues } });
    },
  );
  return router;
}
