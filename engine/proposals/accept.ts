/**
 * Confirmed tiers become real rules: one rule group per proposal (hit policy `unique`: the tiers
 * exclude each other once overlaps are settled), rules citing the source clause and comparing
 * with the draft parameters, notes carrying the boundary decisions, generated ids and Chinese
 * titles, and boundary fixtures. Nothing else moves: unconfirmed tiers stay in the review list.
 */
import { compilePack, type CompiledPack } from '../compile/compile.js';
import { evaluateSync } from '../evaluate/evaluate-fast.js';
import { hasErrors } from '../issues.js';
import type {
  FixtureCase,
  FixturesFile,
  LeafCondition,
  Outcome,
  PackBundle,
  RuleDefinition,
  RulesFile,
} from '../model.js';
import { checkResolvedPack } from '../pack/check.js';
import { resolveChain, resolvePack, type PackSource } from '../pack/resolve.js';
import { bindAmounts } from './amounts.js';
import { boundaryFixtures } from './fixtures.js';
import type { ProposalSet, ProposedTier, RuleProposal } from './model.js';
import { groupIdFor, kebab, ruleIdFor, ruleTitle, uniqueId } from './naming.js';

export interface HeldBack {
  proposal: string;
  /** absent: the whole group is held back */
  tier?: string;
  reasonZh: string;
  reason: string;
}

export interface AcceptResult {
  bundle: PackBundle;
  /** proposals with tiers still open (proposed, or confirmed but held back); accepted tiers keep `accepted` */
  remaining: ProposalSet;
  /** rule ids written, by proposal */
  accepted: {
    proposal: string;
    group: string;
    file: string;
    rules: string[];
    fixtures: string[];
    fixturesSkippedZh?: string;
  }[];
  heldBack: HeldBack[];
}

export interface AcceptOptions {
  /**
   * The packs the draft extends (the shipped base): ids are made unique against them, and the
   * fixtures expect the outcomes the rest of the pack adds for the same facts.
   */
  source?: PackSource;
}

const isOpen = (t: ProposedTier) => !t.accepted && t.status !== 'rejected';

/** Why a confirmed tier cannot become a rule yet, or undefined. */
function tierProblem(proposal: RuleProposal, tier: ProposedTier): HeldBack | undefined {
  const at = { proposal: proposal.id, tier: tier.id };
  if (tier.outcomes.length === 0) {
    return {
      ...at,
      reasonZh: `「${tier.text}」的结果未填写${tier.unmapped.length ? `（原文「${tier.unmapped.map((u) => u.text).join('」「')}」未能对应统一词汇）` : ''}`,
      reason: `tier "${tier.text}" has no outcome`,
    };
  }
  const open = proposal.issues.find((i) => i.tiers.includes(tier.id));
  if (open)
    return { ...at, reasonZh: `「${tier.text}」的边界问题未决定：${open.messageZh}`, reason: `open issue ${open.id}` };
  return undefined;
}

function conditionsOf(proposal: RuleProposal, tier: ProposedTier): { all: LeafCondition[] } {
  const fact = proposal.fact!;
  const value = (b: NonNullable<ProposedTier['lower']>) => (b.param ? { param: b.param } : b.value);
  const all: LeafCondition[] = proposal.context.map((c) => ({ fact: c.fact, operator: 'equal', value: c.value }));
  const { lower, upper } = tier;
  if (
    lower &&
    upper &&
    lower.inclusive &&
    upper.inclusive &&
    lower.value === upper.value &&
    lower.param === upper.param
  ) {
    all.push({ fact, operator: 'equal', value: value(lower) });
  } else {
    if (lower)
      all.push({ fact, operator: lower.inclusive ? 'greaterThanInclusive' : 'greaterThan', value: value(lower) });
    if (upper) all.push({ fact, operator: upper.inclusive ? 'lessThanInclusive' : 'lessThan', value: value(upper) });
  }
  return { all };
}

function noteOf(proposal: RuleProposal, tier: ProposedTier): string {
  const read = `原文「${tier.text}」（${proposal.article}）${tier.consequence ? `：「${tier.consequence}」` : ''}。`;
  return [read, ...tier.notes, '由草稿工具生成，经人工确认。'].join('');
}

/** Every rule id of the chain the draft extends, and of the draft itself. */
function takenRuleIds(bundle: PackBundle, source: PackSource | undefined): Set<string> {
  const bundles = [bundle];
  if (source && bundle.pack.extends) {
    for (const id of resolveChain(bundle.pack.extends, source).chain) {
      const base = source.get(id);
      if (base) bundles.push(base);
    }
  }
  return new Set(bundles.flatMap((b) => Object.values(b.rules).flatMap((f) => f.rules.map((r) => r.id))));
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

/** The outcomes every rule outside `group` adds for these facts, by running the pack. */
function backgroundOf(compiled: CompiledPack | undefined, decision: string, group: string) {
  return (facts: Record<string, unknown>): Outcome[] => {
    if (!compiled) return [];
    try {
      const evaluation = evaluateSync(compiled, decision, facts);
      // a fixture states outcomes as a pack writes them: the township's words are how they are shown
      return evaluation
        ? evaluation.fired
            .filter((r) => r.group !== group)
            .flatMap((r) => r.outcomes)
            .map(({ words: _shown, ...o }) => o as Outcome)
        : [];
    } catch {
      return []; // facts the rest of the pack rejects: the fixture run will show it
    }
  };
}

/** The draft compiled over its bases, or undefined when it does not validate (the caller reports why). */
function compileQuietly(bundle: PackBundle, source: PackSource): CompiledPack | undefined {
  const { pack, issues } = resolvePack(bundle.pack.id, {
    get: (id) => (id === bundle.pack.id ? bundle : source.get(id)),
  });
  if (!pack || hasErrors(issues) || hasErrors(checkResolvedPack(pack))) return undefined;
  return compilePack(pack);
}

/** Write the confirmed tiers of every proposal into the bundle; the rest stays as it was. */
export function acceptProposals(input: PackBundle, proposals: ProposalSet, options: AcceptOptions = {}): AcceptResult {
  const bundle = clone(input);
  const set = clone(proposals);
  const taken = takenRuleIds(bundle, options.source);
  const heldBack: HeldBack[] = [];
  const written: { proposal: RuleProposal; group: string; file: string; rules: string[]; tiers: ProposedTier[] }[] = [];

  for (const proposal of set.proposals) {
    const confirmed = proposal.tiers.filter((t) => t.status === 'confirmed' && !t.accepted);
    if (confirmed.length === 0) continue;
    if (!proposal.decision || !proposal.fact) {
      heldBack.push({
        proposal: proposal.id,
        reasonZh: `「${proposal.label}」尚未选定事项和比较的事实`,
        reason: 'decision or fact not chosen',
      });
      continue;
    }
    const ready = confirmed.filter((tier) => {
      const problem = tierProblem(proposal, tier);
      if (problem) heldBack.push(problem);
      return !problem;
    });
    if (ready.length === 0) continue;
    const file =
      proposal.accepted?.file ??
      Object.entries(bundle.rules).find(([, f]) => f.decision === proposal.decision)?.[0] ??
      `rules/${kebab(proposal.decision)}.json`;
    const rulesFile: RulesFile = (bundle.rules[file] ??= { decision: proposal.decision, groups: {}, rules: [] });
    rulesFile.groups ??= {};
    let group = proposal.accepted?.group;
    if (!group) {
      group = uniqueId(
        groupIdFor(proposal),
        new Set(Object.values(bundle.rules).flatMap((f) => Object.keys(f.groups ?? {}))),
      );
      rulesFile.groups[group] = { label: proposal.label, hitPolicy: 'unique' };
      proposal.accepted = { group, file };
    }
    const ids: string[] = [];
    for (const tier of ready) {
      const rule: RuleDefinition = {
        id: uniqueId(ruleIdFor(proposal, tier), taken),
        title: ruleTitle(proposal, {
          ...tier,
          outcomes: bindAmounts(tier.outcomes, bundle.parameters.parameters ?? []),
        }),
        group,
        citations: [proposal.source],
        note: noteOf(proposal, tier),
        conditions: conditionsOf(proposal, tier),
        outcomes: tier.outcomes,
      };
      rulesFile.rules.push(rule);
      tier.accepted = { rule: rule.id };
      ids.push(rule.id);
    }
    written.push({ proposal, group, file, rules: ids, tiers: ready });
  }

  // fixtures: regenerate every touched group's boundary cases against the pack as it now stands
  const compiled = written.length && options.source ? compileQuietly(bundle, options.source) : undefined;
  const accepted: AcceptResult['accepted'] = [];
  for (const w of written) {
    const tiers = w.proposal.tiers.filter((t) => t.accepted);
    const generated = boundaryFixtures(
      w.proposal,
      tiers,
      w.group,
      backgroundOf(compiled, w.proposal.decision!, w.group),
      bundle.parameters.parameters ?? [],
    );
    const path = w.file.replace(/^rules\//, 'fixtures/');
    const fixtures: FixturesFile = (bundle.fixtures[path] ??= { decision: w.proposal.decision!, cases: [] });
    const ids = new Set(generated.cases.map((c) => c.id));
    fixtures.cases = [...fixtures.cases.filter((c) => !ids.has(c.id)), ...generated.cases];
    accepted.push({
      proposal: w.proposal.id,
      group: w.group,
      file: w.file,
      rules: w.rules,
      fixtures: generated.cases.map((c: FixtureCase) => c.id),
      ...(generated.skippedZh ? { fixturesSkippedZh: generated.skippedZh } : {}),
    });
  }
  const remaining: ProposalSet = { ...set, proposals: set.proposals.filter((p) => p.tiers.some(isOpen)) };
  return { bundle, remaining, accepted, heldBack };
}

/** Every tier of every proposal confirmed (the CLI's --confirm-all); rejected ones stay rejected. */
export function confirmAll(set: ProposalSet): ProposalSet {
  return {
    ...set,
    proposals: set.proposals.map((p) => ({
      ...p,
      tiers: p.tiers.map((t) => (t.status === 'proposed' ? { ...t, status: 'confirmed' as const } : t)),
    })),
  };
}
