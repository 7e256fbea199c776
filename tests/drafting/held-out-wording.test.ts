/**
 * Wordings of the held-out township texts (songgang-attendance-leave, liuxi-expense-incident —
 * written before the extractor was looked at) that it missed. Each case is a sentence of its own,
 * not a line of those texts, and fails on the extractor before the rule it names was added.
 */
import { describe, expect, it } from 'vitest';
import { draftFromDocument } from '../../engine/drafting/index.js';
import { prefillOutcomes } from '../../engine/proposals/outcomes.js';
import { quantitiesOf } from './helpers.js';

const readings = async (text: string) => (await quantitiesOf(text)).map((q) => `${q.text} ${q.reading}`);

describe('a range whose lower end says 含 / 不含', () => {
  it('「800元（含）至1.5万元之间」 is one range, both ends included, in 元', async () => {
    const [q, ...rest] = await quantitiesOf('维修费用在800元（含）至1.5万元之间的，由分管领导审批。');
    expect(rest).toEqual([]);
    expect([q.unit, q.lower, q.upper]).toEqual([
      '元',
      { value: 800, inclusive: true, word: '至（含）' },
      { value: 15000, inclusive: true, word: '至' },
    ]);
  });

  it('「20人（不含）至50人」 excludes its lower end', async () => {
    const [q] = await quantitiesOf('参会人数在20人（不含）至50人的，由党政办安排会场。');
    expect([q.lower?.inclusive, q.lower?.value, q.upper?.value, q.upper?.inclusive]).toEqual([false, 20, 50, true]);
  });
});

describe('an escalation that names its first rungs by word', () => {
  it('「首次…；再次…；三次以上…」 are the counts 1, 2 and ≥ 3, each a tier', async () => {
    const all = await quantitiesOf(
      '村干部值班脱岗的，首次当面批评；再次发现的，在全乡通报；累计三次以上的，调离值班岗位。',
    );
    expect(all.map((q) => [q.text, q.unit, q.value, q.exact ?? false, q.lower?.value ?? null, q.tier])).toEqual([
      ['首次', '次', 1, true, null, true],
      ['再次', '次', 2, true, null, true],
      ['三次以上', '次', 3, false, 3, true],
    ]);
  });

  it('without a later count, 首次 and 再次 are no condition', async () => {
    expect(await readings('首次申请困难补助的，经办人需再次核实家庭情况。')).toEqual([]);
  });
});

describe('outcome words the held-out texts wrote otherwise', () => {
  it('「由综合办给予提醒」 is the measure 提醒 (not a 提醒谈话)', () => {
    expect(prefillOutcomes('由综合办给予提醒').outcomes).toEqual([{ type: 'penalty', measure: 'reminder' }]);
    expect(prefillOutcomes('由分管领导进行提醒谈话').outcomes).toEqual([{ type: 'penalty', measure: 'reminderTalk' }]);
  });

  it('「应当提交…证明」 asks for a document as 「须提交」 does', () => {
    expect(prefillOutcomes('应当提交社区卫生服务中心出具的病情证明').outcomes).toEqual([
      { type: 'document', code: 'requiredDocument', document: '社区卫生服务中心出具的病情证明' },
    ]);
  });

  it('「按旷工一日计」 counts as absence with its days, as 「按旷工一天处理」 does', () => {
    expect(prefillOutcomes('当次按旷工一日计').outcomes).toEqual([
      { type: 'classification', category: 'absent' },
      { type: 'absence', days: 1 },
    ]);
  });
});

describe('what a proposal reads from the words around a tier', () => {
  const proposals = async (text: string) =>
    (await draftFromDocument(text, { township: '测试乡', extends: 'base' })).review.proposals.proposals;

  it('list items that name nothing take their subject from the lead-in that ends in a colon', async () => {
    const all = await proposals(
      '第三条 职工请婚假、丧假，按下列规定审批：\n（一）两天以内的，由科室负责人审批；\n（二）超过两天的，由分管领导审批。',
    );
    expect(all.map((p) => [p.decision, p.fact])).toEqual([['leaveApproval', 'days']]);
  });

  it('a leave length or a run of absence in 工作日 is compared as days, and the guess says so', async () => {
    const [leave] = await proposals('一、干部请假5个工作日以上的，报党委书记审批。');
    expect([leave.decision, leave.fact]).toEqual(['leaveApproval', 'days']);
    expect(leave.guessZh).toContain('按工作日填写');
    const [absent] = await proposals('一、连续旷工3个工作日以上的，予以辞退。');
    expect([absent.decision, absent.fact]).toEqual(['attendance', 'absenceDaysInRow']);
  });

  it('「A，或者B的，C」: the first condition gets C too, not the words of B', async () => {
    const all = await proposals('二、第四次及以上脱岗，或者连续脱岗超过3个工作日的，给予党纪政务处分。');
    const count = all.find((p) => p.unit === '次')!;
    expect(count.tiers[0].consequence).toBe('给予党纪政务处分');
    expect(count.tiers[0].outcomes).toEqual([{ type: 'penalty', measure: 'discipline' }]);
  });
});

describe('role words and a condition written in two units', () => {
  it('「所在办（站、所）负责人」 is one role word to map; 「分管班子成员」 is the supervising leader', () => {
    expect(prefillOutcomes('由所在股（室、队）负责人审批').unmapped).toEqual([
      { text: '由所在股（室、队）负责人审批', roleWords: ['股（室、队）负责人'] },
    ]);
    expect(prefillOutcomes('报分管班子成员批准').outcomes).toEqual([
      { type: 'approval', step: 1, roles: ['supervisingLeader'], action: 'approve' },
    ]);
  });

  it('「超过半天、不满2个工作日的」 is one tier from 0.5 to 2, with a note on the two units', async () => {
    const draft = await draftFromDocument('四、工作人员请假超过半天、不满2个工作日的，由分管领导审批。', {
      township: '测试乡',
      extends: 'base',
    });
    const [p] = draft.review.proposals.proposals;
    expect(draft.review.proposals.proposals).toHaveLength(1);
    expect([p.decision, p.fact]).toEqual(['leaveApproval', 'days']);
    const [tier] = p.tiers;
    expect([tier.lower?.value, tier.lower?.inclusive, tier.upper?.value, tier.upper?.inclusive]).toEqual([
      0.5,
      false,
      2,
      false,
    ]);
    expect(tier.outcomes).toEqual([{ type: 'approval', step: 1, roles: ['supervisingLeader'], action: 'approve' }]);
    expect(tier.notes.join('')).toContain('半个工作日');
  });
});

describe('reporting and claiming duties the catalogue had no fact for', () => {
  const proposals = async (text: string) =>
    (await draftFromDocument(text, { township: '测试乡', extends: 'base' })).review.proposals.proposals;

  it('「续报时间间隔不超过1小时。」 is a duty on the follow-up interval, in minutes, broken above it', async () => {
    const [p] = await proposals('五、汛期险情处置中，续报时间间隔不超过1小时。');
    expect([p.decision, p.fact, p.unit]).toEqual(['dutyReporting', 'followUpIntervalMinutes', '分钟']);
    expect([p.tiers[0].lower?.value, p.tiers[0].lower?.inclusive, p.tiers[0].upper]).toEqual([60, false, undefined]);
    expect(p.tiers[0].outcomes).toEqual([{ type: 'verdict', value: 'notCompliant' }]);
  });

  it('「假期不超过5天。」 still describes, it sets no duty', async () => {
    const [q] = await quantitiesOf('婚假假期不超过5天。');
    expect(q.limit).toBeFalsy();
  });

  it('「会议结束后10日内凭票据报销」 is a claim deadline in calendar days after the business ends', async () => {
    const [p] = await proposals('六、会议费应当在会议结束后10日内凭票据报销，逾期不予报销。');
    expect([p.decision, p.fact]).toEqual(['expenseApproval', 'daysAfterEventEnd']);
    expect(p.context).toEqual([{ fact: 'kind', value: 'reimbursement', word: '报销' }]);
    expect(p.tiers[0].outcomes).toEqual([{ type: 'refusal', code: 'overdue', reason: '逾期不予报销' }]);
  });
});

describe('numbers that are no condition', () => {
  it('「试行期一年」「有效期为3年」 say how long the document applies: no quantity', async () => {
    expect(await readings('本细则自印发之日起试行，试行期一年。')).toEqual([]);
    expect(await readings('本办法有效期为3年。')).toEqual([]);
  });
});
