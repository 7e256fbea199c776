/**
 * Ladders: the tiers of one clause that grade the same quantity — days of leave → approvers,
 * counts → measures, amounts → who signs. Read literally, seed ladders overlap (「5天以上」 and
 * 「5天以内」 both claim 5) or leave gaps (1 < d < 2); the linter's interval algebra finds both.
 *
 * A ladder is a run of tiers in text order with one unit, one period and one aggregation whose
 * starting points do not go down: 「…5天以内的…超过5天的」 after 「…30天以上的」 starts a new
 * ladder (the leading cadres' one), because a document climbs a ladder once.
 */
import { formatNumber } from '../lint/describe.js';
import * as iv from '../lint/intervals.js';
import { clockText, scaleOf, type Quantity } from './quantities.js';
import type { DocumentClause } from './structure.js';

export interface LadderTier {
  quantityId: string;
  text: string;
  /** in the ladder's unit: a tier written in weeks or hours is converted (「一周以上」 → ≥ 7天) */
  interval: iv.Interval;
  consequence?: string;
}

export interface LadderFinding {
  kind: 'overlap' | 'gap' | 'below' | 'above';
  /** the tiers involved (one for below/above, two for overlap/gap) */
  tiers: string[];
  where: iv.Interval[];
  message: string;
  messageZh: string;
}

export interface Ladder {
  id: string;
  clauseId: string;
  article: string;
  /** the common unit of the tiers: 天 for a ladder written in 天 and 周, 分钟 for 分钟 and 小时 */
  unit: string;
  subject: string;
  period?: string;
  aggregate?: string;
  tiers: LadderTier[];
  findings: LadderFinding[];
}

/** Counts of people, households and times are whole numbers: 「1次」 and 「3次以上」 leave only 2 open. */
const INTEGER_UNITS = new Set(['次', '人', '户']);

const startOf = (i: iv.Interval) => (i.lo === -Infinity ? i.hi : i.lo);

/** A quantity's interval in its comparison unit: 1周 → 7天, 2小时 → 120分钟. */
function comparable(q: Quantity): { unit: string; interval: iv.Interval } {
  const { unit, factor } = scaleOf(q.unit);
  const i = q.interval;
  return { unit, interval: factor === 1 ? i : { ...i, lo: i.lo * factor, hi: i.hi * factor } };
}
/** Tiers climb: (lo, hi) strictly increasing, 「以内」 tiers (lo = -∞) before any 「以上」 tier. */
const climbs = (prev: iv.Interval, next: iv.Interval) =>
  next.lo > prev.lo || (next.lo === prev.lo && next.hi > prev.hi);

/** An interval in words with its unit: 「恰好 5天」, 「1天到2天之间（均不含）」, 「不满 1天」. */
export function intervalZh(i: iv.Interval, unit: string): string {
  const v = (x: number) => (unit === '时刻' ? clockText(x) : `${formatNumber(x)}${unit}`);
  if (i.lo === i.hi) return `恰好 ${v(i.lo)}`;
  const lo = Number.isFinite(i.lo) && i.lo > 0 ? i.lo : undefined;
  const hi = Number.isFinite(i.hi) ? i.hi : undefined;
  if (lo !== undefined && hi !== undefined) {
    if (i.loOpen && i.hiOpen) return `${v(lo)}到${v(hi)}之间（均不含）`;
    return `${v(lo)}（${i.loOpen ? '不含' : '含'}）到${v(hi)}（${i.hiOpen ? '不含' : '含'}）之间`;
  }
  if (lo !== undefined) return i.loOpen ? `超过 ${v(lo)}` : `${v(lo)}及以上`;
  if (hi !== undefined) return i.hiOpen ? `不满 ${v(hi)}` : `${v(hi)}及以下`;
  return '任何数值';
}

function intervalEn(i: iv.Interval, unit: string): string {
  if (i.lo === i.hi) return `exactly ${formatNumber(i.lo)} ${unit}`;
  const lo = Number.isFinite(i.lo) ? `${formatNumber(i.lo)} ${i.loOpen ? '<' : '≤'} ` : '';
  const hi = Number.isFinite(i.hi) ? ` ${i.hiOpen ? '<' : '≤'} ${formatNumber(i.hi)}` : '';
  return `${lo}x${hi} (${unit})`;
}

/** An example inside a gap a director can picture: 1.5天 for (1, 2). */
function exampleIn(i: iv.Interval): number | undefined {
  if (!Number.isFinite(i.lo) || !Number.isFinite(i.hi)) return undefined;
  return i.lo === i.hi ? i.lo : (i.lo + i.hi) / 2;
}

function analyse(tiers: LadderTier[], unit: string): LadderFinding[] {
  const findings: LadderFinding[] = [];
  const integer = INTEGER_UNITS.has(unit);
  const setOf = (i: iv.Interval): iv.IntervalSet => {
    const set = iv.intersect(iv.interval(i.lo, i.hi, i.loOpen, i.hiOpen), iv.interval(0, Infinity));
    return integer ? iv.integersOf(set) : set;
  };
  for (let a = 0; a < tiers.length; a++) {
    for (let b = a + 1; b < tiers.length; b++) {
      const both = iv.intersect(setOf(tiers[a].interval), setOf(tiers[b].interval));
      if (iv.isEmpty(both)) continue;
      const where = both.map((i) => intervalZh(i, unit)).join('、');
      findings.push({
        kind: 'overlap',
        tiers: [tiers[a].quantityId, tiers[b].quantityId],
        where: [...both],
        message: `"${tiers[a].text}" and "${tiers[b].text}" overlap at ${both.map((i) => intervalEn(i, unit)).join(', ')}`,
        messageZh: `「${tiers[a].text}」与「${tiers[b].text}」重叠：${where}时两档都适用，须确定归哪一档`,
      });
    }
  }
  const covered = tiers.reduce<iv.IntervalSet>((s, t) => iv.union(s, setOf(t.interval)), iv.NO_NUMBER);
  if (iv.isEmpty(covered)) return findings;
  // counts start at 1: 「0次」 is no breach at all, not a gap
  const domain = integer ? iv.interval(1, Infinity) : iv.interval(0, Infinity);
  let missing = iv.subtract(domain, covered);
  if (integer) missing = iv.integersOf(missing);
  const first = covered[0];
  const last = covered[covered.length - 1];
  const ordered = [...tiers].sort((x, y) => startOf(x.interval) - startOf(y.interval));
  for (const gap of missing) {
    const example = integer ? gap.lo : exampleIn(gap);
    const eg = example !== undefined && gap.lo !== gap.hi ? `（如 ${formatNumber(example)}${unit}）` : '';
    if (gap.hi <= first.lo) {
      const lowest = ordered[0];
      findings.push({
        kind: 'below',
        tiers: [lowest.quantityId],
        where: [gap],
        message: `below the lowest tier "${lowest.text}": ${intervalEn(gap, unit)} is not covered`,
        messageZh: `最低一档「${lowest.text}」以下：${intervalZh(gap, unit)}${eg}没有规定`,
      });
    } else if (gap.lo >= last.hi) {
      const highest = ordered[ordered.length - 1];
      findings.push({
        kind: 'above',
        tiers: [highest.quantityId],
        where: [gap],
        message: `above the highest tier "${highest.text}": ${intervalEn(gap, unit)} is not covered`,
        messageZh: `最高一档「${highest.text}」以上：${intervalZh(gap, unit)}${eg}没有规定`,
      });
    } else {
      const before = [...ordered].reverse().find((t) => t.interval.hi <= gap.lo) ?? ordered[0];
      const after = ordered.find((t) => startOf(t.interval) >= gap.hi) ?? ordered[ordered.length - 1];
      findings.push({
        kind: 'gap',
        tiers: [before.quantityId, after.quantityId],
        where: [gap],
        message: `gap between "${before.text}" and "${after.text}": ${intervalEn(gap, unit)} is not covered`,
        messageZh: `「${before.text}」与「${after.text}」之间有空档：${intervalZh(gap, unit)}${eg}没有规定`,
      });
    }
  }
  return findings;
}

/** Group the tiers of each clause into ladders and check each one. */
export function findLadders(quantities: Quantity[], clauses?: DocumentClause[]): Ladder[] {
  const ladders: Ladder[] = [];
  const byClause = new Map<string, Quantity[]>();
  for (const q of quantities)
    if (q.kind === 'threshold' && !q.limit && !q.deadline)
      byClause.set(q.clauseId, [...(byClause.get(q.clauseId) ?? []), q]);
  for (const candidates of byClause.values()) {
    // 「发现一次…，发现两次…，发现三次及以上…」: a bare number joins the tiers that share its subject
    const tierSubjects = new Set(
      candidates.filter((q) => q.tier && q.subjectInFragment).map((q) => `${q.unit}|${q.subject}`),
    );
    const tiers = candidates.filter(
      (q) => q.tier || (q.exact && q.subjectInFragment && tierSubjects.has(`${q.unit}|${q.subject}`)),
    );
    const runs: Quantity[][] = [];
    const open = new Map<string, Quantity[]>(); // comparison unit → current run
    for (const q of tiers) {
      const unit = comparable(q).unit;
      const run = open.get(unit);
      const previous = run?.[run.length - 1];
      // a new subject (「事假超过5天」 after 「一天以上」, 「或病假超过15天」) or a step down starts a new ladder
      const continues =
        previous &&
        previous.period === q.period &&
        climbs(comparable(previous).interval, comparable(q).interval) &&
        !(q.subjectInFragment && previous.subject !== q.subject);
      if (run && continues) run.push(q);
      else {
        const next = [q];
        runs.push(next);
        open.set(unit, next);
      }
    }
    for (const run of runs) if (run.length >= 2) ladders.push(ladderOf(run, ladders));
  }
  if (clauses) ladders.push(...siblingLadders(quantities, clauses, ladders));
  return ladders;
}

function ladderOf(run: Quantity[], existing: Ladder[], article = run[0].article): Ladder {
  const first = run[0];
  const tiers = run.map((q) => ({
    quantityId: q.id,
    text: q.text,
    interval: comparable(q).interval,
    consequence: q.consequence,
  }));
  const unit = comparable(first).unit;
  return {
    id: `${first.clauseId}.l${existing.filter((l) => l.clauseId === first.clauseId).length + 1}`,
    clauseId: first.clauseId,
    article,
    unit,
    subject: run.map((q) => q.subject).find(Boolean) ?? '',
    period: first.period,
    aggregate: first.aggregate,
    tiers,
    findings: analyse(tiers, unit),
  };
}

/**
 * A ladder spread over sibling items, one tier each: 「（1）…500元以下的支出，由…审批」
 * 「（2）500元以上的支出，…三级联批」 (FIN-004-SIGN) both claim 500.
 */
function siblingLadders(quantities: Quantity[], clauses: DocumentClause[], found: Ladder[]): Ladder[] {
  const inLadder = new Set(found.flatMap((l) => l.tiers.map((t) => t.quantityId)));
  const tierOf = (clause: DocumentClause) => {
    const tiers = quantities.filter((q) => q.clauseId === clause.id && q.kind === 'threshold' && q.tier && !q.limit);
    return tiers.length === 1 && !inLadder.has(tiers[0].id) ? tiers[0] : undefined;
  };
  const parentKey = (c: DocumentClause) =>
    `${c.title ?? ''}|${c.path
      .slice(0, -1)
      .map((m) => `${m.kind}${m.number}`)
      .join('/')}`;
  const out: Ladder[] = [];
  let run: { clause: DocumentClause; tier: Quantity }[] = [];
  const flush = () => {
    if (run.length >= 2) {
      // 「机关财务管理制度 四.2(1)、(2)」: the later items without the path they share
      const first = run[0].clause.article;
      const tails = run.slice(1).map((r) => {
        let p = 0;
        while (p < first.length && first[p] === r.clause.article[p]) p++;
        const cut = Math.max(...['(', '.', ' '].map((ch) => r.clause.article.lastIndexOf(ch, p)));
        return r.clause.article.slice(cut >= 0 ? cut + (r.clause.article[cut] === '(' ? 0 : 1) : 0);
      });
      out.push(
        ladderOf(
          run.map((r) => r.tier),
          [...found, ...out],
          [first, ...tails].join('、'),
        ),
      );
    }
    run = [];
  };
  for (const clause of clauses) {
    const tier = clause.path.length ? tierOf(clause) : undefined;
    const last = run[run.length - 1];
    const sibling =
      last &&
      tier &&
      parentKey(last.clause) === parentKey(clause) &&
      last.clause.path[last.clause.path.length - 1].kind === clause.path[clause.path.length - 1].kind &&
      clause.path[clause.path.length - 1].number === last.clause.path[last.clause.path.length - 1].number + 1 &&
      comparable(last.tier).unit === comparable(tier).unit &&
      climbs(comparable(last.tier).interval, comparable(tier).interval);
    if (sibling) run.push({ clause, tier: tier! });
    else {
      flush();
      if (tier) run = [{ clause, tier }];
    }
  }
  flush();
  return out;
}
