import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import localizeZhModule from 'ajv-i18n/localize/zh/index.js';
import type { DecisionDefinition } from '../model.js';
import { createCatalogue } from './catalogue.js';
import { depthProblems } from './depth.js';
import { compileFactCheck, type FactCheck } from './fact-check.js';
import { projectPath } from '../project-folder.js';
export type { FactInfo } from './catalogue.js';
import type { FactError } from '../errors.js';
import type { FactSchema, SchemaDocument } from './fact-schema.js';
export type { FactPropertySchema, FactSchema, SchemaDocument } from './fact-schema.js';

/** Where the JSON Schemas live: the single source of truth for every file format. */
export const SCHEMAS_DIR = projectPath('schemas') + '/';

const BASE_ID = 'https://township-rules.local/schemas/';

export type FileKind = 'pack' | 'sources' | 'parameters' | 'rules' | 'fixtures';

export interface SchemaError {
  pointer: string;
  message: string;
  messageZh: string;
  /** the JSON Schema keyword that failed, e.g. `enum`, `required`, `type` */
  keyword: string;
}

type Localize = (errors: ErrorObject[]) => void;
// ajv-i18n is CommonJS: under NodeNext its default import is the module object.
const localizeZh = ((localizeZhModule as unknown as { default?: Localize }).default ?? localizeZhModule) as Localize;

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

const ajv = new Ajv({
  allErrors: true,
  strict: true,
  strictTypes: false,
  strictRequired: false,
  allowUnionTypes: true,
});
for (const keyword of ['x-unit', 'x-labels', 'x-labels-en'])
  ajv.addKeyword({ keyword, schemaType: ['string', 'object'] });

const fileSchemas: Record<string, SchemaDocument> = {};
for (const name of readdirSync(SCHEMAS_DIR).filter((f) => f.endsWith('.schema.json'))) {
  const schema = readJson<SchemaDocument>(join(SCHEMAS_DIR, name));
  fileSchemas[name] = schema;
  ajv.addSchema(schema);
}
const factSchemas: Record<string, FactSchema> = {};
for (const name of readdirSync(join(SCHEMAS_DIR, 'facts'))) {
  const schema = readJson<FactSchema>(join(SCHEMAS_DIR, 'facts', name));
  factSchemas['facts/' + name] = schema;
  ajv.addSchema(schema);
}

const catalogue = readJson<{ decisions: DecisionDefinition[] }>(join(SCHEMAS_DIR, 'decisions.json'));
const catalogueErrors = toSchemaErrors(validateWith(BASE_ID + 'decisions.schema.json', catalogue), catalogue);
if (catalogueErrors.length)
  throw new Error(`schemas/decisions.json is invalid: ${catalogueErrors[0].pointer} ${catalogueErrors[0].message}`);

const shared = createCatalogue(
  catalogue.decisions,
  fileSchemas['vocabulary.schema.json'].definitions ?? {},
  factSchemas,
);

/** Every decision a pack may answer, in catalogue order. */
export const decisions = shared.decisions;
/** See catalogue.ts: fact schemas, what a rule may test, vocabulary labels. */
export const { factSchema, dereferencedFactSchema, factsOf, vocabularyLabel, vocabularyCodes } = shared;

function validateWith(id: string, data: unknown): ErrorObject[] {
  const validate = ajv.getSchema(id);
  if (!validate) throw new Error(`schema ${id} is not registered`);
  return validate(data) ? [] : [...(validate.errors ?? [])];
}

const COMBINATOR = new Set(['oneOf', 'anyOf', 'allOf', 'if']);
const BRANCH_KEYS = new Set(['all', 'any', 'not']);

function valueAt(data: unknown, instancePath: string): unknown {
  let node = data;
  for (const segment of instancePath.split('/').slice(1)) {
    node =
      typeof node === 'object' && node !== null
        ? (node as Record<string, unknown>)[segment.replace(/~1/g, '/').replace(/~0/g, '~')]
        : undefined;
  }
  return node;
}

/**
 * ajv reports every failed alternative of a oneOf. Errors that only say "this was not the
 * other alternative" (an all/any/not group, a disable stub, extra properties) are noise when a
 * more telling error exists at the same place or below it.
 */
function isBranchNoise(e: ErrorObject, data: unknown, alternativesAt: string[]): boolean {
  // only errors inside a failed oneOf/anyOf can be "the other alternative"
  if (!alternativesAt.some((p) => e.instancePath === p || e.instancePath.startsWith(p + '/'))) return false;
  if (e.keyword === 'additionalProperties') return true;
  if (e.keyword !== 'required') return false;
  const missing = (e.params as { missingProperty: string }).missingProperty;
  if (BRANCH_KEYS.has(missing) || missing === 'disabled') return true;
  const node = valueAt(data, e.instancePath);
  return typeof node === 'object' && node !== null && Object.keys(node).some((k) => BRANCH_KEYS.has(k));
}

/** Reduce ajv's error list to the errors a person should read. */
function pickErrors(errors: ErrorObject[], data: unknown): ErrorObject[] {
  const alternativesAt = errors
    .filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf')
    .map((e) => e.instancePath);
  let picked = errors.filter((e) => !COMBINATOR.has(e.keyword));
  if (picked.length === 0) picked = errors;
  const telling = picked.filter((e) => !isBranchNoise(e, data, alternativesAt));
  picked = picked.filter(
    (e) =>
      !isBranchNoise(e, data, alternativesAt) ||
      !telling.some((t) => t.instancePath === e.instancePath || t.instancePath.startsWith(e.instancePath + '/')),
  );
  const seen = new Set<string>();
  return picked.filter((e) => {
    const key = `${e.instancePath} ${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function describe(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  if (e.keyword === 'additionalProperties') return `${e.message}: "${p.additionalProperty}"`;
  if (e.keyword === 'enum')
    return `${e.message}: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  return e.message ?? e.keyword;
}

function toSchemaErrors(errors: ErrorObject[], data: unknown): SchemaError[] {
  if (errors.length === 0) return [];
  const picked = pickErrors(errors, data);
  const zh = picked.map((e) => ({ ...e }));
  localizeZh(zh);
  return picked.map((e, i) => ({
    pointer: e.instancePath,
    keyword: e.keyword,
    message: describe(e),
    messageZh:
      zh[i].keyword === 'additionalProperties'
        ? `${zh[i].message}：「${(e.params as Record<string, unknown>).additionalProperty}」`
        : zh[i].keyword === 'enum'
          ? `${zh[i].message}：${((e.params as Record<string, unknown>).allowedValues as unknown[]).map((v) => JSON.stringify(v)).join('、')}`
          : (zh[i].message ?? e.keyword),
  }));
}

/**
 * Validate one pack file against its JSON Schema. A file nested too deep is refused before
 * ajv sees it (see depth.ts): ajv and every later walker recurse once per level.
 */
export function validateFile(kind: FileKind, data: unknown): SchemaError[] {
  const tooDeep = depthProblems(kind, data);
  if (tooDeep.length) return tooDeep.map((p) => ({ ...p, keyword: 'maxDepth' }));
  return toSchemaErrors(validateWith(`${BASE_ID}${kind}.schema.json`, data), data);
}

/**
 * Validate the shape of a whole bundle ({pack, sources, parameters, rules, fixtures}, each
 * file an object) before its files are checked one by one with validateFile.
 */
export function validateBundleShape(data: unknown): SchemaError[] {
  return toSchemaErrors(validateWith(BASE_ID + 'bundle.schema.json', data), data);
}

/** Validate a single outcome (used for fixture expectations and UI edits). */
export function validateOutcome(data: unknown): SchemaError[] {
  return toSchemaErrors(validateWith(BASE_ID + 'outcome.schema.json', data), data);
}

/** Validate a proposals (review) file: what `rules draft-accept` and the API read back. */
export function validateProposals(data: unknown): SchemaError[] {
  return toSchemaErrors(validateWith(BASE_ID + 'proposals.schema.json', data), data);
}

/** Per decision: ajv's validator (the reference, and the error list) and the compiled check for valid facts. */
interface FactValidator {
  ajv: ValidateFunction;
  fast?: FactCheck;
}

const factValidators = new Map<string, FactValidator>();

function decisionOrThrow(decision: string): DecisionDefinition {
  const definition = decisions.get(decision);
  if (!definition) throw new Error(`unknown decision ${decision}`);
  return definition;
}

function factValidator(decision: string): FactValidator {
  let validator = factValidators.get(decision);
  if (!validator) {
    validator = {
      ajv: ajv.getSchema(BASE_ID + decisionOrThrow(decision).facts)!,
      fast: compileFactCheck(dereferencedFactSchema(decision)),
    };
    factValidators.set(decision, validator);
  }
  return validator;
}

/** Whether a decision's facts are checked by a compiled predicate before ajv (see fact-check.ts). */
export function hasCompiledFactCheck(decision: string): boolean {
  return factValidator(decision).fast !== undefined;
}

/** ajv's verdict alone, without the compiled check: the reference the compiled check is tested against. */
export function ajvAcceptsFacts(decision: string, facts: unknown): boolean {
  return factValidator(decision).ajv(facts);
}

const NO_ERRORS: readonly FactError[] = Object.freeze([]);

/** ajv's errors for facts it refuses, in the words a director reads. */
function factErrors(decision: string, validate: ValidateFunction, facts: unknown): FactError[] {
  const infos = factsOf(decision);
  return toSchemaErrors([...(validate.errors ?? [])], facts).map((e) => {
    const name = e.pointer.split('/')[1];
    const info = name ? infos.get(name) : undefined;
    const missing = /required property '([^']+)'/.exec(e.message)?.[1];
    let messageZh = info ? `${info.title}（${e.pointer}）${e.messageZh}` : e.messageZh;
    // directors read Chinese labels, not codes: 「申请人类别应当是以下之一：一般干部、领导干部…」
    if (e.keyword === 'enum' && info?.labels)
      messageZh = `${info.title}（${e.pointer}）应当是以下之一：${Object.values(info.labels).join('、')}`;
    if (missing && infos.get(missing)) messageZh = `缺少必填项「${infos.get(missing)!.title}」（${missing}）`;
    return { path: e.pointer, message: e.message, messageZh };
  });
}

/**
 * The fact validator of one decision, for a caller that keeps it (a compiled decision): valid facts
 * (nearly every call) pass the compiled check and never reach ajv; ajv gives the errors of the others.
 */
export function factsValidator(decision: string): (facts: unknown) => readonly FactError[] {
  const { ajv: validate, fast } = factValidator(decision);
  if (!fast) return (facts) => (validate(facts) ? NO_ERRORS : factErrors(decision, validate, facts));
  return (facts) => (fast(facts) || validate(facts) ? NO_ERRORS : factErrors(decision, validate, facts));
}

/** Validate input facts; an empty list means they may be evaluated. */
export function validateFacts(decision: string, facts: unknown): FactError[] {
  const { ajv: validate, fast } = factValidator(decision);
  if (fast?.(facts) || validate(facts)) return [];
  return factErrors(decision, validate, facts);
}

/** Raw JSON Schemas, e.g. for the API to serve them to the admin UI. */
export function schemaDocument(
  name: 'vocabulary.schema.json',
): SchemaDocument & Required<Pick<SchemaDocument, 'definitions'>>;
export function schemaDocument(name: string): SchemaDocument | undefined;
export function schemaDocument(name: string): SchemaDocument | undefined {
  if (Object.hasOwn(fileSchemas, name)) return fileSchemas[name];
  return Object.hasOwn(factSchemas, name) ? factSchemas[name] : undefined;
}

/**
 * Add schemas that build on the file formats (the API's wire schemas under schemas/api/), so their
 * `$ref`s resolve against the registered files. Already registered `$id`s are skipped.
 */
export function registerSchemas(schemas: readonly { $id?: string }[]): void {
  for (const schema of schemas) if (!schema.$id || !ajv.getSchema(schema.$id)) ajv.addSchema(schema);
}

/** A validator for a registered schema (a `$id`, optionally with a `#/definitions/…` fragment), errors as for the files. */
export function schemaValidator(ref: string): (data: unknown) => SchemaError[] {
  const validate = ajv.getSchema(ref);
  if (!validate) throw new Error(`schema ${ref} is not registered`);
  return (data) => (validate(data) ? [] : toSchemaErrors([...(validate.errors ?? [])], data));
}
