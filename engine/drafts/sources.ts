/** The pack's source clauses (sources.json), edited by clause id. */
import type { Clause, PackBundle } from '../model.js';
import { DraftEditError } from './edit-error.js';
import { pickFields } from './fields.js';

const CLAUSE_FIELDS = ['document', 'article', 'text', 'summary'];

export function addClause(bundle: PackBundle, id: string, edit: Record<string, unknown>): void {
  if (bundle.sources.clauses.some((c) => c.id === id))
    throw new DraftEditError('/clauseId', `clause ${id} already exists`, `已有条款「${id}」`);
  bundle.sources.clauses.push(pickFields(edit, CLAUSE_FIELDS, { id }) as unknown as Clause);
}

/** Replace a clause's fields with the edit's (renamed when the edit gives another `clauseId`); returns its id. */
export function replaceClause(bundle: PackBundle, id: string, edit: Record<string, unknown>): string {
  const index = bundle.sources.clauses.findIndex((c) => c.id === id);
  if (index < 0) throw new DraftEditError('', `clause ${id} not found`, `找不到条款「${id}」`);
  const newId = typeof edit.clauseId === 'string' && edit.clauseId ? edit.clauseId : id;
  if (newId !== id && bundle.sources.clauses.some((c) => c.id === newId))
    throw new DraftEditError('/clauseId', `clause ${newId} already exists`, `已有条款「${newId}」`);
  bundle.sources.clauses[index] = pickFields(edit, CLAUSE_FIELDS, {
    ...bundle.sources.clauses[index],
    id: newId,
  }) as unknown as Clause;
  return newId;
}

export function removeClause(bundle: PackBundle, id: string): void {
  bundle.sources.clauses = bundle.sources.clauses.filter((c) => c.id !== id);
}
