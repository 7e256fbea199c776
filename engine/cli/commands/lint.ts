import pc from 'picocolors';
import {
  buildPack,
  hasErrors,
  lintCompiledPack,
  lintPack,
  packsBrokenByBase,
  type AffectedPack,
  type Issue,
  type LintFinding,
} from '../../index.js';
import { bad, bold, dim, formatIssue, ok, output } from '../format.js';
import { selectPacks, type CommonOptions } from '../packs.js';

interface PackLint {
  pack: string;
  /** false when the pack does not validate: only the static analyses ran */
  valid: boolean;
  /** validation errors that keep the pack from compiling */
  issues: Issue[];
  findings: LintFinding[];
  /** packs extending this one whose overrides break its locks (a base that tightened a bound) */
  brokenDownstream: AffectedPack[];
}

function summary(result: PackLint): string {
  const errors = result.findings.filter((f) => f.severity === 'error').length + result.issues.length;
  const warnings = result.findings.length - result.findings.filter((f) => f.severity === 'error').length;
  const mark = errors ? bad('✗') : warnings ? pc.yellow('!') : ok('✓');
  const counts = `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
  return `${mark} ${bold(result.pack)} ${errors ? bad(counts) : dim(counts)}${result.valid ? '' : bad(' (does not validate; run `rules validate`)')}`;
}

/**
 * `rules lint [pack…]`: overlaps, gaps, dead rules, hygiene and threshold fixtures per pack.
 * Exit 1 when any finding is an error (or a pack does not validate).
 */
export async function lintCommand(names: string[], options: CommonOptions): Promise<number> {
  const { source, ids } = selectPacks(names, options);
  const results: PackLint[] = [];
  for (const id of ids) {
    const built = buildPack(id, source);
    const issues = built.issues.filter((i) => i.severity === 'error');
    let findings: LintFinding[] = [];
    if (built.compiled) findings = await lintCompiledPack(built.compiled);
    else if (built.resolved) findings = lintPack(built.resolved);
    // a value out of range is also a validation error: say it once
    const reported = new Set(issues.map((i) => `${i.pack}/${i.file}#${i.pointer}`));
    findings = findings.filter(
      (f) => f.code !== 'PARAMETER_OUT_OF_RANGE' || !reported.has(`${f.pack}/${f.file}#${f.pointer}`),
    );
    const brokenDownstream = packsBrokenByBase(id, source, source.ids);
    results.push({ pack: id, valid: !!built.compiled, issues, findings, brokenDownstream });
  }
  const downstream = (r: PackLint) =>
    r.brokenDownstream.map(
      (a) =>
        `  ${bad('error')} ${dim('LOCK_BROKEN_DOWNSTREAM')} ${a.pack} 的覆盖值违反 ${r.pack} 的锁定规定 / overrides in ${a.pack} break ${r.pack}'s locks\n${a.issues.map(formatIssue).join('\n')}`,
    );
  output(!!options.json, results, () =>
    results
      .map((r) =>
        [summary(r), ...r.issues.map(formatIssue), ...r.findings.map(formatIssue), ...downstream(r)].join('\n'),
      )
      .join('\n'),
  );
  return results.some((r) => r.issues.length || hasErrors(r.findings) || r.brokenDownstream.length) ? 1 : 0;
}
