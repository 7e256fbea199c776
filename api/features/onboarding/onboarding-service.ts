/**
 * A township onboards its own regulation: the rule proposals drafted from the document are kept
 * with the pack's draft (the review list survives leaving the page), edited one click at a time
 * (confirm, reject, settle an overlap or gap, pick outcomes, add the township's word for a role),
 * and accepted into real rules with boundary fixtures by the engine's acceptProposals. Every
 * write goes through DraftsService.mutate: access, If-Match revision (409 when stale), validation
 * of the whole draft, and an audit event, with the proposals row in the same transaction.
 */
import {
  bundleSource,
  decisions,
  factsOf,
  validateOutcome,
  validateProposals,
  type Outcome,
  type PackBundle,
  type PackSource,
} from '../../../engine/index.js';
import {
  acceptProposals,
  onboardingBlockers,
  readProposals,
  resolveIssue,
  ResolutionError,
  setDecision,
  setOutcomes,
  setTierStatus,
  type AcceptResult,
  type OnboardingBlocker,
  type ProposalSet,
  type ResolutionChoice,
  type TierStatus,
} from '../../../engine/proposals/index.js';
import { NotFoundError, ValidationError, fieldError } from '../../errors.js';
import type { Identity } from '../auth/identity.js';
import type { DraftsService } from '../drafts/drafts-service.js';
import type { CatalogSnapshot } from '../packs/pack-catalog.js';
import type { ProposalsStore } from './proposals-store.js';
import { ensureRoleWord, withRoleStep } from './role-words.js';

export interface ProposalsView {
  packId: string;
  revision: number;
  /** null: no review list (never drafted from a document, or everything settled) */
  proposals: ProposalSet | null;
  /** what still has to be finished before the pack can be published */
  blockers: OnboardingBlocker[];
}

const STATUSES: TierStatus[] = ['proposed', 'confirmed', 'rejected'];
const CHOICES: ResolutionChoice[] = ['lowerTier', 'upperTier', 'extendLower', 'extendUpper', 'outOfScope'];

function str(body: Record<string, unknown>, key: string, zh: string): string {
  const value = body[key];
  if (typeof value !== 'string' || !value.trim()) throw fieldError(`/${key}`, `${key} is required`, `请填写${zh}`);
  return value.trim();
}

/** Bounds naming a parameter the draft does not define (rejected in the wizard) keep their number only. */
function withKnownParameters(set: ProposalSet, bundle: PackBundle): ProposalSet {
  const known = new Set((bundle.parameters.parameters ?? []).map((p) => p.id));
  const bound = <T extends { param?: string } | undefined>(b: T): T => {
    if (!b?.param || known.has(b.param)) return b;
    const { param: _param, ...rest } = b;
    return rest as T;
  };
  return {
    ...set,
    proposals: set.proposals.map((p) => ({
      ...p,
      tiers: p.tiers.map((t) => ({ ...t, lower: bound(t.lower), upper: bound(t.upper) })),
    })),
  };
}

export class OnboardingService {
  constructor(
    private readonly drafts: DraftsService,
    private readonly store: ProposalsStore,
  ) {}

  /** For the publish gate: the pack's open review list, if any. */
  proposalsOf(packId: string): Promise<ProposalSet | undefined> {
    return this.store.get(packId).then((set) => set && readProposals(set));
  }

  async get(identity: Identity, packId: string): Promise<ProposalsView> {
    const { row, bundle } = await this.drafts.load(identity, packId, 'read');
    const set = await this.proposalsOf(packId);
    return { packId, revision: row.revision, proposals: set ?? null, blockers: onboardingBlockers(bundle, set) };
  }

  /** PUT: replace the review list (the wizard saves what the document gave). */
  async replace(identity: Identity, packId: string, body: unknown, expectedRevision?: number): Promise<ProposalsView> {
    const problems = validateProposals(body);
    if (problems.length) {
      throw new ValidationError(
        problems.map((e) => ({ path: e.pointer, message: e.message, messageZh: e.messageZh })),
        'Invalid rule proposals',
        '规则建议不符合格式',
      );
    }
    const set = body as ProposalSet;
    if (set.pack !== packId)
      throw fieldError(
        '/pack',
        `the proposals belong to pack ${set.pack}, not ${packId}`,
        `这些规则建议属于规则包「${set.pack}」，不是「${packId}」`,
      );
    let saved: ProposalSet = set;
    const result = await this.drafts.mutate(
      identity,
      packId,
      {
        action: 'editDraft',
        expectedRevision,
        audit: { action: 'proposals.replace', resource: 'proposals', recordId: packId },
        alsoWrite: (trx) => this.store.put(trx, packId, saved, identity.username),
      },
      (bundle) => {
        saved = readProposals(withKnownParameters(set, bundle));
        return { after: { proposals: saved.proposals.map((p) => p.id) } };
      },
    );
    return this.view(packId, result.revision, result.bundle, saved);
  }

  /** One edit of the review list; see onboarding-routes.ts for the actions. */
  async edit(
    identity: Identity,
    packId: string,
    body: Record<string, unknown>,
    expectedRevision?: number,
  ): Promise<ProposalsView> {
    const action = str(body, 'action', '操作');
    let saved: ProposalSet | undefined;
    const result = await this.drafts.mutate(
      identity,
      packId,
      {
        action: 'editDraft',
        expectedRevision,
        audit: { action: `proposals.${action}`, resource: 'proposals', recordId: packId },
        alsoWrite: (trx) => this.store.put(trx, packId, saved!, identity.username),
      },
      async (bundle) => {
        const set = await this.requireSet(packId);
        saved = this.applyEdit(set, bundle, action, body);
        const { action: _a, revision: _r, ...after } = body;
        return { after };
      },
    );
    return this.view(packId, result.revision, result.bundle, saved);
  }

  private applyEdit(set: ProposalSet, bundle: PackBundle, action: string, body: Record<string, unknown>): ProposalSet {
    const proposalId = str(body, 'proposal', '规则建议');
    const proposal = set.proposals.find((p) => p.id === proposalId);
    if (!proposal)
      throw fieldError(
        '/proposal',
        `no proposal ${proposalId} in the review list`,
        `待确认列表中没有规则建议「${proposalId}」`,
      );
    const tiers = body.tiers === undefined ? undefined : body.tiers;
    if (
      tiers !== undefined &&
      (!Array.isArray(tiers) || tiers.some((t) => typeof t !== 'string' || !proposal.tiers.some((x) => x.id === t)))
    ) {
      throw fieldError('/tiers', 'tiers must list tier ids of the proposal', '档次须为该规则建议中的档次');
    }
    const tierOf = () => {
      const id = str(body, 'tier', '档次');
      const tier = proposal.tiers.find((t) => t.id === id);
      if (!tier) throw fieldError('/tier', `no tier ${id} in ${proposalId}`, `规则建议中没有档次「${id}」`);
      return tier;
    };
    switch (action) {
      case 'status': {
        const status = body.status as TierStatus;
        if (!STATUSES.includes(status))
          throw fieldError(
            '/status',
            'status must be proposed, confirmed or rejected',
            '状态须为 待确认、已确认 或 已拒绝',
          );
        return setTierStatus(set, proposalId, status, tiers as string[] | undefined);
      }
      case 'resolve': {
        const issue = str(body, 'issue', '边界问题');
        const choice = body.choice as ResolutionChoice;
        if (!CHOICES.includes(choice))
          throw fieldError('/choice', `choice must be one of ${CHOICES.join(', ')}`, '请选择一种处理方式');
        if (!proposal.issues.some((i) => i.id === issue))
          throw fieldError('/issue', `no open issue ${issue}`, `没有待决定的边界问题「${issue}」`);
        try {
          const next = resolveIssue(proposal, issue, choice);
          return { ...set, proposals: set.proposals.map((p) => (p.id === proposalId ? next : p)) };
        } catch (error) {
          if (error instanceof ResolutionError) throw fieldError('/choice', error.message, error.messageZh);
          throw error;
        }
      }
      case 'outcomes': {
        const tier = tierOf();
        const outcomes = body.outcomes;
        if (
          !Array.isArray(outcomes) ||
          outcomes.some(
            (o) => typeof o !== 'object' || o === null || typeof (o as { type?: unknown }).type !== 'string',
          )
        ) {
          throw fieldError('/outcomes', 'outcomes must be a list of outcomes', '结果须为结果列表');
        }
        // each outcome against the shared outcome schema: a bad one is refused with its place, nothing saved
        const problems = outcomes.flatMap((o, i) =>
          validateOutcome(o).map((e) => ({
            path: `/outcomes/${i}${e.pointer}`,
            message: e.message,
            messageZh: e.messageZh,
          })),
        );
        if (problems.length) throw new ValidationError(problems, 'Invalid outcomes', '结果不符合格式');
        return setOutcomes(set, proposalId, tier.id, outcomes as Outcome[]);
      }
      case 'decision': {
        const decision = str(body, 'decision', '事项');
        const fact = str(body, 'fact', '比较的事实');
        if (!decisions.has(decision))
          throw fieldError('/decision', `unknown decision ${decision}`, `没有事项「${decision}」`);
        if (!factsOf(decision).has(fact))
          throw fieldError('/fact', `${decision} has no fact ${fact}`, `事项「${decision}」没有事实「${fact}」`);
        return setDecision(set, proposalId, decision, fact);
      }
      case 'roleWord': {
        // the township's word for a role the clause names: mapped to a shared role or its own
        const tier = tierOf();
        const label = str(body, 'label', '角色用词');
        const mapsTo = typeof body.mapsTo === 'string' && body.mapsTo ? body.mapsTo : undefined;
        const labelEn = typeof body.labelEn === 'string' && body.labelEn.trim() ? body.labelEn.trim() : undefined;
        const word = ensureRoleWord(bundle, label, mapsTo, labelEn);
        const next = withRoleStep(tier, word, bundle.pack.vocabulary?.role ?? []);
        return readProposals({
          ...set,
          proposals: set.proposals.map((p) =>
            p.id === proposalId ? { ...p, tiers: p.tiers.map((t) => (t.id === tier.id ? next : t)) } : p,
          ),
        });
      }
      default:
        throw fieldError('/action', `unknown action ${action}`, `未知操作「${action}」`);
    }
  }

  /** Confirmed tiers become rules with boundary fixtures; the rest stays in the review list. */
  async accept(
    identity: Identity,
    packId: string,
    expectedRevision?: number,
  ): Promise<ProposalsView & Pick<AcceptResult, 'accepted' | 'heldBack'>> {
    let outcome: AcceptResult | undefined;
    const result = await this.drafts.mutate(
      identity,
      packId,
      {
        action: 'editDraft',
        expectedRevision,
        audit: { action: 'proposals.accept', resource: 'proposals', recordId: packId },
        alsoWrite: (trx) => this.store.put(trx, packId, outcome!.remaining, identity.username),
      },
      async (bundle, loaded) => {
        const set = await this.requireSet(packId);
        outcome = acceptProposals(bundle, set, { source: await this.basesOf(loaded.snapshot, packId, bundle) });
        for (const key of Object.keys(bundle) as (keyof PackBundle)[]) delete bundle[key];
        Object.assign(bundle, outcome.bundle);
        return { after: { accepted: outcome.accepted, heldBack: outcome.heldBack } };
      },
    );
    const view = this.view(packId, result.revision, result.bundle, outcome!.remaining);
    return { ...view, accepted: outcome!.accepted, heldBack: outcome!.heldBack };
  }

  private view(packId: string, revision: number, bundle: PackBundle, set: ProposalSet | undefined): ProposalsView {
    const open = set && set.proposals.length ? set : undefined;
    return { packId, revision, proposals: open ?? null, blockers: onboardingBlockers(bundle, open) };
  }

  private async requireSet(packId: string): Promise<ProposalSet> {
    const set = await this.proposalsOf(packId);
    if (!set) throw new NotFoundError('proposals', packId, '待确认的规则建议');
    return set;
  }

  /** The published bases the draft builds on, for unique ids and the fixtures' expectations. */
  private async basesOf(snapshot: CatalogSnapshot, packId: string, bundle: PackBundle): Promise<PackSource> {
    const chain = await this.drafts.builder.draftChain(snapshot, packId, bundle);
    const bundles: Record<string, PackBundle> = {};
    for (const [id, version] of Object.entries(chain))
      bundles[id] = (await this.drafts.builder.requireVersion(id, version)).bundle;
    return bundleSource(bundles);
  }
}
