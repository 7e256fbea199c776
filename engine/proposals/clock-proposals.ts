/**
 * Times of day as proposed rules. 「上午八时三十分前到岗签到」 says when a sign-in is on time, so a
 * sign-in after 08:30 is late; 「下午五点半以后方可签退」 makes a sign-out before 17:30 early. Each
 * time becomes a group on the attendance fact `clockMinutes` with two tiers — the side the words
 * allow (正常出勤) and the other side (迟到 / 早退) — narrowed by what the words give: the event
 * (签到 / 签退), the part of the day (上午 / 下午) and the season (夏季 / 冬季).
 */
import { CLOCK_UNIT } from '../explain/clock.js';
import type { Quantity } from '../drafting/quantities.js';
import type { Outcome, ParameterDefinition } from '../model.js';
import { factsOf } from '../schema/registry.js';
import { decisionTitle } from './guess.js';
import { analyseTiers } from './issues.js';
import type { ContextCondition, ProposedTier, RuleProposal, TierBound } from './model.js';
import { tierRangeZh } from './naming.js';
import type { ProposeInput } from './propose.js';

const DECISION = 'attendance';
const FACT = 'clockMinutes';

type Event = 'signIn' | 'signOut';

// leaving words first: 「下班时间」 is about signing out even though it holds 「班」
const EVENT_WORDS: [RegExp, Event][] = [
  [/签退|离岗|下班|离开/, 'signOut'],
  [/签到|到岗|上班|到达|报到|交接班|到值班室|到单位/, 'signIn'],
];
const SESSION_WORDS = /上午|早上|早晨|中午|下午/g;
const SEASON_WORDS = /夏季|夏令|冬季|冬令/g;
const SENTENCE_END = /[。！？!?\n]/;

const lastMatch = (re: RegExp, text: string) => [...text.matchAll(re)].pop()?.[0];

// 「上午8:30至下午下班」「下午下班时间至次日早8:30」: an end of a period of time (a shift), not a time to sign in by
const PERIOD_BEFORE =
  /(?<!截止)(?:至|到|—|－|-|～|~)\s*(?:次日|当日|翌日)?(?:早上|早晨|上午|中午|下午|晚上|早|晚)?\s*$/;
const PERIOD_AFTER =
  /^\s*分?\s*(?:至|—|－|-|～|~|到(?=\s*(?:次日|当日|翌日|早上|早晨|上午|中午|下午|晚上|[\d一二三四五六七八九十两]+\s*[:：时点])))/;
const FRAGMENT_END = /[，,；;：:。！？!?\n]/;

interface ClockReading {
  event?: { value: Event; word: string };
  session?: { value: 'morning' | 'afternoon'; word: string };
  season?: { value: 'summer' | 'winter'; word: string };
}

/** What the words around a time of day say it is about. */
function readClock(q: Quantity, sentence: string): ClockReading {
  const out: ClockReading = {};
  for (const [re, value] of EVENT_WORDS) {
    const m = re.exec(q.subject);
    if (m) {
      out.event = { value, word: m[0] };
      break;
    }
  }
  // the part of the day written with the time (「下午两点半」), else the last one before it in the sentence
  const sessionWord = lastMatch(SESSION_WORDS, q.text) ?? lastMatch(SESSION_WORDS, sentence);
  if (sessionWord) {
    // 「中午十二时后离岗」 ends the morning; 「中午一时前到岗」 starts the afternoon
    const value =
      sessionWord === '下午' || (sessionWord === '中午' && out.event?.value === 'signIn') ? 'afternoon' : 'morning';
    if (sessionWord !== '中午' || out.event) out.session = { value, word: sessionWord };
  }
  // the last season named before the time: 「冬季…；夏季下午上班时间为14:30」
  const seasonWord = lastMatch(SEASON_WORDS, sentence);
  if (seasonWord) out.season = { value: seasonWord.startsWith('夏') ? 'summer' : 'winter', word: seasonWord };
  return out;
}

/** The side of the time the words allow, as written: 「前」 is up to it, 「后」 from it; a bare time is a start or an end. */
function allowedSide(
  q: Quantity,
  event: Event | undefined,
): { side: 'upTo' | 'from'; bound: { value: number; inclusive: boolean; word: string } } | undefined {
  if (q.upper && !q.lower) return { side: 'upTo', bound: q.upper };
  if (q.lower && !q.upper) return { side: 'from', bound: q.lower };
  if (q.exact && event) {
    // 「上班时间调整为15:00」: a sign-in at 15:00 is on time; 「下班时间调整为18:00」: a sign-out at 18:00 is
    return {
      side: event === 'signIn' ? 'upTo' : 'from',
      bound: { value: q.value, inclusive: true, word: event === 'signIn' ? '上班时间' : '下班时间' },
    };
  }
  return undefined;
}

function tier(
  id: string,
  q: Quantity,
  bounds: Pick<ProposedTier, 'lower' | 'upper'>,
  outcomes: Outcome[],
  unmapped: string | undefined,
): ProposedTier {
  return {
    id,
    status: 'proposed',
    text: q.text,
    span: { start: q.start, end: q.end },
    ...bounds,
    outcomes,
    unmapped: unmapped ? [{ text: unmapped }] : [],
    notes: [],
  };
}

/** One group per time of day that has a draft parameter. */
export function proposeClockTimes(
  input: ProposeInput,
  parameters: ReadonlyMap<string, ParameterDefinition>,
): RuleProposal[] {
  const clauseById = new Map(input.clauses.map((c) => [c.id, c]));
  const readings = new Map<RuleProposal, ClockReading>();
  const proposals: RuleProposal[] = [];
  for (const q of input.quantities) {
    if (q.kind !== 'clock') continue;
    const refs = input.parameterOf.get(q.id) ?? {};
    const param = refs.upper ?? refs.lower ?? refs.exact;
    if (!param) continue;
    const clause = clauseById.get(q.clauseId)!;
    let fragmentStart = q.start;
    while (fragmentStart > 0 && !FRAGMENT_END.test(clause.simplified[fragmentStart - 1])) fragmentStart--;
    if (
      PERIOD_BEFORE.test(clause.simplified.slice(fragmentStart, q.start)) ||
      PERIOD_AFTER.test(clause.simplified.slice(q.end))
    )
      continue;
    let sentenceStart = q.start;
    while (sentenceStart > 0 && !SENTENCE_END.test(clause.simplified[sentenceStart - 1])) sentenceStart--;
    const reading = readClock(q, clause.simplified.slice(sentenceStart, q.end));
    const allowed = allowedSide(q, reading.event?.value);
    if (!allowed) continue;
    const value = parameters.get(param)?.value;
    const at: TierBound = {
      value: typeof value === 'number' ? value : allowed.bound.value,
      inclusive: allowed.bound.inclusive,
      word: allowed.bound.word,
      param,
    };
    const other: TierBound = { ...at, inclusive: !at.inclusive };
    const event = reading.event?.value;
    // late is a sign-in after the time, early a sign-out before it; any other pairing is left to a person
    const breach: Outcome[] =
      event === 'signIn' && allowed.side === 'upTo'
        ? [{ type: 'classification', category: 'late' }]
        : event === 'signOut' && allowed.side === 'from'
          ? [{ type: 'classification', category: 'earlyLeave' }]
          : [];
    const onTime: Outcome[] = breach.length ? [{ type: 'classification', category: 'onTime' }] : [];
    const unread = breach.length ? undefined : `${q.text}${q.subject}`;
    const tiers =
      allowed.side === 'upTo'
        ? [tier('t1', q, { upper: at }, onTime, unread), tier('t2', q, { lower: other }, breach, unread)]
        : [tier('t1', q, { lower: at }, onTime, unread), tier('t2', q, { upper: other }, breach, unread)];

    const subjectWords = q.subject.replace(/(时间)?(截止到|截止|调整|改为|变更)?$/, '') || q.subject;
    const prefix = [reading.season, reading.session]
      .filter((w) => w && !subjectWords.includes(w.word))
      .map((w) => w!.word)
      .join('');
    const subject = `${prefix}${subjectWords}`;
    const context: ContextCondition[] = [];
    if (event) {
      if (reading.season) context.push({ fact: 'season', value: reading.season.value, word: reading.season.word });
      if (reading.session) context.push({ fact: 'session', value: reading.session.value, word: reading.session.word });
      context.push({ fact: 'event', value: event, word: reading.event!.word });
    }
    const info = factsOf(DECISION).get(FACT)!;
    const act = event === 'signIn' ? '签到' : '签退';
    const readZh = breach.length
      ? `${tierRangeZh(tiers[0], CLOCK_UNIT)}${act}为正常出勤，${tierRangeZh(tiers[1], CLOCK_UNIT)}${act}为${event === 'signIn' ? '迟到' : '早退'}`
      : '原文未说明此时刻另一侧算迟到还是早退，请填写结果';
    const guessZh = event
      ? `推测为「${decisionTitle(DECISION)}」的「${info.title}」：时刻「${q.text}」，原文「${reading.event!.word}」为${act}；${readZh}。请核对，可改选。`
      : `时刻「${q.text}」未说明是签到还是签退（原文「${q.subject || q.text}」），请选择事项和比较的事实。`;
    const proposal: RuleProposal = {
      id: `p-${q.id.replace(/\./g, '-')}`,
      kind: 'single',
      source: input.sourceOf(clause),
      article: q.article,
      clauseText: clause.original,
      subject,
      unit: CLOCK_UNIT,
      decision: event ? DECISION : null,
      fact: event ? FACT : null,
      guessZh,
      context,
      tiers,
      issues: [],
      outOfScope: [],
      label: `${subject}时刻（原文「${q.text}」）`,
    };
    readings.set(proposal, reading);
    proposals.push(proposal);
  }
  return withSeasons(proposals, readings).map((p) => ({ ...p, issues: analyseTiers(p) }));
}

/**
 * 「夏季下午上班时间调整为15:00」 next to 「下午两点半前到岗」: the time without a season is the rest
 * of the year, or both would judge the same summer sign-in. Said in the guess, changeable.
 */
function withSeasons(proposals: RuleProposal[], readings: Map<RuleProposal, ClockReading>): RuleProposal[] {
  const key = (r: ClockReading) => `${r.event?.value}/${r.session?.value}`;
  return proposals.map((p) => {
    const r = readings.get(p)!;
    if (!r.event || r.season) return p;
    const seasonal = proposals.find((o) => o !== p && readings.get(o)!.season && key(readings.get(o)!) === key(r));
    if (!seasonal) return p;
    const named = readings.get(seasonal)!.season!;
    const rest = named.value === 'summer' ? 'winter' : 'summer';
    const word = `非${named.word}`;
    const restZh = rest === 'winter' ? '冬季' : '夏季';
    return {
      ...p,
      subject: `${word}${p.subject}`,
      label: `${word}${p.label}`,
      context: [{ fact: 'season', value: rest, word }, ...p.context],
      guessZh: `${p.guessZh}另有${named.word}作息「${seasonal.tiers[0].text}」，本条按${word}（${restZh}）作息读。`,
    };
  });
}
