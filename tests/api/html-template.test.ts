/**
 * The escaping templates (api/http/html-template.ts): values are text unless built by a template,
 * each context escaped its own way, and what escaping cannot make safe refused.
 */
import { describe, expect, it } from 'vitest';
import { css, cssString, escapeHtml, html, safeUrl, styleElement } from '../../api/http/html-template.js';
import { parseHtml } from '../helpers/parse-html.js';

const SCRIPT = '</style><script>alert(1)</script>';
const IMG = '<img src=x onerror="alert(2)">';
const QUOTES = `"' onmouseover="alert(3)`;

/** A CSS string literal read back the way a browser reads it (an escaped NUL reads as U+FFFD). */
function decodeCssString(literal: string): string {
  expect(literal.startsWith('"') && literal.endsWith('"')).toBe(true);
  return literal
    .slice(1, -1)
    .replace(/\\([0-9a-fA-F]{1,6})[ \t\n]?|\\(.)/g, (_, hex: string, char: string) =>
      hex ? String.fromCodePoint(parseInt(hex, 16) || 0xfffd) : char,
    );
}

const body = (fragment: { toString(): string }) => parseHtml(`<!DOCTYPE html><body>${fragment}</body>`).body;

describe('html``', () => {
  it('escapes values in element content: the text comes back as written, no element is made', () => {
    for (const payload of [SCRIPT, IMG, QUOTES, '&amp; & <!-- -->']) {
      const fragment = html`<p>${payload}</p>`;
      const p = body(fragment).querySelector('p')!;
      expect(p.textContent).toBe(payload);
      expect(p.children).toHaveLength(0);
    }
    expect(String(html`<p>${SCRIPT}</p>`)).toBe('<p>&lt;/style&gt;&lt;script&gt;alert(1)&lt;/script&gt;</p>');
  });

  it('keeps nested fragments and lists as markup; null, undefined and false print nothing; numbers print', () => {
    const items = ['<a>', 'b'].map((x) => html`<li>${x}</li>`);
    expect(String(html`<ul>${items}</ul>${null}${undefined}${false}${0}`)).toBe(
      '<ul><li>&lt;a&gt;</li><li>b</li></ul>0',
    );
    // a string that looks like markup is still text
    expect(String(html`${'<b>x</b>'}`)).toBe('&lt;b&gt;x&lt;/b&gt;');
  });

  it('escapes quoted attribute values, even a fragment put there', () => {
    const fragment = html`<span title="${QUOTES}" data-x='${QUOTES}'>x</span><i title="${html`<b>"</b>`}"></i>`;
    const root = body(fragment);
    const span = root.querySelector('span')!;
    expect(span.getAttribute('title')).toBe(QUOTES);
    expect(span.getAttribute('data-x')).toBe(QUOTES);
    expect(span.getAttributeNames()).toEqual(['title', 'data-x']);
    expect(root.querySelector('i')!.getAttribute('title')).toBe('<b>"</b>');
    // a second value in the same attribute is an attribute value too
    expect(
      body(html`<span title="${'a'} ${QUOTES}">x</span>`)
        .querySelector('span')!
        .getAttribute('title'),
    ).toBe(`a ${QUOTES}`);
  });

  it('refuses what escaping cannot make safe: unquoted attributes, event handlers, style, values as attribute names', () => {
    expect(() => html`<span title=${'x onmouseover=alert(1)'}>`).toThrow(/quoted/);
    expect(() => html`<span onclick="${'alert(1)'}">`).toThrow(/onclick/);
    expect(() => html`<span style="${'color:red'}">`).toThrow(/style/);
    expect(() => html`<span ${'onclick=alert(1)'}>`).toThrow(/attribute values/);
    // element content that merely contains = is content
    expect(String(html`<p>a = ${'<b>'}</p>`)).toBe('<p>a = &lt;b&gt;</p>');
  });

  it('lets URL attributes take only http(s), mailto and relative URLs, as one whole value', () => {
    for (const bad of [
      'javascript:alert(1)',
      ' JaVa\tScRiPt:alert(1)',
      '\u0001javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:x',
    ]) {
      expect(
        body(html`<a href="${bad}">x</a>`)
          .querySelector('a')!
          .getAttribute('href'),
      ).toBe('about:invalid');
    }
    for (const good of ['https://example.org/a?b=1&c="2"', '/api/x', '#top', 'mailto:a@b.cn', 'page.html']) {
      expect(
        body(html`<a href="${good}">x</a>`)
          .querySelector('a')!
          .getAttribute('href'),
      ).toBe(good.replace(/[\t\n\r]/g, ''));
    }
    expect(safeUrl('java\nscript:alert(1)')).toBe('about:invalid');
    expect(() => html`<a href="https://x/${'javascript:alert(1)'}">`).toThrow(/one whole value/);
  });

  it('escapeHtml covers the five characters', () => {
    expect(escapeHtml(`<>&"'`)).toBe('&lt;&gt;&amp;&quot;&#39;');
  });
});

describe('css`` and cssString', () => {
  it('writes every ASCII character but letters and digits as a six-digit escape, keeps Chinese, and reads back as written', () => {
    for (const payload of [
      SCRIPT,
      '"; } body { background: url(https://evil.example/) } p { content: "',
      'a\\"b\nc\r\u0000',
      '演示规则包 第3版',
      '😀 emoji',
    ]) {
      const literal = cssString(payload).toString();
      expect(literal.slice(1, -1)).not.toMatch(/[<>"';{}()\n\r]/);
      // eslint-disable-next-line no-control-regex -- NUL is the character under test
      expect(decodeCssString(literal)).toBe(payload.replace(/\u0000/g, '\uFFFD'));
    }
    expect(cssString('演示<规则>').toString()).toBe('"演示\\00003c 规则\\00003e "');
  });

  it('css`` turns every value into a string literal unless it is already CSS', () => {
    const counter = css`${'第 '} counter(page)`;
    const sheet = css`@page { @bottom-left { content: ${SCRIPT}; } @bottom-right { content: ${counter}; } }`;
    expect(sheet.toString()).not.toContain('</style');
    expect(sheet.toString()).toContain('counter(page)');
    const element = styleElement(sheet).toString();
    expect(element.match(/<\/style/g)).toHaveLength(1);
    const doc = parseHtml(`<!DOCTYPE html><head>${element}</head>`);
    expect(doc.querySelectorAll('script')).toHaveLength(0);
    expect(doc.querySelectorAll('style')).toHaveLength(1);
  });

  it('styleElement refuses a sheet that could close the element', () => {
    expect(() => styleElement(css`p{} </STYLE><script>`)).toThrow(/<\/style/);
  });
});
