import { buildPack, hasErrors } from '../../index.js';
import { bad, bold, formatIssue, ok, output } from '../format.js';
import { selectPacks, type CommonOptions } from '../packs.js';

/** `rules validate [pack…]`: schema and reference checks; exit 1 on any error. */
export function validateCommand(names: string[], options: CommonOptions): number {
  const { source, ids } = selectPacks(names, options);
  const results = ids.map((id) => ({ pack: id, issues: buildPack(id, source).issues }));
  output(!!options.json, results, () =>
    results
      .map(({ pack, issues }) =>
        hasErrors(issues)
          ? `${bad('✗')} ${bold(pack)}\n${issues.map(formatIssue).join('\n')}`
          : `${ok('✓')} ${bold(pack)}${issues.length ? '\n' + issues.map(formatIssue).join('\n') : ''}`,
      )
      .join('\n'),
  );
  return results.some((r) => hasErrors(r.issues)) ? 1 : 0;
}
