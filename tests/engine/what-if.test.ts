/** What-if: re-run logged decisions under another version and group what changes. */
import { describe, expect, it } from 'vitest';
import { buildPack, evaluate, folderSource, whatIf, type LoggedDecision, type PackSource } from '../../engine/index.js';

const source = folderSource();
const current = buildPack('county-township-cadres', source).compiled!;

function draftWith(parameter: string, value: number) {
  const bundle = structuredClone(source.get('county-township-cadres')!);
  bundle.parameters.parameters!.find((p) => p.id === parameter)!.value = value;
  const draftSource: PackSource = { get: (id) => (id === 'county-township-cadres' ? bundle : source.get(id)) };
  return buildPack('county-township-cadres', draftSource).compiled!;
}

async function logOf(days: number[]): Promise<LoggedDecision[]> {
  const rows: LoggedDecision[] = [];
  for (const [i, d] of days.entries()) {
    const facts = { applicantRole: 'ordinary', leaveType: 'sick', days: d };
    // stored and read back as JSON, as the decision log does
    rows.push(
      JSON.parse(
        JSON.stringify({
          id: i,
          decision: 'leaveApproval',
          facts,
          outcomes: (await evaluate(current, 'leaveApproval', facts)).outcomes,
        }),
      ),
    );
  }
  return rows;
}

describe('whatIf', () => {
  it('finds exactly the decisions a threshold change moves, grouped old → new', async () => {
    const logged = await logOf([0.5, 1, 1.5, 2, 3, 3.5, 4, 6, 31]);
    const summary = await whatIf(draftWith('leave.supervisorOnlyMaxDays', 3), logged, { before: current });
    expect(summary.total).toBe(9);
    expect(summary.changed).toBe(3); // 1.5, 2 and 3 days now need only the supervisor; 3.5 and 4 do not move
    expect(summary.cases.map((c) => c.facts.days)).toEqual([1.5, 2, 3]);
    expect(summary.transitions).toEqual([
      { from: '分管领导+党委书记或镇长；1 日内销假', to: '分管领导；1 日内销假', count: 3 },
    ]);
    expect(summary.cases[0].before.explanation!.lines[0]).toContain('请假天数 1.5 天 > 1 天');
    expect(summary.cases[0].after.explanation!.lines[0]).toContain('请假天数 1.5 天 ≤ 3 天');
  });

  it('reports nothing when the other version decides the same', async () => {
    const logged = await logOf([0.5, 1, 2, 5, 6, 30]);
    const summary = await whatIf(current, logged);
    expect(summary).toMatchObject({ total: 6, changed: 0, transitions: [], cases: [] });
  });

  it('is not fooled by a different key order in the logged JSON', async () => {
    const [row] = await logOf([2]);
    row.outcomes = row.outcomes.map((o) => Object.fromEntries(Object.entries(o).reverse()) as any);
    expect((await whatIf(current, [row])).changed).toBe(0);
  });

  it('keeps at most maxCases changed cases but counts them all, and reports progress', async () => {
    const logged = await logOf(Array.from({ length: 50 }, () => 2));
    const progress: number[] = [];
    const summary = await whatIf(draftWith('leave.supervisorOnlyMaxDays', 3), logged, {
      maxCases: 5,
      onProgress: (done) => progress.push(done),
    });
    expect(summary.changed).toBe(50);
    expect(summary.cases).toHaveLength(5);
    expect(progress.at(-1)).toBe(50);
  });
});
