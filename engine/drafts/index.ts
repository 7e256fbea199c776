/**
 * Edits of a pack's draft bundle, as pure functions: add, replace or remove a rule, a test case, a
 * source clause or a parameter (an override when it is inherited). They change the bundle given
 * and throw DraftEditError for an edit the draft cannot take; the caller validates the whole pack.
 */
export { DraftEditError } from './edit-error.js';
export { pickFields } from './fields.js';
export {
  CASES,
  RULES,
  addEntry,
  findEntry,
  listEntries,
  removeEntry,
  replaceEntry,
  type EntryCollection,
  type EntryPlace,
} from './entries.js';
export { declareGroup } from './groups.js';
export { addClause, removeClause, replaceClause } from './sources.js';
export { addParameter, removeParameter, replaceParameter, type ParameterState } from './parameters.js';
export { parameterViews, type ParameterView } from './parameter-views.js';
