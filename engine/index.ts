/**
 * The rules engine: a pure library. Load a pack and its base chain, check it, compile it once,
 * evaluate facts with an explanation, run fixtures and measure coverage. No HTTP, no database:
 * the CLI, the API and the admin UI are thin faces over these functions.
 */
import { compilePack, type CompiledPack } from './compile/compile.js';
import { PackInvalidError } from './errors.js';
import { hasErrors, type Issue } from './issues.js';
import type { PackBundle } from './model.js';
import { checkResolvedPack } from './pack/check.js';
import { readRepository } from './pack/load.js';
import { resolvePack, type PackSource } from './pack/resolve.js';
import type { ResolvedPack } from './pack/resolved.js';
import { projectPath } from './project-folder.js';

export * from './model.js';
export * from './issues.js';
export * from './errors.js';
export type { PackSource } from './pack/resolve.js';
export { resolvePack, resolveChain, validateBundleFiles, checkParameterLock } from './pack/resolve.js';
export type * from './pack/resolved.js';
export { checkResolvedPack, parameterValueProblem } from './pack/check.js';
export { readPackFolder, readRepository, listPackFolders } from './pack/load.js';
export { compilePack } from './compile/compile.js';
export type { CompiledPack, CompiledDecision, CompiledRule } from './compile/compile.js';
export { evaluate, evaluationFields, outcomeKey, FiredRule } from './evaluate/evaluate.js';
export { evaluateSync, evaluateMany } from './evaluate/evaluate-fast.js';
export type { Evaluation } from './evaluate/evaluate.js';
export { explain, renderOutcome, renderTrace } from './explain/render.js';
export type { Explanation } from './explain/render.js';
export { nearby, type NearbyChange } from './nearby/nearby.js';
export { renderTitle, titlePlaceholders, formatParameterValue, parameterLookup } from './explain/title.js';
export { caseName } from './explain/case-name.js';
export { formatDuration, durationUnit } from './explain/duration.js';
export { toSharedOutcome, toAuthoredOutcome, wordLookup, labelWithWords, WORD_FIELDS } from './pack/words.js';
export * from './effective/dates.js';
export { versionSourceText, type VersionSource } from './effective/version-source.js';
export type { TraceNode } from './explain/trace.js';
export { runFixtures, runCase } from './fixtures/run.js';
export type { CaseResult, FixtureReport } from './fixtures/run.js';
export { casesMovedByParameters, changedParameters } from './fixtures/moved.js';
export type { MovedCase, ChangedParameter } from './fixtures/moved.js';
export { coverageOf } from './fixtures/coverage.js';
export type { CoverageReport } from './fixtures/coverage.js';
export {
  decisions,
  factsOf,
  factSchema,
  dereferencedFactSchema,
  validateFacts,
  validateFile,
  validateBundleShape,
  validateOutcome,
  vocabularyLabel,
  vocabularyCodes,
  schemaDocument,
  SCHEMAS_DIR,
  validateProposals,
} from './schema/registry.js';
export { MAX_CONDITION_DEPTH, MAX_JSON_DEPTH, tooDeepAt } from './schema/depth.js';

/** The packs shipped with the platform. */
export const SHIPPED_RULES_DIR = projectPath('rules') + '/';

/** A pack source over folders on disk; file-level read errors are kept per pack. */
export function folderSource(rulesDir: string = SHIPPED_RULES_DIR): PackSource & { ids: string[] } {
  const loaded = readRepository(rulesDir);
  return {
    ids: [...loaded.keys()],
    get: (id) => loaded.get(id)?.bundle,
    readIssues: (id) => loaded.get(id)?.issues ?? [],
  };
}

/** A pack source over bundles in memory (the API's drafts and versions, tests). */
export function bundleSource(bundles: Record<string, PackBundle> | Map<string, PackBundle>): PackSource {
  const map = bundles instanceof Map ? bundles : new Map(Object.entries(bundles));
  return { get: (id) => map.get(id) };
}

export interface BuiltPack {
  resolved?: ResolvedPack;
  compiled?: CompiledPack;
  /** every error and warning found; `compiled` is set only when there are no errors */
  issues: Issue[];
}

/** Resolve, check and compile a pack: the one call the CLI and the API make. */
export function buildPack(packId: string, source: PackSource, options: { version?: string } = {}): BuiltPack {
  const { pack: resolved, issues } = resolvePack(packId, source);
  if (!resolved || hasErrors(issues)) return { resolved, issues };
  issues.push(...checkResolvedPack(resolved));
  if (hasErrors(issues)) return { resolved, issues };
  return { resolved, compiled: compilePack(resolved, options), issues };
}

/** Like buildPack, but throws PackInvalidError when the pack has errors. */
export function loadPack(packId: string, source: PackSource, options: { version?: string } = {}): CompiledPack {
  const built = buildPack(packId, source, options);
  if (!built.compiled) throw new PackInvalidError(packId, built.issues);
  return built.compiled;
}

export { lintPack, lintCompiledPack } from './lint/lint.js';
export type { LintCode, LintFinding, LintOptions } from './lint/lint.js';
export { whatIf, outcomesLabel } from './whatif/what-if.js';
export type { LoggedDecision, WhatIfSummary, WhatIfChange, WhatIfOptions, WhatIfMemo } from './whatif/what-if.js';
export * from './sheets/index.js';
export { packsBrokenByBase, type AffectedPack } from './pack/downstream.js';
export {
  draftFromDocument,
  draftFromText,
  readDocument,
  DocumentUnreadableError,
  DocumentTooLargeError,
  DOCUMENT_LIMITS,
  splitClauses,
  extractQuantities,
  findLadders,
  parseNumeral,
} from './drafting/index.js';
export type {
  DraftResult,
  DraftOptions,
  Review,
  ReviewItem,
  Quantity,
  Ladder,
  LadderFinding,
  DocumentInput,
  DocumentClause,
} from './drafting/index.js';
export { CLOCK_UNIT, formatClock } from './explain/clock.js';
export * from './diff/index.js';
export * from './timeline/index.js';
export * from './drafts/index.js';
