import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { draftFromDocument, type DraftResult } from '../../engine/drafting/index.js';
import { draftFromCommand } from '../../engine/cli/commands/draft-from.js';
import { buildPack, bundleSource, folderSource, readPackFolder } from '../../engine/index.js';
import { SEEDS, seed } from './helpers.js';

let draft: DraftResult;
beforeAll(async () => {
  draft = await draftFromDocument(
    { text: seed('002_6f04f3293e826726.txt'), name: '某县某镇机关干部管理制度.txt' },
    { township: '某县某镇', extends: 'base', packId: 'county-township-draft' },
  );
});

const base = () => folderSource().get('base')!;

describe('the 002 leave ladder (LV-002-A)', () => {
  it('is found as one ladder of four tiers', () => {
    const ladder = draft.ladders.find((l) => l.tiers.some((t) => t.text === '2天以上5天以内'))!;
    expect(ladder.tiers.map((t) => t.text)).toEqual(['1天', '2天以上5天以内', '5天以上30天以内', '30天以上']);
    expect(ladder.subject).toBe('干部请假');
  });

  it('overlaps at exactly 5 and exactly 30 days, has a gap between 1 and 2 and nothing under 1, in Chinese', () => {
    const ladder = draft.ladders.find((l) => l.tiers.some((t) => t.text === '2天以上5天以内'))!;
    const overlaps = ladder.findings.filter((f) => f.kind === 'overlap');
    expect(overlaps.map((f) => f.where)).toEqual([
      [{ lo: 5, hi: 5, loOpen: false, hiOpen: false }],
      [{ lo: 30, hi: 30, loOpen: false, hiOpen: false }],
    ]);
    expect(overlaps[0].messageZh).toBe(
      '「2天以上5天以内」与「5天以上30天以内」重叠：恰好 5天时两档都适用，须确定归哪一档',
    );
    expect(overlaps[1].messageZh).toBe('「5天以上30天以内」与「30天以上」重叠：恰好 30天时两档都适用，须确定归哪一档');
    const gap = ladder.findings.find((f) => f.kind === 'gap')!;
    expect(gap.where).toEqual([{ lo: 1, hi: 2, loOpen: true, hiOpen: true }]);
    expect(gap.messageZh).toBe('「1天」与「2天以上5天以内」之间有空档：1天到2天之间（均不含）（如 1.5天）没有规定');
    expect(ladder.findings.find((f) => f.kind === 'below')!.messageZh).toContain('不满 1天');
  });

  it("the leading cadres' ladder (5天以内 / 超过5天) is separate and clean", () => {
    const lead = draft.ladders.find((l) => l.tiers.some((t) => t.text === '超过5天') && l.subject === '领导干部请假')!;
    expect(lead.tiers.map((t) => t.text)).toEqual(['5天以内', '超过5天']);
    expect(lead.findings).toEqual([]);
  });

  it('the meeting-lateness ladder: gap at 2, overlap from 5 (once, or at every count after?)', () => {
    const meet = draft.ladders.find((l) => l.unit === '次' && l.tiers.some((t) => t.text === '5次以上'))!;
    expect(meet.findings.map((f) => f.kind).sort()).toEqual(['gap', 'overlap']);
    expect(meet.findings.find((f) => f.kind === 'gap')!.messageZh).toContain('恰好 2次');
  });
});

describe('the draft from seed 002 as a pack', () => {
  it('every threshold is a parameter with unit, Chinese label, range, source clause and its reading in help', () => {
    const parameters = draft.bundle.parameters.parameters!;
    const clauses = new Set(draft.bundle.sources.clauses.map((c) => c.id));
    for (const p of parameters) {
      expect(p.unit).toBeTruthy();
      expect(p.label).toMatch(/[\u4e00-\u9fff]/);
      expect(p.min).toBeLessThanOrEqual(p.value as number);
      expect(p.max).toBeGreaterThanOrEqual(p.value as number);
      expect(clauses.has(p.source)).toBe(true);
      expect(p.help).toContain('读作');
    }
    const from2 = parameters.find((p) => p.help!.includes('「2天以上5天以内」') && p.value === 2)!;
    expect(from2.help).toContain('决定读法的词：「以上」，含本数');
    const sick = parameters.find((p) => p.help!.startsWith('原文「超过5天」') && p.label.includes('病假'))!;
    expect(sick.help).toContain('不含本数');
  });

  it('validates as a pack extending the shipped base (buildPack + bundleSource)', () => {
    const built = buildPack(
      'county-township-draft',
      bundleSource({ 'county-township-draft': draft.bundle, base: base() }),
    );
    expect(built.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(built.compiled).toBeDefined();
    expect(draft.bundle.rules).toEqual({}); // no rule was invented
  });

  it('proposes the ladders as rule groups outside the bundle; nothing is confirmed yet', () => {
    const proposals = draft.review.proposals.proposals;
    expect(proposals.filter((p) => p.kind === 'ladder').length).toBeGreaterThanOrEqual(3);
    for (const p of proposals) for (const t of p.tiers) expect(t.status).toBe('proposed');
    expect(draft.bundle.rules).toEqual({});
  });

  it('the review list names every overlap, gap, clock time and skeleton in Chinese', () => {
    const kinds = new Set(draft.review.items.map((i) => i.kind));
    expect([...kinds]).toEqual(
      expect.arrayContaining(['clockTime', 'ladderOverlap', 'ladderGap', 'ladderUncovered', 'ruleProposal']),
    );
    for (const item of draft.review.items) expect(item.messageZh).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('rules draft-from', () => {
  it('writes a pack folder the engine reads and validates; proposals stay in review/', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'draft-')), 'county-township-draft');
    const stdout = process.stdout.write;
    let printed = '';
    process.stdout.write = ((chunk: string) => {
      printed += chunk;
      return true;
    }) as typeof process.stdout.write;
    let code: number;
    try {
      code = await draftFromCommand(join(SEEDS, '002_6f04f3293e826726.txt'), {
        township: '某县某镇',
        extends: 'base',
        out,
        json: true,
      });
    } finally {
      process.stdout.write = stdout;
    }
    expect(code).toBe(0);
    const summary = JSON.parse(printed);
    expect(summary.review.items.length).toBeGreaterThan(0);
    expect(readdirSync(out).sort()).toEqual(['pack.json', 'parameters.json', 'review', 'rules', 'sources.json']);
    expect(readdirSync(join(out, 'rules'))).toEqual([]);
    expect(readdirSync(join(out, 'review'))).toContain('review.json');
    const { bundle, issues } = readPackFolder(out, summary.pack.id);
    expect(issues).toEqual([]);
    const built = buildPack(summary.pack.id, bundleSource({ [summary.pack.id]: bundle, base: base() }));
    expect(built.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const proposals = JSON.parse(readFileSync(join(out, 'review', 'proposals.json'), 'utf8'));
    expect(proposals.proposals.length).toBeGreaterThan(0);
    writeFileSync(join(out, 'x'), ''); // the folder is not empty now: a second run refuses without --force
    await expect(
      draftFromCommand(join(SEEDS, '002_6f04f3293e826726.txt'), { township: '某县某镇', out }),
    ).rejects.toThrow(/--force/);
  });
});

describe('a ladder spread over sibling items (FIN-004-SIGN)', () => {
  it('「（1）500元以下」 and 「（2）500元以上」 both claim 500', async () => {
    const result = await draftFromDocument(
      '机关财务管理制度\n四、经费报销\n2.审批权限：\n（1）500元以下的支出，由分管财务的领导、机关主任审批。\n（2）500元以上的支出，由财务分管领导、机关主任、书记三级联批方可报销。',
      { township: '测试镇', extends: 'base' },
    );
    expect(result.ladders).toHaveLength(1);
    const [ladder] = result.ladders;
    expect(ladder.article).toBe('机关财务管理制度 四.2(1)、(2)');
    expect(ladder.findings.map((f) => f.messageZh)).toEqual([
      '「500元以下」与「500元以上」重叠：恰好 500元时两档都适用，须确定归哪一档',
    ]);
  });
});

describe('rules draft-from --measure', () => {
  it('meets the targets on the five seeds: ≥ 90% of catalogued thresholds found, every reading right', async () => {
    const stdout = process.stdout.write;
    let printed = '';
    process.stdout.write = ((chunk: string) => {
      printed += chunk;
      return true;
    }) as typeof process.stdout.write;
    let code: number;
    try {
      code = await draftFromCommand(undefined, { measure: true, json: true });
    } finally {
      process.stdout.write = stdout;
    }
    const measure = JSON.parse(printed);
    expect(measure.total).toBeGreaterThanOrEqual(150);
    expect(measure.recall).toBeGreaterThanOrEqual(0.9);
    expect(measure.readingAccuracy).toBe(1);
    expect(code).toBe(0);
  });
});
