/** What-if over a log that repeats itself: each distinct fact set is evaluated once per run. */
import { describe, expect, it } from 'vitest';
import {
  buildPack,
  evaluate,
  folderSource,
  whatIf,
  type LoggedDecision,
  type PackSource,
  type WhatIfMemo,
} from '../../engine/index.js';

const source = folderSource();
const current = buildPack('county-township-cadres', source).compiled!;
const bundle = structuredClone(source.get('county-township-cadres')!);
bundle.parameters.parameters!.find((p) => p.id === 'leave.supervisorOnlyMaxDays')!.value = 3;
const draft = buildPack('county-township-cadres', {
  get: (id) => (id === 'county-township-cadres' ? bundle : source.get(id)),
} as PackSource).compiled!;

/** `count` rows cycling through `days`; reading an entry's facts is counted (that is what evaluating needs). */
async function repeatingLog(days: number[], count: number, keyed: boolean) {
  const reads = { n: 0 };
  const outcomes = new Map<number, LoggedDecision['outcomes']>();
  for (const d of days)
    outcomes.set(
      d,
      JSON.parse(
        JSON.stringify(
          (await evaluate(current, 'leaveApproval', { applicantRole: 'ordinary', leaveType: 'sick', days: d }))
            .outcomes,
        ),
      ),
    );
  const rows: LoggedDecision[] = Array.from({ length: count }, (_, i) => {
    const d = days[i % days.length];
    const facts = { applicantRole: 'ordinary', leaveType: 'sick', days: d };
    return {
      id: i,
      decision: 'leaveApproval',
      outcomes: outcomes.get(d)!,
      ...(keyed ? { factsKey: `days=${d}` } : {}),
      get facts() {
        reads.n++;
        return facts;
      },
    };
  });
  return { rows, reads };
}

describe('whatIf with a memo', () => {
  it('evaluates each distinct fact set once across pages, with the same summary as evaluating every row', async () => {
    const days = [1, 1.5, 2, 3, 4, 6];
    const keyed = await repeatingLog(days, 3000, true);
    const memo: WhatIfMemo = new Map();
    const first = await whatIf(draft, keyed.rows.slice(0, 1500), { memo, maxCases: 0 });
    const second = await whatIf(draft, keyed.rows.slice(1500), { memo, maxCases: 0 });
    expect(keyed.reads.n).toBe(days.length);

    const plain = await repeatingLog(days, 3000, false);
    const all = await whatIf(draft, plain.rows, { maxCases: 0 });
    expect(plain.reads.n).toBe(3000);
    expect(first.changed + second.changed).toBe(all.changed);
    expect(all.changed).toBe(1500); // 1.5, 2 and 3 days move
    const merged = new Map<string, number>();
    for (const t of [...first.transitions, ...second.transitions])
      merged.set(`${t.from}→${t.to}`, (merged.get(`${t.from}→${t.to}`) ?? 0) + t.count);
    expect(Object.fromEntries(merged)).toEqual(
      Object.fromEntries(all.transitions.map((t) => [`${t.from}→${t.to}`, t.count])),
    );
  });

  it('still lists the first changed rows as cases, with their facts and both explanations', async () => {
    const { rows } = await repeatingLog([1, 2], 10, true);
    const summary = await whatIf(draft, rows, { memo: new Map(), maxCases: 3, before: current });
    expect(summary.cases.map((c) => c.id)).toEqual([1, 3, 5]);
    expect(summary.cases[0].facts).toEqual({ applicantRole: 'ordinary', leaveType: 'sick', days: 2 });
    expect(summary.cases[0].before.explanation).toBeTruthy();
    expect(summary.cases[0].after.explanation).toBeTruthy();
  });
});
