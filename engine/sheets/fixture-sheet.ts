import ExcelJS from 'exceljs';
import { canonical, outcomeKey } from '../compile/outcome-key.js';
import { renderOutcome } from '../explain/render.js';
import { isCaseDisable, isParamRef, type FixtureCase, type FixturesFile, type Outcome } from '../model.js';
import type { ResolvedPack } from '../pack/resolved.js';
import { decisions, validateFacts, validateOutcome } from '../schema/registry.js';
import { columnHeader, factColumns, formatCell, getFact, parseCell, setFact, type FactColumn } from './fact-columns.js';
import { SheetInvalidError, columnLetter, type SheetProblem } from './sheet-error.js';
import { firstSheet, openWorkbook, rowTexts, toBuffer } from './workbook.js';

/**
 * Fixtures of one decision as a grid, for testers who think in tables: one row per case,
 * one column per fact, one ✓ column per possible outcome. Row 1 has the Chinese headers,
 * row 2 the machine names the import reads; a hidden sheet maps outcome columns to outcomes.
 */
const OUTCOMES_SHEET = '期望结果对照';
const LISTS_SHEET = '下拉选项';
const MARK = '✓';

const FIXED_COLUMNS = [
  { key: 'id', label: '用例编号' },
  { key: 'name', label: '用例名称' },
  { key: 'asOf', label: '事件日期' },
] as const;
const TRAILING_COLUMNS = [
  { key: 'expect.error', label: '期望错误' },
  { key: 'expect.rules', label: '期望命中规则' },
  { key: 'expect.undetermined', label: '期望待确认规则' },
] as const;

type UndeterminedExpectation = NonNullable<FixtureCase['expect']['undetermined']>;

/** 「rule（fact、fact）；rule」: the undetermined rules a case expects, each with the facts that settle it. */
function undeterminedCell(expected: UndeterminedExpectation | undefined): string | null {
  if (!expected?.length) return null;
  return expected.map((u) => (u.facts?.length ? `${u.rule}（${u.facts.join('、')}）` : u.rule)).join('；');
}

function readUndetermined(cell: string): UndeterminedExpectation | undefined {
  const entries = cell
    .split(/[;；\n]+/)
    .map((e) => e.trim())
    .filter(Boolean);
  if (!entries.length) return undefined;
  return entries.map((entry) => {
    const m = /^([^（(]+)[（(]([^）)]*)[）)]$/.exec(entry);
    if (!m) return { rule: entry };
    return { rule: m[1].trim(), facts: m[2].split(/[,，、\s]+/).filter(Boolean) };
  });
}

/** Every outcome a decision's rules can produce, plus any a fixture expects: the ✓ columns. */
function outcomeColumns(pack: ResolvedPack, decision: string, cases: FixtureCase[]): Outcome[] {
  const seen = new Map<string, Outcome>();
  const add = (o: Outcome) => {
    const resolved = Object.fromEntries(
      Object.entries(o).map(([k, v]) => [k, isParamRef(v) ? pack.parameters.get(v.param)?.value : v]),
    ) as Outcome;
    const key = outcomeKey(resolved);
    if (!seen.has(key)) seen.set(key, resolved);
  };
  for (const rule of pack.decisions.get(decision)?.rules ?? []) rule.outcomes.forEach(add);
  for (const c of cases) (c.expect.outcomes ?? []).forEach(add);
  return [...seen.values()];
}

/** Export one decision's fixtures of a pack (inherited ones included) to .xlsx. */
export async function exportFixturesSheet(pack: ResolvedPack, decision: string): Promise<Buffer> {
  const definition = decisions.get(decision);
  if (!definition) throw new Error(`unknown decision ${decision}`);
  const cases = pack.fixtures.filter((c) => c.decision === decision);
  const facts = factColumns(decision);
  const outcomes = outcomeColumns(pack, decision, cases);

  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(definition.title.slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 2, xSplit: 2 }],
  });
  const lists = workbook.addWorksheet(LISTS_SHEET, { state: 'hidden' });
  const map = workbook.addWorksheet(OUTCOMES_SHEET, { state: 'hidden' });

  const headers = [
    ...FIXED_COLUMNS.map((c) => c.label),
    ...facts.map((c) => columnHeader(c)),
    ...outcomes.map((o) => `期望：${renderOutcome(o)}`),
    ...TRAILING_COLUMNS.map((c) => c.label),
  ];
  const keys = [
    ...FIXED_COLUMNS.map((c) => c.key),
    ...facts.map((c) => c.key),
    ...outcomes.map((_, i) => `expect.outcome.${i + 1}`),
    ...TRAILING_COLUMNS.map((c) => c.key),
  ];
  sheet.addRow(headers).font = { bold: true };
  sheet.addRow(keys).font = { color: { argb: 'FF888888' }, size: 9 };
  map.addRow(['key', 'outcome', 'label']);
  outcomes.forEach((o, i) => map.addRow([`expect.outcome.${i + 1}`, JSON.stringify(o), renderOutcome(o)]));

  for (const c of cases) {
    const expected = new Set((c.expect.outcomes ?? []).map(outcomeKey));
    sheet.addRow([
      c.id,
      c.name,
      c.asOf ?? null,
      ...facts.map((column) => formatCell(column, getFact(c.facts, column.key))),
      ...outcomes.map((o) => (expected.has(outcomeKey(o)) ? MARK : null)),
      c.expect.error ?? null,
      c.expect.rules?.join(', ') ?? null,
      undeterminedCell(c.expect.undetermined),
    ]);
  }

  // dropdowns: enum facts and booleans by label, outcome columns by ✓, on every data row to 1000
  const lastRow = Math.max(cases.length + 2, 1000);
  let listColumn = 0;
  const listRange = (values: string[]) => {
    listColumn += 1;
    values.forEach((v, i) => {
      lists.getCell(i + 1, listColumn).value = v;
    });
    const letter = columnLetter(listColumn);
    return `'${LISTS_SHEET}'!$${letter}$1:$${letter}$${values.length}`;
  };
  const validate = (columnIndex: number, formula: string) => {
    for (let row = 3; row <= lastRow; row++) {
      sheet.getCell(row, columnIndex).dataValidation = { type: 'list', allowBlank: true, formulae: [formula] };
    }
  };
  facts.forEach((column, i) => {
    const index = FIXED_COLUMNS.length + i + 1;
    if (column.type === 'enum')
      validate(index, listRange((column.enumValues ?? []).map((v) => column.enumLabels?.[v] ?? v)));
    else if (column.type === 'boolean') validate(index, listRange(['是', '否']));
  });
  const markList = listRange([MARK]);
  outcomes.forEach((_, i) => validate(FIXED_COLUMNS.length + facts.length + i + 1, markList));
  sheet.columns.forEach((col, i) => {
    col.width = i === 1 ? 36 : Math.min(28, Math.max(10, String(headers[i] ?? '').length * 2));
  });
  return toBuffer(workbook);
}

export interface FixtureImport {
  /** the pack's own fixtures file for the decision, with the imported cases merged in */
  file: FixturesFile;
  added: string[];
  updated: string[];
  unchanged: string[];
}

/** Same test case, ignoring key order, outcome order and where it was defined. */
function sameCase(a: FixtureCase, b: FixtureCase): boolean {
  const norm = (c: FixtureCase) =>
    canonical({
      id: c.id,
      name: c.name,
      asOf: c.asOf,
      facts: c.facts,
      expect: { ...c.expect, outcomes: c.expect.outcomes?.map(outcomeKey).sort() },
    });
  return norm(a) === norm(b);
}

/**
 * Read a fixture sheet back. All rows or none: any problem (a wrong type in a cell, a missing
 * required column, an unknown column, an empty sheet, a duplicate id, facts the decision
 * refuses) throws SheetInvalidError naming sheet, row and column, and nothing is returned.
 */
export async function importFixturesSheet(
  pack: ResolvedPack,
  decision: string,
  buffer: Uint8Array,
  ownFile: FixturesFile | undefined,
): Promise<FixtureImport> {
  return mergeFixtureCases(pack, decision, await readFixtureCases(decision, buffer), ownFile);
}

/** The cases of a fixture sheet, every row checked (the reading half of an import; plain data). */
export async function readFixtureCases(decision: string, buffer: Uint8Array): Promise<FixtureCase[]> {
  const workbook = await openWorkbook(buffer);
  const sheet = firstSheet(workbook);
  const problems: SheetProblem[] = [];
  const problem = (row: number, column: number, en: string, zh: string) =>
    problems.push({ sheet: sheet.name, row, column: column ? columnLetter(column) : '', message: en, messageZh: zh });

  // the outcome columns: from the hidden map if present, else none
  const outcomeByKey = new Map<string, Outcome>();
  const mapSheet = workbook.getWorksheet(OUTCOMES_SHEET);
  mapSheet?.eachRow((row, n) => {
    if (n === 1) return;
    const [key, json] = [row.getCell(1).text, row.getCell(2).text];
    try {
      const outcome = JSON.parse(json);
      if (validateOutcome(outcome).length === 0) outcomeByKey.set(key, outcome);
      else
        problems.push({
          sheet: OUTCOMES_SHEET,
          row: n,
          column: 'B',
          message: 'not a valid outcome',
          messageZh: '不是有效的期望结果',
        });
    } catch {
      problems.push({ sheet: OUTCOMES_SHEET, row: n, column: 'B', message: 'not valid JSON', messageZh: '内容已损坏' });
    }
  });

  const keys = rowTexts(sheet, 2);
  const facts = new Map(factColumns(decision).map((c) => [c.key, c]));
  const known = new Set<string>([
    ...FIXED_COLUMNS.map((c) => c.key),
    ...TRAILING_COLUMNS.map((c) => c.key),
    ...facts.keys(),
    ...outcomeByKey.keys(),
  ]);
  const columnOf = new Map<string, number>();
  keys.forEach((key, col) => {
    if (!key) return;
    if (!known.has(key)) problem(2, col, `unknown column "${key}"`, `未知的列「${key}」`);
    else if (columnOf.has(key)) problem(2, col, `column "${key}" appears twice`, `列「${key}」重复`);
    else columnOf.set(key, col);
  });
  for (const required of ['id', 'name', ...[...facts.values()].filter((c) => c.required).map((c) => c.key)]) {
    if (!columnOf.has(required)) {
      const label = facts.get(required)?.label ?? FIXED_COLUMNS.find((c) => c.key === required)?.label ?? required;
      problem(2, 0, `required column "${required}" is missing`, `缺少必需的列「${label}」（${required}）`);
    }
  }
  if (problems.length) throw new SheetInvalidError(problems);

  const cases: FixtureCase[] = [];
  const rowOfId = new Map<string, number>();
  for (let r = 3; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    if (!row.hasValues) continue;
    const text = (key: string) => (columnOf.has(key) ? row.getCell(columnOf.get(key)!).text.trim() : '');
    const id = text('id');
    const name = text('name');
    if (!id) problem(r, columnOf.get('id')!, 'the case has no id', '用例编号为空');
    else if (!/^[a-z0-9][a-z0-9.-]*$/.test(id))
      problem(
        r,
        columnOf.get('id')!,
        `id "${id}" may use only a-z, 0-9, "." and "-"`,
        `用例编号「${id}」只能包含小写字母、数字、「.」和「-」`,
      );
    else if (rowOfId.has(id))
      problem(
        r,
        columnOf.get('id')!,
        `id "${id}" is also on row ${rowOfId.get(id)}`,
        `用例编号「${id}」与第 ${rowOfId.get(id)} 行重复`,
      );
    rowOfId.set(id, r);
    if (!name) problem(r, columnOf.get('name')!, 'the case has no name', '用例名称为空');

    const caseFacts: Record<string, unknown> = {};
    let cellErrors = 0;
    for (const [key, column] of facts) {
      if (!columnOf.has(key)) continue;
      const parsed = parseCell(column as FactColumn, row.getCell(columnOf.get(key)!).value);
      if ('error' in parsed) {
        cellErrors += 1;
        problem(r, columnOf.get(key)!, `${key}: ${parsed.error.en}`, `${column.label}：${parsed.error.zh}`);
      } else if (parsed.value !== undefined) setFact(caseFacts, key, parsed.value);
    }
    // the decision's own checks (required facts, ranges), once the cells themselves could be read
    if (cellErrors === 0) {
      for (const error of validateFacts(decision, caseFacts)) {
        const missing = /required property '([^']+)'/.exec(error.message)?.[1];
        const key = missing ?? error.path.split('/').filter(Boolean).join('.');
        const label = facts.get(key)?.label ?? key;
        if (missing) problem(r, columnOf.get(key) ?? 0, `${key} is required`, `「${label}」不能为空`);
        else problem(r, columnOf.get(key) ?? 0, error.message, error.messageZh);
      }
    }
    const outcomes: Outcome[] = [];
    for (const [key, outcome] of outcomeByKey) {
      const col = columnOf.get(key);
      if (col === undefined) continue;
      const mark = row.getCell(col).text.trim();
      if (mark === MARK || mark === '是' || mark.toLowerCase() === 'x') outcomes.push(outcome);
      else if (mark)
        problem(r, col, `"${mark}": mark expected outcomes with ${MARK}`, `「${mark}」：期望结果请用「${MARK}」标记`);
    }
    const error = text('expect.error');
    const rules = text('expect.rules');
    const undetermined = readUndetermined(text('expect.undetermined') ?? '');
    const asOf = text('asOf');
    if (asOf && !/^\d{4}-\d{2}-\d{2}$/.test(asOf))
      problem(r, columnOf.get('asOf')!, `date "${asOf}" is not YYYY-MM-DD`, `日期「${asOf}」应为 YYYY-MM-DD`);
    const fixture: FixtureCase = {
      id,
      name,
      facts: caseFacts,
      ...(asOf ? { asOf } : {}),
      expect: error
        ? { error }
        : {
            outcomes,
            ...(rules ? { rules: rules.split(/[,，、\s]+/).filter(Boolean) } : {}),
            ...(undetermined ? { undetermined } : {}),
          },
    };
    cases.push(fixture);
  }
  if (cases.length === 0) problem(3, 0, 'the sheet has no test cases', '表格中没有测试用例');
  if (problems.length) throw new SheetInvalidError(problems);
  return cases;
}

/** Merge read cases into the pack's own fixtures file of the decision (the deciding half of an import). */
export function mergeFixtureCases(
  pack: ResolvedPack,
  decision: string,
  cases: FixtureCase[],
  ownFile: FixturesFile | undefined,
): FixtureImport {
  // same id updates (an inherited case becomes this pack's replacement), new ids are added
  const inherited = new Map(pack.fixtures.filter((c) => c.decision === decision).map((c) => [c.id, c]));
  const own: FixturesFile = ownFile
    ? structuredClone(ownFile)
    : { $schema: '../../../schemas/fixtures.schema.json', decision, cases: [] };
  const result: FixtureImport = { file: own, added: [], updated: [], unchanged: [] };
  for (const fixture of cases) {
    const existing = inherited.get(fixture.id);
    if (existing && sameCase(existing, fixture)) {
      result.unchanged.push(fixture.id);
      continue;
    }
    const index = own.cases.findIndex((c) => c.id === fixture.id && !isCaseDisable(c));
    if (index >= 0) own.cases[index] = fixture;
    else own.cases.push(fixture);
    (existing ? result.updated : result.added).push(fixture.id);
  }
  return result;
}
