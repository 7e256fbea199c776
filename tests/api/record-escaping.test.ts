/**
 * The printable record carries text that directors, testers and approvers wrote: pack name,
 * parameter labels, basis, approval comments, clause text. Whatever they write stays text in every
 * context of the HTML (element content, attribute values, the CSS string of the @page footer);
 * and the record of a version shows only what that version holds, never the current draft.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDocumentProxy } from 'unpdf';
import { renderRecordHtml } from '../../api/features/records/record-html.js';
import { findCjkFont, renderRecordPdf } from '../../api/features/records/record-pdf.js';
import type { RecordSheet } from '../../api/features/records/record-model.js';
import { parseHtml } from '../helpers/parse-html.js';
import { DATABASES, SEED_PACK, bearer, setupTownships, startApp, type TestApp } from './helpers/app.js';

const STYLE_BREAK = `</style><script>fetch('/api/users',{method:'POST'})</script>`;
const IMG = `<img src=x onerror="parent.__pwned=1">`;
const ATTRIBUTE_BREAK = `x" onmouseover="parent.__pwned=2`;
const CSS_BREAK = `"; } body { background: url(https://evil.example/) } @bottom-right { content: "\\`;

/** A record whose every user-written text is an attack. */
function hostileSheet(): RecordSheet {
  const base = { definedIn: 'demo', definedInName: IMG, valueFrom: 'demo', valueFromName: IMG, origin: 'own' as const };
  return {
    locale: 'zh',
    pack: { id: 'demo', name: `${STYLE_BREAK}${CSS_BREAK}`, townshipId: 'town-a', townshipName: IMG },
    version: 2,
    previousVersion: 1,
    state: 'inForce',
    effectiveFrom: '2026-12-31T16:00:00.000Z',
    effectiveTo: null,
    basis: { text: STYLE_BREAK, date: '2026-12-20' },
    publishedAt: '2026-12-21T02:30:00.000Z',
    publishedBy: IMG,
    origin: 'publish',
    copiedFrom: null,
    requestedBy: IMG,
    approvals: [{ username: STYLE_BREAK, at: '2026-12-21T02:30:00.000Z', comment: IMG }],
    bypassReason: STYLE_BREAK,
    parameters: [
      {
        ...base,
        id: 'p.days',
        label: STYLE_BREAK,
        value: IMG,
        unit: IMG,
        sourceId: 'C-1',
        note: IMG,
        change: { kind: 'changed', from: IMG, to: IMG },
      },
    ],
    removedParameters: [{ id: 'p.old', label: IMG, from: IMG, unit: null }],
    ruleChanges: [{ kind: 'added', id: 'r.new', title: STYLE_BREAK, decision: 'leaveApproval', decisionTitle: IMG }],
    clauses: [{ id: 'C-1', document: ATTRIBUTE_BREAK, article: IMG, text: STYLE_BREAK }],
    generatedAt: '2026-12-22T00:00:00.000Z',
  };
}

/** A CSS string literal read back the way a browser reads it. */
function decodeCssString(literal: string): string {
  return literal.replace(/\\([0-9a-fA-F]{1,6})[ \t\n]?|\\(.)/g, (_, hex: string, char: string) =>
    hex ? String.fromCodePoint(parseInt(hex, 16)) : char,
  );
}

/** The HTML as a browser parses it, with what no record may contain. */
function inspect(markup: string) {
  const doc = parseHtml(markup);
  const active = [...doc.querySelectorAll('script, img, iframe, object, embed, link, base, form, svg, math')].map(
    (e) => e.tagName,
  );
  const handlers = [...doc.querySelectorAll('*')].flatMap((e) =>
    e
      .getAttributeNames()
      .filter((a: string) => /^on/i.test(a))
      .map((a: string) => `${e.tagName}[${a}]`),
  );
  const styles = [...doc.querySelectorAll('style')].map((s) => s.textContent ?? '');
  const footer = /@bottom-left \{ content: ("(?:[^"\\]|\\.)*");/.exec(styles[0] ?? '')?.[1];
  return { doc, active, handlers, styles, footer };
}

describe('the record HTML keeps every user text as text', () => {
  const markup = renderRecordHtml(hostileSheet());
  const { doc, active, handlers, styles, footer } = inspect(markup);

  it('no script, image or handler comes out of any field, and <style> is closed once', () => {
    expect(markup).not.toMatch(/<script/i);
    expect(markup).not.toMatch(/<img/i);
    expect(markup.match(/<\/style/gi)).toHaveLength(1);
    expect(active).toEqual([]);
    expect(handlers).toEqual([]);
    expect(styles).toHaveLength(1);
  });

  it('HTML text: pack name, label, basis, approver, comment, clause text read as written', () => {
    const text = doc.body.textContent ?? '';
    expect(doc.title).toContain(STYLE_BREAK);
    expect(doc.querySelector('.subtitle')!.textContent).toContain(`${STYLE_BREAK}${CSS_BREAK}`);
    const info = doc.querySelector('table.info')!.textContent ?? '';
    for (const written of [STYLE_BREAK, IMG]) expect(info).toContain(written);
    expect(info).toContain(`${STYLE_BREAK} 于`); // the approver's name
    expect(doc.querySelector('table.parameters')!.textContent).toContain(STYLE_BREAK);
    expect(doc.querySelector('.clause .text')!.textContent).toBe(`「${STYLE_BREAK}」`);
    expect(text).toContain(IMG);
  });

  it('attribute: the clause reference title is the document and article as written, nothing more', () => {
    const refs = [...doc.querySelectorAll('span.id[title]')];
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      expect(ref.getAttribute('title')).toBe(`${ATTRIBUTE_BREAK} ${IMG}`);
      expect(ref.getAttributeNames()).toEqual(['class', 'title']);
    }
  });

  it('CSS string: the @page footer reads back as the pack name and cannot end its string or rule', () => {
    expect(footer).toBeDefined();
    expect(decodeCssString(footer!.slice(1, -1))).toBe(`${STYLE_BREAK}${CSS_BREAK} 第2版 制度参数对照表`);
    expect(footer!.slice(1, -1)).not.toMatch(/[<>"';{}()]/);
    expect(styles[0]).not.toContain('evil.example/)');
  });

  it("the document forbids scripts itself (also where the route's header does not reach)", () => {
    const policy = doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content');
    expect(policy).toContain("default-src 'none'");
    expect(policy).not.toContain('script-src');
  });
});

describe('the record PDF keeps every user text as text', () => {
  const font = findCjkFont();
  // a name that would end the PDF string of the document title and add an action, if not escaped
  const PDF_BREAK = 'x)>>/OpenAction<</S/JavaScript/JS(app.alert(1))>>(\\';

  it.skipIf(!font)(
    "the title in the PDF's info is the pack name as written, and the file has no script or open action",
    async () => {
      const sheet = hostileSheet();
      const bytes = await renderRecordPdf({ ...sheet, pack: { ...sheet.pack, name: PDF_BREAK } }, font);
      const pdf = await getDocumentProxy(new Uint8Array(bytes));
      const { info } = (await pdf.getMetadata()) as { info: { Title?: string } };
      expect(info.Title).toBe(`${PDF_BREAK} 第2版 制度参数对照表`);
      expect(await pdf.getJSActions()).toBeNull();
      expect(await pdf.getOpenAction()).toBeNull();
    },
  );
});

describe.each(DATABASES)('a record over HTTP on %s', (kind) => {
  let t: TestApp;
  let tokens: Awaited<ReturnType<typeof setupTownships>>;
  const NAME = `镇干部规则包${STYLE_BREAK}${IMG}`;
  const LATER_NAME = '草稿里后来改的名字';

  beforeAll(async () => {
    t = await startApp(kind);
    tokens = await setupTownships(t);
    // a director names the pack with a payload and asks to publish with a payload basis; the approver comments one
    const pack = await t.http.get(`/api/packs/${SEED_PACK}`).set(bearer(tokens.directorA));
    const renamed = await t.http
      .put(`/api/packs/${SEED_PACK}`)
      .set(bearer(tokens.directorA))
      .send({ ...pack.body, name: NAME });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    const reply = await t.http
      .post(`/api/packs/${SEED_PACK}/publish`)
      .set(bearer(tokens.directorA))
      .send({ basis: { text: STYLE_BREAK, date: '2026-11-30' } });
    expect(reply.status, JSON.stringify(reply.body).slice(0, 500)).toBe(202);
    const approved = await t.http
      .post(`/api/publish-requests/${reply.body.request.id}/approve`)
      .set(bearer(tokens.approverA))
      .send({ comment: IMG });
    expect(approved.status, JSON.stringify(approved.body).slice(0, 500)).toBe(200);
    expect(approved.body.version).toBe(2);
    // after publishing, the draft is renamed again
    const again = await t.http.get(`/api/packs/${SEED_PACK}`).set(bearer(tokens.directorA));
    expect(
      (
        await t.http
          .put(`/api/packs/${SEED_PACK}`)
          .set(bearer(tokens.directorA))
          .send({ ...again.body, name: LATER_NAME })
      ).status,
    ).toBe(200);
  }, 120_000);
  afterAll(() => t?.close());

  it('the payloads stay text, under a policy that runs nothing and frames only in the app', async () => {
    const res = await t.http.get(`/api/packs/${SEED_PACK}/versions/2/record`).set(bearer(tokens.viewerA));
    expect(res.status).toBe(200);
    const { doc, active, handlers } = inspect(res.text);
    expect(res.text).not.toMatch(/<script|<img/i);
    expect(res.text.match(/<\/style/gi)).toHaveLength(1);
    expect(active).toEqual([]);
    expect(handlers).toEqual([]);
    expect(doc.querySelector('.subtitle')!.textContent).toContain(NAME);
    const policy = res.headers['content-security-policy'];
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("frame-ancestors 'self'");
    expect(policy).toMatch(/sandbox(?! [^;]*allow-scripts)/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it("a version's record shows the name that version holds, not the draft's newer name", async () => {
    const v2 = await t.http.get(`/api/packs/${SEED_PACK}/versions/2/record`).set(bearer(tokens.viewerA));
    expect(inspect(v2.text).doc.querySelector('.subtitle')!.textContent).toContain(NAME);
    expect(v2.text).not.toContain(LATER_NAME);
    // version 1 still carries the seed's own name
    const v1 = await t.http.get(`/api/packs/${SEED_PACK}/versions/1/record`).set(bearer(tokens.viewerA));
    const seedName = (await t.http.get(`/api/packs/${SEED_PACK}/export?version=1`).set(bearer(tokens.viewerA))).body
      .pack.name;
    expect(seedName).toBeTruthy();
    expect(inspect(v1.text).doc.querySelector('.subtitle')!.textContent).toContain(seedName);
    expect(v1.text).not.toContain(LATER_NAME);
    expect(v1.text).not.toContain('镇干部规则包&lt;/style');
  });
});
