/**
 * HTML and CSS built from tagged templates that escape by default. Whatever is interpolated is
 * text unless it was itself built by a template here:
 *
 *   html`<td title="${clause.document}">${label}</td>`   text and quoted attribute values escaped
 *   html`<ul>${items.map((i) => html`<li>${i}</li>`)}</ul>`   nested fragments kept as markup
 *   css`@page { @bottom-left { content: ${footer}; } }`   every value becomes a CSS string literal
 *   styleElement(sheet)                                   the sheet inside <style>…</style>
 *
 * The literal parts are the developer's markup. Guards for what escaping cannot make safe: a
 * value in an unquoted attribute, an event handler (`on…=`) or a `style` attribute throws; a
 * value in a URL attribute (href, src, action…) must be http(s), mailto or relative.
 */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Markup that is safe to insert as is: what html`…` returns. */
export class SafeHtml {
  constructor(private readonly markup: string) {}
  toString(): string {
    return this.markup;
  }
}

/** CSS text whose every value was escaped: what css`…` and cssString return. */
export class SafeCss {
  constructor(private readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** What a template takes: text (escaped), numbers, safe fragments, lists of them; null, undefined and false print nothing. */
export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

/** Text for HTML content or a quoted attribute value. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** Attributes whose value is loaded or navigated to. */
const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'poster',
  'cite',
  'background',
  'xlink:href',
  'srcset',
  'data',
]);

/** Inside a tag, the attribute whose value is open at the end of the markup so far: `name="…` (or `name=`). */
const OPEN_ATTRIBUTE = /([^\s"'<>/=]+)\s*=\s*(?:(["'])[^"']*)?$/;

/** http(s), mailto and relative URLs pass; anything else (javascript:, data:, vbscript:…) becomes `about:invalid`. */
export function safeUrl(value: string): string {
  // browsers drop tabs and newlines inside a scheme and leading control characters or spaces
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  const url = value.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+/, '');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1].toLowerCase();
  return scheme === undefined || ['http', 'https', 'mailto'].includes(scheme) ? url : 'about:invalid';
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === false;
}

/** A value in element content: nested fragments as they are, lists joined, everything else escaped. */
function contentText(value: HtmlValue): string {
  if (isEmpty(value)) return '';
  if (value instanceof SafeHtml) return value.toString();
  if (Array.isArray(value)) return value.map(contentText).join('');
  return escapeHtml(value);
}

/** A value inside an attribute: always text (even a fragment); a URL attribute takes exactly one value, checked. */
function attributeText(markup: string, before: string, after: string, value: HtmlValue): string {
  const open = OPEN_ATTRIBUTE.exec(markup);
  if (!open) throw new TypeError('html``: inside a tag, values go only in attribute values');
  const [, name, quote] = open;
  if (!quote) throw new TypeError(`html\`\`: the value of attribute ${name} must be quoted`);
  if (/^on/i.test(name) || name.toLowerCase() === 'style')
    throw new TypeError(`html\`\`: no values in the ${name} attribute`);
  const text = isEmpty(value) ? '' : Array.isArray(value) ? value.join('') : String(value);
  if (!URL_ATTRIBUTES.has(name.toLowerCase())) return escapeHtml(text);
  if (!before.endsWith(quote) || !after.startsWith(quote))
    throw new TypeError(`html\`\`: the URL in ${name} must be one whole value`);
  return escapeHtml(safeUrl(text));
}

/** An HTML fragment: interpolated values are escaped for where they stand (element content or attribute value). */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  // where a value stands is read from the developer's literals only (values cannot open or close a tag):
  // `tag` is the literal markup of the tag open at this point, null in element content
  let tag: string | null = null;
  let out = strings[0];
  values.forEach((value, i) => {
    const literal = strings[i];
    const open = literal.lastIndexOf('<');
    const close = literal.lastIndexOf('>');
    tag = open > close ? literal.slice(open) : close >= 0 ? null : tag === null ? null : tag + literal;
    out += (tag === null ? contentText(value) : attributeText(tag, literal, strings[i + 1], value)) + strings[i + 1];
  });
  return new SafeHtml(out);
}

/**
 * A CSS string literal. Following OWASP's rule for CSS, every character below U+0100 except
 * letters and digits is written as a six-digit escape (`\00003c `), so that neither a quote, a
 * backslash, a line break nor `</style>` can come out of it. Chinese text stays as it is.
 */
export function cssString(value: string): SafeCss {
  let out = '"';
  for (const char of value) {
    const code = char.codePointAt(0)!;
    out += /[A-Za-z0-9]/.test(char) || code > 0xff ? char : `\\${code.toString(16).padStart(6, '0')} `;
  }
  return new SafeCss(`${out}"`);
}

/** CSS whose interpolated values become string literals (cssString) unless already SafeCss. */
export function css(strings: TemplateStringsArray, ...values: (SafeCss | string | number)[]): SafeCss {
  let out = strings[0];
  values.forEach((value, i) => {
    out += (value instanceof SafeCss ? value.toString() : cssString(String(value)).toString()) + strings[i + 1];
  });
  return new SafeCss(out);
}

/** A `<style>` element; throws if the sheet could close it (only a literal could). */
export function styleElement(sheet: SafeCss): SafeHtml {
  const text = sheet.toString();
  if (/<\/style/i.test(text)) throw new TypeError('styleElement: the style sheet contains </style');
  return new SafeHtml(`<style>${text}</style>`);
}
