/**
 * A role word the clause names but the shared vocabulary lacks (站所负责人, 乡长) becomes the
 * township's own word and an approval step of the tier, in the order the clause names the
 * roles. Pure.
 */
import { vocabularyLabel, type Outcome, type PackBundle, type PackWord } from '../../../engine/index.js';
import type { ProposedTier } from '../../../engine/proposals/index.js';

/** The pack's word for `label`, added when missing: mapped to a shared role, or a pack-local role. */
export function ensureRoleWord(bundle: PackBundle, label: string, mapsTo?: string, labelEn?: string): PackWord {
  const vocabulary = (bundle.pack.vocabulary ??= {});
  const words = (vocabulary.role ??= []);
  const found = words.find((w) => w.label === label);
  if (found) {
    if (mapsTo) found.mapsTo = mapsTo;
    else delete found.mapsTo;
    if (labelEn) found.labelEn = labelEn;
    return found;
  }
  const taken = new Set(words.map((w) => w.code));
  let n = 1;
  while (taken.has(`ownRole${n}`)) n++;
  const word: PackWord = {
    code: `ownRole${n}`,
    label,
    ...(mapsTo ? { mapsTo } : {}),
    ...(labelEn ? { labelEn } : {}),
    note: '由制度文件中的用词添加',
  };
  words.push(word);
  return word;
}

/** 批准/审批/审定 approve, 审核 review, 签署意见/签字 sign, 备案 file; approve when the words say nothing. */
export function approvalActionOf(text: string): string {
  if (/审核/.test(text)) return 'review';
  if (/签署|签字|签批意见/.test(text)) return 'sign';
  if (/备案/.test(text)) return 'file';
  return 'approve';
}

const labelOf = (code: string, words: PackWord[]) =>
  words.find((w) => w.code === code)?.label ?? vocabularyLabel('role', code, 'zh');

/**
 * The tier's outcomes with an approval step by `word` added where the clause names it; existing
 * approval steps are renumbered by where their roles first appear in the clause. The role word
 * leaves the tier's unmapped words.
 */
export function withRoleStep(tier: ProposedTier, word: PackWord, words: PackWord[]): ProposedTier {
  const text = tier.consequence ?? tier.unmapped.map((u) => u.text).join('，');
  const unmappedText =
    tier.unmapped.find((u) => u.roleWords?.includes(word.label) || u.text.includes(word.label))?.text ?? '';
  const position = (o: Outcome & { type: 'approval' }) => {
    const at = Math.min(
      ...o.roles.map((r) => text.indexOf(labelOf(r, words))).map((i) => (i < 0 ? Number.MAX_SAFE_INTEGER : i)),
    );
    return at;
  };
  const others = tier.outcomes.filter((o) => o.type !== 'approval' || !o.roles.includes(word.code));
  const approvals = others.filter((o): o is Outcome & { type: 'approval' } => o.type === 'approval');
  // the step text: the clause from the word to the next comma
  const from = text.indexOf(word.label);
  const phrase = from >= 0 ? text.slice(from).split(/[，,；;。]/)[0] : unmappedText;
  const added = {
    type: 'approval',
    step: 0,
    roles: [word.code],
    action: approvalActionOf(phrase || unmappedText),
  } as Outcome & { type: 'approval' };
  const ordered = [...approvals, added]
    .sort((a, b) => position(a) - position(b))
    .map((o, i) => ({ ...o, step: i + 1 }));
  const rest = others.filter((o) => o.type !== 'approval');
  // an entry that only held role words is settled once none is left; other words stay for a person
  const unmapped = tier.unmapped.flatMap((u) => {
    if (!u.roleWords) return [u];
    const left = u.roleWords.filter((r) => r !== word.label && !r.endsWith(word.label));
    return left.length ? [{ ...u, roleWords: left }] : [];
  });
  return { ...tier, outcomes: [...ordered, ...rest], unmapped };
}
