/**
 * POST /api/drafting/extract: a regulation document in, a draft pack out. The body is the file
 * itself (.docx, .txt, .md — raw bytes, any content type but JSON, file name in `?name=` or
 * `X-File-Name`) or JSON `{ text, township, extends?, packId?, name? }`. Nothing is stored: the reply
 * is the draft bundle, the review list, the ladders and the validation of the draft against
 * its base; the admin UI wizard shows it and saves the bundle as a draft through /api/drafts.
 * Reading and drafting run in a worker thread (a document can be large or hostile).
 */
import express, { Router, type Request } from 'express';
import {
  buildPack,
  bundleSource,
  folderSource,
  type DocumentInput,
  type PackBundle,
  type PackSource,
} from '../../../engine/index.js';
import { sourceIdOf } from '../../../engine/drafting/index.js';
import { BadRequestError } from '../../errors.js';
import { identityOf } from '../../http/request.js';
import { requireUser } from '../auth/access.js';
import { retryAfterHeader, uploadSlot } from '../uploads/upload-gate.js';
import { defaultUploads, type Uploads } from '../uploads/uploads.js';
import { validate } from '../../http/validate.js';

export interface DraftingRoutesOptions {
  /** where the base packs come from (default: the packs shipped under rules/) */
  basePacks?: PackSource;
  /** largest upload accepted (default 20mb) */
  limit?: string;
  /** the workers that read documents and the cap on concurrent uploads (default: one per process, from the environment) */
  uploads?: Uploads;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/**
 * The file name: `?name=` arrives decoded by the query parser; `X-File-Name` is percent-encoded,
 * as headers are ASCII. A name that does not decode (or is not UTF-8) is a 400, not a 500.
 */
function fileNameOf(req: Request): string | undefined {
  const query = text(req.query.name);
  const header = query === undefined ? text(req.get('x-file-name')) : undefined;
  let name = query;
  if (header !== undefined) {
    try {
      name = decodeURIComponent(header);
    } catch {
      throw new BadRequestError(
        'X-File-Name is not a valid percent-encoded UTF-8 name',
        '文件名（X-File-Name）编码无效，请使用 UTF-8 百分号编码',
        { field: 'X-File-Name' },
      );
    }
  }
  // the query parser leaves U+FFFD where the bytes were not UTF-8
  if (name?.includes('\uFFFD'))
    throw new BadRequestError('the file name is not valid UTF-8', '文件名编码无效，请使用 UTF-8', {
      field: query !== undefined ? 'name' : 'X-File-Name',
    });
  return name;
}

function documentOf(req: Request): DocumentInput {
  const name = fileNameOf(req);
  if (Buffer.isBuffer(req.body)) {
    if (req.body.length === 0)
      throw new BadRequestError(
        'Empty body: send the file or JSON {text}',
        '请求内容为空：请上传文件，或提交 JSON {text}',
      );
    return {
      data: new Uint8Array(req.body.buffer, req.body.byteOffset, req.body.byteLength),
      name,
      contentType: req.get('content-type'),
    };
  }
  const body = (req.body ?? {}) as Record<string, unknown>;
  const pasted = text(body.text);
  if (!pasted)
    throw new BadRequestError('JSON body needs a non-empty "text"', 'JSON 请求须包含非空的 text（规章制度全文）');
  return { text: pasted, name: text(body.name) ?? name };
}

export function draftingRoutes(options: DraftingRoutesOptions = {}): Router {
  const router = Router();
  let shipped: PackSource | undefined;
  const bases = () => options.basePacks ?? (shipped ??= folderSource());
  const uploads = () => options.uploads ?? defaultUploads();

  router.post(
    '/drafting/extract',
    validate('POST /drafting/extract'),
    (req, res, next) => {
      requireUser(identityOf(res));
      uploadSlot(uploads().gate)(req, res, next);
    },
    express.raw({
      type: (req) => !String(req.headers['content-type'] ?? '').includes('json'),
      limit: options.limit ?? '20mb',
    }),
    async (req, res) => {
      const body = Buffer.isBuffer(req.body) ? {} : ((req.body ?? {}) as Record<string, unknown>);
      const township = text(body.township) ?? text(req.query.township);
      if (!township)
        throw new BadRequestError('township is required (query ?township= or JSON field)', '请指明乡镇（township）');
      const base = text(body.extends) ?? text(req.query.extends) ?? 'base';
      const packId = text(body.packId) ?? text(req.query.packId);
      if (packId && !/^[a-z][a-z0-9-]{1,62}$/.test(packId))
        throw new BadRequestError(
          'packId must look like county-township',
          'packId 只能由小写字母、数字和连字符组成，且以字母开头',
        );
      // DOCUMENT_UNREADABLE (422) and DOCUMENT_TOO_LARGE (413) come back from the worker as API errors
      const result = await uploads().pool.run('draftDocument', {
        document: documentOf(req),
        options: { township, extends: base, packId },
      });
      const { bundle, review, ladders, quantities, document, clauses } = result;
      const draft = bundleSource({ [bundle.pack.id]: bundle });
      const source: PackSource = { get: (id) => draft.get(id) ?? (bases().get(id) as PackBundle | undefined) };
      const issues = buildPack(bundle.pack.id, source).issues;
      // the outline, for showing a quantity in its clause: quantity.start/end index clause.original
      const outline = clauses.map((c) => ({
        id: c.id,
        sourceId: sourceIdOf(c),
        article: c.article,
        heading: c.heading,
        original: c.original,
      }));
      res.json({
        document,
        bundle,
        review,
        ladders,
        quantities,
        clauses: outline,
        validation: { valid: !issues.some((i) => i.severity === 'error'), issues },
      });
    },
  );
  router.use(retryAfterHeader);
  return router;
}
