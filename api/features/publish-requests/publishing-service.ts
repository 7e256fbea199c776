/**
 * Publishing a draft: run the checks, then either write the version at once (the pack
 * needs no approval, or an admin states why it goes out without) or freeze a publish request that
 * approvers of the township approve or reject. On the last approval the frozen bundle becomes the
 * version in the same transaction, so what was approved is exactly what goes out. An edit of the
 * draft withdraws the open request (`withdrawOnEdit`, called inside the edit's transaction).
 */
import type { Knex } from 'knex';
import { nowIso, type Db } from '../../db/knex.js';
import {
  ApiError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PublishBlockedError,
  StaleRevisionError,
  ValidationError,
} from '../../errors.js';
import type { ListParams } from '../../http/list.js';
import type { AuditService } from '../audit/audit-service.js';
import { authorizePack, readablePacks } from '../auth/access.js';
import { isAdmin, type Identity } from '../auth/identity.js';
import type { DraftsService } from '../drafts/drafts-service.js';
import type { PackBuilder } from '../evaluation/pack-builder.js';
import type { PackCatalog } from '../packs/pack-catalog.js';
import type { PacksStore } from '../packs/packs-store.js';
import type { UsersStore } from '../users/users-store.js';
import { parseBasis, parseBypass, parseEffectiveFrom } from '../versions/adoption-input.js';
import { placeOnTimeline } from '../../../engine/timeline/index.js';
import type { VersionsService } from '../versions/versions-service.js';
import { basisOf, type VersionsStore } from '../versions/versions-store.js';
import type { PublishRequestsStore, RequestRow, ReviewRow } from './publish-requests-store.js';
import type { ProposalSet } from '../../../engine/proposals/index.js';

/** Why a request was withdrawn, in the words the UI shows. */
export const WITHDRAW_REASONS = {
  draftEdited: '草稿在申请后被修改，原申请自动撤回 / the draft was edited after the request',
  publishedDirectly: '草稿已由管理员直接发布 / the draft was published without approval by an admin',
} as const;

export class PublishingService {
  /** the pack's open review list of rule proposals (set by createServices); the publish gate reads it */
  proposalsOf?: (packId: string) => Promise<ProposalSet | undefined>;

  constructor(
    private readonly db: Db,
    private readonly requests: PublishRequestsStore,
    private readonly versions: VersionsService,
    private readonly versionsStore: VersionsStore,
    private readonly drafts: DraftsService,
    private readonly builder: PackBuilder,
    private readonly catalog: PackCatalog,
    private readonly users: UsersStore,
    private readonly packs: PacksStore,
    private readonly audit: AuditService,
  ) {}

  /**
   * POST /packs/:id/publish. Returns `{status: 'requested', request}` (202) when the governing
   * settings ask for approval, else the written version (201).
   */
  async publish(
    identity: Identity,
    packId: string,
    body: { revision?: number; effectiveFrom?: unknown; basis?: unknown; bypassApproval?: unknown },
  ) {
    const now = nowIso();
    const loaded = await this.drafts.load(identity, packId, 'publish');
    const { row, snapshot } = loaded;
    if (body.revision !== undefined && body.revision !== row.revision)
      throw new StaleRevisionError(body.revision, row.revision);
    const effectiveFrom = parseEffectiveFrom(body.effectiveFrom, now);
    const basis = parseBasis(body.basis);
    const bypassReason = parseBypass(body.bypassApproval);
    if (bypassReason !== undefined && !isAdmin(identity))
      throw new ForbiddenError('Only an admin may publish without approval', '只有管理员可以不经审批直接发布');
    const settings = await this.versions.governingSettings(packId, loaded.bundle);
    if (settings.basisRequired && !basis) {
      throw new ValidationError([
        {
          path: '/basis/text',
          message: 'this pack requires a basis (document number or meeting minutes)',
          messageZh: '本规则包发布须注明依据（文号或会议纪要）',
        },
      ]);
    }
    await this.refuseRepublish(packId, row.revision);
    const needsApproval = settings.approvalRequired && bypassReason === undefined;
    if (needsApproval) {
      const open = await this.requests.open(packId);
      if (open) throw requestOpen(open);
    }

    const chain = await this.builder.draftChain(snapshot, packId, loaded.bundle);
    const built = await this.builder.buildWith(packId, loaded.bundle, chain, 'draft');
    const { checks, ok, details } = await this.versions.check(
      built,
      built.compiled && this.versions.fixturePacks(packId, built.compiled, effectiveFrom ?? now),
      { bundle: loaded.bundle, proposals: await this.proposalsOf?.(packId) },
    );
    if (!ok) {
      const failed = checks.find((c) => !c.ok)!;
      // what is left to finish is the reason itself: say it in the message
      const reasons = failed.check === 'onboarding' ? (details.errors as { message: string; messageZh: string }[]) : [];
      throw new PublishBlockedError(
        `Publishing ${packId} was blocked by ${failed.check}${reasons.length ? `: ${reasons.map((r) => r.message).join('; ')}` : ''}`,
        reasons.length
          ? `规则包 ${packId} 未能发布（${failed.label.split(' / ')[0]}：未通过），尚待完成：${reasons.map((r) => r.messageZh).join('；')}`
          : `规则包 ${packId} 未能发布：${failed.label.split(' / ')[0]}未通过`,
        { checks, ...details },
      );
    }
    const inForce = await snapshot.inForce(packId);
    const whatIf = await this.versions.publishPreview?.(identity, packId, built.compiled!, inForce).catch((error) => ({
      error: { code: error?.code ?? 'WHAT_IF_FAILED', message: String(error?.message ?? error) },
    }));
    const affectedPacks = await this.versions.packsBrokenBy(packId, loaded.bundle, snapshot.packs);
    const extras = {
      checks,
      chainVersions: chain,
      warnings: details.warnings ?? [],
      lint: details.lint ?? [],
      affectedPacks,
      whatIf,
    };

    if (needsApproval) {
      // against the version in force, or the newest scheduled one while nothing is in force yet
      const compareWith = inForce ?? (await this.versionsStore.latestNumber(packId));
      const diff = compareWith ? await this.versions.diff(identity, packId, String(compareWith), 'draft') : null;
      const id = await this.db.transaction(async (trx) => {
        const current = await this.packs.get(packId, trx);
        if (current && current.revision !== row.revision) throw new StaleRevisionError(row.revision, current.revision);
        if (await this.requests.open(packId, trx)) throw requestOpen((await this.requests.open(packId, trx))!);
        const requestId = await this.requests.insert(trx, {
          packId,
          townshipId: loaded.meta.townshipId,
          draftRevision: row.revision,
          bundle: loaded.bundle,
          chain,
          effectiveFrom: effectiveFrom ?? null,
          basis,
          approvalsNeeded: settings.approvers,
          requestedBy: identity.username,
          requestedById: identity.userId ?? null,
          frozen: { diff, checks, lint: details.lint ?? [], whatIf: whatIf ?? null },
        });
        await this.audit.record(
          identity,
          {
            action: 'publishRequest.create',
            resource: 'publish-requests',
            recordId: String(requestId),
            packId,
            townshipId: loaded.meta.townshipId,
            before: null,
            after: {
              id: requestId,
              draftRevision: row.revision,
              effectiveFrom: effectiveFrom ?? null,
              basis,
              approvalsNeeded: settings.approvers,
            },
          },
          trx,
        );
        return requestId;
      });
      return { status: 'requested' as const, request: await this.get(identity, id), ...extras };
    }

    const written = await this.db.transaction(async (trx) => {
      const withdrawn = await this.requests.withdrawOpen(trx, packId, WITHDRAW_REASONS.publishedDirectly);
      for (const requestId of withdrawn)
        await this.auditWithdrawal(
          trx,
          identity,
          packId,
          loaded.meta.townshipId,
          requestId,
          WITHDRAW_REASONS.publishedDirectly,
        );
      return this.versions.writeVersionIn(trx, identity, packId, loaded.meta.townshipId, {
        bundle: loaded.bundle,
        chain,
        origin: 'publish',
        draftRevision: row.revision,
        checks,
        basis,
        effectiveFrom,
        bypassReason,
      });
    });
    this.catalog.invalidate();
    return {
      status: 'published' as const,
      packId,
      ...written,
      ...extras,
      timeline: (await this.versions.timeline(identity, packId)).timeline,
    };
  }

  /** Approve: an approver of the pack's township, not the requester, once. The last approval publishes. */
  async approve(identity: Identity, id: number, body: { comment?: unknown }) {
    const request = await this.openForReview(identity, id);
    const comment = typeof body.comment === 'string' && body.comment.trim() ? body.comment.trim() : null;
    await this.db.transaction(async (trx) => {
      await this.review(trx, identity, request, 'approve', comment);
      const approvals = (await this.requests.reviews([id], trx)).get(id)?.filter((r) => r.decision === 'approve') ?? [];
      if (approvals.length < request.approvals_needed) return;
      const written = await this.versions.writeVersionIn(trx, identity, request.pack_id, request.township_id, {
        bundle: this.requests.bundleOf(request),
        chain: this.requests.chainOf(request),
        origin: 'publish',
        draftRevision: request.draft_revision,
        checks: this.requests.frozenOf(request).checks as never,
        basis: basisOf(request.basis, request.basis_date),
        effectiveFrom: request.effective_from ?? undefined,
        requestId: id,
        approvedBy: approvals.map((a) => a.username),
        publishedBy: request.requested_by,
      });
      // someone else closed it meanwhile (another approver, a withdrawal): the version rolls back with it
      if (!(await this.requests.close(trx, id, 'approved', { version: written.version }))) throw requestClosed(id);
    });
    this.catalog.invalidate();
    return this.get(identity, id);
  }

  async reject(identity: Identity, id: number, body: { comment?: unknown }) {
    const request = await this.openForReview(identity, id);
    const comment = typeof body.comment === 'string' ? body.comment.trim() : '';
    if (!comment)
      throw new ValidationError([
        { path: '/comment', message: 'say why the request is rejected', messageZh: '驳回须填写意见' },
      ]);
    await this.db.transaction(async (trx) => {
      await this.review(trx, identity, request, 'reject', comment);
      if (!(await this.requests.close(trx, id, 'rejected'))) throw requestClosed(id);
    });
    return this.get(identity, id);
  }

  /** The requester, a director of the township or an admin takes a request back. */
  async withdraw(identity: Identity, id: number, body: { reason?: unknown }) {
    const request = await this.requireVisible(identity, id);
    const snapshot = await this.catalog.snapshot();
    if (request.requested_by !== identity.username) authorizePack(identity, snapshot, request.pack_id, 'publish');
    const reason =
      typeof body.reason === 'string' && body.reason.trim()
        ? body.reason.trim()
        : `由 ${identity.username} 撤回 / withdrawn by ${identity.username}`;
    await this.db.transaction(async (trx) => {
      if (!(await this.requests.close(trx, id, 'withdrawn', { withdrawReason: reason }))) throw requestClosed(id);
      await this.auditWithdrawal(trx, identity, request.pack_id, request.township_id, id, reason);
    });
    return this.get(identity, id);
  }

  /** Called inside every draft edit's transaction: the draft an open request froze has moved on. */
  async withdrawOnEdit(trx: Knex.Transaction, identity: Identity, packId: string, townshipId: string): Promise<void> {
    for (const id of await this.requests.withdrawOpen(trx, packId, WITHDRAW_REASONS.draftEdited)) {
      await this.auditWithdrawal(trx, identity, packId, townshipId, id, WITHDRAW_REASONS.draftEdited);
    }
  }

  /** One request with its frozen review material and the caller's right to approve it. */
  async get(identity: Identity, id: number) {
    const row = await this.requireVisible(identity, id);
    const [record] = await this.records(identity, [row]);
    const frozen = this.requests.frozenOf(row);
    return { ...record, diff: frozen.diff, checks: frozen.checks, lint: frozen.lint, whatIf: frozen.whatIf };
  }

  async list(identity: Identity, params: ListParams) {
    const snapshot = await this.catalog.snapshot();
    const filter = { ...params.filter };
    const awaitingMe = filter.awaitingMe === true || filter.awaitingMe === 'true';
    delete filter.awaitingMe;
    if (typeof filter.packId === 'string' && snapshot.packs.has(filter.packId))
      authorizePack(identity, snapshot, filter.packId, 'read');
    const { rows, total } = await this.requests.list(
      { ...params, filter },
      readablePacks(identity, snapshot),
      awaitingMe ? { username: identity.username, townshipId: identity.townshipId } : undefined,
    );
    return { rows: await this.records(identity, rows), total };
  }

  // ---- helpers -----------------------------------------------------------------------------------

  /** The draft at this revision already went out as the newest version (a double click, two tabs). */
  private async refuseRepublish(packId: string, revision: number): Promise<void> {
    const latest = await this.versionsStore.latestNumber(packId);
    const head = latest > 0 ? await this.versionsStore.get(packId, latest) : undefined;
    if (head?.origin === 'publish' && head.draft_revision === revision) {
      throw new ConflictError(
        'ALREADY_PUBLISHED',
        `This draft (revision ${revision}) is already version ${latest}`,
        `该草稿（修订 ${revision}）已发布为第 ${latest} 版`,
        { version: latest },
      );
    }
  }

  private async records(identity: Identity, rows: RequestRow[]) {
    const reviews = await this.requests.reviews(rows.map((r) => Number(r.id)));
    const timelines = await this.versionsStore.timelines([
      ...new Set(rows.filter((r) => r.version !== null).map((r) => r.pack_id)),
    ]);
    const now = nowIso();
    const approver = identity.userId !== undefined ? await this.users.get(identity.userId) : undefined;
    return rows.map((r) => {
      const list = reviews.get(Number(r.id)) ?? [];
      const place =
        r.version !== null ? placeOnTimeline(timelines.get(r.pack_id) ?? [], now).get(Number(r.version)) : undefined;
      return {
        id: Number(r.id),
        packId: r.pack_id,
        townshipId: r.township_id,
        status: r.status,
        stage: place?.state ?? r.status,
        draftRevision: r.draft_revision,
        effectiveFrom: r.effective_from,
        basis: basisOf(r.basis, r.basis_date),
        requestedBy: r.requested_by,
        requestedAt: r.requested_at,
        approvalsNeeded: r.approvals_needed,
        approvals: list.filter((x) => x.decision === 'approve').length,
        reviews: list.map((x) => ({ username: x.username, decision: x.decision, comment: x.comment, at: x.at })),
        version: r.version,
        decidedAt: r.decided_at,
        withdrawReason: r.withdraw_reason,
        canApprove:
          r.status === 'requested' &&
          !!approver &&
          Boolean(approver.can_approve) &&
          approver.township_id === r.township_id &&
          r.requested_by !== identity.username &&
          !list.some((x) => x.username === identity.username),
      };
    });
  }

  private async requireVisible(identity: Identity, id: number): Promise<RequestRow> {
    const row = Number.isInteger(id) ? await this.requests.get(id) : undefined;
    if (!row) throw new NotFoundError('publish request', id, '发布申请');
    authorizePack(identity, await this.catalog.snapshot(), row.pack_id, 'read');
    return row;
  }

  /** The request, if the caller may review it now: 404/403 by pack, 409 when closed, 403 for one's own or without the right. */
  private async openForReview(identity: Identity, id: number): Promise<RequestRow> {
    const row = await this.requireVisible(identity, id);
    if (row.status !== 'requested') throw requestClosed(id, row.status);
    if (row.requested_by === identity.username) {
      throw new ApprovalForbidden(
        'SELF_APPROVAL',
        'Nobody approves their own publish request',
        '不能审批自己提交的发布申请',
      );
    }
    const user = identity.userId !== undefined ? await this.users.get(identity.userId) : undefined;
    if (!user || !user.can_approve || user.township_id !== row.township_id) {
      throw new ApprovalForbidden(
        'NOT_APPROVER',
        "Only approvers of the pack's township review its publish requests",
        '只有本乡镇具有审批权限的人员可以审批发布申请',
      );
    }
    return row;
  }

  private async review(
    trx: Knex.Transaction,
    identity: Identity,
    request: RequestRow,
    decision: ReviewRow['decision'],
    comment: string | null,
  ) {
    const id = Number(request.id);
    const already = (await this.requests.reviews([id], trx)).get(id)?.some((r) => r.username === identity.username);
    if (already)
      throw new ConflictError(
        'ALREADY_REVIEWED',
        `You already reviewed publish request ${id}`,
        `您已审批过该发布申请（第 ${id} 号）`,
      );
    await this.requests.addReview(trx, {
      request_id: id,
      username: identity.username,
      user_id: identity.userId ?? null,
      decision,
      comment,
    });
    await this.audit.record(
      identity,
      {
        action: decision === 'approve' ? 'publishRequest.approve' : 'publishRequest.reject',
        resource: 'publish-requests',
        recordId: String(id),
        packId: request.pack_id,
        townshipId: request.township_id,
        before: { status: 'requested' },
        after: { decision, comment },
      },
      trx,
    );
  }

  private auditWithdrawal(
    trx: Knex.Transaction,
    identity: Identity,
    packId: string,
    townshipId: string,
    id: number,
    reason: string,
  ) {
    return this.audit.record(
      identity,
      {
        action: 'publishRequest.withdraw',
        resource: 'publish-requests',
        recordId: String(id),
        packId,
        townshipId,
        before: { status: 'requested' },
        after: { status: 'withdrawn', reason },
      },
      trx,
    );
  }
}

/** 403 with its own code: SELF_APPROVAL, NOT_APPROVER. */
class ApprovalForbidden extends ApiError {
  constructor(code: string, message: string, messageZh: string) {
    super(403, code, message, messageZh);
  }
}

function requestOpen(open: RequestRow): ConflictError {
  return new ConflictError(
    'REQUEST_OPEN',
    `Publish request ${open.id} for this pack is still awaiting approval`,
    `该规则包已有待审批的发布申请（第 ${open.id} 号），请等待审批或先撤回`,
    { requestId: Number(open.id) },
  );
}

function requestClosed(id: number, status?: string): ConflictError {
  return new ConflictError(
    'REQUEST_CLOSED',
    `Publish request ${id} is no longer awaiting approval${status ? ` (${status})` : ''}`,
    `该发布申请（第 ${id} 号）已不在待审批状态${status ? `（${({ approved: '已通过', rejected: '已驳回', withdrawn: '已撤回' } as Record<string, string>)[status] ?? status}）` : ''}`,
    { requestStatus: status },
  );
}
