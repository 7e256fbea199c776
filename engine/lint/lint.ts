/**
 * Static analysis of a resolved rule pack: overlaps, gaps, dead and shadowed rules, parameter
 * and citation hygiene, and how well fixtures pin the thresholds down. Pure: no files, no
 * network; the CLI and the API call it on what they have loaded.
 */
import type { CompiledPack } from '../compile/compile.js';
import { runFixtures, type FixtureReport } from '../fixtures/run.js';
import type { ResolvedPack } from '../pack/resolved.js';
import { deadRules } from './dead-rules.js';
import type { LintFinding } from './findings.js';
import { untestedBoundaries, unexercisedRules } from './fixture-coverage.js';
import { gaps } from './gaps.js';
import { hygiene } from './hygiene.js';
import { overlaps } from './overlaps.js';
import { modelPack } from './pack-model.js';
import { titleNumbers } from './title-numbers.js';
import { uncoveredAbsence } from './uncovered-absence.js';
import { parameterLookup, renderTitle } from '../explain/title.js';

export type { LintCode, LintFinding } from './findings.js';

export interface LintOptions {
  /**
   * The result of runFixtures on the compiled pack. Without it, "rule no fixture exercises"
   * is not checked (firing depends on hit policies, so it is not guessed statically).
   */
  fixtureReport?: FixtureReport;
}

const SEVERITY_ORDER = { error: 0, warning: 1 } as const;

/** The pack with titles and case names as this version reads them, for the messages. */
function withRenderedTitles(pack: ResolvedPack): ResolvedPack {
  const lookup = parameterLookup(pack.parameters);
  const decisions = new Map(
    [...pack.decisions].map(([id, d]) => [
      id,
      { ...d, rules: d.rules.map((r) => ({ ...r, title: renderTitle(r.title, lookup) })) },
    ]),
  );
  return { ...pack, decisions, fixtures: pack.fixtures.map((f) => ({ ...f, name: renderTitle(f.name, lookup) })) };
}

/** Every finding for a pack, errors first, then in analysis order. */
export function lintPack(raw: ResolvedPack, options: LintOptions = {}): LintFinding[] {
  const resolved = withRenderedTitles(raw);
  const models = modelPack(resolved);
  const findings = [
    ...deadRules(models, resolved),
    ...overlaps(models),
    ...gaps(models),
    ...hygiene(resolved),
    ...titleNumbers(raw),
    ...uncoveredAbsence(resolved),
    ...(options.fixtureReport ? unexercisedRules(resolved, options.fixtureReport) : []),
    ...untestedBoundaries(resolved, new Map(models.map((m) => [m.id, m.space]))),
  ];
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] || a.i - b.i)
    .map(({ f }) => f);
}

/** Lint a compiled pack, running its fixtures first for the "rule no fixture exercises" check. */
export async function lintCompiledPack(compiled: CompiledPack): Promise<LintFinding[]> {
  return lintPack(compiled.resolved, { fixtureReport: await runFixtures(compiled) });
}
