/**
 * Validate one rule (JSON mode) against schemas/rules.schema.json#/definitions/rule, with the
 * validator the build precompiled (no schema is compiled in the browser).
 */
import type { ErrorObject } from 'ajv';
import localizeZh from 'ajv-i18n/localize/zh';
import { validateRule } from 'virtual:rule-validator';

export interface RuleJsonProblem {
  path: string;
  message: string;
}

const TYPE_WORDS: Record<string, string> = {
  string: '文字（用双引号括起）', number: '数字', integer: '整数', boolean: 'true 或 false', object: '对象（{…}）', array: '列表（[…]）', null: 'null',
};

/** The field a problem is about, as the rule format names it. */
function fieldOf(e: ErrorObject): string | undefined {
  const last = e.instancePath.split('/').filter(Boolean).pop();
  return last && !/^\d+$/.test(last) ? last : undefined;
}

function describe(e: ErrorObject, zh: boolean): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required': return zh ? `缺少「${p.missingProperty}」` : `missing "${p.missingProperty}"`;
    case 'additionalProperties': return zh ? `不允许的字段「${p.additionalProperty}」` : `unknown field "${p.additionalProperty}"`;
    case 'enum': return zh ? `应为以下之一：${(p.allowedValues as unknown[]).join('、')}` : `must be one of ${(p.allowedValues as unknown[]).join(', ')}`;
    case 'type': return zh ? `应为${TYPE_WORDS[p.type as string] ?? p.type}` : `must be ${p.type}`;
    case 'minItems': return zh ? `至少需要 ${p.limit} 项` : `needs at least ${p.limit} item(s)`;
    case 'pattern': return zh ? '格式不正确' : 'has the wrong format';
    default: return e.message ?? e.keyword;
  }
}

/** Problems of a rule object (empty when valid); the noise of failed oneOf branches is dropped. */
export function ruleProblems(rule: unknown, locale = 'zh'): RuleJsonProblem[] {
  if (validateRule(rule)) return [];
  const errors = (validateRule.errors ?? []).filter((e) => !['oneOf', 'anyOf', 'allOf', 'if'].includes(e.keyword)).map((e) => ({ ...e }));
  // the keywords describe() does not word itself keep Ajv's message: in Chinese unless asked for English
  if (locale !== 'en') localizeZh(errors);
  const seen = new Set<string>();
  const out: RuleJsonProblem[] = [];
  // deepest first: they say the most
  for (const e of errors.sort((a, b) => b.instancePath.length - a.instancePath.length)) {
    const problem = { path: e.instancePath || '/', message: describe(e, locale !== 'en') };
    const key = `${problem.path} ${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(problem);
  }
  return out.slice(0, 8);
}

export interface RuleError {
  /** JSON pointer segments of the value the problem is at */
  path: string[];
  message: string;
}

/**
 * The one schema problem worth showing: the deepest (it says the most), placed on the field an
 * unknown field names, in plain words with the field's name.
 */
export function firstRuleError(rule: unknown, locale = 'zh'): RuleError | undefined {
  if (validateRule(rule)) return undefined;
  const zh = locale !== 'en';
  const errors = (validateRule.errors ?? []).filter((e) => !['oneOf', 'anyOf', 'allOf', 'if', 'not', 'const', 'false schema'].includes(e.keyword)).map((e) => ({ ...e }));
  if (zh) localizeZh(errors);
  // deepest first, a wrong value before a wrong shape (the shapes of the oneOf branches not meant);
  // among equals, the one most branches agree on (a field no kind of condition allows)
  const depth = (e: ErrorObject) => e.instancePath.split('/').length + (e.keyword === 'additionalProperties' ? 1 : 0);
  const valueLevel = (e: ErrorObject) => (['required', 'additionalProperties'].includes(e.keyword) ? 0 : 1);
  const keyOf = (e: ErrorObject) => `${e.instancePath} ${e.keyword} ${JSON.stringify(e.params)}`;
  const agree = new Map<string, number>();
  for (const x of errors) agree.set(keyOf(x), (agree.get(keyOf(x)) ?? 0) + 1);
  const [e] = errors.sort((a, b) => depth(b) - depth(a) || valueLevel(b) - valueLevel(a) || agree.get(keyOf(b))! - agree.get(keyOf(a))!);
  if (!e) return { path: [], message: zh ? '不符合规则的格式' : 'does not match the rule format' };
  const path = e.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const extra = (e.params as { additionalProperty?: string }).additionalProperty;
  if (e.keyword === 'additionalProperties' && extra) return { path: [...path, extra], message: describe(e, zh) };
  const field = fieldOf(e);
  const message = describe(e, zh);
  return { path, message: field && e.keyword !== 'required' ? (zh ? `「${field}」${message}` : `"${field}" ${message}`) : message };
}

/** Parse JSON text and validate it as a rule. */
export function parseRuleJson(text: string, locale = 'zh'): { rule?: unknown; problems: RuleJsonProblem[] } {
  let rule: unknown;
  try {
    rule = JSON.parse(text);
  } catch (error) {
    return { problems: [{ path: '', message: `${locale === 'en' ? 'JSON syntax error' : 'JSON 语法错误'}: ${(error as Error).message}` }] };
  }
  return { rule, problems: ruleProblems(rule, locale) };
}
