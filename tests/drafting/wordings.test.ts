/**
 * Wordings that defeated extraction: each sentence below is written for this test (not taken
 * from the seeds or the township texts) and fails on the extractor before these cases were
 * handled.
 */
import { describe, expect, it } from 'vitest';
import { draftFromDocument } from '../../engine/drafting/index.js';
import { buildPack, bundleSource, folderSource } from '../../engine/index.js';
import { quantitiesOf } from './helpers.js';

const OPTIONS = { township: '测试乡', extends: 'base' };
const readings = async (text: string) => (await quantitiesOf(text)).map((q) => `${q.text} ${q.reading}`);

describe('times of day', () => {
  it('「上午八时三十分前」「下午五点半以后」「8:30」 are clock times in minutes after midnight, with their side', async () => {
    const all = await quantitiesOf('机关人员上午七时五十分前到岗，下午六点半以后方可离岗；食堂早餐7:30开始。');
    expect(all.map((q) => [q.kind, q.unit, q.value, q.reading])).toEqual([
      ['clock', '时刻', 470, 'x ≤ 7:50'],
      ['clock', '时刻', 1110, 'x ≥ 18:30'],
      ['clock', '时刻', 450, 'x = 7:30'],
    ]);
    expect(all[0].upper).toEqual({ value: 470, inclusive: true, word: '前' });
    expect(all[1].lower).toEqual({ value: 1110, inclusive: true, word: '以后' });
    expect(all[0].readingZh).toContain('7:50');
  });

  it('「不得晚于九点一刻」-style prefixes and a noon hour read right; 「以下三点」 is no time', async () => {
    expect(await readings('签到不得晚于8:15。中午一点后开始午休。做到以下三点：守时、守规、守纪。')).toEqual([
      '8:15 x ≤ 8:15',
      '中午一点后 x ≥ 13:00',
    ]);
  });

  it('a clock time becomes a 时刻 parameter (minutes after midnight) the pack schema accepts', async () => {
    const draft = await draftFromDocument('考勤规定\n一、工作人员须于上午八时四十五分前签到。', OPTIONS);
    const p = draft.bundle.parameters.parameters!.find((x) => x.unit === '时刻')!;
    expect(p).toMatchObject({ type: 'integer', value: 525, min: 0, max: 1440 });
    expect(p.label).toMatch(/^签到时刻/);
    expect(p.help).toContain('「前」按含该时刻本身读');
    const built = buildPack(
      draft.bundle.pack.id,
      bundleSource({ [draft.bundle.pack.id]: draft.bundle, base: folderSource().get('base')! }),
    );
    expect(built.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });
});

describe('spaces, units and scales', () => {
  it('a space (also full-width) between number and unit', async () => {
    expect(
      await readings('外出超过 7 天的，报乡长；报销 300 元以下的，站长签字；补休超过　４　天的，报党委。'),
    ).toEqual(['超过 7 天 x > 7', '300 元以下 x ≤ 300', '超过　４　天 x > 4']);
  });

  it('工作日, 小时 and 周 are units; 「一周以上」 shows its seven days', async () => {
    const all = await quantitiesOf('材料须在3个工作日内报送；培训不少于两个小时；连续离岗一周以上的，须书面报告。');
    expect(all.map((q) => [q.value, q.unit])).toEqual([
      [3, '工作日'],
      [2, '小时'],
      [1, '周'],
    ]);
    expect(all[2].reading).toBe('x ≥ 1');
    expect(all[2].readingZh).toContain('1周（7天）');
  });

  it('a ladder written in 天 and 周 is one ladder in days, with no false gap', async () => {
    const { ladders } = await draftFromDocument(
      '外出学习五天以内的，由分管领导批准；超过五天、不满两周的，由乡长批准；两周以上的，报党委会研究。',
      OPTIONS,
    );
    expect(ladders).toHaveLength(1);
    expect(ladders[0].unit).toBe('天');
    expect(ladders[0].tiers.map((t) => [t.interval.lo, t.interval.hi])).toEqual([
      [-Infinity, 5],
      [5, 14],
      [14, Infinity],
    ]);
    expect(ladders[0].findings).toEqual([]);
  });
});

describe('a period or 累计 stated once', () => {
  it('governs the later clauses of the sentence after 「；」, which then form one ladder', async () => {
    const { quantities, ladders } = await draftFromDocument(
      '一季度内累计缺席周例会满三次的，作书面检查；超过六次的，取消当年评优资格。',
      OPTIONS,
    );
    const [first, second] = quantities;
    expect(second).toMatchObject({ period: first.period, aggregate: '累计', carriedFrom: first.id });
    expect(first.period).toBe('一季度内');
    expect(ladders.map((l) => l.tiers.length)).toEqual([2]);
  });

  it('does not cross a comma inside one clause, nor a sentence end', async () => {
    const all = await quantitiesOf(
      '每周累计外出不得超过2天，病假超过3天的须交证明。年内迟到满五次的，通报；早退超过两次的，谈话。',
    );
    expect(all.map((q) => q.period)).toEqual(['每周', undefined, '年内', '年内']);
  });
});

describe('several deadlines in one sentence', () => {
  const TEXT =
    '防汛值班制度\n一、发生险情后，值班员须五分钟内报告站长，十五分钟内报告分管领导，两小时内形成书面材料报送县防汛办。\n二、迟到30分钟内到岗者，按迟到处理。\n三、离开岗位20分钟以内为离岗。';

  it('are separate obligations with their actions, never a ladder, with no overlap or gap findings', async () => {
    const { quantities, ladders, obligations, review } = await draftFromDocument(TEXT, OPTIONS);
    expect(quantities.filter((q) => q.deadline).map((q) => q.text)).toEqual(['五分钟内', '十五分钟内', '两小时内']);
    expect(ladders).toEqual([]);
    expect(review.items.filter((i) => i.kind.startsWith('ladder'))).toEqual([]);
    expect(obligations).toHaveLength(1);
    expect(obligations[0]).toMatchObject({ kind: 'deadlines', trigger: '发生险情后' });
    expect(obligations[0].items.map((d) => [d.within, d.unit, d.action])).toEqual([
      [5, '分钟', '报告站长'],
      [15, '分钟', '报告分管领导'],
      [2, '小时', '形成书面材料报送县防汛办'],
    ]);
  });

  it('「30分钟内到岗者」「20分钟以内为离岗」 are still conditions, not deadlines', async () => {
    const { quantities } = await draftFromDocument(TEXT, OPTIONS);
    for (const text of ['30分钟内', '20分钟以内']) {
      expect(quantities.find((q) => q.text === text)).toMatchObject({ tier: true });
      expect(quantities.find((q) => q.text === text)?.deadline).toBeUndefined();
    }
  });
});

describe('ordinals', () => {
  it('第一次 / 第二次 / 第三次及以上 are an escalation ladder on a count, complete', async () => {
    const { quantities, ladders } = await draftFromDocument(
      '未按规定更新去向牌的，第一次予以提醒，第二次全乡通报，第三次及以上扣发当月绩效。',
      OPTIONS,
    );
    expect(quantities.map((q) => `${q.text} ${q.reading}`)).toEqual([
      '第一次 x = 1',
      '第二次 x = 2',
      '第三次及以上 x ≥ 3',
    ]);
    expect(quantities.every((q) => q.ordinal && q.tier)).toBe(true);
    expect(ladders).toHaveLength(1);
    expect(ladders[0]).toMatchObject({ unit: '次', findings: [] });
  });
});

describe('never parameters', () => {
  it('dates, article numbers and counts inside an outcome', async () => {
    expect(
      await quantitiesOf(
        '本细则自二〇二七年一月一日起施行。夏季（6月1日至8月31日）作息另行通知。违者依照本办法第十二条处理。未打卡的，记早退一次。',
      ),
    ).toEqual([]);
  });

  it('「（含两天）」 decides the reading at that boundary instead of becoming a number', async () => {
    expect(await readings('补休两天以内（含两天）的，由站长批准。')).toEqual(['两天以内（含两天） x ≤ 2']);
    const [q] = await quantitiesOf('请假超过三天（含三天）的，报乡长。');
    expect(q.lower).toEqual({ value: 3, inclusive: true, word: '超过（含）' });
    expect(await readings('请假三天（含）以上的，报乡长。')).toEqual(['三天（含）以上 x ≥ 3']);
  });
});

describe('labels', () => {
  it('keep their period and subject and never begin with a particle', async () => {
    const { bundle } = await draftFromDocument(
      '考勤规定\n一、一个月内迟到、早退累计四次的，通报批评。\n二、连续旷工超过五天，或者一年内累计旷工超过十天的，予以处理。\n三、外出人员须于返回后三日内补办手续。',
      OPTIONS,
    );
    const labels = bundle.parameters.parameters!.map((p) => p.label);
    expect(labels[0]).toMatch(/^一个月内迟到早退次数/);
    expect(labels[2]).toMatch(/^一年内旷工天数/);
    for (const label of labels) expect(label).not.toMatch(/^(须|内|或者|或|应|、)/);
  });
});
