#!/usr/bin/env node
/**
 * `npm run generate:schema-types`: writes engine/schema/generated/<name>.ts for each schema below,
 * the schema `as const` (so json-schema-to-ts can derive its type) and that type, so the
 * engine's model types come from schemas/ instead of being written a second time. A test
 * regenerates in memory and fails when a checked-in file is stale.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const GENERATED_DIR = join(ROOT, 'engine', 'schema', 'generated');

/**
 * schema file → the names of its `as const` export and of its derived type; `definitions`: types
 * of named definitions too (type name → definition). A $ref into another file names the type that
 * file's entry gives the definition.
 *
 * json-schema-to-ts cannot follow a schema that refers to itself (conditions) and leaves a $ref
 * into another file unresolved, so a file marked `byDefinition` is written as one named type per
 * definition instead (see emitType): every $ref becomes a reference to a named type, so a
 * condition's type can name itself, and only the parts without a $ref go to FromSchema.
 */
export const GENERATED_SCHEMAS = [
  {
    file: 'vocabulary.schema.json',
    constName: 'vocabularySchema',
    definitions: {
      PackVocabularySchema: 'packVocabulary',
      PackWordSchema: 'packWord',
      WordCodeSchema: 'wordCode',
      ApprovalModeSchema: 'approvalMode',
      AttendanceCategorySchema: 'attendanceCategory',
      PayItemSchema: 'payItem',
      PeriodSchema: 'period',
      LeaveTypeSchema: 'leaveType',
      VerdictSchema: 'verdict',
    },
  },
  { file: 'pack.schema.json', constName: 'packSchema', typeName: 'PackFileSchema' },
  { file: 'sources.schema.json', constName: 'sourcesSchema', typeName: 'SourcesFileSchema' },
  {
    file: 'parameters.schema.json',
    constName: 'parametersSchema',
    typeName: 'ParametersFileSchema',
    definitions: { LockSchema: 'lock' },
  },
  { file: 'outcome.schema.json', constName: 'outcomeSchema', typeName: 'OutcomeSchema', byDefinition: true },
  { file: 'rules.schema.json', constName: 'rulesSchema', typeName: 'RulesFileSchema', byDefinition: true },
  { file: 'fixtures.schema.json', constName: 'fixturesSchema', typeName: 'FixturesFileSchema', byDefinition: true },
  { file: 'decisions.schema.json', constName: 'decisionsSchema', typeName: 'DecisionsFileSchema', byDefinition: true },
];

const moduleName = (file) => file.replace('.schema.json', '');
const pascal = (name) => name[0].toUpperCase() + name.slice(1);
const key = (name) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name));
/** Keywords that say nothing about a value's type (or nothing json-schema-to-ts turns into one). */
const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', 'x-labels', 'x-labelsEn', 'definitions']);

/** The name of each definition's type in a file written `byDefinition`. */
function definitionNames({ definitions = {} }, schema) {
  const names = Object.fromEntries(Object.entries(definitions).map(([name, definition]) => [definition, name]));
  for (const definition of Object.keys(schema.definitions ?? {})) names[definition] ??= `${pascal(definition)}Schema`;
  return names;
}

const mentions = (schema, keyword) => JSON.stringify(schema).includes(`"${keyword}":`);
const onlyRequired = (branches) =>
  Array.isArray(branches) && branches.every((b) => Object.keys(b).length === 1 && Array.isArray(b.required));

/**
 * The TypeScript type of `schema` (found at `path` in the file's `as const` export): a $ref names a
 * type, the keywords that combine schemas become unions and object types, and a part with no $ref
 * (and no if/then) is left to FromSchema. A keyword it does not know is an error, never ignored.
 */
function emitType(schema, path, file, indent = '') {
  const { constName, refName } = file;
  const structural = Object.keys(schema).filter((k) => !ANNOTATIONS.has(k));
  const fail = (why) => {
    throw new Error(`${file.file}#/${path.join('/')}: ${why}`);
  };
  const at = (...more) => [...path, ...more];
  const emit = (sub, subPath, subIndent = indent) => emitType(sub, subPath, file, subIndent);

  if (!mentions(schema, '$ref') && !mentions(schema, 'if')) {
    return `FromSchema<(typeof ${constName})${path.map((p) => `[${JSON.stringify(p)}]`).join('')}>`;
  }
  if (schema.$ref) {
    if (structural.length > 1) fail('a $ref beside other keywords');
    return refName(schema.$ref, fail);
  }
  // A discriminated union written as one if/then per value of `type`, each `then` a definition.
  if (schema.allOf?.every((branch) => branch.if)) {
    const types = schema.properties?.type?.enum;
    const branches = schema.allOf.map((branch, i) => {
      const value = branch.if.properties?.type?.const;
      if (!branch.then?.$ref || Object.keys(branch).length !== 2 || value === undefined)
        fail(`allOf/${i}: not an if type = … then $ref`);
      const target = file.schema.definitions[branch.then.$ref.replace('#/definitions/', '')];
      if (target?.properties?.type?.const !== value || !target.required?.includes('type'))
        fail(`allOf/${i}: the branch does not require type ${value}`);
      return [value, refName(branch.then.$ref, fail)];
    });
    if (JSON.stringify(branches.map(([value]) => value)) !== JSON.stringify(types))
      fail('the if/then branches do not match the enum of type');
    return branches.map(([, name]) => name).join(' | ');
  }
  // One of several sets of required members narrows the schema of allOf (e.g. all, any or not at the top).
  if (onlyRequired(schema.oneOf) && schema.allOf && !schema.properties) {
    if (schema.allOf.length !== 1 || structural.some((k) => !['type', 'oneOf', 'allOf'].includes(k)))
      fail('unsupported allOf');
    const members = schema.oneOf.map((b) => `{ ${b.required.map((m) => `${key(m)}: unknown`).join('; ')} }`);
    return `Extract<${emit(schema.allOf[0], at('allOf', 0))}, ${members.join(' | ')}>`;
  }
  for (const combinator of ['oneOf', 'anyOf']) {
    if (schema[combinator] && !onlyRequired(schema[combinator])) {
      // `type: object` beside object branches restates what each branch says.
      if (structural.some((k) => k !== combinator && !(k === 'type' && schema.type === 'object')))
        fail(`${combinator} beside other keywords`);
      return schema[combinator].map((branch, i) => emit(branch, at(combinator, i))).join(' | ');
    }
  }
  if (schema.type === 'array') {
    if (
      structural.some((k) => !['type', 'items', 'minItems', 'maxItems'].includes(k)) ||
      !schema.items ||
      Array.isArray(schema.items)
    )
      fail('unsupported array');
    const item = emit(schema.items, at('items'));
    // exactly n items: a tuple, as a pair of operands is
    if (schema.maxItems !== undefined && schema.maxItems === schema.minItems)
      return `[${Array(schema.maxItems).fill(item).join(', ')}]`;
    if (schema.maxItems !== undefined) fail('unsupported maxItems');
    return /^[\w.]+$/.test(item) ? `${item}[]` : `(${item})[]`;
  }
  // A branch of a oneOf under `type: object` states its properties only.
  if (schema.type === 'object' || (schema.properties && !schema.type)) {
    if (
      structural.some(
        (k) => !['type', 'properties', 'required', 'additionalProperties', 'propertyNames', 'oneOf'].includes(k),
      )
    )
      fail('unsupported object');
    const inner = `${indent}  `;
    const members = (required, never = []) => {
      const lines = Object.entries(schema.properties ?? {}).map(([name, sub]) =>
        never.includes(name)
          ? `${inner}${key(name)}?: never;`
          : `${inner}${key(name)}${required.includes(name) ? '' : '?'}: ${emit(sub, at('properties', name), inner)};`,
      );
      const extra = schema.additionalProperties;
      if (extra === undefined || extra === true) lines.push(`${inner}[key: string]: unknown;`);
      else if (extra !== false) lines.push(`${inner}[key: string]: ${emit(extra, at('additionalProperties'), inner)};`);
      return `{\n${lines.join('\n')}\n${indent}}`;
    };
    const required = schema.required ?? [];
    if (!schema.oneOf) return members(required);
    // Exactly one of these sets of members: each branch requires its own and forbids the others'.
    const sets = schema.oneOf.map((b) => b.required);
    return sets
      .map((own) =>
        members(
          [...required, ...own],
          sets.flat().filter((m) => !own.includes(m)),
        ),
      )
      .join(` | `);
  }
  return fail(`unsupported keywords ${structural.join(', ')}`);
}

/** The type of a $ref: a named type of this file, or the other file's type (through its namespace). */
function refResolver(names, imports) {
  return (ref, fail) => {
    const [target, pointer = ''] = ref.split('#');
    const definition = pointer.replace(/^\/definitions\//, '');
    if (!target) return names[definition] ?? fail(`no type for ${ref}`);
    const other = GENERATED_SCHEMAS.find((e) => e.file === target) ?? fail(`${target} is not generated`);
    const otherNames = other.byDefinition
      ? definitionNames(other, readSchema(other.file))
      : definitionNames({ definitions: other.definitions }, {});
    const name = pointer ? otherNames[definition] : other.typeName;
    if (!name) fail(`${other.file} gives ${ref} no type: name it in its \`definitions\``);
    imports.add(moduleName(target));
    return `${moduleName(target)}.${name}`;
  };
}

const readSchema = (file) => JSON.parse(readFileSync(join(ROOT, 'schemas', file), 'utf8'));

/**
 * For a `byDefinition` entry: the type of the whole schema (`typeName`) and one per definition,
 * and the generated modules they refer to. Throws, naming where, on a keyword it cannot type.
 */
export function typesByDefinition(entry, schema) {
  const { file, constName, typeName } = entry;
  const names = definitionNames(entry, schema);
  const imports = new Set();
  const context = { file, constName, schema, refName: refResolver(names, imports) };
  const types = [
    `export type ${typeName} = ${emitType(schema, [], context)};\n`,
    ...Object.keys(schema.definitions ?? {}).map(
      (definition) =>
        `export type ${names[definition]} = ${emitType(schema.definitions[definition], ['definitions', definition], context)};\n`,
    ),
  ];
  return { types, imports };
}

/** The text of each generated file, keyed by file name. */
export function generateSchemaTypes() {
  const files = new Map();
  for (const entry of GENERATED_SCHEMAS) {
    const { file, constName, typeName, definitions = {}, byDefinition } = entry;
    const schema = readSchema(file);
    let types;
    let imports = new Set();
    if (byDefinition) ({ types, imports } = typesByDefinition(entry, schema));
    else {
      types = [
        ...(typeName ? [`export type ${typeName} = FromSchema<typeof ${constName}>;\n`] : []),
        ...Object.entries(definitions).map(
          ([name, definition]) =>
            `export type ${name} = FromSchema<{ $ref: '#/definitions/${definition}'; definitions: typeof ${constName}.definitions }>;\n`,
        ),
      ];
    }
    files.set(
      `${moduleName(file)}.ts`,
      `// Generated by scripts/generate-schema-types.mjs from schemas/${file}; do not edit.\n` +
        `import type { FromSchema } from 'json-schema-to-ts';\n` +
        [...imports]
          .sort()
          .map((name) => `import type * as ${name} from './${name}.js';\n`)
          .join('') +
        `\nexport const ${constName} = ${JSON.stringify(schema, null, 2)} as const;\n\n` +
        types.join(''),
    );
  }
  return files;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  mkdirSync(GENERATED_DIR, { recursive: true });
  for (const [name, text] of generateSchemaTypes()) writeFileSync(join(GENERATED_DIR, name), text);
  console.log(`wrote ${GENERATED_SCHEMAS.length} files to engine/schema/generated/`);
}
