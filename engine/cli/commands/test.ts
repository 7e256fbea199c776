import { SingleBar, Presets } from 'cli-progress';
import { buildPack, renderOutcome, runFixtures, type CaseResult, type FixtureReport } from '../../index.js';
import { bad, bold, dim, formatIssue, ok, output } from '../format.js';
import { selectPacks, type CommonOptions } from '../packs.js';

function formatFailure(result: CaseResult): string {
  const lines = [`  ${bad('✗')} ${result.name} ${dim(`(${result.id}, ${result.origin.pack}/${result.origin.file})`)}`];
  if (result.actual.error) {
    lines.push(`      ${bad('error')} ${result.actual.error.code}: ${result.actual.error.message}`);
    if (result.expected.error) lines.push(`      expected error ${result.expected.error}`);
  }
  if (result.expected.error && !result.actual.error)
    lines.push(`      expected error ${result.expected.error}, got outcomes`);
  for (const o of result.missing) lines.push(`      ${bad('- expected')} ${renderOutcome(o)}`);
  for (const o of result.unexpected) lines.push(`      ${bad('+ actual  ')} ${renderOutcome(o)}`);
  if (result.expected.rules)
    lines.push(
      `      expected rules ${result.expected.rules.join(', ')}; fired ${(result.actual.rules ?? []).join(', ')}`,
    );
  for (const line of result.explanation?.lines ?? []) lines.push(`      ${dim(line)}`);
  if (result.explanation && result.explanation.lines.length === 0)
    lines.push(`      ${dim(result.explanation.summary)}`);
  return lines.join('\n');
}

/** `rules test [pack…]`: run every fixture; ends with `N passed, M failed`; exit 1 on any failure. */
export async function testCommand(names: string[], options: CommonOptions & { verbose?: boolean }): Promise<number> {
  const { source, ids } = selectPacks(names, options);
  const reports: (FixtureReport | { pack: string; invalid: true; issues: unknown[] })[] = [];
  const human: string[] = [];
  let passed = 0;
  let failed = 0;
  const showProgress = !options.json && process.stderr.isTTY;
  for (const id of ids) {
    const built = buildPack(id, source);
    if (!built.compiled) {
      failed += 1;
      reports.push({ pack: id, invalid: true, issues: built.issues });
      human.push(`${bad('✗')} ${bold(id)} does not validate\n${built.issues.map(formatIssue).join('\n')}`);
      continue;
    }
    const bar = showProgress
      ? new SingleBar({ format: `  ${id} [{bar}] {value}/{total}`, clearOnComplete: true }, Presets.shades_classic)
      : undefined;
    bar?.start(built.compiled.resolved.fixtures.length, 0);
    const report = await runFixtures(built.compiled, { onProgress: (done) => bar?.update(done) });
    bar?.stop();
    reports.push(report);
    passed += report.passed;
    failed += report.failed;
    const mark = report.failed ? bad('✗') : ok('✓');
    human.push(`${mark} ${bold(id)} ${report.passed} passed, ${report.failed} failed`);
    for (const result of report.results) {
      if (!result.passed) human.push(formatFailure(result));
      else if (options.verbose) human.push(`  ${ok('✓')} ${result.name} ${dim(result.id)}`);
    }
  }
  output(!!options.json, { reports, passed, failed }, () => human.join('\n'));
  // the summary line CI and people look for, also after JSON output (on stderr then)
  (options.json ? process.stderr : process.stdout).write(`${passed} passed, ${failed} failed\n`);
  return failed ? 1 : 0;
}
