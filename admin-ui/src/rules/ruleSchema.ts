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

function describe(e: ErrorObject, zh: boolean): string {
  const p = e.params as Record<string, any>;
  switch (e.keyword) {
    case 'required': return zh ? `缺少「${p.missingProperty}」` : `missing "${p.missingProperty}"`;
    case 'additionalProperties': return zh ? `不允许的字段「${p.additionalProperty}」` : `unknown field "${p.additionalProperty}"`;
    case 'enum': return zh ? `应为以下之一：${(p.allowedValues as unknown[]).join('、')}` : `must be one of ${(p.allowedValues as unknown[]).join(', ')}`;
    case 'type': return zh ? `类型应为 ${p.type}` : `must be ${p.type}`;
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

/** Parse JSON text and validate it as a rule. */
export function parseRuleJson(text: string, locale = 'zh'): { rule?: any; problems: RuleJsonProblem[] } {
  let rule: unknown;
  try {
    rule = JSON.parse(text);
  } catch (error) {
    return { problems: [{ path: '', message: `${locale === 'en' ? 'JSON syntax error' : 'JSON 语法错误'}: ${(error as Error).message}` }] };
  }
  return { rule, problems: ruleProblems(rule, locale) };
}
