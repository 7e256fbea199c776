import { existsSync, readFileSync } from 'node:fs';
import { buildPack, coverageOf, runFixtures, type CoverageReport } from '../../index.js';
import { catalogueIds } from '../../fixtures/catalogue.js';
import { projectPath } from '../../project-folder.js';
import { bad, bold, dim, ok, output } from '../format.js';
import { selectPacks, type CommonOptions } from '../packs.js';

export const DEFAULT_CATALOGUE = projectPath('docs', 'regulations.md');

/**
 * `rules coverage [pack…]`: rules no fixture exercises and clauses no rule cites, per pack;
 * with `--catalogue`, also catalogue clause ids that no selected pack cites or exercises.
 * Exit 1 when anything is uncovered and `--fail-on-gaps` is set.
 */
export async function coverageCommand(
  names: string[],
  options: CommonOptions & { catalogue?: string | boolean; failOnGaps?: boolean },
): Promise<number> {
  const { source, ids } = selectPacks(names, options);
  const reports: CoverageReport[] = [];
  const cited = new Set<string>();
  const exercised = new Set<string>();
  for (const id of ids) {
    const built = buildPack(id, source);
    if (!built.compiled) throw new Error(`pack ${id} does not validate; run \`rules validate ${id}\``);
    const report = coverageOf(built.resolved!, await runFixtures(built.compiled));
    reports.push(report);
    for (const decision of built.resolved!.decisions.values()) {
      for (const rule of decision.rules) rule.citations.forEach((c) => cited.add(c));
    }
    const unexercised = new Set([...report.clauses.unexercised, ...report.clauses.uncited]);
    for (const clause of built.resolved!.sources.keys()) if (!unexercised.has(clause)) exercised.add(clause);
  }
  let catalogue: { total: number; uncited: string[]; unexercised: string[] } | undefined;
  if (options.catalogue) {
    const path = typeof options.catalogue === 'string' ? options.catalogue : DEFAULT_CATALOGUE;
    if (!existsSync(path)) throw new Error(`catalogue ${path} not found`);
    const all = catalogueIds(readFileSync(path, 'utf8'));
    catalogue = {
      total: all.length,
      uncited: all.filter((id) => !cited.has(id)),
      unexercised: all.filter((id) => cited.has(id) && !exercised.has(id)),
    };
  }
  const gaps =
    reports.some((r) => r.rules.unexercised.length || r.clauses.uncited.length || r.clauses.unexercised.length) ||
    !!(catalogue && (catalogue.uncited.length || catalogue.unexercised.length));
  output(!!options.json, { packs: reports, catalogue }, () => {
    const lines: string[] = [];
    for (const r of reports) {
      const full = !r.rules.unexercised.length && !r.clauses.uncited.length && !r.clauses.unexercised.length;
      lines.push(
        `${full ? ok('✓') : bad('✗')} ${bold(r.pack)} rules exercised ${r.rules.exercised}/${r.rules.total}, clauses ${r.clauses.total - r.clauses.uncited.length - r.clauses.unexercised.length}/${r.clauses.total}`,
      );
      if (r.rules.unexercised.length) lines.push(`    rules no fixture exercises: ${r.rules.unexercised.join(', ')}`);
      if (r.clauses.uncited.length) lines.push(`    clauses no rule cites: ${r.clauses.uncited.join(', ')}`);
      if (r.clauses.unexercised.length)
        lines.push(`    clauses cited but never exercised: ${r.clauses.unexercised.join(', ')}`);
    }
    if (catalogue) {
      const covered = catalogue.total - catalogue.uncited.length - catalogue.unexercised.length;
      lines.push(
        `${covered === catalogue.total ? ok('✓') : bad('✗')} ${bold('catalogue')} ${covered}/${catalogue.total} clause ids cited and exercised`,
      );
      if (catalogue.uncited.length) lines.push(`    not cited by any rule: ${catalogue.uncited.join(', ')}`);
      if (catalogue.unexercised.length)
        lines.push(`    cited but no fixture exercises: ${catalogue.unexercised.join(', ')}`);
    }
    if (!gaps) lines.push(dim('no gaps'));
    return lines.join('\n');
  });
  return gaps && options.failOnGaps ? 1 : 0;
}
