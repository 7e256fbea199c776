import { describe, expect, it } from 'vitest';
import { onlyQuantity, quantitiesOf } from './helpers.js';

describe('comparison words decide inclusive/exclusive (Civil Code art. 1259)', () => {
  it.each([
    // text, lo, loOpen, hi, hiOpen, deciding word
    ['请假3天以上的，由镇长审批。', 3, false, Infinity, true, '以上'],
    ['请假3天及以上的，由镇长审批。', 3, false, Infinity, true, '及以上'],
    ['500元以下的支出，由主任审批。', -Infinity, true, 500, false, '以下'],
    ['5天以内的，由书记审批。', -Infinity, true, 5, false, '以内'],
    ['回岗后1日内销假。', -Infinity, true, 1, false, '内'],
    ['任期3年届满的，重新选任。', 3, false, Infinity, true, '届满'],
    ['迟到超过30分钟的，按旷工处理。', 30, true, Infinity, true, '超过'],
    ['工作不满10年的，另行规定。', -Infinity, true, 10, true, '不满'],
    ['请事假不足20天的，照发工资。', -Infinity, true, 20, true, '不足'],
    ['距离50公里，离岗3天以外的，报组织部。', 3, true, Infinity, true, '以外'],
    ['每次学习时间不少于2小时。', 2, false, Infinity, true, '不少于'],
    ['每月请假不超过4天。', -Infinity, true, 4, false, '不超过'],
    ['每天至少1名领导在岗。', 1, false, Infinity, true, '至少'],
    ['每次最多3人外出。', -Infinity, true, 3, false, '最多'],
    ['值班室面积不小于30平方米。', 30, false, Infinity, true, '不小于'],
    ['拨付最多不超过合同总价的70%。', -Infinity, true, 70, false, '最多不超过'],
  ])('%s', async (text, lo, loOpen, hi, hiOpen, word) => {
    const q = await onlyQuantity(text);
    expect(q.interval).toEqual({ lo, hi, loOpen, hiOpen });
    expect(q.words[0]).toBe(word);
    expect(q.lower?.word ?? q.upper?.word).toBe(word);
  });

  it('a bare number reads as exactly that number, with no deciding word', async () => {
    const q = await onlyQuantity('干部请假1天的，由分管领导审批。');
    expect(q.exact).toBe(true);
    expect(q.interval).toEqual({ lo: 1, hi: 1, loOpen: false, hiOpen: false });
    expect(q.readingZh).toContain('原文未用比较词');
  });

  it('「超过30分钟以上」: the prefix decides (> 30) and the mix is flagged', async () => {
    const q = await onlyQuantity('超过30分钟以上者按旷工处理。');
    expect(q.lower).toEqual({ value: 30, inclusive: false, word: '超过' });
    expect(q.words).toEqual(['超过', '以上']);
    expect(q.notes[0]).toContain('混用');
  });

  it('「三分之二以上（含三分之二）」: ≥ 2/3, the parenthesis confirms, no second quantity', async () => {
    const q = await onlyQuantity('应到会人数必须达到三分之二以上（含三分之二）方能举行。');
    expect(q.unit).toBe('比例');
    expect(q.lower?.inclusive).toBe(true);
    expect(q.lower?.value).toBeCloseTo(2 / 3, 10);
  });

  it('「超过应到会人数的半数」: > 1/2 across the noun phrase', async () => {
    const q = await onlyQuantity('赞成票超过应到会人数的半数为通过。');
    expect(q.lower).toMatchObject({ value: 0.5, inclusive: false, word: '超过' });
  });
});

describe('ranges', () => {
  it('「2天以上5天以内」 is one quantity 2 ≤ d ≤ 5 with both words', async () => {
    const q = await onlyQuantity('2天以上5天以内的，由书记审批。');
    expect(q.text).toBe('2天以上5天以内');
    expect(q.interval).toEqual({ lo: 2, hi: 5, loOpen: false, hiOpen: false });
    expect(q.lower?.word).toBe('以上');
    expect(q.upper?.word).toBe('以内');
    expect(q.reading).toBe('2 ≤ x ≤ 5');
  });
  it('「500-2000元」 includes both ends as written', async () => {
    const q = await onlyQuantity('500-2000元，报告主要领导。');
    expect(q.interval).toEqual({ lo: 500, hi: 2000, loOpen: false, hiOpen: false });
    expect(q.lower?.word).toBe('-');
  });
  it('「已满10年不满20年」 is 10 ≤ y < 20', async () => {
    const q = await onlyQuantity('已满10年不满20年的，年休假十天。'.replace('十天', '若干'));
    expect(q.interval).toEqual({ lo: 10, hi: 20, loOpen: false, hiOpen: true });
    expect(q.lower?.word).toBe('已满');
    expect(q.upper?.word).toBe('不满');
  });
  it('「8至10天」 with 至', async () => {
    const q = await onlyQuantity('婚假8至10天。');
    expect(q.interval).toEqual({ lo: 8, hi: 10, loOpen: false, hiOpen: false });
  });
});

describe('units and numerals in context', () => {
  it.each([
    ['请假半天的，由主管签批。', 0.5, '天'],
    ['增加婚假十八日。', 18, '天'],
    ['单项在3千元以上的货物。', 3000, '元'],
    ['批量在3万元以上的服务。', 30000, '元'],
    ['联系群众不少于20户。', 20, '户'],
    ['1小时内以口头形式报告。', 1, '小时'],
    ['提前一周编制值班表。', 1, '周'],
    ['男职工护理假一个月。', 1, '月'],
    ['每个岗位要有两人以上承担。', 2, '人'],
    ['扣罚当月一半绩效奖。', 0.5, '比例'],
    ['请假1.5天的，由主管签批。', 1.5, '天'],
    ['发现十五次的，通报。', 15, '次'],
  ])('%s → %d %s', async (text, value, unit) => {
    const q = await onlyQuantity(text);
    expect(q.value).toBeCloseTo(value, 10);
    expect(q.unit).toBe(unit);
  });

  it('ignores ordinals, dates, 一次性 and document numbers', async () => {
    const all = await quantitiesOf('第一时间报告；实行一次性告知；2015年起施行；按人力社保【2020】5号文件执行。');
    expect(all).toEqual([]);
  });

  it('clock times are read as times, not as thresholds', async () => {
    const all = await quantitiesOf('每天早上8:30前签到，下午18：00之后签退，九点前报饭。');
    expect(all.map((q) => [q.kind, q.reading])).toEqual([
      ['clock', 'x ≤ 8:30'],
      ['clock', 'x ≥ 18:00'],
      ['clock', 'x ≤ 9:00'],
    ]);
    expect(all.map((q) => q.value)).toEqual([510, 1080, 540]);
  });
});

describe('periods and aggregation', () => {
  it.each([
    ['每月累计请假不得超过4天。', '每月', '累计'],
    ['年内曝光3次以上的，考核不合格。', '年内', undefined],
    ['病假全年累计超过30天的，研究决定。', '全年', '累计'],
    ['对连续三次上黑榜的，作表态发言。', undefined, '连续'],
    ['每年给予探亲假一次。', '每年', undefined],
  ])('%s', async (text, period, aggregate) => {
    const q = await onlyQuantity(text);
    expect(q.period).toBe(period);
    expect(q.aggregate).toBe(aggregate);
  });

  it('「一年内」 is the period of the number after it, not a quantity', async () => {
    const q = await onlyQuantity('一年内旷工累计超过30天的，报县人社局。');
    expect(q.value).toBe(30);
    expect(q.period).toBe('一年内');
    expect(q.aggregate).toBe('累计');
  });

  it('「每4年」 is a frequency', async () => {
    const all = await quantitiesOf('已婚职工探望父母的，每4年给假一次。');
    expect(all[0]).toMatchObject({ kind: 'frequency', value: 4, unit: '年' });
  });

  it('a limit phrased as a duty is not a ladder tier', async () => {
    const q = await onlyQuantity('每月累计请假不得超过4天，特殊情况除外。');
    expect(q.limit).toBe(true);
    expect(q.tier).toBe(false);
  });
});
