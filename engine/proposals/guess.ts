/**
 * Which decision and fact a group of tiers most likely grades, and which context narrows it,
 * from the unit and the words. Every guess is shown to a person with its reason and can be
 * changed; a guess that finds nothing leaves the decision or fact empty (null), never a made-up one.
 */
import { decisions, factsOf } from '../schema/registry.js';
import type { ContextCondition } from './model.js';

export interface Guess {
  decision: string | null;
  fact: string | null;
  guessZh: string;
  /** conditions the words that chose the fact also give (「分段休假」 → leaveType = annual) */
  context?: ContextCondition[];
}

const PENALTY_WORDS = /批评|通报|检讨|谈话|约谈|考核|处分|追究|等次|黑榜|曝光|检查|待岗|调离/;

interface Candidate {
  decision: string;
  fact: string;
  /** words: the numbers' subject, period and text; sentence: the whole sentence they stand in */
  when: (words: string, unit: string, consequence: string, sentence: string) => boolean;
  why: string;
  /** units of the text the fact may compare although its own unit differs; the reason says how */
  alsoUnits?: Record<string, string>;
  /** a context condition read from the sentence */
  context?: { fact: string; value: string; re: RegExp };
}

/** First match wins; each line says which words lead to which decision and fact. */
const CANDIDATES: Candidate[] = [
  {
    decision: 'leaveApproval',
    fact: 'monthLeaveDaysTotal',
    when: (w, u) => u === '天' && /请假|假/.test(w) && /每月|当月|本月|月内/.test(w) && /累计/.test(w),
    why: '单位「天」，原文「每月累计…请假」',
  },
  {
    decision: 'leaveApproval',
    fact: 'yearLeaveDaysTotal',
    when: (w, u) =>
      (u === '天' || u === '工作日') && /假/.test(w) && /年内|全年|一年|本年|当年/.test(w) && /累计/.test(w),
    why: '原文「一年内累计…请假」，含本次',
    alsoUnits: { 工作日: '原文以工作日计，请假天数按工作日填写' },
  },
  {
    decision: 'leaveApproval',
    fact: 'annualPartsIncludingThis',
    when: (w, u, _c, s) => (u === '个' || u === '次') && /分段|分次/.test(s) && /年休假|年假/.test(s),
    why: '原文「年休假…分段」，按含本次的分段次数',
    alsoUnits: { 个: '原文「段」按次数计' },
    context: { fact: 'leaveType', value: 'annual', re: /年休假|年假/ },
  },
  {
    decision: 'leaveApproval',
    fact: 'noticeDays',
    when: (w, u) => u === '天' && /提前/.test(w) && /请假|假/.test(w),
    why: '单位「天」，原文「提前…请假」',
  },
  {
    decision: 'attendance',
    fact: 'absenceDaysInRow',
    when: (w, u) => (u === '天' || u === '工作日') && /旷工|逾期不归/.test(w) && /连续/.test(w),
    why: '原文「连续旷工」',
    alsoUnits: { 工作日: '原文以工作日计，旷工天数按工作日填写' },
  },
  {
    decision: 'attendance',
    fact: 'absenceDaysThisYear',
    when: (w, u) => u === '天' && /旷工/.test(w) && /累计|年内|全年|一年/.test(w),
    why: '单位「天」，原文「累计旷工」',
  },
  {
    decision: 'attendance',
    fact: 'days',
    when: (w, u) => u === '天' && /旷工/.test(w),
    why: '单位「天」，原文「旷工」',
  },
  {
    decision: 'leaveApproval',
    fact: 'days',
    when: (w, u) => (u === '天' || u === '工作日') && /请假|假/.test(w),
    why: '原文「请假」',
    alsoUnits: { 工作日: '原文以工作日计，请假天数按工作日填写' },
  },
  {
    decision: 'leaveEntitlement',
    fact: 'yearsOfService',
    when: (w, u) => u === '年' && /工作|工龄|年休假/.test(w),
    why: '单位「年」，原文「工作…年」',
  },
  { decision: 'expenseApproval', fact: 'amount', when: (_w, u) => u === '元', why: '单位「元」' },
  {
    decision: 'complianceCheck',
    fact: 'handoverMinutes',
    when: (w, u) => u === '分钟' && /交接/.test(w),
    why: '单位「分钟」，原文「交接」',
    context: { fact: 'subject', value: 'dutyShift', re: /交接班|交接/ },
  },
  {
    decision: 'complianceCheck',
    fact: 'surpriseChecksThisWeek',
    when: (w, u) => u === '次' && /查岗/.test(w) && /周/.test(w),
    why: '单位「次」，原文「每周…查岗」',
  },
  {
    decision: 'attendance',
    fact: 'minutes',
    when: (w, u) => u === '分钟' && /迟到|早退|脱岗|离岗|离开|外出/.test(w) && !/会/.test(w),
    why: '单位「分钟」，原文「迟到/早退/离岗」',
  },
  {
    decision: 'dutyReporting',
    fact: 'followUpIntervalMinutes',
    when: (w, u) => u === '分钟' && /续报|跟踪报告/.test(w) && /间隔|每隔/.test(w),
    why: '单位「分钟」，原文「续报间隔」',
  },
  {
    decision: 'dutyReporting',
    fact: 'minutesElapsed',
    when: (w, u) => u === '分钟' && /报告|报送|上报/.test(w),
    why: '单位「分钟」，原文「报告」',
  },
  {
    decision: 'penaltyEscalation',
    fact: 'countIncludingThis',
    when: (_w, u, c) => u === '次' && PENALTY_WORDS.test(c),
    why: '单位「次」，后果是问责措施（批评、通报、检讨…）；按含本次的累计次数',
  },
  {
    decision: 'attendance',
    fact: 'countIncludingThis',
    when: (w, u) => u === '次' && /迟到|早退|脱岗|旷工/.test(w),
    why: '单位「次」，原文「迟到/早退」；按含本次的累计次数',
  },
  {
    decision: 'penaltyEscalation',
    fact: 'countIncludingThis',
    when: (_w, u) => u === '次',
    why: '单位「次」；按含本次的累计次数',
  },
];

/** The words a guess reads for a number: what it is about, its period and counting, the number as written. */
export const guessWords = (q: { subject: string; period?: string; aggregate?: string; text: string }): string =>
  `${q.subject}${q.period ?? ''}${q.aggregate ?? ''}${q.text}`;

/** The decision and fact for tiers with this unit, subject and consequences (a guess, with its reason). */
export function guessDecision(unit: string, words: string, consequences: string, sentence = words): Guess {
  for (const c of CANDIDATES) {
    if (!c.when(words, unit, consequences, sentence)) continue;
    const info = factsOf(c.decision).get(c.fact);
    const otherUnit = info?.unit && info.unit !== unit ? c.alsoUnits?.[unit] : undefined;
    if (!info || (info.unit && info.unit !== unit && !otherUnit)) continue;
    const why = otherUnit ? `${c.why}；${otherUnit}` : c.why;
    const hit = c.context ? c.context.re.exec(sentence) : null;
    return {
      decision: c.decision,
      fact: c.fact,
      guessZh: `推测为「${decisionTitle(c.decision)}」的「${info.title}」：${why}。请核对，可改选。`,
      ...(c.context && hit ? { context: [{ fact: c.context.fact, value: c.context.value, word: hit[0] }] } : {}),
    };
  }
  return { decision: null, fact: null, guessZh: `未能从单位「${unit}」与原文推测出所属事项，请选择事项和比较的事实。` };
}

export function decisionTitle(decision: string): string {
  return decisions.get(decision)?.title ?? decision;
}

/** Words in the subject that narrow the group to a kind of person, leave or event. */
const CONTEXT_WORDS: { decision: string[]; fact: string; value: string; re: RegExp }[] = [
  {
    decision: ['leaveApproval', 'meetingAttendance'],
    fact: 'applicantRole',
    value: 'leader',
    re: /领导干部|班子成员|领导/,
  },
  {
    decision: ['leaveApproval', 'meetingAttendance'],
    fact: 'applicantRole',
    value: 'ordinary',
    re: /一般干部|干部|工作人员|职工/,
  },
  { decision: ['leaveApproval', 'leaveEntitlement'], fact: 'leaveType', value: 'personal', re: /事假/ },
  { decision: ['leaveApproval', 'leaveEntitlement'], fact: 'leaveType', value: 'sick', re: /病假/ },
  { decision: ['leaveApproval', 'leaveEntitlement'], fact: 'leaveType', value: 'annual', re: /年休假|年假/ },
  { decision: ['leaveApproval', 'leaveEntitlement'], fact: 'leaveType', value: 'marriage', re: /婚假/ },
  { decision: ['leaveApproval', 'leaveEntitlement'], fact: 'leaveType', value: 'bereavement', re: /丧假/ },
  { decision: ['attendance'], fact: 'event', value: 'lateArrival', re: /迟到/ },
  { decision: ['attendance'], fact: 'event', value: 'earlyDeparture', re: /早退/ },
  { decision: ['attendance'], fact: 'event', value: 'offPost', re: /脱岗|离岗|离开|外出/ },
  { decision: ['penaltyEscalation'], fact: 'violation', value: 'meetingLate', re: /会议迟到|参会迟到|会议.*迟到/ },
  { decision: ['penaltyEscalation'], fact: 'violation', value: 'studyAbsence', re: /不参加学习/ },
  { decision: ['penaltyEscalation'], fact: 'violation', value: 'meetingAbsence', re: /不参会|不参加会议/ },
  { decision: ['penaltyEscalation'], fact: 'violation', value: 'studyLate', re: /学习.*迟到|学习.*早退/ },
  { decision: ['penaltyEscalation'], fact: 'violation', value: 'hygieneBlacklist', re: /黑榜/ },
];

/** Context conditions from the subject: at most one per fact, the first (most specific) wins. */
export function guessContext(decision: string | null, subject: string): ContextCondition[] {
  if (!decision) return [];
  const facts = factsOf(decision);
  const out: ContextCondition[] = [];
  for (const c of CONTEXT_WORDS) {
    if (!c.decision.includes(decision) || !facts.has(c.fact) || out.some((o) => o.fact === c.fact)) continue;
    const m = c.re.exec(subject);
    if (m) out.push({ fact: c.fact, value: c.value, word: m[0] });
  }
  return out;
}
