/**
 * Every fixture of every shipped pack is a test: a tester's case in rules/<pack>/fixtures/
 * fails here (and in CI) exactly when it fails in `npx rules test`.
 */
import { describe, expect, it } from 'vitest';
import { buildPack, folderSource, renderOutcome, runCase } from '../../engine/index.js';

const source = folderSource();

describe.each(source.ids)('pack %s', (packId) => {
  const built = buildPack(packId, source);

  it('validates without errors', () => {
    expect(built.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  const cases = built.resolved?.fixtures ?? [];
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, fixture) => {
    const result = await runCase(built.compiled!, fixture);
    const diff = {
      missing: result.missing.map((o) => renderOutcome(o)),
      unexpected: result.unexpected.map((o) => renderOutcome(o)),
      error: result.actual.error?.code,
    };
    expect(diff).toEqual({ missing: [], unexpected: [], error: fixture.expect.error });
    expect(result.passed).toBe(true);
  });
});
