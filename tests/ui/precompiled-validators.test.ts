/**
 * The validators the UI build precompiles (admin-ui/build/validators.ts) exist for every form the
 * UI can show and judge data exactly as Ajv compiling the same schema at run time would, with
 * the errors in Chinese; the rule editor's JSON mode likewise.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import Ajv from 'ajv';
import runtimeValidator from '@rjsf/validator-ajv8';
import { factFormSchema } from '../../admin-ui/src/tryit/factForm';
import { FORM_LOCALES } from '../../admin-ui/src/tryit/factFormSchema';
import { decisionList } from '../../admin-ui/src/common/schemaCatalog';
import { factFormValidator } from '../../admin-ui/src/validation/factFormValidator';
import { parseRuleJson } from '../../admin-ui/src/rules/ruleSchema';
import { validateRule } from 'virtual:rule-validator';
import { RULE_SCHEMA_REF } from '../../admin-ui/build/validators';

const SCHEMAS = join(import.meta.dirname, '..', '..', 'schemas');
const RULES = join(import.meta.dirname, '..', '..', 'rules');

/** Wrong on purpose in every way a form can be: each fact a value of the wrong kind. */
function wrongFacts(schema: any): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries<any>(schema.properties).map(([name, prop]) => [
      name,
      prop.type === 'number' || prop.type === 'integer' ? 'x' : 1e9,
    ]),
  );
}

const verdict = (errors: { property?: string; name?: string }[]) => errors.map((e) => `${e.property} ${e.name}`).sort();

describe('precompiled fact-form validators', () => {
  const forms = decisionList.flatMap((d) => FORM_LOCALES.map((locale) => [d.id, locale] as const));

  it.each(forms)('%s (%s) has one, and it judges data as run-time Ajv does', (decision, locale) => {
    const schema = factFormSchema(decision, locale);
    const validator = factFormValidator(schema, locale);
    for (const data of [{}, wrongFacts(schema)]) {
      const precompiled = validator.validateFormData(data, schema).errors;
      const runtime = runtimeValidator.validateFormData(data, schema).errors;
      expect(verdict(precompiled)).toEqual(verdict(runtime));
      expect(precompiled.length).toBeGreaterThan(0);
    }
    // rjsf picks enum options with isValid on each oneOf entry: each one is precompiled too
    for (const prop of Object.values<any>(schema.properties ?? {})) {
      for (const option of prop.oneOf ?? []) expect(validator.isValid(option, option.const, schema)).toBe(true);
    }
  });

  it('words errors in Chinese, naming a missing fact by its title', () => {
    const schema = factFormSchema('leaveApproval', 'zh');
    const { errors } = factFormValidator(schema, 'zh').validateFormData(
      { applicantRole: 'ordinary', days: 400 },
      schema,
    );
    expect(errors.map((e) => e.message)).toEqual(expect.arrayContaining(['应当为 <= 366', '应当填写「假别」']));
  });

  it('keeps English for the English form', () => {
    const schema = factFormSchema('leaveApproval', 'en');
    const { errors } = factFormValidator(schema, 'en').validateFormData(
      { applicantRole: 'ordinary', leaveType: 'personal', days: 400 },
      schema,
    );
    expect(errors.map((e) => e.message)).toEqual(['must be <= 366']);
  });

  it('refuses a schema the build did not precompile rather than compiling it', () => {
    const schema = { ...factFormSchema('leaveApproval'), title: 'something else' };
    expect(() => factFormValidator(schema)).toThrow(/No precompiled validator/);
  });
});

describe('precompiled rule validator (JSON mode)', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  for (const file of ['vocabulary', 'outcome', 'parameters', 'rules'])
    ajv.addSchema(JSON.parse(readFileSync(join(SCHEMAS, `${file}.schema.json`), 'utf8')));
  const runtime = ajv.compile({ $ref: RULE_SCHEMA_REF });
  const rules = readdirSync(RULES).flatMap((pack) =>
    readdirSync(join(RULES, pack, 'rules'), { withFileTypes: true })
      .filter((f) => f.isFile() && f.name.endsWith('.json'))
      .flatMap(
        (f) => JSON.parse(readFileSync(join(RULES, pack, 'rules', f.name), 'utf8')).rules as Record<string, unknown>[],
      ),
  );

  it('agrees with run-time Ajv on every shipped rule and on broken copies of them', () => {
    expect(rules.length).toBeGreaterThan(50);
    for (const rule of rules) {
      expect(validateRule(rule)).toBe(true);
      for (const broken of [
        { ...rule, outcomes: [] },
        { ...rule, title: '' },
        { ...rule, id: 7, extra: true },
        { ...rule, conditions: { any: [{ fact: 1 }] } },
      ]) {
        expect(validateRule(broken)).toBe(runtime(broken));
        expect(validateRule.errors).toEqual(runtime.errors);
      }
    }
  });

  it('reports schema problems in Chinese', () => {
    const { problems } = parseRuleJson(
      JSON.stringify({ id: 'leave.x', title: '标题', citations: [], conditions: { all: [] }, outcomes: [] }),
    );
    expect(problems).toContainEqual({ path: '/outcomes', message: '至少需要 1 项' });
    // a keyword worded by ajv-i18n; minLength runs Ajv's ucs2length helper, imported by the generated module
    expect(
      parseRuleJson(
        JSON.stringify({
          id: 'leave.x',
          title: '',
          citations: [],
          conditions: { all: [] },
          outcomes: [{ type: 'refusal', code: 'x', reason: '不准' }],
        }),
      ).problems,
    ).toEqual([{ path: '/title', message: '不应少于 1 个字符' }]);
    expect(parseRuleJson('{"id": 1}', 'en').problems).toContainEqual({ path: '/id', message: 'must be string' });
  });
});
