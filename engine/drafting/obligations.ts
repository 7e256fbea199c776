/**
 * Deadlines: 「接到报告后，十分钟内电话报告带班领导，二十分钟内报告主要负责人，一小时内书面报告」
 * sets three time limits on three actions. Each is an obligation of its own — not the tiers of a
 * ladder — so they get no overlap or gap findings; the deadlines of one sentence are kept
 * together with the event they count from.
 */
import type * as iv from '../lint/intervals.js';
import { scaleOf, type Quantity } from './quantities.js';
import type { DocumentClause } from './structure.js';

export interface Deadline {
  quantityId: string;
  /** 「十分钟内」 */
  text: string;
  /** the unit as the quantity has it (分钟, 小时, 天, 工作日 …) */
  unit: string;
  /** the limit in that unit: 10 */
  within: number;
  /** the limit in the comparison unit (1小时 → 60分钟), for ordering and comparing */
  interval: iv.Interval;
  /** what must be done within it: 「电话报告带班领导」 */
  action: string;
}

export interface DeadlineGroup {
  /** c3.o1 */
  id: string;
  /** always 'deadlines': separate obligations, never a ladder */
  kind: 'deadlines';
  clauseId: string;
  article: string;
  /** the event the limits count from, when the sentence names one: 「接到突发事件报告后」 */
  trigger?: string;
  /** the deadlines of one sentence, in text order */
  items: Deadline[];
}

const SENTENCE_END = /[。！？!?\n]/;

/** The deadlines of each sentence, grouped. */
export function findObligations(quantities: Quantity[], clauses: DocumentClause[]): DeadlineGroup[] {
  const clauseById = new Map(clauses.map((c) => [c.id, c]));
  const groups: DeadlineGroup[] = [];
  let current: { group: DeadlineGroup; sentenceStart: number } | undefined;
  for (const q of quantities) {
    if (!q.deadline) continue;
    const clause = clauseById.get(q.clauseId);
    if (!clause) continue;
    let sentenceStart = q.start;
    while (sentenceStart > 0 && !SENTENCE_END.test(clause.simplified[sentenceStart - 1])) sentenceStart--;
    const { factor } = scaleOf(q.unit);
    const item: Deadline = {
      quantityId: q.id,
      text: q.text,
      unit: q.unit,
      within: q.upper!.value,
      interval: { ...q.interval, hi: q.interval.hi * factor, lo: q.interval.lo * factor },
      action: q.action ?? '',
    };
    if (current && current.group.clauseId === q.clauseId && current.sentenceStart === sentenceStart) {
      current.group.items.push(item);
      continue;
    }
    const head = clause.simplified.slice(sentenceStart, q.start);
    const triggers = [...head.matchAll(/([^，,；;：:。应须在于]{2,20}?(?:之日起|后))/g)];
    const trigger = triggers.length
      ? clause.original.slice(
          sentenceStart + triggers[triggers.length - 1].index!,
          sentenceStart + triggers[triggers.length - 1].index! + triggers[triggers.length - 1][1].length,
        )
      : undefined;
    const group: DeadlineGroup = {
      id: `${q.clauseId}.o${groups.filter((g) => g.clauseId === q.clauseId).length + 1}`,
      kind: 'deadlines',
      clauseId: q.clauseId,
      article: q.article,
      ...(trigger ? { trigger } : {}),
      items: [item],
    };
    groups.push(group);
    current = { group, sentenceStart };
  }
  return groups;
}
