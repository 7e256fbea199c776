/**
 * JSON mode's one problem: where the text first goes wrong, as a line and a plain sentence — a
 * missing comma, a comma too many, a field the rule format does not know — instead of every
 * schema path a failed oneOf leaves behind.
 */
import { jsonLanguage } from '@codemirror/lang-json';
import type { SyntaxNode } from '@lezer/common';
import { firstRuleError, type RuleError } from './ruleSchema';

export interface JsonProblem {
  /** 1-based line of the text */
  line: number;
  /** offset the problem starts at */
  from: number;
  /** the text is not JSON at all, or JSON that is not a rule */
  kind: 'syntax' | 'schema';
  message: string;
}

type Locale = 'zh' | 'en';

function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

const prevChar = (text: string, at: number) => text.slice(0, at).trimEnd().slice(-1);
const nextChar = (text: string, at: number) => text.slice(at).trimStart().charAt(0);

/** What is wrong with the JSON's wording at `at`, in words. */
function syntaxMessage(text: string, at: number, locale: Locale, parserSaid: string): string {
  const zh = locale === 'zh';
  if (/after JSON/.test(parserSaid)) return zh ? '整段 JSON 已经结束，后面还有多余的内容' : 'there is more text after the end of the JSON';
  const before = prevChar(text, at);
  const here = nextChar(text, at);
  if (here === '') return zh ? '内容不完整：结尾缺少「}」或「]」' : 'incomplete: a closing } or ] is missing';
  if (before === ',' && (here === '}' || here === ']')) return zh ? '最后一项后面不能有逗号' : 'no comma after the last item';
  if (here === "'" || before === "'") return zh ? '字段名和文字要用英文双引号 "…"' : 'names and text need double quotes "…"';
  if (/["\d}\]el]/.test(before) && /["{[\d\-tfn]/.test(here)) return zh ? '上一项后面缺少逗号' : 'a comma is missing after the previous item';
  return zh ? '这里的写法不是有效的 JSON，请检查逗号、引号和括号' : 'not valid JSON here: check commas, quotes and brackets';
}

/** Where JSON.parse stopped, else where the JSON grammar finds its first error. */
function syntaxOffset(text: string, error: Error): number {
  const position = /position (\d+)/.exec(error.message);
  if (position) return Number(position[1]);
  let found = text.length;
  jsonLanguage.parser.parse(text).iterate({
    enter: (node) => {
      if (node.type.isError && node.from < found) found = node.from;
    },
  });
  return found;
}

/** The node of the JSON value at `path` (as far as it exists), for its offset. */
function nodeAt(text: string, path: string[]): SyntaxNode | null {
  let node: SyntaxNode | null = jsonLanguage.parser.parse(text).topNode.firstChild;
  for (const key of path) {
    if (!node) return null;
    if (node.name === 'Object') {
      const property: SyntaxNode | undefined = node.getChildren('Property').find((p) => {
        const name = p.getChild('PropertyName');
        try {
          return name ? JSON.parse(text.slice(name.from, name.to)) === key : false;
        } catch {
          return false;
        }
      });
      if (!property) return node;
      node = property.lastChild && property.lastChild.name !== 'PropertyName' && property.lastChild.name !== ':' ? property.lastChild : property;
    } else if (node.name === 'Array') {
      const items: SyntaxNode[] = [];
      for (let c = node.firstChild; c; c = c.nextSibling) if (!['[', ']', ','].includes(c.name)) items.push(c);
      const item = items[Number(key)];
      if (!item) return node;
      node = item;
    } else {
      return node;
    }
  }
  return node;
}

/** The first problem of `text` as a rule, or undefined when it is a valid rule. */
export function firstJsonProblem(text: string, locale: Locale = 'zh'): JsonProblem | undefined {
  let rule: unknown;
  try {
    rule = JSON.parse(text);
  } catch (error) {
    const from = Math.min(syntaxOffset(text, error as Error), text.length);
    return { line: lineAt(text, from), from, kind: 'syntax', message: syntaxMessage(text, from, locale, (error as Error).message) };
  }
  const problem: RuleError | undefined = firstRuleError(rule, locale);
  if (!problem) return undefined;
  const node = nodeAt(text, problem.path);
  const from = node?.from ?? 0;
  return { line: lineAt(text, from), from, kind: 'schema', message: problem.message };
}
