/**
 * From what the extractor read — ladders and single thresholds with their parameters — to
 * proposed rule groups: one row per tier with its bounds, words and clause span, the guessed
 * decision and fact, and outcomes prefilled from the consequence. Every tier starts `proposed`.
 */
import type { Ladder } from '../drafting/ladders.js';
import type { Quantity } from '../drafting/quantities.js';
import type { DocumentClause } from '../drafting/structure.js';
import type { ParameterDefinition } from '../model.js';
import { amountsAfter, amountsAsParameters } from './amounts.js';
import { proposeClockTimes } from './clock-proposals.js';
import { proposeDeadlines } from './deadline-proposals.js';
import { guessContext, guessDecision, guessWords } from './guess.js';
import { analyseTiers } from './issues.js';
import type { ProposalSet, ProposedTier, RuleProposal, TierBound } from './model.js';
import { prefillOutcomes } from './outcomes.js';

/** The draft parameters of one quantity (see drafting/draft.ts). */
export interface ParameterRefs {
  lower?: string;
  upper?: string;
  exact?: string;
}

export interface ProposeInput {
  pack: string;
  document: string;
  clauses: DocumentClause[];
  quantities: Quantity[];
  ladders: Ladder[];
  parameterOf: ReadonlyMap<string, ParameterRefs>;
  parameters: ParameterDefinition[];
  /** the source clause id (sources.json) of a document clause */
  sourceOf: (clause: DocumentClause) => string;
}

function boundOf(
  written: { value: number; inclusive: boolean; word: string },
  param: string | undefined,
  parameters: Map<string, ParameterDefinition>,
): TierBound {
  const p = param ? parameters.get(param) : undefined;
  return {
    value: typeof p?.value === 'number' ? p.value : written.value,
    inclusive: written.inclusive,
    word: written.word,
    ...(p ? { param: p.id } : {}),
  };
}

function tierOf(
  q: Quantity,
  index: number,
  refs: ParameterRefs,
  parameters: Map<string, ParameterDefinition>,
  limit = false,
): ProposedTier {
  const tier: ProposedTier = {
    id: `t${index + 1}`,
    status: 'proposed',
    text: q.text,
    span: { start: q.start, end: q.end },
    outcomes: [],
    unmapped: [],
    notes: [],
  };
  if (q.exact) {
    const exact = boundOf({ value: q.value, inclusive: true, word: '原文未用比较词' }, refs.exact, parameters);
    tier.lower = exact;
    tier.upper = { ...exact };
  } else if (limit) {
    // a duty limit (「不得超过4天」): the rule is about the values that break it
    if (q.upper && !q.lower)
      tier.lower = boundOf({ ...q.upper, inclusive: !q.upper.inclusive }, refs.upper, parameters);
    if (q.lower && !q.upper)
      tier.upper = boundOf({ ...q.lower, inclusive: !q.lower.inclusive }, refs.lower, parameters);
  } else {
    if (q.lower) tier.lower = boundOf(q.lower, refs.lower, parameters);
    if (q.upper) tier.upper = boundOf(q.upper, refs.upper, parameters);
  }
  if (q.consequence) tier.consequence = q.consequence;
  const prefill = prefillOutcomes(q.consequence, limit ? { limit: true, limitText: `${q.subject}${q.text}` } : {});
  tier.outcomes = prefill.outcomes;
  tier.unmapped = prefill.unmapped;
  tier.notes = prefill.notes ?? [];
  return tier;
}

/**
 * 「超过半天、不满3个工作日的」: a lower end and an upper end of one condition written in 天 and 工作日 —
 * two scales the extractor keeps apart (a calendar day is no working day) — are one tier when
 * nothing but 、 stands between them: a leave of half a day is half a working day.
 */
function upperEndIn(q: Quantity, quantities: Quantity[], text: string): Quantity | undefined {
  if (!q.lower || q.upper) return undefined;
  const next = quantities.find((n) => n.clauseId === q.clauseId && n.start >= q.end);
  const units = new Set([q.unit, next?.unit]);
  if (!next || next.lower || !next.upper || !next.tier || !units.has('天') || !units.has('工作日')) return undefined;
  return /^[、，,\s]*$/.test(text.slice(q.end, next.start)) ? next : undefined;
}

/** The words of the clause a list item hangs from, when they end in a colon: 「…按下列权限审批：」. */
function leadIn(clause: DocumentClause, clauses: DocumentClause[]): string {
  const parent = clauses.find(
    (c) =>
      c.title === clause.title &&
      c.path.length === clause.path.length - 1 &&
      c.path.every((m, i) => m.kind === clause.path[i].kind && m.number === clause.path[i].number),
  );
  return parent && /[:：]\s*$/.test(parent.simplified) ? parent.simplified : '';
}

/** The sentence of the clause a number stands in: 「年休假…确因工作需要分段休假的，最多分两段」. */
function sentenceAround(text: string, at: number): string {
  const start = Math.max(...['。', '！', '？', '\n'].map((p) => text.lastIndexOf(p, at - 1))) + 1;
  const end = text.slice(at).search(/[。！？\n]/);
  return text.slice(start, end < 0 ? text.length : at + end);
}

function proposalOf(
  id: string,
  kind: RuleProposal['kind'],
  clause: DocumentClause,
  article: string,
  qs: Quantity[],
  input: ProposeInput,
  parameters: Map<string, ParameterDefinition>,
  options: { limit?: boolean } = {},
): RuleProposal {
  const first = qs[0];
  // 「5天以内的，由镇党委书记审批，超过5天的，…」: a tier's consequence ends where the next condition of its clause begins
  const cut = qs.map((q) => {
    const next = input.quantities.find((n) => n.clauseId === q.clauseId && n.start >= q.end && (n.tier || n.limit));
    if (!q.consequence || !next) return q;
    const at = q.consequence.indexOf(next.text);
    if (at < 0) return q;
    const own = q.consequence.slice(0, at);
    // 「第三次及以上旷工，或者连续旷工超过5个工作日的，按…处理」: alternative conditions share what follows the last one
    if (/(?:^|[，,])\s*(?:或者|或|以及)[^的者]*$/.test(own) && next.consequence)
      return { ...q, consequence: next.consequence };
    return { ...q, consequence: own.replace(/[，,、；;\s]+$/, '') || undefined };
  });
  const tiers = cut.map((q, i) => tierOf(q, i, input.parameterOf.get(q.id) ?? {}, parameters, options.limit));
  const paramUnit = tiers
    .flatMap((t) => [t.lower?.param, t.upper?.param])
    .map((p) => (p ? parameters.get(p)?.unit : undefined))
    .find(Boolean);
  const unit = paramUnit ?? first.unit;
  const subject = qs.map((q) => q.subject).find(Boolean) ?? '';
  // 「干部请事假、病假，…按下列权限审批：（一）半天以内的，…」: items that name nothing speak of their lead-in's subject
  const words = guessWords({ ...first, subject }) + (subject ? '' : leadIn(clause, input.clauses));
  const guess = guessDecision(
    unit,
    words,
    cut.map((q) => q.consequence ?? '').join('；'),
    sentenceAround(clause.original, first.start),
  );
  // leave by years of service is annual leave (带薪年休假 depends on the years worked): 「满十年…可休十天」
  if (guess.decision === 'leaveEntitlement' && guess.fact === 'yearsOfService') {
    cut.forEach((q, i) => {
      if (tiers[i].outcomes.length) return;
      const prefill = prefillOutcomes(q.consequence, { entitledLeave: 'annual' });
      tiers[i] = { ...tiers[i], outcomes: prefill.outcomes, unmapped: prefill.unmapped, notes: prefill.notes ?? [] };
    });
  }
  // a limit on a check (「交接时间不少于15分钟」) or on a reporting duty (「续报间隔不超过2小时」) is broken by
  // not complying, not by a refused request
  if (options.limit && (guess.decision === 'complianceCheck' || guess.decision === 'dutyReporting')) {
    tiers.forEach((t) => {
      t.outcomes = [{ type: 'verdict', value: 'notCompliant' }];
    });
  }
  cut.forEach((q, i) => {
    const text = input.clauses.find((c) => c.id === q.clauseId)?.simplified ?? '';
    tiers[i].outcomes = amountsAsParameters(
      tiers[i].outcomes,
      amountsAfter(q, input.quantities, text, input.parameterOf),
    );
  });
  const proposal: RuleProposal = {
    id,
    kind,
    source: input.sourceOf(clause),
    article,
    clauseText: clause.original,
    subject,
    unit,
    ...(first.period ? { period: first.period } : {}),
    ...(first.aggregate ? { aggregate: first.aggregate } : {}),
    decision: guess.decision,
    fact: guess.fact,
    guessZh: guess.guessZh,
    context: [
      ...(guess.context ?? []),
      ...guessContext(guess.decision, subject).filter((c) => !guess.context?.some((g) => g.fact === c.fact)),
    ],
    tiers,
    issues: [],
    outOfScope: [],
    label:
      kind === 'ladder' ? `${subject || article}（${qs.map((q) => q.text).join(' / ')}）` : `${subject}${first.text}`,
  };
  return { ...proposal, issues: analyseTiers(proposal) };
}

/** Every ladder and every single threshold (a tier or a duty limit) outside a ladder, as a proposal. */
export function proposeRules(input: ProposeInput): ProposalSet {
  const parameters = new Map(input.parameters.map((p) => [p.id, p]));
  const clauseById = new Map(input.clauses.map((c) => [c.id, c]));
  const byId = new Map(input.quantities.map((q) => [q.id, q]));
  const inLadder = new Set(input.ladders.flatMap((l) => l.tiers.map((t) => t.quantityId)));
  const hasParameter = (q: Quantity) => Object.values(input.parameterOf.get(q.id) ?? {}).some(Boolean);
  const proposals: RuleProposal[] = [];
  for (const ladder of input.ladders) {
    const qs = ladder.tiers.map((t) => byId.get(t.quantityId)!).filter(Boolean);
    if (!qs.every(hasParameter)) continue;
    // a sibling ladder spans clauses: quote the first one, spans point into it only when it holds every tier
    const clause = clauseById.get(ladder.clauseId)!;
    const proposal = proposalOf(
      `p-${ladder.id.replace(/\./g, '-')}`,
      'ladder',
      clause,
      ladder.article,
      qs,
      input,
      parameters,
    );
    if (qs.some((q) => q.clauseId !== clause.id)) {
      proposal.clauseText = qs
        .map((q) => clauseById.get(q.clauseId)!.original)
        .filter((t, i, all) => all.indexOf(t) === i)
        .join('\n');
      let offset = 0;
      const starts = new Map<string, number>();
      for (const q of qs) {
        if (!starts.has(q.clauseId)) {
          starts.set(q.clauseId, offset);
          offset += clauseById.get(q.clauseId)!.original.length + 1;
        }
      }
      proposal.tiers.forEach((t, i) => {
        t.span = { start: qs[i].start + starts.get(qs[i].clauseId)!, end: qs[i].end + starts.get(qs[i].clauseId)! };
      });
    }
    proposals.push(proposal);
  }
  const partnered = new Set<string>();
  for (const q of input.quantities) {
    if (q.kind !== 'threshold' || inLadder.has(q.id) || partnered.has(q.id) || !hasParameter(q)) continue;
    const limit = q.limit && !(q.lower && q.upper) && !q.exact;
    if (!q.tier && !limit) continue;
    const clause = clauseById.get(q.clauseId)!;
    const partner = limit ? undefined : upperEndIn(q, input.quantities, clause.simplified);
    if (partner) {
      partnered.add(partner.id);
      const refs = { lower: input.parameterOf.get(q.id)?.lower, upper: input.parameterOf.get(partner.id)?.upper };
      const range: Quantity = {
        ...q,
        upper: partner.upper,
        end: partner.end,
        text: clause.simplified.slice(q.start, partner.end),
        consequence: partner.consequence,
      };
      const proposal = proposalOf(
        `p-${q.id.replace(/\./g, '-')}`,
        'single',
        clause,
        q.article,
        [range],
        { ...input, parameterOf: new Map(input.parameterOf).set(q.id, refs) },
        parameters,
      );
      proposal.tiers[0].notes.push(
        `原文「${range.text}」两端单位不同（${q.unit}、${partner.unit}）：按同一请假天数比较，「半天」即半个工作日，请核对。`,
      );
      proposals.push(proposal);
      continue;
    }
    proposals.push(
      proposalOf(`p-${q.id.replace(/\./g, '-')}`, 'single', clause, q.article, [q], input, parameters, { limit }),
    );
  }
  // times of day and deadlines: a group each, on the fact the words name (see their modules)
  proposals.push(...proposeClockTimes(input, parameters), ...proposeDeadlines(input, parameters));
  return { pack: input.pack, document: input.document, proposals };
}
