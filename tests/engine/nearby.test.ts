/**
 * 怎样会不同: the nearest one-fact changes that change an answer. The property part runs over
 * every fixture of every shipped pack: each suggested change, applied, gives exactly the stated
 * outcomes; the value just short of the boundary still gives the original answer.
 */
import { describe, expect, it } from 'vitest';
import {
  buildPack,
  dereferencedFactSchema,
  evaluateSync,
  folderSource,
  loadPack,
  outcomeKey,
  type CompiledPack,
  type Outcome,
} from '../../engine/index.js';
import { nearby, type NearbyChange } from '../../engine/nearby/nearby.js';

const source = folderSource();
const keys = (outcomes: Outcome[]) => outcomes.map(outcomeKey).sort();

function answer(pack: CompiledPack, decision: string, facts: Record<string, unknown>) {
  return keys(evaluateSync(pack, decision, facts)!.outcomes);
}

/** The allowed value next to the boundary on the side the change comes from. */
function justShort(change: NearbyChange, decision: string): number {
  const t = change.threshold!;
  if (!t.inclusive) return t.value;
  const prop = dereferencedFactSchema(decision).properties[change.fact];
  const unit = prop.multipleOf ?? (prop.type === 'integer' ? 1 : 1e-6);
  return t.direction === 'up' ? (change.to as number) - unit : (change.to as number) + unit;
}

describe('nearby over every shipped fixture', () => {
  for (const packId of source.ids) {
    const built = buildPack(packId, source);
    const cases = (built.resolved?.fixtures ?? []).filter((c) => !c.expect.error);
    it(`${packId}: each change gives its outcomes, and just short of the boundary does not`, () => {
      const pack = built.compiled!;
      let checked = 0;
      for (const fixture of cases) {
        const evaluation = evaluateSync(pack, fixture.decision, fixture.facts)!;
        const before = keys(evaluation.outcomes);
        for (const change of nearby(pack, evaluation)) {
          const label = `${fixture.id}: ${change.text.zh}`;
          const after = answer(pack, fixture.decision, { ...fixture.facts, [change.fact]: change.to });
          expect(after, label).toEqual(keys(change.outcomes));
          expect(after, label).not.toEqual(before);
          if (change.threshold) {
            const short = answer(pack, fixture.decision, {
              ...fixture.facts,
              [change.fact]: justShort(change, fixture.decision),
            });
            expect(short, `${label} (just short)`).toEqual(before);
          }
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(0);
    });
  }
});

describe('nearby in words', () => {
  const county = loadPack('county-township-cadres', source);
  const run = (pack: CompiledPack, decision: string, facts: Record<string, unknown>) =>
    nearby(pack, evaluateSync(pack, decision, facts)!);

  it('a ladder of days: the threshold below, its parameter and clause', () => {
    const changes = run(county, 'leaveApproval', { applicantRole: 'ordinary', leaveType: 'personal', days: 3 });
    const down = changes.find((c) => c.fact === 'days' && c.threshold?.direction === 'down')!;
    expect(down).toMatchObject({
      from: 3,
      to: 1,
      threshold: { value: 1, inclusive: true },
      label: '请假天数',
      parameter: { id: 'leave.supervisorOnlyMaxDays', label: '分管领导单独审批的最长天数' },
      rule: { id: 'leave.ordinary.upToOneDay' },
    });
    expect(down.citations.length).toBeGreaterThan(0);
    expect(down.text.zh).toBe('若请假天数不超过 1 天（参数「分管领导单独审批的最长天数」），只需分管领导审批');
    expect(down.text.en).toBe(
      'If days were at most 1 (parameter leave.supervisorOnlyMaxDays), only supervising leader approves',
    );
    const up = changes.find((c) => c.fact === 'days' && c.threshold?.direction === 'up')!;
    expect(up).toMatchObject({
      to: 6,
      threshold: { value: 5, inclusive: false },
      parameter: { id: 'leave.secretaryMaxDays' },
    });
    expect(up.text.zh).toContain('若请假天数超过 5 天（参数「党委书记或镇长审批的最长天数」；如 6 天）');
  });

  it('a count reaches the next step of the ladder through the derived count', () => {
    const changes = run(county, 'attendance', { event: 'lateArrival', minutes: 10, priorCount: 1 });
    const more = changes.find((c) => c.fact === 'priorCount')!;
    expect(more).toMatchObject({ from: 1, to: 2, threshold: { direction: 'up' } });
    expect(more.added.map((o) => o.type)).toContain('absence');
    expect(more.text.zh).toMatch(/^若本期此前同类次数再多 1 次（共 2 次），将记旷工 1 天/);
  });

  it('an option: a document no longer needed', () => {
    // the facts other leave types read are given, so changing the type leaves nothing undetermined
    const changes = run(county, 'leaveApproval', {
      applicantRole: 'ordinary',
      leaveType: 'sick',
      days: 7,
      monthLeaveDaysBefore: 0,
      yearLeaveDaysBefore: 0,
      annualPartsBefore: 0,
    });
    const fewer = changes.find((c) => c.fact === 'days' && c.removed.some((o) => o.type === 'document'))!;
    expect(fewer.text.zh).toContain('无需三级以上医院诊断证明和治疗建议');
    const other = changes.find((c) => c.fact === 'leaveType')!;
    expect(other.threshold).toBeUndefined();
    expect(other.text.zh).toMatch(/^若假别为「.+」/);
  });

  it('never suggests a value the schema forbids, and leaves facts not given alone', () => {
    const changes = run(county, 'attendance', { event: 'lateArrival', minutes: 10, priorCount: 0 });
    for (const c of changes) expect(c.fact).not.toBe('specialCase');
    for (const c of changes.filter((c) => c.fact === 'priorCount'))
      expect(Number.isInteger(c.to) && (c.to as number) >= 0).toBe(true);
  });

  it('puts the suggestions in words in the language asked only', () => {
    const evaluation = evaluateSync(county, 'leaveApproval', {
      applicantRole: 'ordinary',
      leaveType: 'personal',
      days: 3,
    })!;
    const en = nearby(county, evaluation, { locale: 'en' });
    expect(en.length).toBeGreaterThan(0);
    for (const change of en) expect(Object.keys(change.text)).toEqual(['en']);
    const both = nearby(county, evaluation);
    expect(en.map((c) => c.text.en)).toEqual(both.map((c) => c.text.en));
  });

  it('tries values by re-running the compiled parts that read the fact, not the whole decision', () => {
    // a pack of its own, so the wrapped functions stay out of the other tests
    const pack = loadPack('county-township-cadres', folderSource());
    for (const [decision, facts] of [
      [
        'leaveApproval',
        {
          applicantRole: 'ordinary',
          leaveType: 'sick',
          days: 7,
          monthLeaveDaysBefore: 0,
          yearLeaveDaysBefore: 0,
          annualPartsBefore: 0,
        },
      ],
      ['attendance', { event: 'lateArrival', minutes: 10, priorCount: 1 }],
      ['attendance', { event: 'noLeaveAbsence', absenceDaysInRow: 20 }], // managedBy left out: rules stay open
    ] as const) {
      const evaluation = evaluateSync(pack, decision, facts)!;
      const compiled = pack.decisions.get(decision)!;
      const matcher = compiled.matcher!;
      let runs = 0;
      compiled.matcher = (all) => (runs++, matcher(all));
      try {
        expect(nearby(pack, evaluation).length).toBeGreaterThan(0);
      } finally {
        compiled.matcher = matcher;
      }
      expect(runs, decision).toBe(0);
    }
  });

  it('does not change the evaluation it is given', () => {
    const evaluation = evaluateSync(county, 'leaveApproval', {
      applicantRole: 'ordinary',
      leaveType: 'personal',
      days: 3,
    })!;
    const before = JSON.stringify(evaluation);
    nearby(county, evaluation);
    expect(JSON.stringify(evaluation)).toBe(before);
  });
});
