/**
 * THE call site of the engine's linter (engine/lint, `lintPack`). Publish and
 * POST /api/packs/:id/lint both come through here; lint errors block publishing.
 */
import { lintPack, type BuiltPack, type FixtureReport, type Issue } from '../../../engine/index.js';

export interface LintResult {
  available: boolean;
  issues: Issue[];
}

export function lintBuiltPack(built: BuiltPack, fixtureReport?: FixtureReport): LintResult {
  if (!built.resolved) return { available: true, issues: [] };
  return { available: true, issues: lintPack(built.resolved, { fixtureReport }) };
}
