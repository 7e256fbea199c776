/**
 * Deadlines as proposed rules. 「十分钟内电话报告带班领导」 is an obligation, so its rule is about
 * the time that breaks it: more than 10 minutes → not compliant. Several deadlines in one sentence
 * (「十分钟内…，二十分钟内…，一小时内…」) are separate obligations, each a single-threshold group of
 * its own, never the tiers of a ladder. What follows 「逾期」 gives the outcome (「逾期不予受理」,
 * 「逾期未销假的，按旷工处理」); a reporting deadline with no such words fails the duty-reporting check.
 */
import { findObligations } from '../drafting/obligations.js';
import type { Quantity } from '../drafting/quantities.js';
import type { Outcome, ParameterDefinition } from '../model.js';
import { factsOf } from '../schema/registry.js';
import { decisionTitle } from './guess.js';
import { analyseTiers } from './issues.js';
import type { ContextCondition, ProposedTier, RuleProposal } from './model.js';
import { prefillOutcomes } from './outcomes.js';
import type { ProposeInput } from './propose.js';

const REPORT = /报告|报送|上报|反馈/;

interface DeadlineFact {
  decision: string;
  fact: string;
  when: (action: string, sentence: string) => boolean;
  why: string;
  /** a condition that narrows the group, from the words */
  context?: (sentence: string) => ContextCondition | undefined;
  /** the code of the requirement a missed reporting deadline records */
  lateCode?: string;
}

const situationOf = (sentence: string): ContextCondition | undefined => {
  const m = /重大突发(?:公共)?事件|突发(?:公共)?事件|核实|核报/.exec(sentence);
  if (!m) return undefined;
  const value = m[0].startsWith('重大')
    ? 'majorIncident'
    : m[0].startsWith('突发')
      ? 'incident'
      : 'verificationRequest';
  return { fact: 'situation', value, word: m[0] };
};

/** First match wins; the fact's unit must be the deadline parameter's unit. */
const DEADLINE_FACTS: DeadlineFact[] = [
  {
    decision: 'dutyReporting',
    fact: 'phoneMinutes',
    when: (a) => REPORT.test(a) && /电话|口头/.test(a),
    why: '原文「电话/口头报告」',
    context: situationOf,
    lateCode: 'phoneReportLate',
  },
  {
    decision: 'dutyReporting',
    fact: 'writtenMinutes',
    when: (a) => REPORT.test(a) && /书面/.test(a),
    why: '原文「书面报告」',
    context: situationOf,
    lateCode: 'writtenReportLate',
  },
  {
    decision: 'dutyReporting',
    fact: 'minutesElapsed',
    when: (a) => REPORT.test(a),
    why: '原文「报告」（未写明电话或书面，按已用时间）',
    context: situationOf,
    lateCode: 'reportLate',
  },
  {
    decision: 'attendance',
    fact: 'leaveCancelWorkdays',
    when: (a) => /销假/.test(a),
    why: '原文「销假」',
    context: () => ({ fact: 'event', value: 'leaveCancellation', word: '销假' }),
  },
  {
    decision: 'expenseApproval',
    fact: 'workdaysAfterTripReturn',
    when: (a, s) => /报销/.test(s) && /出差|差旅/.test(s),
    why: '原文「出差返回后…报销」',
    context: () => ({ fact: 'kind', value: 'reimbursement', word: '报销' }),
  },
  {
    // 「事项结束后15日内凭有效票据报账」: calendar days after the business ends (the trip rule above counts working days)
    decision: 'expenseApproval',
    fact: 'daysAfterEventEnd',
    when: (a, s) => /报账|报销/.test(`${a}${s}`) && /结束|返回|完成|办结/.test(s),
    why: '原文「…结束后…报账」',
    context: (s) => ({ fact: 'kind', value: 'reimbursement', word: /报账/.test(s) ? '报账' : '报销' }),
  },
];

const SENTENCE_END = /[。！？!?\n]/;
const FRAGMENT_END = /[，,；;：:。！？!?\n]/;

/** The words that say what happens when a deadline is missed: 「逾期不予受理」「逾期未销假的，按旷工处理」. */
function overdueWords(sentence: string): string | undefined {
  const m = /(?:逾期|超过时限|超出时限|超时|未按时|未在规定时间内)[^。；;\n]*/.exec(sentence);
  return m ? m[0].replace(/[，,\s]+$/, '') : undefined;
}

/**
 * `duty` is the deadline in short (「十分钟内电话报告带班领导」), `words` the clause words that set it
 * (「差旅费报销应在出差返回后 10 个工作日内办理」).
 */
function outcomesOf(
  overdue: string | undefined,
  spec: DeadlineFact | undefined,
  duty: string,
  words: string,
): Pick<ProposedTier, 'outcomes' | 'unmapped'> {
  if (overdue) {
    // 「逾期不予受理」: the late request is refused (the shared prefill reads 不予批准 only)
    if (/不予(?:受理|报销|办理)|不再受理/.test(overdue)) {
      return { outcomes: [{ type: 'refusal', code: 'overdue', reason: overdue }], unmapped: [] };
    }
    const prefill = prefillOutcomes(overdue.replace(/^[^，,]*?的[，,]/, ''));
    return { outcomes: prefill.outcomes, unmapped: prefill.unmapped };
  }
  if (spec?.lateCode) {
    const outcomes: Outcome[] = [
      { type: 'verdict', value: 'notCompliant' },
      { type: 'requirement', code: spec.lateCode, text: `未在${duty}` },
    ];
    return { outcomes, unmapped: [] };
  }
  return { outcomes: [], unmapped: [{ text: words }] };
}

/** 「差旅费报销应在出差返回后」 → 「差旅费报销」: what a deadline with a bare verb (「办理」) is about. */
const headNoun = (q: Quantity) => q.subject.split(/应当|应|须|必须|需|在|于/)[0];

/** One single-threshold group per deadline that has a draft parameter. */
export function proposeDeadlines(
  input: ProposeInput,
  parameters: ReadonlyMap<string, ParameterDefinition>,
): RuleProposal[] {
  const clauseById = new Map(input.clauses.map((c) => [c.id, c]));
  const byId = new Map(input.quantities.map((q) => [q.id, q]));
  const proposals: RuleProposal[] = [];
  for (const group of findObligations(input.quantities, input.clauses)) {
    const clause = clauseById.get(group.clauseId)!;
    const first = byId.get(group.items[0].quantityId)!;
    let start = first.start;
    while (start > 0 && !SENTENCE_END.test(clause.simplified[start - 1])) start--;
    const rest = clause.simplified.slice(start);
    const end = rest.search(SENTENCE_END);
    const sentence = end < 0 ? rest : rest.slice(0, end);
    // the 「逾期…」 words after the last deadline of the sentence apply to each
    const last = byId.get(group.items[group.items.length - 1].quantityId)!;
    const overdue = overdueWords(clause.simplified.slice(last.end, start + sentence.length));
    for (const item of group.items) {
      const q = byId.get(item.quantityId)!;
      const param = input.parameterOf.get(q.id)?.upper;
      const definition = param ? parameters.get(param) : undefined;
      if (!param || !definition || !q.upper || typeof definition.value !== 'number') continue;
      const unit = definition.unit ?? q.unit;
      const action = item.action;
      const spec = DEADLINE_FACTS.find(
        (c) => c.when(action, sentence) && factsOf(c.decision).get(c.fact)?.unit === unit,
      );
      const info = spec ? factsOf(spec.decision).get(spec.fact)! : undefined;
      const subject = action.length > 3 ? action : headNoun(q) || action;
      const duty = `${q.text.replace(/\s+/g, '')}${action}`;
      // the words that set it, from the start of its fragment: 「值班人员应在十分钟内电话报告带班领导」
      let from = q.start;
      while (from > 0 && !FRAGMENT_END.test(clause.simplified[from - 1])) from--;
      const words = clause.original
        .slice(from, q.end + clause.simplified.slice(q.end).search(/[，,；;。！？!?\n]|$/))
        .trim();
      const converted = unit !== q.unit ? `原文「${q.text}」已换算为${definition.value}${unit}；` : '';
      const guessZh = spec
        ? `推测为「${decisionTitle(spec.decision)}」的「${info!.title}」：时限「${q.text}」，${spec.why}；${converted}时限是一项义务，规则针对超过时限的情形。请核对，可改选。`
        : `未能从时限「${q.text}」与原文「${action}」推测出所属事项，请选择事项和比较的事实。`;
      const context = spec?.context?.(sentence);
      const tier: ProposedTier = {
        id: 't1',
        status: 'proposed',
        text: q.text,
        span: { start: q.start, end: q.end },
        lower: { value: definition.value, inclusive: !q.upper.inclusive, word: q.upper.word, param },
        ...(overdue ? { consequence: overdue } : {}),
        ...outcomesOf(overdue, spec, duty, words),
        notes: [],
      };
      const proposal: RuleProposal = {
        id: `p-${q.id.replace(/\./g, '-')}`,
        kind: 'single',
        source: input.sourceOf(clause),
        article: q.article,
        clauseText: clause.original,
        subject,
        unit,
        decision: spec?.decision ?? null,
        fact: spec?.fact ?? null,
        guessZh,
        context: context ? [context] : [],
        tiers: [tier],
        issues: [],
        outOfScope: [],
        label: `${subject}时限（原文「${words}」）`,
      };
      proposals.push({ ...proposal, issues: analyseTiers(proposal) });
    }
  }
  return proposals;
}
