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
import { quantitiesOf } from './helpers.js';

const TEXTS = fileURLToPath(new URL('./texts', import.meta.url));

describe.each(['songgang-attendance-leave.txt', 'liuxi-expense-incident.txt'])('%s accepted', (file) => {
  it('builds, and its generated boundary fixtures pass', async () => {
    const draft = await draftFromDocument(
      { text: readFileSync(`${TEXTS}/${file}`, 'utf8'), name: file },
      { township: '测试乡', extends: 'base', packId: 'heldout' },
    );
    const bundle = structuredClone(draft.bundle);
    const accepted = acceptProposals(bundle, acceptEverything(draft.review.proposals, bundle), { source: shipped() });
    const { report, errors } = await check(accepted.bundle);
    expect(errors).toEqual([]);
    expect(accepted.accepted.length).toBeGreaterThan(10);
    expect(report!.results.length).toBeGreaterThan(30);
    expect(report!.results.filter((r) => !r.passed).map((r) => r.id)).toEqual([]);
  });
});

describe('numbers of the held-out texts that must not become parameters', () => {
  const NOT_THRESHOLDS: Record<string, string[]> = {
    'songgang-attendance-leave.txt': [
      '〔2026〕12号',
      '11月1日至次年2月28日',
      '记迟到一次',
      '记早退一次',
      '县级以上',
      '第十七条',
      '2027年4月1日',
      '2019年3月',
    ],
    // 「全天24小时值班」 stays a quantity: the seed catalogue counts 「每日24小时值班」 as a threshold
    'liuxi-expense-incident.txt': ['第二十三条', '试行期一年', '0736-7654321', '二〇二七年六月一日'],
  };
  it.each(Object.entries(NOT_THRESHOLDS))(
    '%s: dates, article and document numbers, outcome counts, the trial period',
    async (file, quotes) => {
      const text = readFileSync(`${TEXTS}/${file}`, 'utf8');
      const found = await quantitiesOf(text);
      const clauses = found.map((q) => q.text);
      for (const quote of quotes) expect(text).toContain(quote);
      expect(clauses.filter((t) => quotes.some((quote) => quote.includes(t) || t.includes(quote)))).toEqual([]);
      expect(found.filter((q) => /^\d{4}$/.test(String(q.value)) && q.unit === '年')).toEqual([]);
    },
  );
});
