/** Spreadsheets over HTTP (issue 11): fixture grids in and out of the draft, 批量试算, table exports. */
import ExcelJS from 'exceljs';
import type { Response } from 'superagent';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPack, folderSource } from '../../engine/index.js';
import { DATABASES, OTHER_PACK, SEED_PACK, bearer, setupTownships, startApp, type TestApp } from './helpers/app.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const f = (filter: object) => `filter=${encodeURIComponent(JSON.stringify(filter))}`;

/** supertest: keep the body as bytes (xlsx, csv) */
function binary(res: NodeJS.ReadableStream & { setEncoding?: unknown }, callback: (error: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

async function workbookOf(buffer: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as any);
  return workbook;
}
const toBuffer = async (workbook: ExcelJS.Workbook) => Buffer.from(await workbook.xlsx.writeBuffer());

/** the column of a machine name in row 2 of a fixture sheet */
const column = (sheet: ExcelJS.Worksheet, key: string) => {
  let found = 0;
  sheet.getRow(2).eachCell((cell, col) => { if (cell.text === key) found = col; });
  return found;
};
const letter = (col: number) => String.fromCharCode(64 + col);

/** every (pack, decision) that has fixtures in the shipped packs, inherited ones included */
const source = folderSource();
const SHIPPED = source.ids.map((id) => buildPack(id, source)).filter((b) => b.resolved && b.compiled)
  .flatMap((b) => [...new Set(b.resolved!.fixtures.map((c) => c.decision))].map((decision) => ({
    pack: b.resolved!.id, decision, ids: b.resolved!.fixtures.filter((c) => c.decision === decision).map((c) => c.id),
  })));

describe.each(DATABASES)('spreadsheets over HTTP on %s', (kind) => {
  let t: TestApp;
  let tokens: Awaited<ReturnType<typeof setupTownships>>;
  let admin: Record<string, string>;

  beforeAll(async () => {
    t = await startApp(kind);
    tokens = await setupTownships(t);
    admin = bearer(t.adminToken);
  }, 120_000);
  afterAll(() => t?.close());

  const download = (path: string, token: string) => t.http.get(path).set(bearer(token)).buffer(true).parse(binary as any);
  const upload = (path: string, token: string, body: Buffer, headers: Record<string, string> = {}) =>
    t.http.post(path).set(bearer(token)).set('Content-Type', XLSX).set(headers).send(body);
  const uploadForSheet = (path: string, token: string, body: Buffer) =>
    t.http.post(path).set(bearer(token)).set('Content-Type', XLSX).send(body).buffer(true).parse(binary as any);
  const json = (res: Response) => (Buffer.isBuffer(res.body) ? JSON.parse(res.body.toString('utf8')) : res.body);
  const revisionOf = async (pack = SEED_PACK) => (await t.http.get(`/api/packs/${pack}`).set(admin)).body.revision as number;
  const exportSheet = async (token: string, pack = SEED_PACK, decision = 'leaveApproval', version = 'draft') => {
    const res = await download(`/api/packs/${pack}/fixtures/export.xlsx?decision=${decision}&version=${version}`, token);
    expect(res.status, res.body?.toString?.().slice(0, 300)).toBe(200);
    return res;
  };

  it('exports a decision\'s fixtures as an .xlsx attachment with a Chinese file name and the draft revision', async () => {
    const res = await exportSheet(t.adminToken);
    expect(res.headers['content-type']).toContain(XLSX);
    const disposition = res.headers['content-disposition'];
    expect(disposition).toMatch(/^attachment; filename="county-township-cadres-leaveApproval-fixtures-draft\.xlsx"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1])).toBe('county-township-cadres-请假审批-测试用例-草稿.xlsx');
    expect(res.headers.etag).toBe(`"${await revisionOf()}"`);
    const sheet = (await workbookOf(res.body)).worksheets[0];
    expect(sheet.name).toBe('请假审批');
    expect(sheet.getRow(2).getCell(1).text).toBe('id');
    const version = await exportSheet(t.adminToken, SEED_PACK, 'leaveApproval', '1');
    expect(decodeURIComponent(version.headers['content-disposition'].split("UTF-8''")[1])).toBe('county-township-cadres-请假审批-测试用例-v1.xlsx');
  });

  it('export → import round trip is lossless for every decision of every shipped pack (unchanged = all, nothing written)', async () => {
    expect(SHIPPED.length).toBeGreaterThan(5);
    for (const { pack, decision, ids } of SHIPPED) {
      const before = await revisionOf(pack);
      const sheet = await exportSheet(t.adminToken, pack, decision);
      const res = await upload(`/api/packs/${pack}/fixtures/import?decision=${decision}`, t.adminToken, sheet.body);
      expect(res.status, `${pack}/${decision}: ${JSON.stringify(res.body).slice(0, 500)}`).toBe(200);
      expect(res.body, `${pack}/${decision}`).toMatchObject({ added: [], updated: [], revision: before });
      expect(res.body.unchanged).toEqual(ids);
      expect(await revisionOf(pack)).toBe(before);
    }
  }, 300_000);
});
