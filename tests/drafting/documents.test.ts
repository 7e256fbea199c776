import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import { describe, expect, it } from 'vitest';
import { draftFromDocument, DocumentUnreadableError, readDocument, splitClauses } from '../../engine/drafting/index.js';
import { EngineError, buildPack, bundleSource, folderSource } from '../../engine/index.js';
import { draftFromCommand } from '../../engine/cli/commands/draft-from.js';
import { seed } from './helpers.js';

const OPTIONS = { township: '测试镇', extends: 'base' };

describe('outline', () => {
  it('keeps every level of numbering in the article reference', async () => {
    const doc = await readDocument({
      text: [
        '机关考勤制度',
        '一、劳动纪律',
        '（一）迟到和早退。30分钟内报到者按迟到处理。',
        '二、请销假制度',
        '（二）审批权限',
        '1.审批权限',
        '（1）事假、病假。半天由部门主管签批。',
        '①病假需提供证明。',
        '第三章 值班',
        '第十条 值班人员须提前10分钟到岗。',
      ].join('\n'),
    });
    const articles = splitClauses(doc).map((c) => c.article);
    expect(articles).toContain('机关考勤制度 一(一)');
    expect(articles).toContain('机关考勤制度 二(二)1(1)');
    expect(articles).toContain('机关考勤制度 二(二)1(1)①');
    expect(articles).toContain('机关考勤制度 第三章 第十条');
  });

  it('splits articles run into one line (scraped pages) only where the numbering continues', async () => {
    const doc = await readDocument({
      text: '第一条为加强值班制定本规范。第二条按第五条规定执行。第三条1小时内口头报告。',
    });
    const clauses = splitClauses(doc);
    expect(clauses.map((c) => c.article)).toEqual(['第一条', '第二条', '第三条']);
    expect(clauses[1].original).toBe('按第五条规定执行。');
  });

  it('every clause has an id and its original text', async () => {
    const doc = await readDocument({ text: seed('002_6f04f3293e826726.txt') });
    const clauses = splitClauses(doc);
    expect(new Set(clauses.map((c) => c.id)).size).toBe(clauses.length);
    const leave = clauses.find((c) => c.article === '三.3')!;
    expect(leave.original).toContain('2天以上5天以内的');
  });
});

describe('traditional characters (seed 003)', () => {
  const excerpt = [
    '第三章值班室',
    '第十一條根據省市要求,區政府設立專用值班室,總建筑面積應不小于30平方米,嚴禁與本單位保安室混用。',
    '第十七條值班員要嚴格遵守交接班制度。接班人員應(yīng)提前10分鐘到崗,負(fù)責(zé)對待辦事項做後續(xù)辦理。',
  ].join('\n');

  it('matches on simplified text and quotes the original', async () => {
    const result = await draftFromDocument({ text: excerpt }, OPTIONS);
    expect(result.document.traditional).toBe(true);
    const area = result.quantities.find((q) => q.unit === '平方米')!;
    expect(area.lower).toEqual({ value: 30, inclusive: true, word: '不小于' });
    const early = result.quantities.find((q) => q.unit === '分钟')!;
    expect(early.text).toBe('提前10分鐘');
    const clause = result.bundle.sources.clauses.find((c) => c.text.includes('30平方米'))!;
    expect(clause.text).toContain('區政府設立專用值班室'); // original characters kept
    expect(clause.article).toContain('第十一条');
    // the pinyin glosses of the scraped page are not part of the text
    expect(result.bundle.sources.clauses.map((c) => c.text).join('')).not.toContain('(yīng)');
  });

  it('reads the whole seed 003', async () => {
    const result = await draftFromDocument({ text: seed('003_9e0032ca3b84f18f.txt'), name: '003.txt' }, OPTIONS);
    expect(result.quantities.filter((q) => q.kind === 'threshold').map((q) => q.text)).toEqual(
      expect.arrayContaining(['提前3天', '不小于30平方米', '提前10分鐘']),
    );
  });
});

describe('inputs', () => {
  it('reads a .docx file', async () => {
    const document = new Document({
      sections: [
        {
          children: [
            new Paragraph('机关请假制度'),
            new Paragraph('一、干部请假1天的，由分管领导审批；2天以上5天以内的，由镇长审批。'),
            new Paragraph('二、病假超过5天的，须提供医院证明。'),
          ],
        },
      ],
    });
    const data = await Packer.toBuffer(document);
    const result = await draftFromDocument({ data: new Uint8Array(data), name: '请假制度.docx' }, OPTIONS);
    expect(result.document.format).toBe('docx');
    expect(result.document.title).toBe('请假制度');
    expect(result.quantities.map((q) => q.text)).toEqual(['1天', '2天以上5天以内', '超过5天']);
    expect(result.clauses.map((c) => c.article)).toEqual(
      expect.arrayContaining(['机关请假制度 一', '机关请假制度 二']),
    );
  });

  it('reads markdown and plain-text bytes', async () => {
    const md = await draftFromDocument(
      { data: new TextEncoder().encode('# 考勤制度\n\n1. **迟到超过30分钟**的，按旷工半天处理。\n'), name: 'a.md' },
      OPTIONS,
    );
    expect(md.document.format).toBe('md');
    expect(md.quantities[0].lower).toMatchObject({ value: 30, inclusive: false });
    const txt = await draftFromDocument(
      { data: new TextEncoder().encode('每月累计请假不得超过4天。'), name: 'a.txt' },
      OPTIONS,
    );
    expect(txt.quantities[0].upper).toMatchObject({ value: 4, inclusive: true, word: '不得超过' });
  });

  it('a document with no numbers: no parameters, one review item, still a valid draft', async () => {
    const result = await draftFromDocument(
      '机关保密制度\n一、全体工作人员必须树立高度的保密意识。\n二、不该说的秘密，绝对不说。',
      OPTIONS,
    );
    expect(result.quantities).toEqual([]);
    expect(result.bundle.parameters.parameters).toEqual([]);
    expect(result.review.items.map((i) => i.kind)).toEqual(['noQuantities']);
    const built = buildPack(
      result.bundle.pack.id,
      bundleSource({ [result.bundle.pack.id]: result.bundle, base: folderSource().get('base')! }),
    );
    expect(built.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it.each([
    ['a broken .docx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6]), 'x.docx'],
    ['a .docx that is not a zip', new TextEncoder().encode('not a zip at all'), 'x.docx'],
    ['binary bytes as .txt', new Uint8Array([0, 1, 2, 0, 255]), 'x.txt'],
    ['an empty file', new Uint8Array([]), 'x.txt'],
  ])('%s → DOCUMENT_UNREADABLE, nothing produced', async (_name, data, name) => {
    const attempt = draftFromDocument({ data, name }, OPTIONS);
    await expect(attempt).rejects.toBeInstanceOf(DocumentUnreadableError);
    await expect(attempt).rejects.toBeInstanceOf(EngineError);
    await expect(attempt).rejects.toMatchObject({
      code: 'DOCUMENT_UNREADABLE',
      messageZh: expect.stringContaining('无法读取'),
    });
  });

  it('the CLI writes nothing for a malformed file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'draft-'));
    const file = join(dir, 'broken.docx');
    writeFileSync(file, Buffer.from([0x50, 0x4b, 0x03, 0x04, 9, 9, 9]));
    const out = join(dir, 'out');
    const stderr = process.stderr.write;
    let printed = '';
    process.stderr.write = ((chunk: string) => {
      printed += chunk;
      return true;
    }) as typeof process.stderr.write;
    try {
      expect(await draftFromCommand(file, { township: '测试镇', extends: 'base', out })).toBe(1);
    } finally {
      process.stderr.write = stderr;
    }
    expect(printed).toContain('无法读取');
    expect(existsSync(out)).toBe(false);
  });
});

describe('full-width digits', () => {
  it('are read in outline markers and quantities, and quoted as written', async () => {
    const result = await draftFromDocument(
      '考勤制度\n１．迟到超过３０分钟的，按旷工半天处理。\n２．请假１．５天的，由分管领导审批。',
      OPTIONS,
    );
    expect(result.clauses.map((c) => c.article)).toEqual(['考勤制度 1', '考勤制度 2']);
    expect(result.quantities.map((q) => [q.text, q.value])).toEqual([
      ['超过３０分钟', 30],
      ['半天', 0.5],
      ['１．５天', 1.5],
    ]);
  });
});

describe('simplified input', () => {
  it('is not reported as traditional', async () => {
    const result = await draftFromDocument({ text: seed('000_db10197462e50133.txt') }, OPTIONS);
    expect(result.document.traditional).toBe(false);
  });
});
