import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  buildPack,
  diffPacks,
  folderSource,
  outcomesLabel,
  readPackFolder,
  SHIPPED_RULES_DIR,
  type CaseAnswer,
  type PackSource,
  type ParameterChange,
} from '../../index.js';
import { bad, bold, dim, formatIssue, ok, output } from '../format.js';
import type { CommonOptions } from '../packs.js';

/**
 * Where one side of the comparison reads the pack: a pack folder (its pack.json in `dir`; its bases
 * from the rules directory) or a rules directory holding `<pack>/`.
 */
function sideSource(pack: string, dir: string, options: CommonOptions): PackSource {
  if (existsSync(join(dir, 'pack.json'))) {
    const folder = readPackFolder(resolve(dir), pack);
    const rules = folderSource(options.rulesDir ? resolve(options.rulesDir) : SHIPPED_RULES_DIR);
    return {
      get: (id) => (id === pack ? folder.bundle : rules.get(id)),
      readIssues: (id) => (id === pack ? folder.issues : (rules.readIssues?.(id) ?? [])),
    };
  }
  if (existsSync(join(dir, pack, 'pack.json'))) return folderSource(resolve(dir));
  throw new Error(`${dir}: neither a pack folder (with pack.json) nor a rules folder holding ${pack}/`);
}

const shown = (value: ParameterChange['from']) =>
  value === undefined ? '—' : Array.isArray(value) ? value.join('、') : String(value);
const answerText = (answer: CaseAnswer) => ('error' in answer ? bad(answer.error) : outcomesLabel(answer.outcomes));

/**
 * `rules diff <pack> <dirA> <dirB>`: what changes from the pack in dirA to the pack in dirB —
 * parameter values, rules added, removed and changed, and the test cases whose outcome moves.
 * Exit 1 when a side does not build (its errors are listed; its cases answer PACK_INVALID).
 */
export async function diffCommand(pack: string, dirA: string, dirB: string, options: CommonOptions): Promise<number> {
  const from = buildPack(pack, sideSource(pack, dirA, options));
  const to = buildPack(pack, sideSource(pack, dirB, options));
  const diff = await diffPacks(from, to);
  const errors = {
    from: from.issues.filter((i) => i.severity === 'error'),
    to: to.issues.filter((i) => i.severity === 'error'),
  };
  output(!!options.json, { pack, from: dirA, to: dirB, ...diff, issues: errors }, () => {
    const lines = [`${bold(pack)}: ${dirA} → ${dirB}`];
    for (const [side, issues] of [
      [dirA, errors.from],
      [dirB, errors.to],
    ] as const) {
      if (issues.length) lines.push(`${bad('✗')} ${side} does not validate`, ...issues.map(formatIssue));
    }
    const { added, removed, changed } = diff.rules;
    if (!diff.parameters.length && !added.length && !removed.length && !changed.length && !diff.fixtures.length) {
      lines.push(`${ok('✓')} 没有变化 / no changes`);
    }
    if (diff.parameters.length) {
      lines.push('参数 / parameters');
      for (const p of diff.parameters)
        lines.push(
          `  ${p.change === 'added' ? '+' : p.change === 'removed' ? '-' : '~'} ${p.label} ${dim(p.id)}: ${shown(p.from)} → ${shown(p.to)}`,
        );
    }
    if (added.length || removed.length || changed.length) {
      lines.push('规则 / rules');
      for (const r of added) lines.push(`  + ${r.title} ${dim(`${r.id} · ${r.decision}`)}`);
      for (const r of removed) lines.push(`  - ${r.title} ${dim(`${r.id} · ${r.decision}`)}`);
      for (const r of changed) lines.push(`  ~ ${r.title} ${dim(`${r.id} · ${r.decision}`)}`);
    }
    if (diff.fixtures.length) {
      lines.push('结果变化的测试用例 / cases whose outcome moves');
      for (const f of diff.fixtures)
        lines.push(`  ${f.name} ${dim(f.id)}\n    ${answerText(f.from)} → ${answerText(f.to)}`);
    }
    lines.push(
      dim(`${diff.evaluated} case(s) evaluated on both sides; the others are in decisions that did not change`),
    );
    return lines.join('\n');
  });
  return from.compiled && to.compiled ? 0 : 1;
}
