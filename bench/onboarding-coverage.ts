/**
 * How much of a township's own regulation a director turns into tested rules with the least
 * effort the review screen allows: every proposal accepted, each overlap and gap settled with its
 * first offered choice, every role word the shared vocabulary lacks added as the township's own
 * word (the role-word edit of the API). Measured on the texts of tests/drafting/texts against
 * their hand-written thresholds: the share that ends as a confirmed rule whose boundary fixture
 * sits on the threshold — or, for an amount the outcome gives (「可休十天」「扣减绩效20元」), a
 * confirmed rule whose outcome takes it from its parameter and a fixture expecting that amount —
 * and what was held back with the reason.
 *
 *   npx tsx bench/onboarding-coverage.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ensureRoleWord, withRoleStep } from '../api/features/onboarding/role-words.js';
import { draftFromDocument } from '../engine/drafting/index.js';
import type { CatalogueEntry } from '../engine/drafting/measure.js';
import { folderSource } from '../engine/index.js';
import {
  acceptProposals,
  confirmAll,
  readProposals,
  resolveIssue,
  type AcceptResult,
  type ProposalSet,
  type RuleProposal,
} from '../engine/proposals/index.js';
import { fixtureIdFor } from '../engine/proposals/naming.js';

const TEXTS = fileURLToPath(new URL('../tests/drafting/texts', import.meta.url));

/** Units the ground truth writes in another scale than the proposals' parameters. */
const SCALE: Record<string, [string, number]> = { 周: ['天', 7], 小时: ['分钟', 60] };

export interface TextCoverage {
  text: string;
  thresholds: number;
  covered: number;
  share: number;
  /** thresholds that did not become a tested rule, with why */
  missed: { place: string; quote: string; why: string }[];
  heldBack: AcceptResult['heldBack'];
}

/** The director's clicks: confirm all, first choice for every issue, every unknown role word added. */
export function acceptEverything(set: ProposalSet, bundle: Parameters<typeof ensureRoleWord>[0]): ProposalSet {
  const settled = confirmAll(set).proposals.map((p) => {
    let next = p;
    for (let guard = 0; next.issues.length && guard < 20; guard++)
      next = resolveIssue(next, next.issues[0].id, next.issues[0].options[0].choice);
    const tiers = next.tiers.map((tier) => {
      let t = tier;
      for (const label of tier.unmapped.flatMap((u) => u.roleWords ?? [])) {
        t = withRoleStep(t, ensureRoleWord(bundle, label), bundle.pack.vocabulary?.role ?? []);
      }
      return t;
    });
    return { ...next, tiers };
  });
  return readProposals({ ...set, proposals: settled });
}

const spansOf = (text: string, quote: string) => {
  const out: [number, number][] = [];
  for (let at = text.indexOf(quote); at >= 0; at = text.indexOf(quote, at + 1)) out.push([at, at + quote.length]);
  return out;
};

export async function measureText(file: string, source = folderSource()): Promise<TextCoverage> {
  const truth = JSON.parse(readFileSync(`${TEXTS}/${file.replace(/\.txt$/, '.thresholds.json')}`, 'utf8')) as {
    clauses: CatalogueEntry[];
  };
  const draft = await draftFromDocument(
    { text: readFileSync(`${TEXTS}/${file}`, 'utf8'), name: file },
    { township: '测试乡', extends: 'base', packId: 'coverage' },
  );
  const bundle = structuredClone(draft.bundle);
  const set = acceptEverything(draft.review.proposals, bundle);
  const result = acceptProposals(bundle, set, { source });
  const accepted = new Map(result.accepted.map((a) => [a.proposal, a]));
  const held = (p: RuleProposal, tier: string) =>
    result.heldBack.find((h) => h.proposal === p.id && (!h.tier || h.tier === tier));

  const draftUnit = new Map((draft.bundle.parameters.parameters ?? []).map((p) => [p.id, p.unit]));
  const parameterValue = new Map((result.bundle.parameters.parameters ?? []).map((p) => [p.id, p]));
  const cases = new Map(
    Object.values(result.bundle.fixtures).flatMap((f) =>
      f.cases.flatMap((c) => ('expect' in c ? [[c.id, c] as const] : [])),
    ),
  );
  /** an amount in an accepted tier's outcome, from its parameter, that a generated fixture expects */
  const givenAsOutcome = (t: CatalogueEntry['thresholds'][number]) =>
    set.proposals.some((p) => {
      const a = accepted.get(p.id);
      return (
        a &&
        p.tiers.some(
          (tier) =>
            tier.consequence?.includes(t.quote) &&
            !held(p, tier.id) &&
            tier.outcomes.some((o) =>
              Object.entries(o).some(([field, v]) => {
                const param = v && typeof v === 'object' && 'param' in v ? parameterValue.get(v.param) : undefined;
                if (!param || param.unit !== t.unit || param.value !== t.value) return false;
                return a.fixtures.some((id) =>
                  cases
                    .get(id)
                    ?.expect.outcomes?.some((e: Record<string, unknown>) => e.type === o.type && e[field] === t.value),
                );
              }),
            ),
        )
      );
    });
  const missed: TextCoverage['missed'] = [];
  let thresholds = 0;
  let covered = 0;
  for (const entry of truth.clauses) {
    for (const t of entry.thresholds) {
      thresholds++;
      const [unit, factor] = SCALE[t.unit] ?? [t.unit, 1];
      const value = t.value * factor;
      // the tiers whose words hold the quote and whose bound is the threshold, in the group's unit
      // or — a tier whose two ends were written in two units (「超过半天、不满3个工作日」) — in its parameter's
      const unitOfBound = (p: RuleProposal, b: NonNullable<RuleProposal['tiers'][number]['lower']>) =>
        (b.param ? draftUnit.get(b.param) : undefined) ?? p.unit;
      const tiers = set.proposals.flatMap((p) =>
        p.tiers
          .filter((tier) => spansOf(p.clauseText, t.quote).some(([s, e]) => tier.span.start < e && tier.span.end > s))
          .flatMap((tier) =>
            [tier.lower, tier.upper].flatMap((b) => {
              if (!b) return [];
              const u = [p.unit, unitOfBound(p, b)].find((x) => x === unit || x === t.unit);
              const boundValue = u === unit ? value : t.value;
              return u && Math.abs(b.value - boundValue) < 1e-9 ? [{ p, tier, boundValue }] : [];
            }),
          ),
      );
      const done = tiers.find(({ p, tier, boundValue }) => {
        const a = accepted.get(p.id);
        return a && !held(p, tier.id) && a.fixtures.includes(fixtureIdFor(p.decision!, a.group, boundValue));
      });
      if (done || givenAsOutcome(t)) {
        covered++;
        continue;
      }
      const first = tiers[0];
      const why = !first
        ? 'no proposed tier holds this threshold'
        : (held(first.p, first.tier.id)?.reasonZh ??
          (accepted.has(first.p.id) ? 'no boundary fixture at the threshold' : 'not accepted'));
      missed.push({ place: entry.place, quote: t.quote, why });
    }
  }
  return {
    text: file,
    thresholds,
    covered,
    share: thresholds ? covered / thresholds : 1,
    missed,
    heldBack: result.heldBack,
  };
}

export async function measureAll(): Promise<TextCoverage[]> {
  const source = folderSource();
  const files = readdirSync(TEXTS)
    .filter((f) => f.endsWith('.txt'))
    .sort();
  const out: TextCoverage[] = [];
  for (const file of files) out.push(await measureText(file, source));
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const rows = await measureAll();
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  console.log('text | thresholds | confirmed rules with boundary fixtures | share');
  for (const r of rows)
    console.log(
      `${r.text} | ${r.thresholds} | ${r.covered} | ${pct(r.share)}${r.share >= 0.9 ? '' : '  (target 90%)'}`,
    );
  for (const r of rows) {
    for (const m of r.missed) console.log(`  ${r.text} ${m.place} 「${m.quote}」: ${m.why}`);
    for (const h of r.heldBack)
      console.log(`  ${r.text} held back ${h.proposal}${h.tier ? `/${h.tier}` : ''}: ${h.reasonZh}`);
  }
  const all = rows.reduce((a, r) => ({ t: a.t + r.thresholds, c: a.c + r.covered }), { t: 0, c: 0 });
  console.log(`all | ${all.t} | ${all.c} | ${pct(all.c / all.t)}`);
}
