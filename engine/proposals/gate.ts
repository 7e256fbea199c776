/**
 * What a township still has to finish before its pack can be published: tiers nobody has
 * confirmed or rejected, confirmed tiers that could not become rules, and decisions whose
 * parameters were drafted but that have no rule at all. Pure; the API turns the list into a 422.
 */
import { isRuleDisable, type PackBundle } from '../model.js';
import { decisionTitle } from './guess.js';
import type { ProposalSet } from './model.js';

export type BlockerCode =
  'PROPOSALS_UNCONFIRMED' | 'PROPOSALS_NOT_ACCEPTED' | 'DECISION_WITHOUT_RULES' | 'PACK_WITHOUT_RULES';

export interface OnboardingBlocker {
  code: BlockerCode;
  /** the proposal concerned, when there is one */
  proposal?: string;
  decision?: string;
  messageZh: string;
  message: string;
}

/**
 * Without proposals (a pack whose review list is not at hand) only the bundle is checked: a pack
 * that defines parameters but has no rule at all — a draft nobody turned into rules.
 */
export function onboardingBlockers(bundle: PackBundle, proposals?: ProposalSet): OnboardingBlocker[] {
  const out: OnboardingBlocker[] = [];
  const definesParameters = (bundle.parameters.parameters ?? []).length > 0;
  const hasRules = Object.values(bundle.rules).some((f) => f.rules.some((r) => !isRuleDisable(r)));
  if (definesParameters && !hasRules) {
    out.push({
      code: 'PACK_WITHOUT_RULES',
      messageZh: `规则包定义了 ${bundle.parameters.parameters!.length} 个参数，但还没有任何规则：请先确认规则建议（从制度文件创建的阶梯）`,
      message: `the pack defines ${bundle.parameters.parameters!.length} parameters but has no rules`,
    });
  }
  const list = proposals?.proposals ?? [];
  for (const p of list) {
    const open = p.tiers.filter((t) => t.status === 'proposed' && !t.accepted);
    if (open.length) {
      out.push({
        code: 'PROPOSALS_UNCONFIRMED',
        proposal: p.id,
        ...(p.decision ? { decision: p.decision } : {}),
        messageZh: `「${p.label}」（${p.article}）还有 ${open.length} 档待确认：${open.map((t) => `「${t.text}」`).join('')}`,
        message: `${open.length} tier(s) of proposal ${p.id} (${p.article}) are not confirmed or rejected`,
      });
    }
    const held = p.tiers.filter((t) => t.status === 'confirmed' && !t.accepted);
    if (held.length) {
      out.push({
        code: 'PROPOSALS_NOT_ACCEPTED',
        proposal: p.id,
        ...(p.decision ? { decision: p.decision } : {}),
        messageZh: `「${p.label}」已确认 ${held.length} 档但尚未写入规则（结果未填或边界未决定）`,
        message: `${held.length} confirmed tier(s) of proposal ${p.id} have not become rules`,
      });
    }
  }
  const parameters = new Set((bundle.parameters.parameters ?? []).map((p) => p.id));
  const ruled = new Set(
    Object.values(bundle.rules)
      .filter((f) => f.rules.some((r) => !isRuleDisable(r)))
      .map((f) => f.decision),
  );
  const withParameters = new Set<string>();
  for (const p of list) {
    if (!p.decision || p.tiers.every((t) => t.status === 'rejected')) continue;
    if (p.tiers.some((t) => [t.lower?.param, t.upper?.param].some((id) => id && parameters.has(id))))
      withParameters.add(p.decision);
  }
  for (const decision of withParameters) {
    if (ruled.has(decision)) continue;
    out.push({
      code: 'DECISION_WITHOUT_RULES',
      decision,
      messageZh: `事项「${decisionTitle(decision)}」已有参数，但没有任何规则：请确认该事项的阶梯`,
      message: `decision ${decision} has parameters but no rules`,
    });
  }
  return out;
}
