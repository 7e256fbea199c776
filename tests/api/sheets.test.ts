/** Spreadsheets over HTTP: fixture grids in and out of the draft, 批量试算, table exports. */
import ExcelJS from 'exceljs';
import type { Response } from 'superagent';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPack, folderSource } from '../../engine/index.js';
import { AUDIT_EXPORT_LIMIT } from '../../api/features/sheets/sheets-routes.js';
import { DATABASES, OTHER_PACK, SEED_PACK, bearer, setupTownships, startApp, type TestApp } from './helpers/app.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const f = (filter: object) => `filter=${encodeURIComponent(JSON.stringify(filter))}`;

/** supertest: keep the body as bytes (xlsx, csv) */
function binary(
  res: NodeJS.ReadableStream & { setEncoding?: unknown },
  callback: (error: Error | null, body: Buffer) => void,
) {
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
  sheet.getRow(2).eachCell((cell, col) => {
    if (cell.text === key) found = col;
  });
  return found;
};
const letter = (col: number) => String.fromCharCode(64 + col);

/** every (pack, decision) that has fixtures in the shipped packs, inherited ones included */
const source = folderSource();
const SHIPPED = source.ids
  .map((id) => buildPack(id, source))
  .filter((b) => b.resolved && b.compiled)
  .flatMap((b) =>
    [...new Set(b.resolved!.fixtures.map((c) => c.decision))].map((decision) => ({
      pack: b.resolved!.id,
      decision,
      ids: b.resolved!.fixtures.filter((c) => c.decision === decision).map((c) => c.id),
    })),
  );

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

  const download = (path: string, token: string) =>
    t.http
      .get(path)
      .set(bearer(token))
      .buffer(true)
      .parse(binary as any);
  const upload = (path: string, token: string, body: Buffer, headers: Record<string, string> = {}) =>
    t.http.post(path).set(bearer(token)).set('Content-Type', XLSX).set(headers).send(body);
  const uploadForSheet = (path: string, token: string, body: Buffer) =>
    t.http
      .post(path)
      .set(bearer(token))
      .set('Content-Type', XLSX)
      .send(body)
      .buffer(true)
      .parse(binary as any);
  const json = (res: Response) => (Buffer.isBuffer(res.body) ? JSON.parse(res.body.toString('utf8')) : res.body);
  const revisionOf = async (pack = SEED_PACK) =>
    (await t.http.get(`/api/packs/${pack}`).set(admin)).body.revision as number;
  const exportSheet = async (token: string, pack = SEED_PACK, decision = 'leaveApproval', version = 'draft') => {
    const res = await download(
      `/api/packs/${pack}/fixtures/export.xlsx?decision=${decision}&version=${version}`,
      token,
    );
    expect(res.status, res.body?.toString?.().slice(0, 300)).toBe(200);
    return res;
  };

  it("exports a decision's fixtures as an .xlsx attachment with a Chinese file name and the draft revision", async () => {
    const res = await exportSheet(t.adminToken);
    expect(res.headers['content-type']).toContain(XLSX);
    const disposition = res.headers['content-disposition'];
    expect(disposition).toMatch(
      /^attachment; filename="county-township-cadres-leaveApproval-fixtures-draft\.xlsx"; filename\*=UTF-8''/,
    );
    expect(decodeURIComponent(disposition.split("UTF-8''")[1])).toBe(
      'county-township-cadres-请假审批-测试用例-草稿.xlsx',
    );
    expect(res.headers.etag).toBe(`"${await revisionOf()}"`);
    const sheet = (await workbookOf(res.body)).worksheets[0];
    expect(sheet.name).toBe('请假审批');
    expect(sheet.getRow(2).getCell(1).text).toBe('id');
    const version = await exportSheet(t.adminToken, SEED_PACK, 'leaveApproval', '1');
    expect(decodeURIComponent(version.headers['content-disposition'].split("UTF-8''")[1])).toBe(
      'county-township-cadres-请假审批-测试用例-v1.xlsx',
    );
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

  /** the draft's leave-approval sheet as a tester downloads it, edited by `edit` */
  const editedSheet = async (edit: (sheet: ExcelJS.Worksheet) => void, token = tokens.testerA) => {
    const workbook = await workbookOf((await exportSheet(token)).body);
    edit(workbook.worksheets[0]);
    return toBuffer(workbook);
  };

  it('a tester downloads the sheet, adds a row, uploads it, and the test run includes the new case', async () => {
    const exported = await exportSheet(tokens.testerA);
    const revision = Number(JSON.parse(exported.headers.etag));
    const workbook = await workbookOf(exported.body);
    const sheet = workbook.worksheets[0];
    const last = sheet.rowCount + 1;
    sheet.getRow(last).values = sheet.getRow(4).values as any; // leave.ordinary.1d: one day, the supervising leader signs
    sheet.getCell(last, 1).value = 'leave.sheet.0-9d';
    sheet.getCell(last, 2).value = '表格新增：一般干部请假0.9天，由分管领导审批';
    sheet.getCell(last, column(sheet, 'days')).value = 0.9;

    const viewer = await upload(
      `/api/packs/${SEED_PACK}/fixtures/import?decision=leaveApproval`,
      tokens.viewerA,
      await toBuffer(workbook),
    );
    expect(viewer.status).toBe(403);

    const res = await upload(
      `/api/packs/${SEED_PACK}/fixtures/import?decision=leaveApproval`,
      tokens.testerA,
      await toBuffer(workbook),
      { 'If-Match': `"${revision}"` },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      pack: SEED_PACK,
      decision: 'leaveApproval',
      added: ['leave.sheet.0-9d'],
      updated: [],
      revision: revision + 1,
    });
    expect(res.headers.etag).toBe(`"${revision + 1}"`);
    expect(await revisionOf()).toBe(revision + 1);

    const fixture = await t.http.get(`/api/fixtures/${SEED_PACK}:leave.sheet.0-9d`).set(bearer(tokens.testerA));
    expect(fixture.body).toMatchObject({
      decision: 'leaveApproval',
      name: '表格新增：一般干部请假0.9天，由分管领导审批',
      facts: { applicantRole: 'ordinary', days: 0.9 },
    });

    const run = await t.http
      .post(`/api/packs/${SEED_PACK}/test`)
      .set(bearer(tokens.testerA))
      .send({ decisions: ['leaveApproval'] });
    expect(run.status).toBe(200);
    expect(run.body.results.find((r: any) => r.id === 'leave.sheet.0-9d')).toMatchObject({
      passed: true,
      name: '表格新增：一般干部请假0.9天，由分管领导审批',
    });

    const audit = await t.http
      .get(`/api/audit-events?${f({ packId: SEED_PACK, action: 'fixtures.import' })}`)
      .set(admin);
    expect(audit.body).toHaveLength(1);
    expect(audit.body[0]).toMatchObject({
      actor: 'tester-a',
      resource: 'fixtures',
      after: { decision: 'leaveApproval', added: ['leave.sheet.0-9d'] },
    });
    expect(audit.body[0].after.cases[0].id).toBe('leave.sheet.0-9d');
  });

  it('each bad sheet is refused with 422 SHEET_INVALID naming sheet, row and column in Chinese and English, and the draft is unchanged', async () => {
    const before = await revisionOf();
    let daysColumn = 0;
    const cases: [string, Buffer, Record<string, unknown>][] = [
      [
        'wrong type in a cell',
        await editedSheet((sheet) => {
          daysColumn = column(sheet, 'days');
          sheet.getCell(5, daysColumn).value = '三天';
        }),
        { sheet: '请假审批', row: 5, messageZh: '请假天数：「三天」不是数字' },
      ],
      [
        'missing required column',
        await editedSheet((sheet) => {
          sheet.spliceColumns(column(sheet, 'days'), 1);
        }),
        { sheet: '请假审批', row: 2, column: '', messageZh: '缺少必需的列「请假天数」（days）' },
      ],
      [
        'unknown column',
        await editedSheet((sheet) => {
          sheet.getCell(2, sheet.columnCount + 1).value = 'colour';
        }),
        { sheet: '请假审批', row: 2, messageZh: '未知的列「colour」', message: 'unknown column "colour"' },
      ],
      [
        'empty sheet',
        await editedSheet((sheet) => {
          for (let r = 3; r <= sheet.rowCount; r++)
            sheet.getRow(r).eachCell((cell) => {
              cell.value = null;
            });
        }),
        { sheet: '请假审批', row: 3, messageZh: '表格中没有测试用例', message: 'the sheet has no test cases' },
      ],
      [
        'not .xlsx',
        Buffer.from('申请人类别,请假天数\n一般干部,3\n'),
        { sheet: '上传文件', row: 0, column: '', message: 'the file is not an .xlsx workbook' },
      ],
    ];
    for (const [name, body, problem] of cases) {
      const res = await upload(`/api/packs/${SEED_PACK}/fixtures/import?decision=leaveApproval`, tokens.testerA, body);
      expect(res.status, name).toBe(422);
      expect(res.body.code, name).toBe('SHEET_INVALID');
      expect(res.body.messageZh, name).toContain('未保存任何内容');
      expect(res.body.problems[0], name).toMatchObject(problem);
      for (const p of res.body.problems)
        expect(Object.keys(p).sort(), name).toEqual(['column', 'message', 'messageZh', 'row', 'sheet']);
    }
    const wrongType = (
      await upload(`/api/packs/${SEED_PACK}/fixtures/import?decision=leaveApproval`, tokens.testerA, cases[0][1])
    ).body.problems[0];
    expect(wrongType.column).toBe(letter(daysColumn));
    expect(wrongType.message).toContain('days');

    // a JSON body is not a spreadsheet either
    const asJson = await t.http
      .post(`/api/packs/${SEED_PACK}/fixtures/import?decision=leaveApproval`)
      .set(bearer(tokens.testerA))
      .send({ cases: [] });
    expect(asJson.status).toBe(422);
    expect(asJson.body.code).toBe('SHEET_INVALID');

    // over the API's body limit (RULES_BODY_LIMIT, 1mb by default)
    const huge = await upload(
      `/api/packs/${SEED_PACK}/fixtures/import?decision=leaveApproval`,
      tokens.testerA,
      Buffer.alloc(1_200_000, 0x50),
    );
    expect(huge.status).toBe(413);
    expect(huge.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(huge.body.messageZh).toContain('过大');

    expect(await revisionOf()).toBe(before);
    const events = await t.http
      .get(`/api/audit-events?${f({ packId: SEED_PACK, action: 'fixtures.import' })}`)
      .set(admin);
    expect(events.body).toHaveLength(1); // only the tester's good import above
  });

  it('an import that makes the draft invalid is 422 DRAFT_INVALID and saves nothing', async () => {
    const before = await revisionOf();
    const body = await editedSheet((sheet) => {
      sheet.getCell(3, column(sheet, 'expect.rules')).value = 'no.such.rule';
    });
    const res = await upload(`/api/packs/${SEED_PACK}/fixtures/import?decision=leaveApproval`, tokens.testerA, body);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('DRAFT_INVALID');
    expect(res.body.errors.map((e: any) => e.code)).toContain('UNKNOWN_RULE');
    expect(await revisionOf()).toBe(before);
  });

  it('an import against a stale revision is 409 and saves nothing (If-Match or ?revision=)', async () => {
    const exported = await exportSheet(tokens.testerA);
    const stale = Number(JSON.parse(exported.headers.etag));
    const workbook = await workbookOf(exported.body);
    const sheet = workbook.worksheets[0];
    sheet.getCell(3, 2).value = '改过的名称';
    const body = await toBuffer(workbook);
    // someone else edits the draft in between
    const edit = await t.http
      .put(`/api/parameters/${SEED_PACK}:leave.secretaryMaxDays`)
      .set(bearer(tokens.directorA))
      .send({ value: 6 });
    expect(edit.status, JSON.stringify(edit.body)).toBe(200);
    const current = await revisionOf();
    expect(current).toBe(stale + 1);

    const byHeader = await upload(
      `/api/packs/${SEED_PACK}/fixtures/import?decision=leaveApproval`,
      tokens.testerA,
      body,
      { 'If-Match': `"${stale}"` },
    );
    expect(byHeader.status).toBe(409);
    expect(byHeader.body).toMatchObject({ code: 'STALE_REVISION', expected: stale, actual: current });
    const byQuery = await upload(
      `/api/packs/${SEED_PACK}/fixtures/import?decision=leaveApproval&revision=${stale}`,
      tokens.testerA,
      body,
    );
    expect(byQuery.status).toBe(409);
    expect(await revisionOf()).toBe(current);

    const fresh = await upload(
      `/api/packs/${SEED_PACK}/fixtures/import?decision=leaveApproval&revision=${current}`,
      tokens.testerA,
      body,
    );
    expect(fresh.status, JSON.stringify(fresh.body)).toBe(200);
    expect(fresh.body.updated).toHaveLength(1);
    expect(fresh.body.revision).toBe(current + 1);
  });

  it('asks for the decision and refuses an unknown one', async () => {
    expect((await download(`/api/packs/${SEED_PACK}/fixtures/export.xlsx`, t.adminToken)).status).toBe(400);
    const unknown = await download(
      `/api/packs/${SEED_PACK}/fixtures/export.xlsx?decision=noSuchDecision`,
      t.adminToken,
    );
    expect(unknown.status).toBe(404);
    expect(json(unknown).code).toBe('UNKNOWN_DECISION');
    expect(
      (await download(`/api/packs/no-such-pack/fixtures/export.xlsx?decision=leaveApproval`, t.adminToken)).status,
    ).toBe(404);
    const badVersion = await download(
      `/api/packs/${SEED_PACK}/fixtures/export.xlsx?decision=leaveApproval&version=latest`,
      t.adminToken,
    );
    expect(badVersion.status).toBe(422);
  });

  /** a request sheet as an office would type it: Chinese headers and labels, one bad cell */
  const requestSheet = async (
    rows = [
      ['张三', '一般干部', '事假', 3],
      ['李四', '领导干部', '病假', 6],
      ['王五', '一般干部', '事假', '两天'],
    ],
  ) => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('请假申请');
    sheet.addRow(['申请人', '申请人类别', '假别', '请假天数（天）']);
    for (const row of rows) sheet.addRow(row);
    return toBuffer(workbook);
  };

  it('a batch trial returns the sheet with outcome columns, Chinese intact', async () => {
    const res = await uploadForSheet(
      `/api/packs/${SEED_PACK}/batch-trial.xlsx?decision=leaveApproval`,
      tokens.viewerA,
      await requestSheet(),
    );
    expect(res.status, res.body.toString().slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toContain(XLSX);
    expect(res.headers).toMatchObject({ 'x-evaluated': '2', 'x-failed': '1', 'x-pack-version': '1' });
    expect(decodeURIComponent(res.headers['content-disposition'].split("UTF-8''")[1])).toBe(
      'county-township-cadres-请假审批-批量试算结果-v1.xlsx',
    );
    const sheet = (await workbookOf(res.body)).worksheets[0];
    expect(sheet.name).toBe('请假申请');
    expect((sheet.getRow(1).values as string[]).slice(1)).toEqual([
      '申请人',
      '申请人类别',
      '假别',
      '请假天数（天）',
      '试算结果',
      '说明',
      '命中规则',
      '错误',
    ]);
    expect(sheet.getRow(2).getCell(1).text).toBe('张三');
    expect(sheet.getRow(2).getCell(5).text).toBe('第1步：分管领导签字；第2步：党委书记或镇长审批（或签）；1 日内销假');
    expect(sheet.getRow(2).getCell(6).text).toContain('依据：LV-002-A');
    expect(sheet.getRow(3).getCell(5).text).toContain('县委组织部');
    expect(sheet.getRow(4).getCell(8).text).toBe('D 列 请假天数：「两天」不是数字');

    // the draft: directors and testers only
    const path = `/api/packs/${SEED_PACK}/batch-trial.xlsx?decision=leaveApproval&version=draft`;
    expect((await uploadForSheet(path, tokens.viewerA, await requestSheet())).status).toBe(403);
    const draft = await uploadForSheet(path, tokens.testerA, await requestSheet());
    expect(draft.status).toBe(200);
    expect(decodeURIComponent(draft.headers['content-disposition'].split("UTF-8''")[1])).toContain('批量试算结果-草稿');

    const missing = await uploadForSheet(
      `/api/packs/${SEED_PACK}/batch-trial.xlsx?decision=noSuchDecision`,
      tokens.viewerA,
      await requestSheet(),
    );
    expect(missing.status).toBe(404);
    expect(json(missing).code).toBe('UNKNOWN_DECISION');
    const noColumns = new ExcelJS.Workbook();
    noColumns.addWorksheet('x').addRow(['请假天数']);
    noColumns.worksheets[0].addRow([3]);
    const bad = await uploadForSheet(
      `/api/packs/${SEED_PACK}/batch-trial.xlsx?decision=leaveApproval`,
      tokens.viewerA,
      await toBuffer(noColumns),
    );
    expect(bad.status).toBe(422);
    expect(json(bad)).toMatchObject({ code: 'SHEET_INVALID' });
    expect(json(bad).problems.map((p: any) => p.messageZh)).toEqual([
      '缺少必需的列「申请人类别」',
      '缺少必需的列「假别」',
    ]);
  });

  it('a long batch trial runs as a job: 202, progress while it runs, then the sheet', async () => {
    // long enough that evaluating it spans several polls, even with rows evaluated in microseconds
    const ROWS = 20_000;
    const rows = Array.from({ length: ROWS }, (_, i) => [`申请人${i + 1}`, '一般干部', '事假', (i % 20) + 1]);
    const started = await upload(
      `/api/packs/${SEED_PACK}/batch-trial.xlsx?decision=leaveApproval&async=1`,
      tokens.testerA,
      await requestSheet(rows),
    );
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    expect(started.body).toMatchObject({ job: expect.any(String), packId: SEED_PACK, decision: 'leaveApproval' });
    expect(['queued', 'running']).toContain(started.body.state);
    expect(started.headers.location).toBe(`/api/sheet-jobs/${started.body.job}`);

    const seen: { state: string; done: number; total: number }[] = [];
    for (let i = 0; i < 600; i++) {
      const poll = await t.http.get(`/api/sheet-jobs/${started.body.job}`).set(bearer(tokens.testerA));
      expect(poll.status).toBe(200);
      seen.push(poll.body);
      if (poll.body.state === 'done' || poll.body.state === 'failed') break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const last = seen.at(-1)!;
    expect(last).toMatchObject({
      state: 'done',
      done: ROWS,
      total: ROWS,
      evaluated: ROWS,
      failed: 0,
      resultUrl: `/api/sheet-jobs/${started.body.job}/result`,
    });
    expect(
      seen.some((s) => s.state === 'running' && s.done > 0 && s.done < ROWS),
      JSON.stringify(seen.map((s) => s.done)),
    ).toBe(true);
    const done = seen.map((s) => s.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));

    // the owner or an admin only
    expect((await t.http.get(`/api/sheet-jobs/${started.body.job}`).set(bearer(tokens.directorA))).status).toBe(403);
    expect((await t.http.get(`/api/sheet-jobs/${started.body.job}`).set(admin)).status).toBe(200);
    expect((await t.http.get('/api/sheet-jobs/no-such-job').set(admin)).status).toBe(404);

    const result = await download(`/api/sheet-jobs/${started.body.job}/result`, tokens.testerA);
    expect(result.status).toBe(200);
    expect(result.headers['x-evaluated']).toBe(String(ROWS));
    const sheet = (await workbookOf(result.body)).worksheets[0];
    expect(sheet.rowCount).toBe(ROWS + 1);
    expect(sheet.getRow(1).getCell(5).text).toBe('试算结果');
    expect(sheet.getRow(ROWS + 1).getCell(1).text).toBe(`申请人${ROWS}`);
    expect(sheet.getRow(ROWS + 1).getCell(5).text).toContain('第1步');

    // a bad sheet fails the job; its result is the error the synchronous route would give
    const failed = await upload(
      `/api/packs/${SEED_PACK}/batch-trial.xlsx?decision=leaveApproval&async=1`,
      tokens.testerA,
      Buffer.from('not a sheet'),
    );
    expect(failed.status).toBe(202);
    let state = failed.body;
    while (state.state === 'queued' || state.state === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 20));
      state = (await t.http.get(`/api/sheet-jobs/${failed.body.job}`).set(bearer(tokens.testerA))).body;
    }
    expect(state).toMatchObject({ state: 'failed', error: { status: 422, code: 'SHEET_INVALID' } });
    const failedResult = await t.http.get(`/api/sheet-jobs/${failed.body.job}/result`).set(bearer(tokens.testerA));
    expect(failedResult.status).toBe(422);
    expect(failedResult.body.problems[0]).toMatchObject({ sheet: '上传文件', row: 0 });
  }, 120_000);

  const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

  it('CSV exports start with the BOM and keep Chinese; xlsx exports have Chinese headers', async () => {
    const audit = await download('/api/audit-events/export?format=csv', t.adminToken);
    expect(audit.status).toBe(200);
    expect(audit.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(audit.body.subarray(0, 3)).toEqual(BOM);
    const auditText = audit.body.toString('utf8');
    expect(auditText.split('\r\n')[0]).toBe('\uFEFF编号,时间,操作人,操作,对象类型,对象,规则包,版本,乡镇,修改前,修改后');
    expect(auditText).toContain('乙镇规则包');
    expect(decodeURIComponent(audit.headers['content-disposition'].split("UTF-8''")[1])).toMatch(
      /^审计日志-\d{8}\.csv$/,
    );

    const lint = await download(`/api/packs/${SEED_PACK}/lint/export?format=csv`, tokens.testerA);
    expect(lint.status).toBe(200);
    expect(lint.body.subarray(0, 3)).toEqual(BOM);
    expect(lint.body.toString('utf8').split('\r\n')[0]).toBe(
      '\uFEFF级别,代码,规则包,文件,位置,相关规则,说明,Message (English)',
    );

    const test = await download(`/api/packs/${SEED_PACK}/test/export?format=csv&version=1`, tokens.testerA);
    expect(test.status).toBe(200);
    expect(test.body.subarray(0, 3)).toEqual(BOM);
    const testText = test.body.toString('utf8');
    expect(testText.split('\r\n')[0]).toBe('\uFEFF用例编号,用例名称,事项,所属规则包,是否通过,期望结果,实际结果,说明');
    expect(testText).toContain('请假审批');
    expect(testText).toContain('通过');
    expect(decodeURIComponent(test.headers['content-disposition'].split("UTF-8''")[1])).toBe(
      'county-township-cadres-测试报告-v1.csv',
    );

    const xlsx = await download(`/api/packs/${SEED_PACK}/test/export?version=1&decision=leaveApproval`, tokens.testerA);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toContain(XLSX);
    const sheet = (await workbookOf(xlsx.body)).worksheets[0];
    expect(sheet.name).toBe('测试报告');
    expect(sheet.getRow(1).getCell(1).text).toBe('用例编号');
    expect(sheet.rowCount - 1).toBe(Number(xlsx.headers['x-passed']) + Number(xlsx.headers['x-failed']));
    expect(sheet.getRow(2).getCell(3).text).toBe('请假审批');
    expect(sheet.getRow(2).getCell(7).text).toMatch(/第1步|没有规则命中|错误/);

    const auditXlsx = await download(
      `/api/audit-events/export?format=xlsx&${f({ action: 'fixtures.import', packId: SEED_PACK })}`,
      t.adminToken,
    );
    const auditSheet = (await workbookOf(auditXlsx.body)).worksheets[0];
    expect(auditSheet.name).toBe('审计日志');
    expect(auditSheet.rowCount).toBe(3); // header + the two imports into the seed pack above
    for (let r = 2; r <= auditSheet.rowCount; r++) expect(auditSheet.getRow(r).getCell(4).text).toBe('fixtures.import');

    expect((await download('/api/audit-events/export?format=pdf', t.adminToken)).status).toBe(400);
  });

  it('the audit export is scoped like the list: a user sees their township only', async () => {
    const b = await download('/api/audit-events/export?format=xlsx', tokens.directorB);
    expect(b.status).toBe(200);
    const sheet = (await workbookOf(b.body)).worksheets[0];
    expect(sheet.rowCount).toBeGreaterThan(1);
    for (let r = 2; r <= sheet.rowCount; r++) expect(sheet.getRow(r).getCell(7).text).not.toBe(SEED_PACK);
    const list = await t.http.get('/api/audit-events').set(bearer(tokens.directorB));
    expect(sheet.rowCount - 1).toBe(Number(list.headers['content-range'].split('/')[1]));
    expect((await download(`/api/audit-events/export?${f({ packId: SEED_PACK })}`, tokens.directorB)).status).toBe(403);
    expect(
      (await download(`/api/audit-events/export?${f({ townshipId: 'county-township' })}`, tokens.directorB)).status,
    ).toBe(403);
  });

  it('a township pack without fixtures of its own gets a fixtures file: an inherited case edited in the sheet becomes its own', async () => {
    const own = async () =>
      (await t.http.get(`/api/fixtures?${f({ packId: OTHER_PACK })}`).set(bearer(tokens.directorB))).body as any[];
    expect(await own()).toEqual([]);
    const exported = await exportSheet(tokens.directorB, OTHER_PACK, 'leaveEntitlement');
    const workbook = await workbookOf(exported.body);
    const sheet = workbook.worksheets[0];
    const id = sheet.getCell(3, 1).text;
    expect(id).toBe('annual.0-5y');
    sheet.getCell(3, 2).value = '乙镇：工龄不满5年的年休假';
    const res = await upload(
      `/api/packs/${OTHER_PACK}/fixtures/import?decision=leaveEntitlement`,
      tokens.directorB,
      await toBuffer(workbook),
      { 'If-Match': exported.headers.etag },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ added: [], updated: [id] });
    expect(res.body.unchanged).toHaveLength(9);
    expect(await own()).toEqual([
      expect.objectContaining({
        caseId: id,
        decision: 'leaveEntitlement',
        file: 'fixtures/leaveEntitlement.json',
        name: '乙镇：工龄不满5年的年休假',
      }),
    ]);
    const run = await t.http
      .post(`/api/packs/${OTHER_PACK}/test`)
      .set(bearer(tokens.directorB))
      .send({ decisions: ['leaveEntitlement'] });
    expect(run.body.results.filter((r: any) => r.id === id)).toEqual([
      expect.objectContaining({ definedIn: OTHER_PACK, name: '乙镇：工龄不满5年的年休假', passed: true }),
    ]);
  });

  it('an audit export over the row limit is refused rather than cut', async () => {
    const limit = AUDIT_EXPORT_LIMIT.rows;
    AUDIT_EXPORT_LIMIT.rows = 2;
    try {
      const res = await t.http.get('/api/audit-events/export?format=csv').set(admin);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'BAD_REQUEST', limit: 2 });
      expect(res.body.messageZh).toContain('请缩小筛选范围');
    } finally {
      AUDIT_EXPORT_LIMIT.rows = limit;
    }
  });

  it('township B gets 403 on every spreadsheet route of township A; unauthenticated requests get 401', async () => {
    const sheet = await requestSheet();
    const calls: [string, string, Buffer?][] = [
      ['get', `/api/packs/${SEED_PACK}/fixtures/export.xlsx?decision=leaveApproval`],
      ['get', `/api/packs/${SEED_PACK}/fixtures/export.xlsx?decision=leaveApproval&version=1`],
      ['post', `/api/packs/${SEED_PACK}/fixtures/import?decision=leaveApproval`, sheet],
      ['post', `/api/packs/${SEED_PACK}/batch-trial.xlsx?decision=leaveApproval`, sheet],
      ['post', `/api/packs/${SEED_PACK}/batch-trial.xlsx?decision=leaveApproval&version=draft`, sheet],
      ['post', `/api/packs/${SEED_PACK}/batch-trial.xlsx?decision=leaveApproval&async=1`, sheet],
      ['get', `/api/packs/${SEED_PACK}/lint/export?format=csv`],
      ['get', `/api/packs/${SEED_PACK}/test/export?format=csv`],
      ['get', `/api/packs/${SEED_PACK}/test/export?format=xlsx&version=1`],
      ['get', `/api/audit-events/export?${f({ packId: SEED_PACK })}`],
    ];
    const send = (method: string, path: string, body?: Buffer, token?: string) => {
      let req = method === 'get' ? t.http.get(path) : t.http.post(path).set('Content-Type', XLSX);
      if (token) req = req.set(bearer(token));
      return body ? req.send(body) : req;
    };
    for (const [method, path, body] of calls) {
      const res = await send(method, path, body, tokens.directorB);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
      expect((await send(method, path, body)).status, `${method} ${path}`).toBe(401);
    }
    // township B's own pack works for its director
    const own = await download(
      `/api/packs/${OTHER_PACK}/fixtures/export.xlsx?decision=leaveApproval`,
      tokens.directorB,
    );
    expect(own.status).toBe(200);
    expect((await t.http.get('/api/sheet-jobs/anything')).status).toBe(401);
  });
});
