import { hasErrors, type Issue } from '../issues.js';
import { checkResolvedPack } from './check.js';
import { resolveChain, resolvePack, type PackSource } from './resolve.js';

const LOCK_CODES = new Set(['LOCKED_PARAMETER', 'PARAMETER_OUT_OF_BOUNDS', 'LOCKED_RULE']);

export interface AffectedPack {
  pack: string;
  /** the lock violations this pack's overrides now cause */
  issues: Issue[];
}

/**
 * The packs that extend `baseId` (directly or further down the chain) and break one of its
 * locks when resolved against `source` — e.g. after a base tightens a bound, the township
 * overrides that now fall outside it. The base's publish reply and lint list these.
 */
export function packsBrokenByBase(baseId: string, source: PackSource, candidates: Iterable<string>): AffectedPack[] {
  const affected: AffectedPack[] = [];
  for (const id of candidates) {
    if (id === baseId) continue;
    const { chain } = resolveChain(id, source);
    if (!chain.includes(baseId)) continue;
    const { pack, issues } = resolvePack(id, source);
    const all = pack && !hasErrors(issues) ? [...issues, ...checkResolvedPack(pack)] : issues;
    const locks = all.filter((issue) => LOCK_CODES.has(issue.code));
    if (locks.length) affected.push({ pack: id, issues: locks });
  }
  return affected;
}
