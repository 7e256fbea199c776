/**
 * The held-out township texts (songgang-attendance-leave, liuxi-expense-incident), taken with the
 * least effort the review screen allows (bench/onboarding-coverage.ts): the pack that results must
 * build over the shipped base, and every boundary fixture the tool generated must pass.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { acceptEverything } from '../../bench/onboarding-coverage.js';
import { draftFromDocument } from '../../engine/drafting/index.js';
import { acceptProposals } from '../../engine/proposals/index.js';
import { check, shipped } from '../proposals/helpers.js';

const TEXTS = fileURLToPath(new URL('./texts', import.meta.url));

describe.each(['songgang-attendance-leave.txt', 'liuxi-expense-incident.txt'])('%s accepted', (file) => {
  it('builds, and its generated boundary fixtures pass', async () => {
    const draft = await draftFromDocument({ text: readFileSync(`${TEXTS}/${file}`, 'utf8'), name: file }, { township: '测试乡', extends: 'base', packId: 'heldout' });
    const bundle = structuredClone(draft.bundle);
    const accepted = acceptProposals(bundle, acceptEverything(draft.review.proposals, bundle), { source: shipped() });
    const { report, errors } = await check(accepted.bundle);
    expect(errors).toEqual([]);
    expect(accepted.accepted.length).toBeGreaterThan(10);
    expect(report!.results.length).toBeGreaterThan(30);
    expect(report!.results.filter((r) => !r.passed).map((r) => r.id)).toEqual([]);
  });
});
