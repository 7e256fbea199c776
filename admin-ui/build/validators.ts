/**
 * Validators for the admin UI, generated at build time with Ajv's standalone mode, so the
 * browser never compiles a schema with `new Function` and the Content-Security-Policy needs no
 * 'unsafe-eval'. Every schema the UI validates against is known when it is built:
 *
 * - `virtual:fact-form-validators`: the rjsf forms of 试算 and the test cases, one per decision
 *   and language (factFormSchema.ts), with every sub-schema rjsf asks about (`schemaParser`),
 *   keyed by rjsf's schema hash — the map `createPrecompiledValidator` expects.
 * - `virtual:rule-validator`: a rule (rules.schema.json#/definitions/rule) for the rule editor's
 *   JSON mode.
 *
 * Nothing generated is written to disk: Vite (and Vitest) ask the plugin for the modules.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { schemaParser, type RJSFSchema } from '@rjsf/utils';
import createAjvInstance from '@rjsf/validator-ajv8/lib/createAjvInstance.js';
import { createCatalogue } from '../../engine/schema/catalogue.js';
import type { DecisionDefinition } from '../../engine/model.js';
import type { FactSchema, SchemaDocument } from '../../engine/schema/fact-schema.js';
import { FORM_LOCALES, formSchemaOfFacts } from '../src/tryit/factFormSchema.js';

export const RULE_SCHEMA_REF = 'https://township-rules.local/schemas/rules.schema.json#/definitions/rule';
const RULE_SCHEMAS = ['vocabulary.schema.json', 'outcome.schema.json', 'parameters.schema.json', 'rules.schema.json'];

const MODULES = {
  'virtual:fact-form-validators': factFormValidatorsCode,
  'virtual:rule-validator': ruleValidatorCode,
} as const;

type ModuleId = keyof typeof MODULES;

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** Every rjsf form schema the UI builds from the fact schemas: each decision in each language. */
export function factFormSchemas(schemasDir: string): RJSFSchema[] {
  const factSchemas: Record<string, FactSchema> = {};
  for (const file of readdirSync(join(schemasDir, 'facts'))) {
    if (file.endsWith('.schema.json'))
      factSchemas[`facts/${file}`] = readJson<FactSchema>(join(schemasDir, 'facts', file));
  }
  const decisions = readJson<{ decisions: DecisionDefinition[] }>(join(schemasDir, 'decisions.json')).decisions;
  const vocabulary = readJson<SchemaDocument>(join(schemasDir, 'vocabulary.schema.json')).definitions ?? {};
  const catalogue = createCatalogue(decisions, vocabulary, factSchemas);
  return decisions.flatMap((d) =>
    FORM_LOCALES.map((locale) => formSchemaOfFacts(catalogue.dereferencedFactSchema(d.id), locale)),
  );
}

/**
 * Ajv's standalone code refers to its runtime helpers (string length, deep equality…) with
 * `require("ajv/dist/runtime/…")`; an ES module imports them instead. They are CommonJS with
 * `__esModule`: a bundler's namespace `default` is either `exports` or `exports.default`.
 */
function importRuntimeHelpers(code: string): string {
  const modules: string[] = [];
  const body = code.replace(/require\("([^"]+)"\)\.(\w+)/g, (_all, module: string, member: string) => {
    if (!modules.includes(module)) modules.push(module);
    return `runtimeMember(runtime${modules.indexOf(module)}, ${JSON.stringify(member)})`;
  });
  if (!modules.length) return body;
  const imports = modules.map((module, i) => `import * as runtime${i} from ${JSON.stringify(module)};`).join('\n');
  const member =
    'function runtimeMember(ns, name) { return name !== "default" ? ns[name] : ns.default && ns.default.__esModule ? ns.default.default : ns.default; }';
  return `${imports}\n${member}\n${body.replace(/^"use strict";/, '')}`;
}

/** One module: `export default { [rjsf schema hash]: validate }` over every fact form and its sub-schemas. */
export function factFormValidatorsCode(schemasDir: string): string {
  const schemas = new Map<string, RJSFSchema>();
  for (const root of factFormSchemas(schemasDir)) {
    for (const [hash, schema] of Object.entries(schemaParser(root))) schemas.set(hash, schema as RJSFSchema);
  }
  // the options of rjsf's own validator (verbose errors, formats), compiled to source instead of functions
  const ajv = createAjvInstance(undefined, undefined, {
    code: { source: true, esm: true, lines: false },
    schemas: [...schemas.values()],
  });
  const hashes = [...schemas.keys()];
  // ES module exports need identifiers (not Ajv's own validateN); rjsf looks validators up by hash
  const code = standaloneCode(ajv, Object.fromEntries(hashes.map((hash, i) => [`precompiled${i}`, hash])));
  const byHash = hashes.map((hash, i) => `${JSON.stringify(hash)}: precompiled${i}`).join(',\n');
  return `${importRuntimeHelpers(code)}\nexport default {\n${byHash}\n};\n`;
}

/** One module: `export const validateRule`, with the same options the JSON mode always used. */
export function ruleValidatorCode(schemasDir: string): string {
  const ajv = new Ajv({ allErrors: true, strict: false, code: { source: true, esm: true, lines: false } });
  for (const file of RULE_SCHEMAS) ajv.addSchema(readJson<SchemaDocument>(join(schemasDir, file)));
  return importRuntimeHelpers(standaloneCode(ajv, { validateRule: RULE_SCHEMA_REF }));
}

/** The Vite plugin serving both modules from `schemasDir` (rebuilt when a schema changes in dev). */
export function precompiledValidators(schemasDir: string): Plugin {
  const resolved = (id: ModuleId) => `\0${id}`;
  return {
    name: 'precompiled-validators',
    resolveId(id) {
      return id in MODULES ? resolved(id as ModuleId) : undefined;
    },
    load(id) {
      const name = (Object.keys(MODULES) as ModuleId[]).find((m) => resolved(m) === id);
      if (!name) return undefined;
      for (const file of readdirSync(schemasDir, { recursive: true }))
        this.addWatchFile(join(schemasDir, String(file)));
      return MODULES[name](schemasDir);
    },
  };
}
