/**
 * THE call site of the engine's linter (`lintPack`, written concurrently in engine/lint). It is
 * looked up on the engine's public index at run time: when engine/index.ts exports `lintPack`,
 * publish and POST /api/packs/:id/lint use it with no change here; until then the lint check
 * reports `available: false` and blocks nothing.
 */
import * as engine from '../../../engine/index.js';
import type { BuiltPack, Issue } from '../../../engine/index.js';

export interface LintResult {
  available: boolean;
  issues: Issue[];
}

type LintFn = (pack: unknown, options?: unknown) => Issue[] | { issues: Issue[] } | Promise<Issue[] | { issues: Issue[] }>;

export async function lintBuiltPack(built: BuiltPack): Promise<LintResult> {
  const lintPack = (engine as unknown as { lintPack?: LintFn }).lintPack;
  if (typeof lintPack !== 'function' || !built.resolved) return { available: false, issues: [] };
  // LINT CALL SITE: the linter takes the resolved pack (whole chain merged)
  const result = await lintPack(built.resolved, { compiled: built.compiled });
  const issues = Array.isArray(result) ? result : result?.issues ?? [];
  return { available: true, issues };
}
