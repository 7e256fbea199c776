/** Conditions as regions: `not` by complement within the fact's schema range, `any` as union, enum and boolean sets. */
import { describe, expect, it } from 'vitest';
import { lintPack, type Condition, type TopCondition } from '../../engine/index.js';
import { describeRegion } from '../../engine/lint/describe.js';
import { factSpace } from '../../engine/lint/fact-space.js';
import { interval } from '../../engine/lint/intervals.js';
import {
  conditionRegion,
  intersectRegions,
  isEmptyRegion,
  isSubregion,
  type Region,
} from '../../engine/lint/regions.js';
import { buildLint, outcome, packWith, rule } from './packs.js';

const leave = factSpace('leaveApproval', new Map());
const region = (condition: Condition): Region => conditionRegion(condition, leave, new Map());
const words = (condition: Condition) => describeRegion(region(condition), leave);
const days = (operator: string, value: number) => ({ fact: 'days', operator, value }) as Condition;
const role = (operator: string, value: unknown) => ({ fact: 'applicantRole', operator, value }) as Condition;

describe('regions of conditions', () => {
  it('not takes the complement inside the schema range (days > 0, ≤ 366)', () => {
    expect(region({ not: days('lessThanInclusive', 5) })).toEqual([
      new Map([['days', { kind: 'number', set: interval(5, 366, true) }]]),
    ]);
    expect(words({ not: days('greaterThan', 5) }).en).toBe('days ≤ 5');
    expect(words({ not: days('greaterThan', 5) }).zh).toBe('请假天数 5 天及以下');
  });

  it("ends that are only the schema's limits are left out of the words, unless they exclude the limit", () => {
    const attendance = factSpace('attendance', new Map());
    const minutes = (operator: string, value: number) => ({ fact: 'minutes', operator, value }) as Condition;
    const say = (c: Condition) => describeRegion(conditionRegion(c, attendance, new Map()), attendance);
    expect(say({ all: [minutes('greaterThanInclusive', 0), minutes('lessThan', 5)] }).en).toBe('minutes < 5');
    expect(say({ all: [minutes('greaterThan', 0), minutes('lessThan', 5)] })).toEqual({
      en: '0 < minutes < 5',
      zh: '迟到/早退/离岗分钟数在 0 分钟到 5 分钟之间',
    });
    expect(say(minutes('greaterThan', 30)).zh).toBe('迟到/早退/离岗分钟数超过 30 分钟');
    expect(say(minutes('lessThanInclusive', 1440)).en).toBe('any facts');
  });

  it('not over any is all over not', () => {
    const outside = region({ any: [days('lessThan', 1), days('greaterThan', 30)] });
    const inside = region({ not: { any: [days('lessThan', 1), days('greaterThan', 30)] } });
    expect(words({ not: { any: [days('lessThan', 1), days('greaterThan', 30)] } }).en).toBe('1 ≤ days ≤ 30');
    expect(isEmptyRegion(intersectRegions(outside, inside))).toBe(true);
  });

  it('a condition outside the schema range is empty: days ≤ 0 with days > 0 required', () => {
    expect(isEmptyRegion(region({ all: [days('lessThanInclusive', 0)] }))).toBe(true);
    expect(isEmptyRegion(region({ all: [days('greaterThan', 5), days('lessThan', 3)] }))).toBe(true);
  });

  it('enum sets: in, notIn, equal, notEqual within the vocabulary', () => {
    expect(words({ all: [role('in', ['ordinary', 'leader']), role('notIn', ['leader'])] })).toEqual({
      en: 'applicantRole = ordinary',
      zh: '申请人类别为一般干部',
    });
    expect(words({ all: [role('notEqual', 'ordinary')] }).en).toBe(
      'applicantRole ∈ {leader, principal, teamMember, dutyOfficer}',
    );
    expect(isEmptyRegion(region({ all: [role('equal', 'leader'), role('notIn', ['leader', 'ordinary'])] }))).toBe(true);
    expect(isSubregion(region(role('equal', 'leader')), region({ not: role('equal', 'ordinary') }), leave)).toBe(true);
  });

  it('booleans: notEqual true is false', () => {
    const substitute = { fact: 'hasSubstitute', operator: 'notEqual', value: true } as Condition;
    expect(words(substitute)).toEqual({ en: 'hasSubstitute = false', zh: '是否已找人替班：否' });
    expect(
      isEmptyRegion(
        intersectRegions(
          region(substitute),
          region({ fact: 'hasSubstitute', operator: 'equal', value: true } as Condition),
        ),
      ),
    ).toBe(true);
  });

  it('integer facts have no values between integers', () => {
    const penalty = factSpace('penaltyEscalation', new Map());
    const r = conditionRegion(
      {
        all: [
          { fact: 'priorCount', operator: 'greaterThan', value: 1 },
          { fact: 'priorCount', operator: 'lessThan', value: 2 },
        ],
      },
      penalty,
      new Map(),
    );
    expect(isEmptyRegion(r)).toBe(true);
  });

  it('a condition lint cannot model (contains on a list) is an atom, negated by doesNotContain', () => {
    const duty = factSpace('dutyReporting', new Map());
    const has = conditionRegion({ fact: 'missingEquipment', operator: 'contains', value: 'phone' }, duty, new Map());
    const hasNot = conditionRegion(
      { fact: 'missingEquipment', operator: 'doesNotContain', value: 'phone' },
      duty,
      new Map(),
    );
    expect(isEmptyRegion(intersectRegions(has, hasNot))).toBe(true);
    expect(describeRegion(has, duty).en).toBe('(missingEquipment contains "phone") is true');
  });
});

describe('not and any in a unique group', () => {
  const short: TopCondition = { all: [role('equal', 'ordinary'), days('lessThanInclusive', 5)] };
  const findings = (extra: TopCondition) =>
    lintPack(
      buildLint(
        packWith('leaveApproval', { chain: { hitPolicy: 'unique', completeOver: ['days'] } }, [
          rule('r.short', '短假', 'chain', short, outcome('onTime')),
          rule('r.rest', '其余', 'chain', { not: short }, outcome('late')),
          rule('r.extra', '附加', 'chain', extra, outcome('absent')),
        ]),
      ).resolved!,
    ).filter((f) => f.severity === 'error');

  it('a rule and its negation neither overlap nor leave a gap', () => {
    expect(findings({ all: [role('equal', 'ordinary'), role('equal', 'leader')] }).map((f) => f.code)).toEqual([
      'DEAD_RULE',
    ]);
  });

  it('any overlaps each rule on the part of it that meets the rule', () => {
    const [withShort, withRest] = findings({ any: [role('equal', 'leader'), days('greaterThan', 3)] });
    expect(withShort.ruleIds).toEqual(['r.short', 'r.extra']);
    expect(withShort.message).toContain('applicantRole = ordinary and 3 < days ≤ 5');
    expect(withShort.messageZh).toContain('请假天数在 3 天（不含）到 5 天（含）之间同时落入两条规则');
    expect(withRest.ruleIds).toEqual(['r.rest', 'r.extra']);
  });
});
