/** Spreadsheets in and out: lossless fixture grids, refused bad sheets, batch trials, CSV for Excel/WPS. */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  SHEET_LIMITS,
  SheetInvalidError,
  batchTrialSheet,
  buildPack,
  exportFixturesSheet,
  folderSource,
  importFixturesSheet,
  tableToCsv,
  tableToXlsx,
  type ResolvedPack,
} from '../../engine/index.js';

const source = folderSource();
const packs = source.ids.map((id) => buildPack(id, source)).filter((b) => b.resolved && b.compiled);
const cadres = buildPack('county-township-cadres', source);

async function workbookOf(buffer: Uint8Array) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as any);
  return workbook;
}
const toBuffer = async (workbook: ExcelJS.Workbook) => Buffer.from(await workbook.xlsx.writeBuffer());

async function refused(promise: Promise<unknown>): Promise<SheetInvalidError> {
  const error = await promise.catch((e) => e);
  expect(error).toBeInstanceOf(SheetInvalidError);
  return error as SheetInvalidError;
}

/** The leave-approval sheet of the 002 pack, edited by `edit`. */
async function editedLeaveSheet(edit: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const workbook = await workbookOf(await exportFixturesSheet(cadres.resolved!, 'leaveApproval'));
  edit(workbook.worksheets[0]);
  return toBuffer(workbook);
}
const column = (sheet: ExcelJS.Worksheet, key: string) => {
  let found = 0;
  sheet.getRow(2).eachCell((cell, col) => {
    if (cell.text === key) found = col;
  });
  return found;
};

describe('fixtures as a sheet', () => {
  const pairs = packs.flatMap((b) =>
    [...new Set(b.resolved!.fixtures.map((f) => f.decision))].map((d) => [b.resolved!.id, d, b.resolved!] as const),
  );

  it.each(pairs)('round trip is lossless: %s / %s', async (_pack, decision, pack: ResolvedPack) => {
    const ids = pack.fixtures.filter((f) => f.decision === decision).map((f) => f.id);
    const result = await importFixturesSheet(pack, decision, await exportFixturesSheet(pack, decision), undefined);
    expect(result.unchanged).toEqual(ids);
    expect(result.added).toEqual([]);
    expect(result.updated).toEqual([]);
  });

  it('has Chinese headers in row 1, machine names in row 2 and dropdowns for enum facts', async () => {
    const sheet = (await workbookOf(await exportFixturesSheet(cadres.resolved!, 'leaveApproval'))).worksheets[0];
    expect(sheet.name).toBe('请假审批');
    expect(sheet.getRow(1).getCell(4).text).toBe('申请人类别');
    expect(sheet.getRow(2).getCell(4).text).toBe('applicantRole');
    const daysColumn = column(sheet, 'days');
    expect(sheet.getRow(1).getCell(daysColumn).text).toBe('请假天数（天）');
    expect(sheet.getRow(3).getCell(4).text).toBe('一般干部');
    expect(sheet.getCell(3, 4).dataValidation).toMatchObject({ type: 'list' });
    const headers = sheet.getRow(1).values as string[];
    expect(headers).toContain('期望：第1步：分管领导审批');
  });

  it('an edited row updates that case, a new row adds one; the rest is unchanged', async () => {
    const buffer = await editedLeaveSheet((sheet) => {
      const days = column(sheet, 'days');
      sheet.getCell(3, days).value = 0.5; // first case was 0.5 already: unchanged
      sheet.getCell(4, days).value = 0.8; // second case: 1 day → 0.8 day, same approver
      sheet.getCell(4, 2).value = '一般干部请假0.8天，由分管领导审批';
      const last = sheet.rowCount + 1;
      sheet.getRow(last).values = sheet.getRow(4).values as any;
      sheet.getCell(last, 1).value = 'leave.ordinary.0-9d';
      sheet.getCell(last, days).value = 0.9;
    });
    const result = await importFixturesSheet(cadres.resolved!, 'leaveApproval', buffer, undefined);
    expect(result.updated).toEqual(['leave.ordinary.1d']);
    expect(result.added).toEqual(['leave.ordinary.0-9d']);
    const added = result.file.cases.find((c) => c.id === 'leave.ordinary.0-9d') as any;
    expect(added.facts).toEqual({ applicantRole: 'ordinary', leaveType: 'sick', days: 0.9 });
    expect(added.expect.outcomes).toEqual([
      { type: 'approval', step: 1, roles: ['supervisingLeader'], action: 'approve' },
      { type: 'deadline', action: 'reportBack', minutes: 1440 },
    ]);
  });

  it('a wrong type in a cell is refused naming sheet, row and column, and nothing is returned', async () => {
    const buffer = await editedLeaveSheet((sheet) => {
      sheet.getCell(5, column(sheet, 'days')).value = '三天';
    });
    const error = await refused(importFixturesSheet(cadres.resolved!, 'leaveApproval', buffer, undefined));
    const daysLetter = String.fromCharCode(64 + column((await workbookOf(buffer)).worksheets[0], 'days'));
    expect(error.problems).toEqual([
      expect.objectContaining({
        sheet: '请假审批',
        row: 5,
        column: daysLetter,
        messageZh: '请假天数：「三天」不是数字',
      }),
    ]);
    expect(error.messageZh).toContain('未保存任何内容');
  });

  it('a value the decision refuses (an unknown role) is refused too', async () => {
    const buffer = await editedLeaveSheet((sheet) => {
      sheet.getCell(6, 4).value = '镇长';
    });
    const error = await refused(importFixturesSheet(cadres.resolved!, 'leaveApproval', buffer, undefined));
    expect(error.problems[0]).toMatchObject({ row: 6, column: 'D' });
    expect(error.problems[0].messageZh).toContain('不是可选值');
  });

  it('a missing required column is refused', async () => {
    const buffer = await editedLeaveSheet((sheet) => {
      sheet.spliceColumns(column(sheet, 'days'), 1);
    });
    const error = await refused(importFixturesSheet(cadres.resolved!, 'leaveApproval', buffer, undefined));
    expect(error.problems.map((p) => p.messageZh)).toContain('缺少必需的列「请假天数」（days）');
  });

  it('an unknown column is refused', async () => {
    const buffer = await editedLeaveSheet((sheet) => {
      sheet.getCell(2, sheet.columnCount + 1).value = 'colour';
    });
    const error = await refused(importFixturesSheet(cadres.resolved!, 'leaveApproval', buffer, undefined));
    expect(error.problems[0]).toMatchObject({ row: 2, messageZh: '未知的列「colour」' });
  });

  it('an empty sheet, a file that is not .xlsx and a file over the size limit are refused', async () => {
    const empty = await editedLeaveSheet((sheet) => {
      for (let r = 3; r <= sheet.rowCount; r++)
        sheet.getRow(r).eachCell((cell) => {
          cell.value = null;
        });
    });
    expect(
      (await refused(importFixturesSheet(cadres.resolved!, 'leaveApproval', empty, undefined))).problems[0].messageZh,
    ).toBe('表格中没有测试用例');
    const text = Buffer.from('申请人类别,请假天数\n一般干部,3\n');
    expect(
      (await refused(importFixturesSheet(cadres.resolved!, 'leaveApproval', text, undefined))).problems[0].messageZh,
    ).toContain('不是 .xlsx');
    const limit = SHEET_LIMITS.bytes;
    SHEET_LIMITS.bytes = 1000;
    try {
      const big = await exportFixturesSheet(cadres.resolved!, 'leaveApproval');
      expect(
        (await refused(importFixturesSheet(cadres.resolved!, 'leaveApproval', big, undefined))).problems[0].messageZh,
      ).toContain('超过上限');
    } finally {
      SHEET_LIMITS.bytes = limit;
    }
  });

  it('duplicate case ids are refused', async () => {
    const buffer = await editedLeaveSheet((sheet) => {
      sheet.getCell(4, 1).value = sheet.getCell(3, 1).text;
    });
    const error = await refused(importFixturesSheet(cadres.resolved!, 'leaveApproval', buffer, undefined));
    expect(error.problems[0].messageZh).toContain('与第 3 行重复');
  });
});

describe('batch trial from a sheet (批量试算)', () => {
  it('writes outcomes and a Chinese explanation per row; an invalid row gets an error, the rest still run', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('请假申请');
    sheet.addRow(['申请人', '申请人类别', '假别', '请假天数（天）']);
    sheet.addRow(['张三', '一般干部', '事假', 3]);
    sheet.addRow(['李四', '领导干部', '病假', 6]);
    sheet.addRow(['王五', '一般干部', '事假', '两天']);
    const progress: number[] = [];
    const result = await batchTrialSheet(cadres.compiled!, 'leaveApproval', await toBuffer(workbook), {
      onProgress: (d) => progress.push(d),
    });
    expect(result).toMatchObject({ evaluated: 2, failed: 1 });
    expect(progress.at(-1)).toBe(3);
    const out = (await workbookOf(result.buffer)).worksheets[0];
    expect(out.getRow(1).getCell(5).text).toBe('试算结果');
    expect(out.getRow(2).getCell(1).text).toBe('张三');
    expect(out.getRow(2).getCell(5).text).toBe('第1步：分管领导签字；第2步：党委书记或镇长审批（或签）；1 日内销假');
    expect(out.getRow(2).getCell(6).text).toContain('依据：LV-002-A');
    expect(out.getRow(3).getCell(5).text).toContain('县委组织部');
    expect(out.getRow(4).getCell(8).text).toBe('D 列 请假天数：「两天」不是数字');
  });

  it('reads the fixture template as input too (machine names in row 2)', async () => {
    const result = await batchTrialSheet(
      cadres.compiled!,
      'leaveApproval',
      await exportFixturesSheet(cadres.resolved!, 'leaveApproval'),
    );
    expect(result.failed).toBe(0);
    expect(result.evaluated).toBe(cadres.resolved!.fixtures.filter((f) => f.decision === 'leaveApproval').length);
  });

  it('refuses a sheet without the required columns', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('x').addRow(['请假天数']);
    workbook.worksheets[0].addRow([3]);
    const error = await refused(batchTrialSheet(cadres.compiled!, 'leaveApproval', await toBuffer(workbook)));
    expect(error.problems.map((p) => p.messageZh)).toEqual(['缺少必需的列「申请人类别」', '缺少必需的列「假别」']);
  });
});

describe('table exports', () => {
  const columns = [
    { key: 'who', header: '操作人', value: (r: any) => r.who },
    { key: 'what', header: '操作内容', value: (r: any) => r.what },
    { key: 'after', header: '修改后', value: (r: any) => r.after },
  ];
  const rows = [{ who: '张主任', what: '修改参数「分管领导单独审批的最长天数」, 1 → 3', after: { value: 3 } }];

  it('CSV is UTF-8 with a BOM, quotes commas and keeps Chinese intact', () => {
    const csv = tableToCsv(columns, rows);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toBe(
      '\uFEFF操作人,操作内容,修改后\r\n张主任,"修改参数「分管领导单独审批的最长天数」, 1 → 3","{""value"":3}"\r\n',
    );
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('xlsx keeps Chinese intact', async () => {
    const sheet = (await workbookOf(await tableToXlsx('操作日志', columns, rows))).worksheets[0];
    expect(sheet.name).toBe('操作日志');
    expect(sheet.getRow(1).getCell(1).text).toBe('操作人');
    expect(sheet.getRow(2).getCell(2).text).toBe('修改参数「分管领导单独审批的最长天数」, 1 → 3');
  });
});
