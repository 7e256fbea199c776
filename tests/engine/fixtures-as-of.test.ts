/**
 * A fixture dated `asOf` runs on the pack the caller says was in force that day (runFixtures'
 * packFor): old cases keep their old answers when a new text raises a threshold.
 */
import { describe, expect, it } from 'vitest';
import {
  EngineError,
  SHIPPED_RULES_DIR,
  buildPack,
  bundleSource,
  readPackFolder,
  readRepository,
  runFixtures,
  type CompiledPack,
  type PackBundle,
} from '../../engine/index.js';

const PACK = 'county-township-cadres';

/** The shipped pack with 「分管领导单独审批的最长天数」 raised to 2 and the 2-day case dated 2026-12-31. */
function packs(): { old: CompiledPack; raised: CompiledPack } {
  const repository = readRepository(SHIPPED_RULES_DIR);
  const bundles = new Map<string, PackBundle>([...repository].map(([id, loaded]) => [id, loaded.bundle]));
  const raised = structuredClone(readPackFolder(`${SHIPPED_RULES_DIR}/${PACK}`, PACK).bundle);
  raised.parameters.parameters!.find((p) => p.id === 'leave.supervisorOnlyMaxDays')!.value = 2;
  const cases = raised.fixtures['fixtures/leave-approval.json'].cases;
  for (const c of cases) if ('facts' in c && c.id === 'leave.ordinary.2d') c.asOf = '2026-12-31';
  const old = buildPack(PACK, bundleSource(bundles), { version: '1' }).compiled!;
  const next = buildPack(PACK, bundleSource(new Map([...bundles, [PACK, raised]])), { version: '2' }).compiled!;
  return { old, raised: next };
}

describe('fixtures dated by asOf', () => {
  const { old, raised } = packs();
  const result = (report: Awaited<ReturnType<typeof runFixtures>>) =>
    report.results.find((r) => r.id === 'leave.ordinary.2d')!;

  it('without packFor (files on disk: one version) the dated case runs on the pack under test and fails', async () => {
    const report = await runFixtures(raised, { decisions: ['leaveApproval'] });
    expect(result(report)).toMatchObject({ asOf: '2026-12-31', passed: false });
    expect(result(report).decidedBy).toBeUndefined();
  });

  it('with packFor the dated case runs on the version in force that day and passes, and says so', async () => {
    const asked: string[] = [];
    const report = await runFixtures(raised, {
      decisions: ['leaveApproval'],
      packFor: async (asOf) => {
        asked.push(asOf);
        return asOf < '2027-01-01' ? old : raised;
      },
    });
    expect(result(report)).toMatchObject({ asOf: '2026-12-31', passed: true, decidedBy: '1' });
    expect(asked).toEqual(['2026-12-31']);
    // the undated 1-day case still runs on the raised pack (where it now passes too: 1 ≤ 2)
    expect(report.results.find((r) => r.id === 'leave.ordinary.1d')).toMatchObject({ passed: true });
    expect(report.results.find((r) => r.id === 'leave.ordinary.1d')!.decidedBy).toBeUndefined();
  });

  it("a day with no version in force becomes the case's error", async () => {
    const report = await runFixtures(raised, {
      decisions: ['leaveApproval'],
      packFor: async (asOf) => {
        throw new EngineError('AS_OF_BEFORE_FIRST_VERSION', `nothing on ${asOf}`, `${asOf} 无生效版本`);
      },
    });
    expect(result(report)).toMatchObject({ passed: false, actual: { error: { code: 'AS_OF_BEFORE_FIRST_VERSION' } } });
  });
});
