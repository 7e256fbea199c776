/**
 * Exports cannot carry formulas: in every CSV the API writes (decision log, audit log, lint report,
 * test report) a cell that starts with = + - @ tab or CR gets a leading ' (OWASP), so a spreadsheet
 * shows the text instead of running it; numbers stay numbers. In .xlsx a string is a string cell
 * whatever it starts with, so it is written as it is.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableToCsv, tableToXlsx, type TableColumn } from '../../engine/index.js';
import {
  DATABASES,
  LEAVE_FACTS,
  PASSWORD,
  SEED_PACK,
  SEED_TOWNSHIP,
  bearer,
  setupTownships,
  startApp,
  type TestApp,
} from './helpers/app.js';

const HYPERLINK = '=HYPERLINK("http://evil.example","x")';

/** RFC 4180 CSV (quoted fields may hold commas, quotes and line breaks) → rows of cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && body[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** Cells a spreadsheet would read as a formula. */
const formulas = (rows: string[][]) => rows.flat().filter((cell) => /^[=+\-@\t\r]/.test(cell));

async function readXlsx(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

describe('the CSV writer', () => {
  const columns: TableColumn<{ v: unknown }>[] = [{ key: 'v', header: '值', value: (r) => r.v }];

  it("prefixes text that starts a formula with ', keeps it readable, quotes what needs quotes", () => {
    const values = [HYPERLINK, '+1+2', '-2-3', '@SUM(A1)', '\tcmd', '\r=1', '普通文字', 'a=b', ' =1', '-', "'already"];
    const rows = parseCsv(
      tableToCsv(
        columns,
        values.map((v) => ({ v })),
      ),
    );
    expect(rows.slice(1).map((r) => r[0])).toEqual([
      `'${HYPERLINK}`,
      "'+1+2",
      "'-2-3",
      "'@SUM(A1)",
      "'\tcmd",
      "'\r=1",
      '普通文字',
      'a=b',
      ' =1',
      "'-",
      "'already",
    ]);
    expect(formulas(rows)).toEqual([]);
  });

  it('leaves numbers, booleans and JSON as they are', () => {
    const rows = parseCsv(tableToCsv(columns, [{ v: -5 }, { v: 0.5 }, { v: true }, { v: { a: '=1' } }, { v: null }]));
    expect(rows.slice(1).map((r) => r[0])).toEqual(['-5', '0.5', 'true', '{"a":"=1"}', '']);
  });

  it('.xlsx writes such text as a string cell, never a formula', async () => {
    const workbook = await readXlsx(await tableToXlsx('表', columns, [{ v: HYPERLINK }, { v: '-2-3' }, { v: '@A1' }]));
    const cells = [2, 3, 4].map((n) => workbook.worksheets[0].getCell(n, 1));
    expect(cells.map((c) => c.type)).toEqual([
      ExcelJS.ValueType.String,
      ExcelJS.ValueType.String,
      ExcelJS.ValueType.String,
    ]);
    expect(cells.map((c) => c.value)).toEqual([HYPERLINK, '-2-3', '@A1']);
    expect(cells.map((c) => c.formula)).toEqual([undefined, undefined, undefined]);
  });
});

describe.each(DATABASES)('every CSV export route on %s', (kind) => {
  let t: TestApp;
  let tokens: Awaited<ReturnType<typeof setupTownships>>;
  /** a user name that is a formula (user names may start with - or @) */
  const FORMULA_USER = '-2-3';
  let formulaUser: string;

  const csv = async (path: string, token: string) => {
    const res = await t.http
      .get(path)
      .set(bearer(token))
      .buffer(true)
      .parse((stream, done) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
      });
    expect(res.status, String(res.body).slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    return parseCsv(res.body as string);
  };

  beforeAll(async () => {
    t = await startApp(kind);
    tokens = await setupTownships(t);
    const created = await t.http
      .post('/api/users')
      .set(bearer(t.adminToken))
      .send({ username: FORMULA_USER, password: PASSWORD, role: 'tester', townshipId: SEED_TOWNSHIP });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    formulaUser = await t.login(FORMULA_USER);
    // a test case named with a formula, written by that user (an audit row whose actor is a formula)
    const fixture = await t.http
      .post('/api/fixtures')
      .set(bearer(formulaUser))
      .send({
        packId: SEED_PACK,
        decision: 'leaveApproval',
        caseId: 'leave.formula.name',
        name: HYPERLINK,
        facts: { applicantRole: 'ordinary', leaveType: 'sick', days: 1 },
        expect: {
          outcomes: [
            { type: 'approval', step: 1, roles: ['supervisingLeader'], action: 'approve' },
            { type: 'deadline', action: 'reportBack', minutes: 1440 },
          ],
        },
      });
    expect(fixture.status, JSON.stringify(fixture.body)).toBe(201);
    // a rules file whose path is a formula: lint names the file of each finding
    const exported = await t.http.get(`/api/packs/${SEED_PACK}/export?version=draft`).set(bearer(tokens.directorA));
    const bundle = exported.body;
    const path = 'rules/leave-approval.json';
    expect(bundle.rules[path]).toBeDefined();
    bundle.rules = { ...bundle.rules, [HYPERLINK]: bundle.rules[path] };
    delete bundle.rules[path];
    const imported = await t.http.post('/api/packs/import').set(bearer(t.adminToken)).send(bundle);
    expect(imported.status, JSON.stringify(imported.body).slice(0, 500)).toBeLessThan(300);
    // …with a rule in it that can never fire
    const rule = await t.http
      .post('/api/rules')
      .set(bearer(tokens.directorA))
      .send({
        packId: SEED_PACK,
        decision: 'leaveApproval',
        ruleId: 'leave.test.negativeDays',
        title: '负数天数',
        citations: ['LV-002-A'],
        conditions: { all: [{ fact: 'days', operator: 'lessThan', value: -5 }] },
        outcomes: [{ type: 'requirement', code: 'longLeaveFiling', text: '报备' }],
      });
    expect(rule.status, JSON.stringify(rule.body)).toBe(201);
    // a decision logged under that user's name
    const evaluated = await t.http
      .post(`/api/packs/${SEED_PACK}/evaluate`)
      .set(bearer(formulaUser))
      .send({ decision: 'leaveApproval', facts: LEAVE_FACTS });
    expect(evaluated.status, JSON.stringify(evaluated.body)).toBe(200);
  }, 120_000);
  afterAll(() => t?.close());

  it('test report: the fixture named =HYPERLINK(…) is text', async () => {
    const rows = await csv(`/api/packs/${SEED_PACK}/test/export?format=csv&decision=leaveApproval`, tokens.testerA);
    expect(rows.some((r) => r[1] === `'${HYPERLINK}`)).toBe(true);
    expect(formulas(rows)).toEqual([]);
  });

  it('audit log: the actor named -2-3 is text', async () => {
    const rows = await csv('/api/audit-events/export?format=csv', t.adminToken);
    expect(rows.some((r) => r[2] === `'${FORMULA_USER}`)).toBe(true);
    expect(formulas(rows)).toEqual([]);
  });

  it('decision log: the caller named -2-3 is text', async () => {
    const rows = await csv('/api/decisions/export?format=csv', t.adminToken);
    const caller = rows[0].indexOf('调用者');
    expect(rows.some((r) => r[caller] === `'${FORMULA_USER}`)).toBe(true);
    expect(formulas(rows)).toEqual([]);
  });

  it('lint report: the file named =HYPERLINK(…) is text', async () => {
    const rows = await csv(`/api/packs/${SEED_PACK}/lint/export?format=csv`, tokens.testerA);
    expect(
      rows.some((r) => r[3] === `'${HYPERLINK}`),
      JSON.stringify(rows.slice(0, 3)),
    ).toBe(true);
    expect(formulas(rows)).toEqual([]);
  });

  it('the fixtures sheet (.xlsx) keeps the name as a string cell', async () => {
    const res = await t.http
      .get(`/api/packs/${SEED_PACK}/fixtures/export.xlsx?decision=leaveApproval`)
      .set(bearer(tokens.testerA))
      .buffer(true)
      .parse((stream, done) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    const sheet = (await readXlsx(res.body as Buffer)).worksheets[0];
    const cells: ExcelJS.Cell[] = [];
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.value === HYPERLINK) cells.push(cell);
      }),
    );
    expect(cells).toHaveLength(1);
    expect(cells[0].type).toBe(ExcelJS.ValueType.String);
    expect(cells[0].formula).toBeUndefined();
  });
});
