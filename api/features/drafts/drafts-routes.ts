/**
 * The pack-draft resources: parameters, rules, fixtures, sources. Ids are `packId:key`. Lists go
 * over the packs the caller may read (a packId filter naming another township's pack is 403).
 */
import { Router } from 'express';
import type { PackBundle, ParameterDefinition, RulesFile, FixturesFile } from '../../../engine/index.js';
import { toJson } from '../../db/knex.js';
import { NotFoundError, fieldError } from '../../errors.js';
import { listArray, parseList, sendList } from '../../http/list.js';
import { expectedRevision, filterValues, identityOf, pick, setRevisionTag } from '../../http/request.js';
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

function fileFor<T extends { decision: string }>(files: Record<string, T>, decision: string, folder: string, make: () => T): [string, T] {
  const found = Object.entries(files).find(([, f]) => f.decision === decision);
  if (found) return found;
  const path = `${folder}/${decision}.json`;
  files[path] = make();
  return [path, files[path]];
}

// ---- rules ---------------------------------------------------------------------------------

const RULE_KEYS = ['title', 'group', 'priority', 'citations', 'note', 'conditions', 'outcomes', 'lock'];

function ruleEntry(key: string, body: Record<string, unknown>): any {
  if (body.disabled === true) return pick(body, ['note'], { id: key, disabled: true });
  return pick(body, RULE_KEYS, { id: key });
}

/**
 * A rule saved with `newGroup: {label}` creates its group (decision table) in the rules file: a
 * director names it in Chinese, the UI generates the id, and every match contributes (collect).
 */
function declareGroup(file: RulesFile, body: Record<string, unknown>): void {
  if (body.newGroup === undefined || body.newGroup === null) return;
  const label = typeof body.newGroup === 'object' ? (body.newGroup as { label?: unknown }).label : undefined;
  if (typeof label !== 'string' || !label.trim()) throw fieldError('/newGroup/label', 'the new group needs a name', '请填写新条件组的名称');
  const id = body.group;
  if (typeof id !== 'string' || !/^[a-z][A-Za-z0-9]*$/.test(id)) throw fieldError('/group', 'group id: a lower-case letter, then letters and digits', '条件组编号应以小写字母开头，只含字母和数字');
  file.groups ??= {};
  if (!Object.hasOwn(file.groups, id)) file.groups[id] = { label: label.trim(), hitPolicy: 'collect' };
}

function findRule(bundle: PackBundle, key: string): { file: string; index: number } | undefined {
  for (const [file, f] of Object.entries(bundle.rules)) {
    const index = f.rules.findIndex((r) => r.id === key);
    if (index >= 0) return { file, index };
  }
  return undefined;
}

const rules: DraftResource = {
  name: 'rules', what: 'rule', whatZh: '规则', keyField: 'ruleId', editAction: 'editDraft',
  async rows(_service, _snapshot, row) {
    const bundle = JSON.parse(row.draft) as PackBundle;
    return Object.entries(bundle.rules).flatMap(([file, f]) => f.rules.map((r, index) => ({
      ...(r as object), id: `${row.id}:${r.id}`, packId: row.id, ruleId: r.id, decision: f.decision, file, index,
      disabled: (r as { disabled?: boolean }).disabled === true, revision: row.revision,
    })));
  },
  create(bundle, body) {
    const key = body.ruleId as string;
    const decision = body.decision as string;
    if (findRule(bundle, key)) throw fieldError('/ruleId', `rule ${key} already exists in this pack`, `本规则包已有规则「${key}」`);
    const [, file] = typeof body.file === 'string' && Object.hasOwn(bundle.rules, body.file)
      ? [body.file, bundle.rules[body.file]]
      : fileFor<RulesFile>(bundle.rules, decision, 'rules', () => ({ decision, rules: [] }));
    file.rules.push(ruleEntry(key, body));
    declareGroup(file, body);
    return key;
  },
  update(bundle, key, body) {
    const at = findRule(bundle, key)!;
    const newKey = typeof body.ruleId === 'string' && body.ruleId ? body.ruleId : key;
    if (newKey !== key && findRule(bundle, newKey)) throw fieldError('/ruleId', `rule ${newKey} already exists`, `已有规则「${newKey}」`);
    const decision = typeof body.decision === 'string' ? body.decision : bundle.rules[at.file].decision;
    const entry = ruleEntry(newKey, body);
    if (decision === bundle.rules[at.file].decision) {
      bundle.rules[at.file].rules[at.index] = entry;
      declareGroup(bundle.rules[at.file], body);
    } else {
      bundle.rules[at.file].rules.splice(at.index, 1);
      const target = fileFor<RulesFile>(bundle.rules, decision, 'rules', () => ({ decision, rules: [] }))[1];
      target.rules.push(entry);
      declareGroup(target, body);
      if (bundle.rules[at.file].rules.length === 0) delete bundle.rules[at.file];
    }
    return newKey;
  },
  remove(bundle, key) {
    const at = findRule(bundle, key)!;
    bundle.rules[at.file].rules.splice(at.index, 1);
    if (bundle.rules[at.file].rules.length === 0) delete bundle.rules[at.file];
  },
};

// ---- fixtures ------------------------------------------------------------------------------

const CASE_KEYS = ['name', 'facts', 'asOf', 'expect'];

function caseEntry(key: string, body: Record<string, unknown>): any {
  if (body.disabled === true) return pick(body, ['note'], { id: key, disabled: true });
  return pick(body, CASE_KEYS, { id: key });
}

function findCase(bundle: PackBundle, key: string): { file: string; index: number } | undefined {
  for (const [file, f] of Object.entries(bundle.fixtures)) {
    const index = f.cases.findIndex((c) => c.id === key);
    if (index >= 0) return { file, index };
  }
  return undefined;
}

const fixtures: DraftResource = {
  name: 'fixtures', what: 'fixture', whatZh: '测试用例', keyField: 'caseId', editAction: 'editFixtures',
  async rows(_service, _snapshot, row) {
    const bundle = JSON.parse(row.draft) as PackBundle;
    return Object.entries(bundle.fixtures).flatMap(([file, f]) => f.cases.map((c, index) => ({
      ...(c as object), id: `${row.id}:${c.id}`, packId: row.id, caseId: c.id, decision: f.decision, file, index,
      disabled: (c as { disabled?: boolean }).disabled === true, revision: row.revision,
    })));
  },
  create(bundle, body) {
    const key = body.caseId as string;
    const decision = body.decision as string;
    if (findCase(bundle, key)) throw fieldError('/caseId', `test case ${key} already exists in this pack`, `本规则包已有测试用例「${key}」`);
    fileFor<FixturesFile>(bundle.fixtures, decision, 'fixtures', () => ({ decision, cases: [] }))[1].cases.push(caseEntry(key, body));
    return key;
  },
  update(bundle, key, body) {
    const at = findCase(bundle, key)!;
    const newKey = typeof body.caseId === 'string' && body.caseId ? body.caseId : key;
    if (newKey !== key && findCase(bundle, newKey)) throw fieldError('/caseId', `test case ${newKey} already exists`, `已有测试用例「${newKey}」`);
    const decision = typeof body.decision === 'string' ? body.decision : bundle.fixtures[at.file].decision;
    const entry = caseEntry(newKey, body);
    if (decision === bundle.fixtures[at.file].decision) {
      bundle.fixtures[at.file].cases[at.index] = entry;
    } else {
      bundle.fixtures[at.file].cases.splice(at.index, 1);
      fileFor<FixturesFile>(bundle.fixtures, decision, 'fixtures', () => ({ decision, cases: [] }))[1].cases.push(entry);
      if (bundle.fixtures[at.file].cases.length === 0) delete bundle.fixtures[at.file];
    }
    return newKey;
  },
  remove(bundle, key) {
    const at = findCase(bundle, key)!;
    bundle.fixtures[at.file].cases.splice(at.index, 1);
    if (bundle.fixtures[at.file].cases.length === 0) delete bundle.fixtures[at.file];
  },
};

// ---- sources -------------------------------------------------------------------------------

const sources: DraftResource = {
  name: 'sources', what: 'source clause', whatZh: '依据条款', keyField: 'clauseId', editAction: 'editDraft',
  async rows(_service, _snapshot, row) {
    const bundle = JSON.parse(row.draft) as PackBundle;
    return bundle.sources.clauses.map((c, index) => ({ ...c, id: `${row.id}:${c.id}`, packId: row.id, clauseId: c.id, index, revision: row.revision }));
  },
  create(bundle, body) {
    const key = body.clauseId as string;
    if (bundle.sources.clauses.some((c) => c.id === key)) throw fieldError('/clauseId', `clause ${key} already exists`, `已有条款「${key}」`);
    bundle.sources.clauses.push(pick(body, ['document', 'article', 'text', 'summary'], { id: key }) as any);
    return key;
  },
  update(bundle, key, body) {
    const index = bundle.sources.clauses.findIndex((c) => c.id === key);
    const newKey = typeof body.clauseId === 'string' && body.clauseId ? body.clauseId : key;
    bundle.sources.clauses[index] = pick(body, ['document', 'article', 'text', 'summary'], { ...bundle.sources.clauses[index], id: newKey }) as any;
    return newKey;
  },
  remove(bundle, key) {
    bundle.sources.clauses = bundle.sources.clauses.filter((c) => c.id !== key);
  },
};

// ---- parameters ----------------------------------------------------------------------------

const DEFINITION_KEYS = ['type', 'label', 'help', 'unit', 'min', 'max', 'options', 'value', 'source', 'lock'];

const parameters: DraftResource = {
  name: 'parameters', what: 'parameter', whatZh: '参数', keyField: 'parameterId', editAction: 'editDraft',
  rows: (service, snapshot, row) => service.parameterRows(snapshot, row),
  create(bundle, body) {
    const key = body.parameterId as string;
    const list = (bundle.parameters.parameters ??= []);
    if (list.some((p) => p.id === key)) throw fieldError('/parameterId', `parameter ${key} already exists`, `已有参数「${key}」`);
    list.push(pick(body, DEFINITION_KEYS, { id: key }) as unknown as ParameterDefinition);
    return key;
  },
  update(bundle, key, body, record) {
    if (!record.inherited) {
      const list = bundle.parameters.parameters ?? [];
      const index = list.findIndex((p) => p.id === key);
      list[index] = pick(body, DEFINITION_KEYS, { ...list[index] }) as unknown as ParameterDefinition;
      return key;
    }
    // inherited: the row's value is an override of the base's value
    // a changed value overrides; `overridden: false` with the value unchanged reverts to the base
    const overrides = (bundle.parameters.overrides ??= []);
    const index = overrides.findIndex((o) => o.id === key);
    const valueChanged = 'value' in body && JSON.stringify(body.value) !== JSON.stringify(record.value);
    if (!valueChanged && body.overridden === false) {
      if (index >= 0) overrides.splice(index, 1);
    } else if (valueChanged || index >= 0) {
      const override: any = { id: key, value: valueChanged ? body.value : overrides[index].value };
      const note = 'note' in body ? body.note : overrides[index]?.note;
      const source = 'overrideSource' in body ? body.overrideSource : overrides[index]?.source;
      if (typeof source === 'string' && source) override.source = source;
      if (typeof note === 'string' && note) override.note = note;
      if (index >= 0) overrides[index] = override;
      else overrides.push(override);
    }
    if (overrides.length === 0) delete bundle.parameters.overrides;
    return key;
  },
  remove(bundle, key, record) {
    if (record.inherited) {
      if (!record.overridden) {
        throw fieldError('', `parameter ${key} is inherited and not overridden here: nothing to remove`, `参数「${key}」继承自基础规则包，本包未覆盖，无可删除内容`);
      }
      bundle.parameters.overrides = (bundle.parameters.overrides ?? []).filter((o) => o.id !== key);
      if (bundle.parameters.overrides.length === 0) delete bundle.parameters.overrides;
      return;
    }
    bundle.parameters.parameters = (bundle.parameters.parameters ?? []).filter((p) => p.id !== key);
  },
};

export const DRAFT_RESOURCES = [parameters, rules, fixtures, sources];

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
      const result = await service.mutate(identityOf(res), packId,
        { action: spec.editAction, expectedRevision: expectedRevision(req, body), audit: { action: `${spec.name}.create`, resource: spec.name } },
        (bundle) => {
          checkNewRow(body);
          key = spec.create(bundle, body);
          return { after: withoutMeta(body) };
        });
      const record = await afterWrite(packId, key, result.bundle, result.revision);
      setRevisionTag(res, result.revision);
      res.status(201).json(record);
    });

    router.put(`/${spec.name}/:id`, validate(`PUT /${spec.name}/:id`), async (req, res) => {
      const [packId, key] = splitId(req.params.id, spec.what, spec.whatZh);
      const body = req.body as Record<string, unknown>;
      let newKey = key;
      const result = await service.mutate(identityOf(res), packId,
        { action: spec.editAction, expectedRevision: expectedRevision(req, body), audit: { action: `${spec.name}.update`, resource: spec.name, recordId: req.params.id } },
        async (bundle, loaded) => {
          const before = await recordOf(loaded.snapshot, loaded.row, key);
          newKey = spec.update(bundle, key, body, before);
          return { before: withoutMeta(before), after: withoutMeta(body) };
        });
      const record = await afterWrite(packId, newKey, result.bundle, result.revision);
      setRevisionTag(res, result.revision);
      res.json(record);
    });

    router.delete(`/${spec.name}/:id`, validate(`DELETE /${spec.name}/:id`), async (req, res) => {
      const [packId, key] = splitId(req.params.id, spec.what, spec.whatZh);
      let removed: Record<string, unknown> = {};
      const result = await service.mutate(identityOf(res), packId,
        { action: spec.editAction, expectedRevision: expectedRevision(req), audit: { action: `${spec.name}.delete`, resource: spec.name, recordId: req.params.id } },
        async (bundle, loaded) => {
          removed = await recordOf(loaded.snapshot, loaded.row, key);
          spec.remove(bundle, key, removed);
          return { before: withoutMeta(removed) };
        });
      setRevisionTag(res, result.revision);
      res.json({ ...removed, revision: result.revision });
    });
  }
  return router;
}

