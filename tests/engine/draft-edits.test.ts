/** Draft-bundle edits: one implementation for rules and test cases, clauses, parameters and overrides. */
import { describe, expect, it } from 'vitest';
import {
  CASES,
  DraftEditError,
  RULES,
  addClause,
  addEntry,
  addParameter,
  buildPack,
  findEntry,
  folderSource,
  listEntries,
  parameterViews,
  removeEntry,
  removeParameter,
  replaceClause,
  replaceEntry,
  replaceParameter,
  type EntryCollection,
  type PackBundle,
} from '../../engine/index.js';

const PACK = 'county-township-cadres';
const source = folderSource();
const fresh = (): PackBundle => structuredClone(source.get(PACK)!);

function editError(edit: () => void): DraftEditError {
  try {
    edit();
  } catch (error) {
    if (error instanceof DraftEditError) return error;
    throw error;
  }
  throw new Error('expected a DraftEditError');
}

const files = (bundle: PackBundle, kind: EntryCollection) => kind.files(bundle) as Record<string, { decision: string }>;

describe.each([
  [
    'rules',
    RULES as EntryCollection,
    'leave.ordinary.upToFiveDays',
    { title: '新规则', citations: [], conditions: { all: [] }, outcomes: [] },
  ],
  [
    'test cases',
    CASES as EntryCollection,
    'leave.ordinary.2d',
    { name: '新用例', facts: {}, expect: { outcomes: [] } },
  ],
] as const)('%s', (_name, kind, existing, fields) => {
  it("adds an entry to its decision's file, or a new file for a decision without one; an id in use is refused", () => {
    const bundle = fresh();
    addEntry(bundle, kind, 'x.one', 'leaveApproval', { ...fields, unknownField: 1 });
    const placed = listEntries(bundle, kind).find((p) => p.entry.id === 'x.one')!;
    expect(placed.decision).toBe('leaveApproval');
    expect(placed.entry).not.toHaveProperty('unknownField');
    addEntry(bundle, kind, 'x.two', 'annualLeave', fields);
    expect(files(bundle, kind)[`${kind.folder}/annualLeave.json`].decision).toBe('annualLeave');
    const taken = editError(() => addEntry(bundle, kind, existing, 'leaveApproval', fields));
    expect(taken.path).toBe(`/${kind.idField}`);
    expect(taken.messageZh).toContain(existing);
  });

  it('ignores a file named for another decision', () => {
    const bundle = fresh();
    const other = Object.entries(files(bundle, kind)).find(([, f]) => f.decision !== 'leaveApproval')![0];
    addEntry(bundle, kind, 'x.one', 'leaveApproval', fields, other);
    expect(listEntries(bundle, kind).find((p) => p.entry.id === 'x.one')!.decision).toBe('leaveApproval');
  });

  it('replaces, renames and moves an entry to another decision; a file left empty goes', () => {
    const bundle = fresh();
    addEntry(bundle, kind, 'x.one', 'annualLeave', fields);
    expect(
      replaceEntry(bundle, kind, 'x.one', { ...fields, [kind.idField]: 'x.renamed', decision: 'leaveApproval' }),
    ).toBe('x.renamed');
    expect(findEntry(bundle, kind, 'x.one')).toBeUndefined();
    expect(listEntries(bundle, kind).find((p) => p.entry.id === 'x.renamed')!.decision).toBe('leaveApproval');
    expect(files(bundle, kind)).not.toHaveProperty(`${kind.folder}/annualLeave.json`);
    expect(editError(() => replaceEntry(bundle, kind, 'x.renamed', { [kind.idField]: existing })).path).toBe(
      `/${kind.idField}`,
    );
    removeEntry(bundle, kind, 'x.renamed');
    expect(findEntry(bundle, kind, 'x.renamed')).toBeUndefined();
  });

  it('a disabling entry keeps only its note', () => {
    const bundle = fresh();
    replaceEntry(bundle, kind, existing, { ...fields, disabled: true, note: '本镇不适用' });
    expect(listEntries(bundle, kind).find((p) => p.entry.id === existing)!.entry).toEqual({
      id: existing,
      disabled: true,
      note: '本镇不适用',
    });
  });
});

describe('rule groups', () => {
  it('a rule with newGroup declares its group in the rules file; a nameless group is refused', () => {
    const bundle = fresh();
    addEntry(bundle, RULES, 'x.grouped', 'leaveApproval', {
      title: 't',
      citations: [],
      conditions: { all: [] },
      outcomes: [],
      group: 'own1',
      newGroup: { label: ' 备案 ' },
    });
    const file = Object.values(bundle.rules).find((f) => f.decision === 'leaveApproval')!;
    expect(file.groups?.own1).toEqual({ label: '备案', hitPolicy: 'collect' });
    expect(
      editError(() => addEntry(bundle, RULES, 'x.b', 'leaveApproval', { group: 'own2', newGroup: { label: '' } })).path,
    ).toBe('/newGroup/label');
  });
});

describe('source clauses', () => {
  it('adds, renames and refuses an id in use', () => {
    const bundle = fresh();
    const [first, second] = bundle.sources.clauses;
    addClause(bundle, 'NEW-1', { document: '文件', text: '条文', unknown: 1 });
    expect(bundle.sources.clauses.at(-1)).toEqual({ id: 'NEW-1', document: '文件', text: '条文' });
    expect(editError(() => addClause(bundle, first.id, {})).path).toBe('/clauseId');
    expect(editError(() => replaceClause(bundle, 'NEW-1', { clauseId: second.id })).path).toBe('/clauseId');
    expect(replaceClause(bundle, 'NEW-1', { clauseId: 'NEW-2', text: '新条文' })).toBe('NEW-2');
    expect(bundle.sources.clauses.at(-1)).toEqual({ id: 'NEW-2', document: '文件', text: '新条文' });
  });
});

describe('parameters', () => {
  // a parameter the base defines (the edits do not look at locks: validating the pack does)
  const base = { definition: { id: 'annualLeave.minServiceYears' }, value: 1 };

  it('an own parameter is edited in place; an inherited one through an override, reverted by overridden: false', () => {
    const bundle = fresh();
    replaceParameter(
      bundle,
      'leave.secretaryMaxDays',
      { value: 7, label: null },
      { inherited: false, overridden: false, value: 5 },
    );
    const own = bundle.parameters.parameters!.find((p) => p.id === 'leave.secretaryMaxDays')!;
    expect(own.value).toBe(7);
    expect(own).not.toHaveProperty('label');

    const state = { inherited: true, overridden: false, value: base.value };
    replaceParameter(bundle, base.definition.id, { value: base.value }, state);
    expect(bundle.parameters.overrides).toBeUndefined();
    replaceParameter(bundle, base.definition.id, { value: 99, note: '本镇', overrideSource: 'X-1' }, state);
    expect(bundle.parameters.overrides).toEqual([{ id: base.definition.id, value: 99, source: 'X-1', note: '本镇' }]);
    replaceParameter(
      bundle,
      base.definition.id,
      { value: 99, overridden: false },
      { inherited: true, overridden: true, value: 99 },
    );
    expect(bundle.parameters.overrides).toBeUndefined();
  });

  it('removing an inherited parameter removes the override; with none there is nothing to remove', () => {
    const bundle = fresh();
    bundle.parameters.overrides = [{ id: base.definition.id, value: 3 }];
    expect(
      editError(() => removeParameter(bundle, base.definition.id, { inherited: true, overridden: false })).path,
    ).toBe('');
    removeParameter(bundle, base.definition.id, { inherited: true, overridden: true });
    expect(bundle.parameters.overrides).toBeUndefined();
    addParameter(bundle, 'x.new', { type: 'number', label: '新参数', value: 1 });
    expect(editError(() => addParameter(bundle, 'x.new', {})).path).toBe('/parameterId');
    removeParameter(bundle, 'x.new', { inherited: false, overridden: false });
    expect(bundle.parameters.parameters!.some((p) => p.id === 'x.new')).toBe(false);
  });
});

describe('parameter views', () => {
  it('own and inherited parameters, an override with the base value beside it, and who reads each', () => {
    const bundle = fresh();
    bundle.parameters.overrides = [{ id: 'annualLeave.minServiceYears', value: 1, note: '本镇' }];
    const resolved = buildPack(PACK, { get: (id) => (id === PACK ? bundle : source.get(id)) }).resolved!;
    const views = parameterViews(
      PACK,
      bundle,
      resolved.parameters,
      new Map([['annualLeave.minServiceYears', 1]]),
      new Map([['leave.secretaryMaxDays', new Set(['leaveApproval'])]]),
    );
    const own = views.find((v) => v.definition.id === 'leave.secretaryMaxDays')!;
    expect(own).toMatchObject({ inherited: false, overridden: false, definedIn: PACK, usedBy: ['leaveApproval'] });
    expect(own).not.toHaveProperty('inheritedValue');
    const inherited = views.find((v) => v.definition.id === 'annualLeave.minServiceYears')!;
    expect(inherited).toMatchObject({
      inherited: true,
      overridden: true,
      definedIn: 'base',
      inheritedValue: 1,
      override: { note: '本镇' },
      usedBy: [],
    });
  });

  it('a draft that does not resolve shows only its own definitions, with no usage', () => {
    const bundle = fresh();
    const views = parameterViews(PACK, bundle, undefined);
    expect(views.map((v) => v.definition.id)).toEqual(bundle.parameters.parameters!.map((p) => p.id));
    expect(views.every((v) => !v.inherited && v.usedBy === undefined)).toBe(true);
  });
});
