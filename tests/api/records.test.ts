/**
 * The printable record of a version (制度参数对照表): HTML with print CSS and the same as
 * a PDF, over HTTP on a real database; the PDF's text is read back with pdf.js (unpdf).
 */
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../api/errors.js';
import { renderRecordHtml } from '../../api/features/records/record-html.js';
import { formatParameterValue, formatRecordDate, type RecordSheet } from '../../api/features/records/record-model.js';
import { findCjkFont, renderRecordPdf } from '../../api/features/records/record-pdf.js';
import {
  DATABASES,
  SEED_PACK,
  bearer,
  publishApproved,
  setupTownships,
  startApp,
  type TestApp,
} from './helpers/app.js';

const PARAM = 'leave.secretaryMaxDays';
const LABEL = '党委书记或镇长审批的最长天数';
const BASIS = '镇党委会2026年第12次会议纪要';
const FIXTURES_OF_OLD_VALUE = ['leave.ordinary.5-5d', 'leave.ordinary.6d'];

/** supertest: keep the body as bytes */
function binary(res: NodeJS.ReadableStream, callback: (error: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

/** The text of a PDF with all white space removed (table cells may wrap anywhere). */
async function pdfText(bytes: Buffer): Promise<string> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(pdf, { mergePages: true });
  return (text as string).replace(/\s+/g, '');
}

const squash = (s: string) => s.replace(/\s+/g, '');

describe.each(DATABASES)('the printable record over HTTP on %s', (kind) => {
  let t: TestApp;
  let tokens: Awaited<ReturnType<typeof setupTownships>>;
  let version: number;
  const record = (path: string, token: string) =>
    t.http.get(`/api/packs/${SEED_PACK}/versions/${path}`).set(bearer(token));

  beforeAll(async () => {
    t = await startApp(kind);
    tokens = await setupTownships(t);
    const row = (await t.http.get(`/api/parameters/${SEED_PACK}:${PARAM}`).set(bearer(tokens.directorA))).body;
    expect(row.value).toBe(5);
    const put = await t.http
      .put(`/api/parameters/${row.id}`)
      .set(bearer(tokens.directorA))
      .send({ ...row, value: 6 });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    // two test cases expect the old threshold (5.5 and 6 days go to the party committee)
    for (const id of FIXTURES_OF_OLD_VALUE)
      expect((await t.http.delete(`/api/fixtures/${SEED_PACK}:${id}`).set(bearer(tokens.testerA))).status).toBe(200);
    // an admin publishes without approval by stating a reason (docs/adoption.md)
    const res = await t.http
      .post(`/api/packs/${SEED_PACK}/publish`)
      .set(bearer(t.adminToken))
      .send({ basis: { text: BASIS, date: '2026-11-30' }, bypassApproval: { reason: '测试' } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    version = res.body.version;
  }, 120_000);
  afterAll(() => t?.close());

  it('the HTML record shows the change old → new with its unit, the clause, the basis, and prints on A4', async () => {
    const res = await record(`${version}/record`, tokens.viewerA);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
    const html = res.text;
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('制度参数对照表');
    expect(html).toContain(`第${version}版`);
    // 本次修改: the changed parameter, 5 天 struck out → 6 天
    const changes = html.slice(html.indexOf('本次修改'), html.indexOf('参数一览'));
    expect(changes).toContain(`与第${version - 1}版相比`);
    expect(changes).toContain(LABEL);
    expect(changes).toMatch(/<span class="old">5 天<\/span><span class="arrow">→<\/span>6 天/);
    expect(changes).toContain('LV-002-A');
    // the full table marks that row, keeps the others plain
    const table = html.slice(html.indexOf('参数一览'), html.indexOf('依据条款原文'));
    const changedRows = table.match(/<tr class="changed">.*?<\/tr>/g) ?? [];
    expect(changedRows).toHaveLength(1);
    expect(changedRows[0]).toContain(LABEL);
    expect(changedRows[0]).toContain('★ 本次修改');
    expect(table).toContain('每月累计事假上限'); // an unchanged parameter of the pack
    expect(table).toContain('满1年不满10年的年休假天数'); // inherited from the base
    expect(table).toContain('基础'); // …and says where from
    // the clause text, once, and the basis with its date
    expect(html).toContain('干部请假1天的，由分管领导审批；2天以上5天以内的');
    expect(html.match(/<strong class="id">LV-002-A<\/strong>/g)).toHaveLength(1);
    expect(html).toContain(BASIS);
    expect(html).toContain('2026年11月30日');
    expect(html).toContain('测试'); // the admin's reason for publishing without approval
    expect(html).toContain('系统管理员'); // the publisher by 姓名, not login name
    // print CSS and the signature block
    expect(html).toContain('@page { size: A4;');
    expect(html).toContain('@media print');
    expect(html).toContain('thead { display: table-header-group; }');
    for (const signer of ['经办人', '审核人', '签发人']) expect(html).toContain(signer);
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(html).not.toContain('<script');
  });

  it("?lang=en prints the record in English (the pack's own texts as written)", async () => {
    const res = await record(`${version}/record?lang=en`, tokens.directorA);
    expect(res.status).toBe(200);
    expect(res.text).toContain('<html lang="en">');
    expect(res.text).toContain('Rule parameter record');
    expect(res.text).toContain(`compared with version ${version - 1}`);
    expect(res.text).toContain('Prepared by');
    expect(res.text).toContain(LABEL);
    expect(res.text).not.toContain('经办人');
  });

  it('version 1 has nothing to compare with', async () => {
    const res = await record('1/record', tokens.viewerA);
    expect(res.status).toBe(200);
    expect(res.text).toContain('本版为第1版，无上一版本可比。');
    expect(res.text).not.toContain('<tr class="changed">');
    expect(res.text).toMatch(new RegExp(`${LABEL}.*?<td class="value">5</td>`));
  });

  it('only readers of the pack get it; unknown versions and packs are 404', async () => {
    expect((await record(`${version}/record`, tokens.directorB)).status).toBe(403);
    expect((await record(`${version}/record.pdf`, tokens.directorB)).status).toBe(403);
    const unknown = await record('99/record', tokens.directorA);
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('NOT_FOUND');
    expect((await record('99/record.pdf', tokens.directorA)).status).toBe(404);
    expect((await record('zero/record', tokens.directorA)).status).toBe(404);
    expect((await t.http.get('/api/packs/no-such-pack/versions/1/record').set(bearer(tokens.directorA))).status).toBe(
      404,
    );
    expect((await t.http.get(`/api/packs/${SEED_PACK}/versions/1/record`)).status).toBe(401);
  });

  it('the PDF has the same content, in an embedded CJK font, under a Chinese file name', async () => {
    const res = await record(`${version}/record.pdf`, tokens.viewerA)
      .buffer(true)
      .parse(binary as never);
    expect(res.status, String(res.body)).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const disposition = res.headers['content-disposition'];
    expect(disposition).toContain(`filename="${SEED_PACK}-v${version}-record.pdf"`);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1])).toBe(`${SEED_PACK}-第${version}版-制度参数对照表.pdf`);
    const bytes = res.body as Buffer;
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // the font is embedded as a subset (XXXXXX+Name) of the Simplified Chinese face
    expect(bytes.toString('latin1')).toMatch(/\/FontName \/[A-Z]{6}\+NotoSansCJKsc-Regular/);
    const text = await pdfText(bytes);
    for (const expected of [
      '制度参数对照表',
      `第${version}版`,
      '本次修改',
      LABEL,
      '5天→6天',
      'LV-002-A',
      BASIS,
      '2026年11月30日',
      '经办人',
      '审核人',
      '签发人',
      '每月累计事假上限',
      '第1页',
    ]) {
      expect(text, expected).toContain(squash(expected));
    }
    expect(text).toContain(squash('干部请假1天的，由分管领导审批'));
  });

  it('?lang=en gives the PDF in English under an English file name', async () => {
    const res = await record(`${version}/record.pdf?lang=en`, tokens.viewerA)
      .buffer(true)
      .parse(binary as never);
    expect(res.status).toBe(200);
    expect(decodeURIComponent(res.headers['content-disposition'].split("UTF-8''")[1])).toBe(
      `${SEED_PACK}-version-${version}-parameter-record.pdf`,
    );
    const text = await pdfText(res.body as Buffer);
    expect(text).toContain(squash('Rule parameter record'));
    expect(text).toContain(squash('Prepared by'));
    expect(text).toContain(LABEL);
  });

  it('a version approved at a meeting and scheduled for a later day: requester, approver and dates on record', async () => {
    const row = (await t.http.get(`/api/parameters/${SEED_PACK}:${PARAM}`).set(bearer(tokens.directorA))).body;
    expect(
      (
        await t.http
          .put(`/api/parameters/${row.id}`)
          .set(bearer(tokens.directorA))
          .send({ ...row, value: 5 })
      ).status,
    ).toBe(200);
    const { version: next } = await publishApproved(t, SEED_PACK, tokens.directorA, tokens.approverA, {
      effectiveFrom: '2099-01-01',
      basis: { text: '镇党委会2099年第1次会议纪要', date: '2098-12-20' },
    });
    expect(next).toBe(version + 1);
    const html = (await record(`${next}/record`, tokens.viewerA)).text;
    expect(html).toContain('（待施行）');
    expect(html).toMatch(/施行日期<\/th><td>2099年1月1日<\/td>/);
    expect(html).toMatch(/申请人<\/th><td>director-a<\/td>/);
    expect(html).toMatch(/审批<\/th><td>approver-a 于 [^<]+：同意<\/td>/);
    expect(html).not.toContain('未经审批发布的理由');
    expect(html).toMatch(/<span class="old">6 天<\/span><span class="arrow">→<\/span>5 天/);
    // the version it will replace now shows when it ends
    expect((await record(`${version}/record`, tokens.viewerA)).text).toMatch(/施行至<\/th><td>2099年1月1日<\/td>/);
    const text = await pdfText(
      (
        await record(`${next}/record.pdf`, tokens.viewerA)
          .buffer(true)
          .parse(binary as never)
      ).body as Buffer,
    );
    for (const expected of ['approver-a', '同意', 'director-a', '2099年1月1日', '6天→5天', '待施行'])
      expect(text, expected).toContain(squash(expected));
  });
});

/** A record built by hand: every kind of value, a change, a removal, rule changes, text to escape. */
function handSheet(overrides: Partial<RecordSheet> = {}): RecordSheet {
  const base = {
    definedIn: 'demo',
    definedInName: '演示规则包',
    valueFrom: 'demo',
    valueFromName: '演示规则包',
    note: null,
    origin: 'own' as const,
  };
  return {
    locale: 'zh',
    pack: { id: 'demo', name: '演示<规则>包', townshipId: 'town-a', townshipName: '甲镇' },
    version: 3,
    previousVersion: 2,
    state: 'scheduled',
    effectiveFrom: '2026-12-31T16:00:00.000Z',
    effectiveTo: null,
    basis: { text: '甲镇党委〔2026〕7号 & 会议纪要', date: '2026-12-20' },
    publishedAt: '2026-12-21T02:30:00.000Z',
    publishedBy: 'director-a',
    origin: 'publish',
    copiedFrom: null,
    requestedBy: 'clerk-a',
    approvals: [{ username: 'deputy-a', at: '2026-12-21T02:30:00.000Z', comment: '同意' }],
    bypassReason: null,
    parameters: [
      {
        ...base,
        id: 'p.days',
        label: '审批天数',
        value: '6',
        unit: '天',
        sourceId: 'C-1',
        change: { kind: 'changed', from: '5', to: '6' },
      },
      {
        ...base,
        id: 'p.mode',
        label: '审批方式',
        value: formatParameterValue({ type: 'enum', options: [{ value: 'all', label: '会签' }] }, 'all'),
        unit: null,
        sourceId: 'C-1',
        change: null,
      },
      {
        ...base,
        id: 'p.flag',
        label: '须报备',
        value: formatParameterValue({ type: 'boolean' }, true),
        unit: null,
        sourceId: 'C-2',
        change: { kind: 'added', from: null, to: '是' },
      },
      {
        ...base,
        id: 'p.list',
        label: '抄送',
        value: formatParameterValue({ type: 'stringList' }, ['办公室', '纪委']),
        unit: null,
        sourceId: 'C-2',
        origin: 'inherited',
        definedIn: 'base',
        definedInName: '基础规则包',
        valueFrom: 'base',
        valueFromName: '基础规则包',
        change: null,
      },
    ],
    removedParameters: [{ id: 'p.old', label: '旧参数', from: '3', unit: '次' }],
    ruleChanges: [
      { kind: 'added', id: 'r.new', title: '新增<b>规则</b>', decision: 'leaveApproval', decisionTitle: '请假审批' },
    ],
    clauses: [{ id: 'C-1', document: '某制度', article: '第3条', text: '请假1天的，由分管领导审批。' }],
    generatedAt: '2026-12-22T00:00:00.000Z',
    ...overrides,
  };
}

describe('the record as HTML (pure)', () => {
  it('lays out the sections, marks changes, escapes text and words values', () => {
    const html = renderRecordHtml(handSheet());
    expect(html).toContain('<title>演示&lt;规则&gt;包 第3版 制度参数对照表</title>');
    expect(html).not.toContain('<b>规则</b>');
    expect(html).toContain('新增&lt;b&gt;规则&lt;/b&gt;');
    expect(html).toContain('甲镇党委〔2026〕7号 &amp; 会议纪要');
    expect(html).toContain('2027年1月1日'); // 00:00 Beijing time: the day only
    expect(html).toContain('2026年12月21日 10:30');
    expect(html).toContain('（待施行）');
    expect(html).toContain('deputy-a 于 2026年12月21日 10:30：同意');
    expect(html).toContain('clerk-a');
    expect(html).toContain('会签');
    expect(html).toContain('<td class="value">是</td>');
    expect(html).toContain('办公室、纪委');
    expect(html).toContain('基础规则包');
    expect(html).toMatch(/<span class="old">5 天<\/span><span class="arrow">→<\/span>6 天/);
    expect(html).toContain('<span class="old">3 次</span>'); // removed
    expect(html.match(/<tr class="changed">/g)).toHaveLength(2);
    expect(html).toContain('新增规则');
    expect(html).toContain('经办人');
  });

  it('says so when nothing changed, and prints English words with ?lang=en', () => {
    const same = handSheet({
      removedParameters: [],
      ruleChanges: [],
      parameters: handSheet().parameters.map((p) => ({ ...p, change: null })),
    });
    expect(renderRecordHtml(same)).toContain('参数与规则均无变化。');
    const en = renderRecordHtml({ ...handSheet(), locale: 'en' });
    expect(en).toContain('Rule parameter record');
    expect(en).toContain('(scheduled)');
    expect(en).toContain('2027-01-01');
    expect(en).not.toContain('经办人');
  });

  it('words values: enum by label, booleans, lists, dates', () => {
    expect(formatParameterValue({ type: 'boolean' }, false)).toBe('否');
    expect(formatParameterValue({ type: 'boolean' }, true, 'en')).toBe('Yes');
    expect(formatParameterValue({ type: 'enum', options: [{ value: 'x', label: '甲' }] }, 'y')).toBe('y');
    expect(formatParameterValue({ type: 'stringList' }, ['a', 'b'], 'en')).toBe('a, b');
    expect(formatParameterValue({ type: 'number' }, 0.5)).toBe('0.5');
    expect(formatRecordDate('2026-11-30')).toBe('2026年11月30日');
    expect(formatRecordDate('2026-12-02T07:05:00.000Z', 'en')).toBe('2026-12-02 15:05');
  });
});

describe('the PDF font', () => {
  it('RULES_PDF_FONT comes first; a collection without a face name tries the usual Simplified Chinese faces', () => {
    const font = findCjkFont({ RULES_PDF_FONT: '/fonts/x.ttc' }, (p) => p === '/fonts/x.ttc');
    expect(font?.regular.path).toBe('/fonts/x.ttc');
    expect(font?.regular.faces).toContain('NotoSansCJKsc-Regular');
    expect(findCjkFont({ RULES_PDF_FONT: '/fonts/y.ttc#MyFace' }, () => true)?.regular).toEqual({
      path: '/fonts/y.ttc',
      faces: ['MyFace'],
    });
    expect(
      findCjkFont({ RULES_PDF_FONT: '/missing.ttf' }, (p) =>
        p.startsWith('/usr/share/fonts/opentype/noto/NotoSansCJK-'),
      )?.regular.path,
    ).toBe('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc');
    expect(findCjkFont({}, () => false)).toBeNull();
  });

  it('without a font the PDF is refused with 503 PDF_FONT_MISSING, naming the fix', async () => {
    const error = await renderRecordPdf(handSheet(), null).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 503, code: 'PDF_FONT_MISSING' });
    expect((error as ApiError).messageZh).toContain('fonts-noto-cjk');
    expect((error as ApiError).messageZh).toContain('RULES_PDF_FONT');
    const unreadable = await renderRecordPdf(handSheet(), { regular: { path: '/no/such/font.ttf' } }).catch(
      (e: unknown) => e,
    );
    expect(unreadable).toMatchObject({ status: 503, code: 'PDF_FONT_MISSING' });
  });

  it('renders a hand-built record with every section', async () => {
    const font = findCjkFont();
    expect(font, 'a CJK font (apt-get install fonts-noto-cjk)').not.toBeNull();
    const text = await pdfText(await renderRecordPdf(handSheet(), font));
    for (const expected of [
      '演示<规则>包',
      '5天→6天',
      '旧参数',
      '新增<b>规则</b>',
      '办公室、纪委',
      '请假1天的，由分管领导审批。',
      'deputy-a',
      '签发人',
      '第1页/共',
    ]) {
      expect(text, expected).toContain(squash(expected));
    }
  });
});

describe('record values', () => {
  it('a time of day reads HH:MM, not minutes after midnight', () => {
    expect(formatParameterValue({ type: 'integer', unit: '时刻' }, 510)).toBe('08:30');
    expect(formatParameterValue({ type: 'integer', unit: '分钟' }, 510)).toBe('510');
  });
});
