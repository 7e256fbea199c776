/**
 * Rules and test cases are written the same way: files of entries, one decision per file, each
 * entry with an id unique in the pack. One implementation edits both; a collection says where
 * its files live and which fields an entry keeps. Edits change the bundle they are given (the
 * caller hands in a copy and validates the whole pack afterwards).
 */
import type {
  FixtureCase,
  FixtureDisable,
  FixturesFile,
  PackBundle,
  RuleDefinition,
  RuleDisable,
  RulesFile,
} from '../model.js';
import { DraftEditError } from './edit-error.js';
import { pickFields } from './fields.js';
import { declareGroup } from './groups.js';

interface EntryFile {
  decision: string;
}

export interface EntryCollection<F extends EntryFile = EntryFile, E extends { id: string } = { id: string }> {
  /** for messages */
  what: string;
  whatZh: string;
  /** the edit's field holding the entry id */
  idField: string;
  /** the folder of new files */
  folder: string;
  /** fields an entry keeps from an edit (a disabling entry keeps only `note`) */
  fields: readonly string[];
  files(bundle: PackBundle): Record<string, F>;
  entries(file: F): E[];
  newFile(decision: string): F;
  /** more the edit asks of the file the entry ends up in */
  complete?(file: F, edit: Record<string, unknown>): void;
}

export const RULES: EntryCollection<RulesFile, RuleDefinition | RuleDisable> = {
  what: 'rule',
  whatZh: '规则',
  idField: 'ruleId',
  folder: 'rules',
  fields: ['title', 'group', 'priority', 'citations', 'note', 'conditions', 'outcomes', 'lock'],
  files: (bundle) => bundle.rules,
  entries: (file) => file.rules,
  newFile: (decision) => ({ decision, rules: [] }),
  complete: declareGroup,
};

export const CASES: EntryCollection<FixturesFile, FixtureCase | FixtureDisable> = {
  what: 'test case',
  whatZh: '测试用例',
  idField: 'caseId',
  folder: 'fixtures',
  fields: ['name', 'facts', 'asOf', 'expect'],
  files: (bundle) => bundle.fixtures,
  entries: (file) => file.cases,
  newFile: (decision) => ({ decision, cases: [] }),
};

export interface EntryPlace<E> {
  entry: E;
  decision: string;
  file: string;
  index: number;
}

/** Every entry of the collection, in file order. */
export function listEntries<F extends EntryFile, E extends { id: string }>(
  bundle: PackBundle,
  kind: EntryCollection<F, E>,
): EntryPlace<E>[] {
  return Object.entries(kind.files(bundle)).flatMap(([file, f]) =>
    kind.entries(f).map((entry, index) => ({ entry, decision: f.decision, file, index })),
  );
}

export function findEntry<F extends EntryFile, E extends { id: string }>(
  bundle: PackBundle,
  kind: EntryCollection<F, E>,
  id: string,
): { file: string; index: number } | undefined {
  for (const [file, f] of Object.entries(kind.files(bundle))) {
    const index = kind.entries(f).findIndex((e) => e.id === id);
    if (index >= 0) return { file, index };
  }
  return undefined;
}

/** The entry an edit describes: a disabling entry (`disabled: true`, a note) or the kept fields. */
function entryFrom<E>(kind: EntryCollection, id: string, edit: Record<string, unknown>): E {
  if (edit.disabled === true) return pickFields(edit, ['note'], { id, disabled: true }) as E;
  return pickFields(edit, kind.fields, { id }) as E;
}

/** The file holding the decision's entries, created under the collection's folder when there is none. */
function fileFor<F extends EntryFile>(
  kind: EntryCollection<F, { id: string }>,
  bundle: PackBundle,
  decision: string,
): F {
  const files = kind.files(bundle);
  const found = Object.values(files).find((f) => f.decision === decision);
  if (found) return found;
  return (files[`${kind.folder}/${decision}.json`] = kind.newFile(decision));
}

function mustBeFree(bundle: PackBundle, kind: EntryCollection, id: string): void {
  if (findEntry(bundle, kind, id)) {
    throw new DraftEditError(
      `/${kind.idField}`,
      `${kind.what} ${id} already exists in this pack`,
      `本规则包已有${kind.whatZh}「${id}」`,
    );
  }
}

function dropIfEmpty<F extends EntryFile>(kind: EntryCollection<F>, bundle: PackBundle, file: string): void {
  const files = kind.files(bundle);
  if (kind.entries(files[file]).length === 0) delete files[file];
}

/** Add an entry for `decision`: into `file` when the bundle has it for that decision, else the decision's file. */
export function addEntry<F extends EntryFile, E extends { id: string }>(
  bundle: PackBundle,
  kind: EntryCollection<F, E>,
  id: string,
  decision: string,
  edit: Record<string, unknown>,
  file?: string,
): void {
  mustBeFree(bundle, kind, id);
  const files = kind.files(bundle);
  const target =
    file !== undefined && Object.hasOwn(files, file) && files[file].decision === decision
      ? files[file]
      : fileFor(kind, bundle, decision);
  kind.entries(target).push(entryFrom<E>(kind, id, edit));
  kind.complete?.(target, edit);
}

/**
 * Replace an entry with the edit, renamed when the edit's id field names another free id, and
 * moved to the decision's file when the edit names another decision. Returns the entry's id.
 */
export function replaceEntry<F extends EntryFile, E extends { id: string }>(
  bundle: PackBundle,
  kind: EntryCollection<F, E>,
  id: string,
  edit: Record<string, unknown>,
): string {
  const at = findEntry(bundle, kind, id);
  if (!at) throw new DraftEditError('', `${kind.what} ${id} not found`, `找不到${kind.whatZh}「${id}」`);
  const given = edit[kind.idField];
  const newId = typeof given === 'string' && given ? given : id;
  if (newId !== id) mustBeFree(bundle, kind, newId);
  const current = kind.files(bundle)[at.file];
  const decision = typeof edit.decision === 'string' ? edit.decision : current.decision;
  const entry = entryFrom<E>(kind, newId, edit);
  if (decision === current.decision) {
    kind.entries(current)[at.index] = entry;
    kind.complete?.(current, edit);
  } else {
    kind.entries(current).splice(at.index, 1);
    const target = fileFor(kind, bundle, decision);
    kind.entries(target).push(entry);
    kind.complete?.(target, edit);
    dropIfEmpty(kind, bundle, at.file);
  }
  return newId;
}

/** Remove an entry; a file left empty goes too. */
export function removeEntry<F extends EntryFile, E extends { id: string }>(
  bundle: PackBundle,
  kind: EntryCollection<F, E>,
  id: string,
): void {
  const at = findEntry(bundle, kind, id);
  if (!at) throw new DraftEditError('', `${kind.what} ${id} not found`, `找不到${kind.whatZh}「${id}」`);
  kind.entries(kind.files(bundle)[at.file]).splice(at.index, 1);
  dropIfEmpty(kind, bundle, at.file);
}
