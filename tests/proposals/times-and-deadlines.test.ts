/**
 * Times of day and deadlines in wordings of our own (not the seeds' nor the township texts'):
 * each time becomes a group on the attendance fact `clockMinutes` narrowed by 签到/签退, 上午/下午
 * and 夏季/冬季; each deadline a single-threshold group on the fact it limits. Accepted, the pack
 * validates, its boundary fixtures (08:59 / 09:00 / 09:01; 15 / 16 minutes; 3 / 4 working days)
 * pass and lint finds no untested boundary. What the words do not say is held back, not guessed.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { DraftResult } from '../../engine/drafting/index.js';
import type { FixtureCase, RuleDefinition } from '../../engine/model.js';
import { acceptProposals, confirmAll, type ProposalSet, type RuleProposal } from '../../engine/proposals/index.js';
import { check, draft, shipped } from './helpers.js';

const TEXT = [
  '松岭镇机关作息与报告制度',
  '一、作息',
  '1.工作日上午九点前签到，中午十一时半以后方可离岗。',
  '2.冬季下午一点半前到岗，下午五时以后签退；夏季下午上班时间为14:30，下班时间为18:30。',
  '二、报告',
  '3.发生重大突发事件后，值班干部须在十五分钟内口头报告镇长，四十分钟内报告党委书记，两小时内向县政府书面报告。',
  '三、请销假',
  '4.干部病假期满，应于返岗后三个工作日内到组织办销假；逾期未销假的，按旷工论处。',
  '5.因公出差的，须在返回后十五个工作日内报销差旅费，逾期不予报销。',
  '6.每日八时三十分前完成办公区清扫。',
].join('\n');

let result: DraftResult;
let set: ProposalSet;
const byText = (text: string): RuleProposal => set.proposals.find((p) => p.tiers.some((t) => t.text === text))!;
const contextOf = (p: RuleProposal) => Object.fromEntries(p.context.map((c) => [c.fact, c.value]));
const bounds = (p: RuleProposal) =>
  p.tiers.map((t) => [
    t.lower && { value: t.lower.value, inclusive: t.lower.inclusive },
    t.upper && { value: t.upper.value, inclusive: t.upper.inclusive },
  ]);

beforeAll(async () => {
  result = await draft(TEXT, 'songling');
  set = result.review.proposals;
});

describe('times of day', () => {
  it('「上午九点前签到」: on time up to 09:00, late after it, for a morning sign-in', () => {
    const p = byText('上午九点前');
    expect([p.decision, p.fact, p.unit]).toEqual(['attendance', 'clockMinutes', '时刻']);
    expect(contextOf(p)).toEqual({ session: 'morning', event: 'signIn' });
    expect(bounds(p)).toEqual([
      [undefined, { value: 540, inclusive: true }],
      [{ value: 540, inclusive: false }, undefined],
    ]);
    expect(p.tiers.map((t) => t.outcomes)).toEqual([
      [{ type: 'classification', category: 'onTime' }],
      [{ type: 'classification', category: 'late' }],
    ]);
    expect(
      p.tiers.every((t) => t.lower?.param === 'draft.c2.clock540Upto' || t.upper?.param === 'draft.c2.clock540Upto'),
    ).toBe(true);
    expect(p.guessZh).toContain('09:00及以前签到为正常出勤，晚于09:00签到为迟到');
    expect(p.issues).toEqual([]);
  });

  it('「中午十一时半以后方可离岗」: a sign-out before 11:30 ends the morning early', () => {
    const p = byText('中午十一时半以后');
    expect(contextOf(p)).toEqual({ session: 'morning', event: 'signOut' });
    expect(bounds(p)).toEqual([
      [{ value: 690, inclusive: true }, undefined],
      [undefined, { value: 690, inclusive: false }],
    ]);
    expect(p.tiers[1].outcomes).toEqual([{ type: 'classification', category: 'earlyLeave' }]);
  });

  it('the season named last before the time governs it; a bare 14:30 after 「上班时间为」 is the start, 18:30 after 「下班时间为」 the end', () => {
    expect(contextOf(byText('下午一点半前'))).toEqual({ season: 'winter', session: 'afternoon', event: 'signIn' });
    expect(contextOf(byText('下午五时以后'))).toEqual({ season: 'winter', session: 'afternoon', event: 'signOut' });
    const start = byText('14:30');
    expect(contextOf(start)).toEqual({ season: 'summer', session: 'afternoon', event: 'signIn' });
    expect(bounds(start)).toEqual([
      [undefined, { value: 870, inclusive: true }],
      [{ value: 870, inclusive: false }, undefined],
    ]);
    expect(start.subject).toBe('夏季下午上班');
    const end = byText('18:30');
    expect(contextOf(end)).toEqual({ season: 'summer', session: 'afternoon', event: 'signOut' });
    expect(end.tiers[1]).toMatchObject({
      upper: { value: 1110, inclusive: false },
      outcomes: [{ type: 'classification', category: 'earlyLeave' }],
    });
  });

  it('a time without a season beside a summer one of the same sign-in is read as the rest of the year, and says so', async () => {
    const other = await draft('竹溪乡考勤办法\n一、下午两点前到岗。\n二、夏季下午三点前到岗。', 'zhuxi');
    const plain = other.review.proposals.proposals.find((p) => p.tiers[0].text === '下午两点前')!;
    expect(plain.context).toEqual([
      { fact: 'season', value: 'winter', word: '非夏季' },
      { fact: 'session', value: 'afternoon', word: '下午' },
      { fact: 'event', value: 'signIn', word: '到岗' },
    ]);
    expect(plain.guessZh).toContain('另有夏季作息「下午三点前」');
    // a single time of day is not narrowed to a season nobody wrote
    const alone = await draft('竹溪乡考勤办法\n一、下午两点前到岗。', 'zhuxi2');
    expect(alone.review.proposals.proposals[0].context.map((c) => c.fact)).toEqual(['session', 'event']);
  });

  it('the ends of a shift (「从上午八点到下午六点」「下午六点至次日早上八点」) are no sign-in times; 「截止到每天早上8:30」 is one', async () => {
    const other = await draft(
      '竹溪乡值班办法\n一、白班从上午八点到下午六点，夜班为下午六点至次日早上八点。\n二、上班签到时间截止到每天早上8:30。',
      'zhuxi4',
    );
    const clocks = other.review.proposals.proposals.filter((p) => p.unit === '时刻');
    expect(clocks.map((p) => [p.tiers[0].text, p.subject, contextOf(p)])).toEqual([
      ['早上8:30', '早上上班签到', { session: 'morning', event: 'signIn' }],
    ]);
    expect(bounds(clocks[0])[0]).toEqual([undefined, { value: 510, inclusive: true }]);
  });

  it('a time that names no sign-in or sign-out gets no decision, no outcome: held back with the reason', () => {
    const p = byText('八时三十分前');
    expect([p.decision, p.fact]).toEqual([null, null]);
    expect(p.tiers.every((t) => t.outcomes.length === 0)).toBe(true);
    expect(p.guessZh).toContain('未说明是签到还是签退');
    const { heldBack } = acceptProposals(result.bundle, confirmAll({ ...set, proposals: [p] }), { source: shipped() });
    expect(heldBack).toEqual([
      expect.objectContaining({ proposal: p.id, reasonZh: expect.stringContaining('尚未选定事项') }),
    ]);
  });
});

describe('deadlines', () => {
  it('three deadlines of one sentence are three obligations on three facts, each broken by more time', () => {
    const phone = byText('十五分钟内');
    const told = byText('四十分钟内');
    const written = byText('两小时内');
    expect([phone, told, written].map((p) => [p.kind, p.decision, p.fact, p.issues.length])).toEqual([
      ['single', 'dutyReporting', 'phoneMinutes', 0],
      ['single', 'dutyReporting', 'minutesElapsed', 0],
      ['single', 'dutyReporting', 'writtenMinutes', 0],
    ]);
    expect([phone, told, written].map(contextOf)).toEqual(Array(3).fill({ situation: 'majorIncident' }));
    expect(phone.tiers).toHaveLength(1);
    expect(phone.tiers[0].lower).toMatchObject({
      value: 15,
      inclusive: false,
      word: '内',
      param: 'draft.c5.minutes15Upto',
    });
    expect(phone.tiers[0].outcomes).toEqual([
      { type: 'verdict', value: 'notCompliant' },
      { type: 'requirement', code: 'phoneReportLate', text: '未在十五分钟内口头报告镇长' },
    ]);
    // 「两小时内」 is compared with the written-report minutes: the parameter is 120 minutes, and the guess says so
    expect(written.unit).toBe('分钟');
    expect(written.tiers[0].lower).toMatchObject({ value: 120, param: 'draft.c5.minutes120Upto' });
    expect(result.bundle.parameters.parameters!.find((p) => p.id === 'draft.c5.minutes120Upto')).toMatchObject({
      unit: '分钟',
      value: 120,
    });
    expect(written.guessZh).toContain('已换算为120分钟');
  });

  it('「逾期未销假的，按旷工论处」 and 「逾期不予报销」 give the outcomes of the working-day deadlines', () => {
    const cancel = byText('三个工作日内');
    expect([cancel.decision, cancel.fact, cancel.unit]).toEqual(['attendance', 'leaveCancelWorkdays', '工作日']);
    expect(contextOf(cancel)).toEqual({ event: 'leaveCancellation' });
    expect(cancel.tiers[0]).toMatchObject({
      lower: { value: 3, inclusive: false },
      consequence: '逾期未销假的，按旷工论处',
      outcomes: [{ type: 'classification', category: 'absent' }],
    });
    const refund = byText('十五个工作日内');
    expect([refund.decision, refund.fact]).toEqual(['expenseApproval', 'workdaysAfterTripReturn']);
    expect(contextOf(refund)).toEqual({ kind: 'reimbursement' });
    expect(refund.tiers[0].outcomes).toEqual([{ type: 'refusal', code: 'overdue', reason: '逾期不予报销' }]);
  });

  it('a deadline the catalogue has no fact for stays without a decision', async () => {
    const other = await draft('竹溪乡办文规定\n一、收到来文后，须在三个工作日内签收登记。', 'zhuxi3');
    const p = other.review.proposals.proposals.find((x) => x.tiers[0].text === '三个工作日内')!;
    expect([p.decision, p.fact]).toEqual([null, null]);
    expect(p.tiers[0].outcomes).toEqual([]);
    expect(p.guessZh).toContain('未能从时限「三个工作日内」');
  });
});

describe('accepted', () => {
  it('becomes rules that validate, with boundary fixtures on every time and deadline that pass and satisfy lint', async () => {
    const readable = { ...set, proposals: set.proposals.filter((p) => p.decision) };
    const accepted = acceptProposals(result.bundle, confirmAll(readable), { source: shipped() });
    expect(accepted.heldBack).toEqual([]);
    const cases = Object.values(accepted.bundle.fixtures).flatMap((f) => f.cases) as FixtureCase[];
    const at = (value: number, fact: string) => cases.find((c) => c.facts[fact] === value && c.id.includes('.at-'))!;
    // 08:59 / 09:00 / 09:01 for a sign-in, named as a person reads a time
    expect([539, 540, 541].map((v) => [at(v, 'clockMinutes').name, at(v, 'clockMinutes').expect.outcomes])).toEqual([
      ['上午签到08:59：认定为正常出勤', [{ type: 'classification', category: 'onTime' }]],
      ['上午签到09:00：认定为正常出勤', [{ type: 'classification', category: 'onTime' }]],
      ['上午签到09:01：认定为迟到', [{ type: 'classification', category: 'late' }]],
    ]);
    expect(at(540, 'clockMinutes').facts).toEqual({ event: 'signIn', session: 'morning', clockMinutes: 540 });
    expect([15, 16].map((v) => at(v, 'phoneMinutes').expect.outcomes?.length)).toEqual([0, 2]);
    expect([3, 4].map((v) => at(v, 'leaveCancelWorkdays').expect.outcomes)).toEqual([
      [],
      [{ type: 'classification', category: 'absent' }],
    ]);
    const rule = accepted.bundle.rules['rules/attendance.json'].rules.find(
      (r) => r.id === 'attendance.morning.signIn.clockMinutes.over540',
    ) as RuleDefinition;
    expect(rule.title).toBe('上午签到晚于09:00：认定为迟到');

    const { report, untested, errors } = await check(accepted.bundle);
    expect(errors).toEqual([]);
    expect(report!.results.filter((r) => !r.passed)).toEqual([]);
    // every generated case ran (the base's own cases run too)
    expect(cases.every((c) => report!.results.some((r) => r.id === c.id))).toBe(true);
    expect(untested).toEqual([]);
  });
});
