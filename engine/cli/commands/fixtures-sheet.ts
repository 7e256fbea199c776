import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import {
  SHIPPED_RULES_DIR,
  SheetInvalidError,
  batchTrialSheet,
  buildPack,
  exportFixturesSheet,
  hasErrors,
  importFixturesSheet,
  loadPack,
} from '../../index.js';
import { bad, bold, dim, formatIssue, ok, output } from '../format.js';
import { outputPath } from '../output-path.js';
import { selectPacks, type CommonOptions } from '../packs.js';

const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());

function printSheetError(error: SheetInvalidError, json: boolean): number {
  output(json, { error: { code: error.code, message: error.message, problems: error.problems } }, () =>
    [
      `${bad('error')} ${error.messageZh}`,
      ...error.problems.map(
        (p) =>
          `  ${p.sheet}${p.row ? ` 第 ${p.row} 行` : ''}${p.column ? ` ${p.column} 列` : ''}：${p.messageZh}\n  ${dim(p.message)}`,
      ),
    ].join('\n'),
  );
  return 1;
}

/** `rules fixtures export <pack> <decision>`: the decision's fixtures (inherited too) as .xlsx. */
export async function exportFixturesCommand(
  pack: string,
  decision: string,
  options: CommonOptions & { out?: string },
): Promise<number> {
  const { source } = selectPacks([pack], options);
  const built = buildPack(pack, source);
  if (!built.resolved) throw new Error(`pack ${pack} does not validate`);
  const out = outputPath(options.out, `${pack}-${kebab(decision)}-fixtures.xlsx`);
  writeFileSync(out, await exportFixturesSheet(built.resolved, decision));
  const count = built.resolved.fixtures.filter((c) => c.decision === decision).length;
  output(!!options.json, { file: out, cases: count }, () => `${ok('✓')} ${count} 个测试用例已导出到 ${bold(out)}`);
  return 0;
}

/**
 * `rules fixtures import <pack> <file> --decision <d>`: merge a sheet into the pack's own
 * fixtures file. All rows or none: a bad sheet, or a result that does not validate, writes nothing.
 */
export async function importFixturesCommand(
  pack: string,
  file: string,
  options: CommonOptions & { decision: string },
): Promise<number> {
  const rulesDir = options.rulesDir ? resolve(options.rulesDir) : SHIPPED_RULES_DIR;
  const { source } = selectPacks([pack], options);
  const built = buildPack(pack, source);
  if (!built.resolved) throw new Error(`pack ${pack} does not validate`);
  const bundle = structuredClone(source.get(pack)!);
  const existing = Object.entries(bundle.fixtures).find(([, f]) => f.decision === options.decision);
  const target = existing?.[0] ?? `fixtures/${kebab(options.decision)}.json`;
  try {
    const result = await importFixturesSheet(built.resolved, options.decision, readFileSync(file), existing?.[1]);
    bundle.fixtures[target] = result.file;
    const check = buildPack(pack, { get: (id) => (id === pack ? bundle : source.get(id)) });
    if (hasErrors(check.issues)) {
      output(
        !!options.json,
        { error: { code: 'PACK_INVALID', issues: check.issues } },
        () => `${bad('✗')} 导入后规则包校验未通过，未写入任何内容\n${check.issues.map(formatIssue).join('\n')}`,
      );
      return 1;
    }
    writeFileSync(join(rulesDir, pack, target), JSON.stringify(result.file, null, 2) + '\n');
    output(
      !!options.json,
      { file: target, added: result.added, updated: result.updated, unchanged: result.unchanged.length },
      () =>
        `${ok('✓')} ${basename(file)} → ${pack}/${target}：新增 ${result.added.length}，更新 ${result.updated.length}，未变 ${result.unchanged.length}`,
    );
    return 0;
  } catch (error) {
    if (error instanceof SheetInvalidError) return printSheetError(error, !!options.json);
    throw error;
  }
}

/** `rules eval <pack> <decision> --xlsx <file>`: 批量试算, the sheet back with result columns. */
export async function evalSheetCommand(
  pack: string,
  decision: string,
  file: string,
  options: CommonOptions & { out?: string },
): Promise<number> {
  const { source } = selectPacks([pack], options);
  const compiled = loadPack(pack, source);
  const out = outputPath(options.out, basename(file).replace(/\.xlsx$/i, '') + '-结果.xlsx');
  try {
    const started = performance.now();
    const result = await batchTrialSheet(compiled, decision, readFileSync(file));
    writeFileSync(out, result.buffer);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    output(
      !!options.json,
      { file: out, evaluated: result.evaluated, failed: result.failed },
      () =>
        `${result.failed ? bad('!') : ok('✓')} 试算 ${result.evaluated + result.failed} 行（${seconds} 秒），${result.failed} 行有错误 → ${bold(out)}`,
    );
    return result.failed ? 1 : 0;
  } catch (error) {
    if (error instanceof SheetInvalidError) return printSheetError(error, !!options.json);
    throw error;
  }
}
