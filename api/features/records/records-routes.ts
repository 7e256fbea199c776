/**
 * The printable record of a published version (制度参数对照表):
 *
 *   GET /packs/:id/versions/:n/record       HTML with print CSS (?lang=en for English)
 *   GET /packs/:id/versions/:n/record.pdf   the same as a PDF (attachment)
 *
 * Anyone who may read the pack may read its records.
 */
import { Router, type Response } from 'express';
import { NotFoundError } from '../../errors.js';
import { identityOf } from '../../http/request.js';
import { authorizePack } from '../auth/access.js';
import type { Identity } from '../auth/identity.js';
import type { PackBuilder } from '../evaluation/pack-builder.js';
import type { PackCatalog } from '../packs/pack-catalog.js';
import { contentDisposition } from '../sheets/sheet-http.js';
import type { TownshipsStore } from '../townships/townships-store.js';
import { RECORD_CSP, renderRecordHtml } from './record-html.js';
import type { UsersStore } from '../users/users-store.js';
import {
  buildRecordSheet,
  recordLocale,
  type RecordInputs,
  type RecordSheet,
  type VersionChanges,
  type VersionInfo,
} from './record-model.js';
import { findCjkFont, renderRecordPdf, type CjkFont } from './record-pdf.js';
import { validate } from '../../http/validate.js';

export interface RecordsDeps {
  catalog: PackCatalog;
  builder: PackBuilder;
  townships: TownshipsStore;
  usersStore: Pick<UsersStore, 'displayNames'>;
  versions: {
    diff(identity: Identity, packId: string, from: string, to: string): Promise<VersionChanges>;
    /** the version record of docs/adoption.md (404 for an unknown version) */
    versionInfo(identity: Identity, packId: string, version: number): Promise<VersionInfo>;
  };
}

export interface RecordsOptions {
  /** the CJK font for PDFs; found on the system when not given (null: the PDF answers 503) */
  font?: CjkFont | null;
}

/**
 * The record as a standalone page: it loads nothing and runs nothing, only the app may frame it,
 * and opened on its own it is sandboxed (an opaque origin that may still print).
 */
const HTML_POLICY = `${RECORD_CSP}; frame-ancestors 'self'; sandbox allow-modals`;

/** `<pack id>-第N版-制度参数对照表.pdf`, named like the other downloads (pack ids are file-name safe). */
export function recordFileName(sheet: Pick<RecordSheet, 'pack' | 'version' | 'locale'>): {
  name: string;
  ascii: string;
} {
  const name =
    sheet.locale === 'en'
      ? `${sheet.pack.id}-version-${sheet.version}-parameter-record.pdf`
      : `${sheet.pack.id}-第${sheet.version}版-制度参数对照表.pdf`;
  return { name, ascii: `${sheet.pack.id}-v${sheet.version}-record.pdf` };
}

/** The record routes; the PDF font is looked for once, here. */
export function recordsRoutes(deps: RecordsDeps, options: RecordsOptions = {}): Router {
  const font = options.font === undefined ? findCjkFont() : options.font;
  const router = Router();

  const sheetFor = async (
    req: { params: Record<string, string>; query: Record<string, unknown> },
    res: Response,
  ): Promise<RecordSheet> => {
    const identity = identityOf(res);
    const packId = req.params.id;
    const snapshot = await deps.catalog.snapshot();
    const pack = authorizePack(identity, snapshot, packId, 'read');
    const version = Number(req.params.n);
    if (!Number.isInteger(version) || version < 1)
      throw new NotFoundError('version', `${packId}:${req.params.n}`, '版本');
    const inputs: RecordInputs = {
      versionInfo: (who, id, n) => deps.versions.versionInfo(who, id, n),
      buildVersion: (id, n) => deps.builder.buildVersion(id, n),
      diff: (who, id, from, to) => deps.versions.diff(who, id, from, to),
      packNames: async (id, n) => {
        const stored = await deps.builder.requireVersion(id, n);
        const names = new Map([[id, stored.bundle.pack.name]]);
        for (const [base, pinned] of Object.entries(stored.chainVersions))
          names.set(base, (await deps.builder.requireVersion(base, pinned)).bundle.pack.name);
        return names;
      },
      townshipName: async (id) => (await deps.townships.get(id))?.name,
      displayNames: (usernames) => deps.usersStore.displayNames(null, usernames),
    };
    return buildRecordSheet(
      inputs,
      identity,
      { id: pack.id, townshipId: pack.townshipId },
      version,
      recordLocale(req.query.lang),
    );
  };

  router.get('/packs/:id/versions/:n/record', validate('GET /packs/:id/versions/:n/record'), async (req, res) => {
    const sheet = await sheetFor(req, res);
    res.set('Content-Security-Policy', HTML_POLICY);
    res.set('X-Content-Type-Options', 'nosniff');
    res.set('Referrer-Policy', 'no-referrer');
    res.set('Content-Language', sheet.locale === 'zh' ? 'zh-CN' : 'en');
    res.type('text/html; charset=utf-8').send(renderRecordHtml(sheet));
  });

  router.get(
    '/packs/:id/versions/:n/record.pdf',
    validate('GET /packs/:id/versions/:n/record.pdf'),
    async (req, res) => {
      const sheet = await sheetFor(req, res);
      const pdf = await renderRecordPdf(sheet, font);
      const { name, ascii } = recordFileName(sheet);
      res.set('Content-Disposition', contentDisposition(name, ascii));
      res.type('application/pdf').send(pdf);
    },
  );
  return router;
}
