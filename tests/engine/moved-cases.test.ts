/** Cases a parameter change moved are told apart from cases failing for other reasons. */
import { describe, expect, it } from 'vitest';
import {
  buildPack,
  casesMovedByParameters,
  folderSource,
  runFixtures,
  type PackBundle,
  type PackSource,
} from '../../engine/index.js';

const PACK = 'county-township-cadres';
const source = folderSource();
const inForce = buildPack(PACK, source).compiled!;

function draftOf(edit: (bundle: PackBundle) => void) {
  const bundle = structuredClone(source.get(PACK)!);
  edit(bundle);
  const draftSource: PackSource = { get: (id) => (id === PACK ? bundle : source.get(id)) };
  return buildPack(PACK, draftSource).compiled!;
}

const setParameter = (bundle: PackBundle, id: string, value: number) => {
  bundle.parameters.parameters!.find((p) => p.id === id)!.value = value;
};

describe('casesMovedByParameters', () => {
  it('lists the cases 1 → 2 days moves, with old and new outcomes, and nothing else', async () => {
    const draft = draftOf((b) => setParameter(b, 'leave.supervisorOnlyMaxDays', 2));
    const report = await runFixtures(draft);
    expect(report.failed).toBe(4);
    const { parameters, moved, otherFailures } = await casesMovedByParameters(inForce, draft, report.results);
    expect(parameters.map((p) => [p.id, p.from, p.to])).toEqual([['leave.supervisorOnlyMaxDays', 1, 2]]);
    expect(moved.map((c) => c.id).sort()).toEqual(
      ['leave.cap.4d', 'leave.cap.sick', 'leave.ordinary.1-5d', 'leave.ordinary.2d'].sort(),
    );
    expect(otherFailures).toEqual([]);
    const twoDays = moved.find((c) => c.id === 'leave.ordinary.2d')!;
    expect(twoDays.before.map((o) => o.type)).toContain('approval');
    expect(twoDays.before.filter((o) => o.type === 'approval').length).toBeGreaterThan(
      twoDays.after.filter((o) => o.type === 'approval').length,
    );
    expect(twoDays.parameters).toEqual(['leave.supervisorOnlyMaxDays']);
  });

  it('a case saved back with its facts in another key order is still moved by the parameter', async () => {
    const draft = draftOf((b) => {
      setParameter(b, 'leave.supervisorOnlyMaxDays', 2);
      const c = Object.values(b.fixtures)
        .flatMap((f) => f.cases)
        .find((x) => x.id === 'leave.ordinary.2d')! as { facts: Record<string, unknown> };
      c.facts = Object.fromEntries(Object.entries(c.facts).reverse());
    });
    const report = await runFixtures(draft);
    const { moved, otherFailures } = await casesMovedByParameters(inForce, draft, report.results);
    expect(moved.map((c) => c.id)).toContain('leave.ordinary.2d');
    expect(otherFailures).toEqual([]);
  });

  it('keeps a case whose expectation was edited in the draft among the other failures', async () => {
    const draft = draftOf((b) => {
      setParameter(b, 'leave.supervisorOnlyMaxDays', 2);
      const file = Object.values(b.fixtures).find((f) => f.cases.some((c) => c.id === 'leave.ordinary.5d'))!;
      const c = file.cases.find((x) => x.id === 'leave.ordinary.5d')! as { expect: { outcomes?: unknown[] } };
      c.expect = { outcomes: [] };
    });
    const report = await runFixtures(draft);
    const { moved, otherFailures } = await casesMovedByParameters(inForce, draft, report.results);
    expect(otherFailures.map((r) => r.id)).toEqual(['leave.ordinary.5d']);
    expect(moved).toHaveLength(4);
  });

  it('does not credit the parameters with what a rule edit did', async () => {
    const draft = draftOf((b) => {
      setParameter(b, 'leave.supervisorOnlyMaxDays', 2);
      // the rule for up to 5 days loses its second step: the parameter alone does not explain the new answers
      const rule = Object.values(b.rules)
        .flatMap((f) => f.rules)
        .find((r) => r.id === 'leave.ordinary.upToFiveDays')! as { outcomes: unknown[] };
      rule.outcomes = rule.outcomes.slice(0, 1);
    });
    const report = await runFixtures(draft);
    const { moved, otherFailures } = await casesMovedByParameters(inForce, draft, report.results);
    expect(otherFailures.length).toBeGreaterThan(0);
    expect(moved.length + otherFailures.length).toBe(report.failed);
    // a 3-day leave goes through the edited rule: not the parameters' doing
    const threeDays = report.results.find(
      (r) => !r.passed && (r.actual.rules ?? []).includes('leave.ordinary.upToFiveDays'),
    )!;
    expect(otherFailures.map((r) => r.id)).toContain(threeDays.id);
    expect(moved.map((c) => c.id)).not.toContain(threeDays.id);
  });

  it('finds nothing moved when no parameter changed', async () => {
    const report = await runFixtures(inForce);
    const { parameters, moved } = await casesMovedByParameters(inForce, inForce, report.results);
    expect(parameters).toEqual([]);
    expect(moved).toEqual([]);
  });
});
