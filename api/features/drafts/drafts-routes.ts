/**
 * The pack-draft resources: parameters, rules, fixtures, sources. Ids are `packId:key`. Lists go
 * over the packs the caller may read (a packId filter naming another township's pack is 403).
 * The edits themselves are the engine's (engine/drafts); here they become rows and routes.
 */
import { Router } from 'express';
import {
  CASES,
  RULES,
  addClause,
  addEntry,
  addParameter,
  listEntries,
  removeClause,
  removeEntry,
  removeParameter,
  replaceClause,
  replaceEntry,
  replaceParameter,
  type EntryCollection,
  type PackBundle,
  type ParameterState,
  type ParameterValue,
} from '../../../engine/index.js';
import { toJson } from '../../db/knex.js';
import { NotFoundError } from '../../errors.js';
import { listArray, parseList, sendList } from '../../http/list.js';
import { expectedRevision, filterValues, identityOf, setRevisionTag } from '../../http/request.js';
import { bodyCheck, validate } from '../../http/validate.js';
import { authorizePack, readablePacks, type PackAction } from '../auth/access.js';
import type { CatalogSnapshot } from '../packs/pack-catalog.js';
import type { PackRow } from '../packs/packs-store.js';
import { splitId, type DraftsService } from './drafts-service.js';

interface DraftResource {
  name: string;
  what: string;
  whatZh: string;
  keyField: string;
  /** who may edit these rows */
  editAction: PackAction;
  rows(service: DraftsService, snapshot: CatalogSnapshot, row: PackRow): Promise<Record<string, unknown>[]>;
  create(bundle: PackBundle, body: Record<string, unknown>): string;
  update(bundle: PackBundle, key: string, body: Record<string, unknown>, record: Record<string, unknown>): string;
  remove(bundle: PackBundle, key: string, record: Record<string, unknown>): void;
}

const withoutMeta = (record: Record<string, unknown>) => {
  const { id: _id, packId: _p, revision: _r, ...rest } = record;
  return rest;
};

/** Rules and test cases: entries of per-decision files, one implementation (engine/drafts). */
function entryResource(name: string, kind: EntryCollection, editAction: PackAction): DraftResource {
  const keyField = kind.idField;
  return {
    name,
    what: kind.what,
    whatZh: kind.whatZh,
    keyField,
    editAction,
    async rows(_service, _snapshot, row) {
      const bundle = JSON.parse(row.draft) as PackBundle;
      return listEntries(bundle, kind).map(({ entry, decision, file, index }) => ({
        ...entry,
        id: `${row.id}:${entry.id}`,
        packId: row.id,
        [keyField]: entry.id,
        decision,
        file,
        index,
        disabled: (entry as { disabled?: boolean }).disabled === true,
        revision: row.revision,
      }));
    },
    create(bundle, body) {
      const key = body[keyField] as string;
      const decision = body.decision as string;
      addEntry(bundle, kind, key, decision, body, typeof body.file === 'string' ? body.file : undefined);
      return key;
    },
    update: (bundle, key, body) => replaceEntry(bundle, kind, key, body),
    remove: (bundle, key) => removeEntry(bundle, kind, key),
  };
}

const sources: DraftResource = {
  name: 'sources',
  what: 'source clause',
  whatZh: '依据条款',
  keyField: 'clauseId',
  editAction: 'editDraft',
  async rows(_service, _snapshot, row) {
    const bundle = JSON.parse(row.draft) as PackBundle;
    return bundle.sources.clauses.map((c, index) => ({
      ...c,
      id: `${row.id}:${c.id}`,
      packId: row.id,
      clauseId: c.id,
      index,
      revision: row.revision,
    }));
  },
  create(bundle, body) {
    const key = body.clauseId as string;
    addClause(bundle, key, body);
    return key;
  },
  update: (bundle, key, body) => replaceClause(bundle, key, body),
  remove: (bundle, key) => removeClause(bundle, key),
};

/** The row tells whether the parameter is inherited (an edit is then an override) and its current value. */
const stateOf = (record: Record<string, unknown>): ParameterState => ({
  inherited: record.inherited === true,
  overridden: record.overridden === true,
  value: record.value as ParameterValue,
});

const parameters: DraftResource = {
  name: 'parameters',
  what: 'parameter',
  whatZh: '参数',
  keyField: 'parameterId',
  editAction: 'editDraft',
  rows: (service, snapshot, row) => service.parameterRows(snapshot, row),
  create(bundle, body) {
    const key = body.parameterId as string;
    addParameter(bundle, key, body);
    return key;
  },
  update(bundle, key, body, record) {
    replaceParameter(bundle, key, body, stateOf(record));
    return key;
  },
  remove: (bundle, key, record) => removeParameter(bundle, key, stateOf(record)),
};

export const DRAFT_RESOURCES = [
  parameters,
  entryResource('rules', RULES, 'editDraft'),
  entryResource('fixtures', CASES, 'editFixtures'),
  sources,
];

export function draftRoutes(service: DraftsService): Router {
  const router = Router();
  for (const spec of DRAFT_RESOURCES) {
    const recordOf = async (snapshot: CatalogSnapshot, row: PackRow, key: string) => {
      const record = (await spec.rows(service, snapshot, row)).find((r) => r[spec.keyField] === key);
      if (!record) throw new NotFoundError(spec.what, `${row.id}:${key}`, spec.whatZh);
      return record;
    };
    const afterWrite = async (packId: string, key: string, bundle: PackBundle, revision: number) => {
      const snapshot = await service.catalog.snapshot();
      const row = { id: packId, draft: toJson(bundle)!, revision } as PackRow;
      return recordOf(snapshot, row, key);
    };

    router.get(`/${spec.name}`, validate(`GET /${spec.name}`), async (req, res) => {
      const identity = identityOf(res);
      const params = parseList(req);
      const snapshot = await service.catalog.snapshot();
      const wanted = new Set<string>();
      for (const packId of filterValues(params.filter.packId) ?? []) wanted.add(packId);
      for (const id of filterValues(params.filter.id) ?? []) wanted.add(id.split(':')[0]);
      let packIds: string[] | null;
      if (wanted.size) {
        for (const packId of wanted) if (snapshot.packs.has(packId)) authorizePack(identity, snapshot, packId, 'read');
        packIds = [...wanted].filter((p) => snapshot.packs.has(p));
      } else {
        packIds = readablePacks(identity, snapshot);
      }
      const { rows } = await service.loadMany(identity, packIds);
      const all = (await Promise.all(rows.map((row) => spec.rows(service, snapshot, row)))).flat();
      const page = listArray(all, params);
      sendList(res, spec.name, page.rows, page.total, params);
    });

    router.get(`/${spec.name}/:id`, validate(`GET /${spec.name}/:id`), async (req, res) => {
      const [packId, key] = splitId(req.params.id, spec.what, spec.whatZh);
      const { snapshot, row } = await service.load(identityOf(res), packId, 'read');
      const record = await recordOf(snapshot, row, key);
      setRevisionTag(res, row.revision);
      res.json(record);
    });

    // the body's shape (packId, the new key, its decision) is checked by schemas/api/drafts.schema.json
    const checkNewRow = bodyCheck(`POST /${spec.name}`);
    router.post(`/${spec.name}`, validate(`POST /${spec.name}`), async (req, res) => {
      const body = req.body as Record<string, unknown>;
      const packId = body.packId as string;
      let key = '';
      const result = await service.mutate(
        identityOf(res),
        packId,
        {
          action: spec.editAction,
          expectedRevision: expectedRevision(req, body),
          audit: { action: `${spec.name}.create`, resource: spec.name },
        },
        (bundle) => {
          checkNewRow(body);
          key = spec.create(bundle, body);
          return { after: withoutMeta(body) };
        },
      );
      const record = await afterWrite(packId, key, result.bundle, result.revision);
      setRevisionTag(res, result.revision);
      res.status(201).json(record);
    });

    router.put(`/${spec.name}/:id`, validate(`PUT /${spec.name}/:id`), async (req, res) => {
      const [packId, key] = splitId(req.params.id, spec.what, spec.whatZh);
      const body = req.body as Record<string, unknown>;
      let newKey = key;
      const result = await service.mutate(
        identityOf(res),
        packId,
        {
          action: spec.editAction,
          expectedRevision: expectedRevision(req, body),
          audit: { action: `${spec.name}.update`, resource: spec.name, recordId: req.params.id },
        },
        async (bundle, loaded) => {
          const before = await recordOf(loaded.snapshot, loaded.row, key);
          newKey = spec.update(bundle, key, body, before);
          return { before: withoutMeta(before), after: withoutMeta(body) };
        },
      );
      const record = await afterWrite(packId, newKey, result.bundle, result.revision);
      setRevisionTag(res, result.revision);
      res.json(record);
    });

    router.delete(`/${spec.name}/:id`, validate(`DELETE /${spec.name}/:id`), async (req, res) => {
      const [packId, key] = splitId(req.params.id, spec.what, spec.whatZh);
      let removed: Record<string, unknown> = {};
      const result = await service.mutate(
        identityOf(res),
        packId,
        {
          action: spec.editAction,
          expectedRevision: expectedRevision(req),
          audit: { action: `${spec.name}.delete`, resource: spec.name, recordId: req.params.id },
        },
        async (bundle, loaded) => {
          removed = await recordOf(loaded.snapshot, loaded.row, key);
          spec.remove(bundle, key, removed);
          return { before: withoutMeta(removed) };
        },
      );
      setRevisionTag(res, result.revision);
      res.json({ ...removed, revision: result.revision });
    });
  }
  return router;
}
