/**
 * Outcomes prefilled from the words after a tier: 「由分管领导审批」 → an approval step by
 * 分管领导; 「分管领导签字后，由党委书记或者镇长审批」 → two steps; 「通报批评」 → a penalty;
 * 「扣发当月绩效奖的50%」 → a pay deduction; 「不予批准」 → a refusal. Only the shared vocabulary
 * is used; words it does not know (乡长, 站所负责人) are kept as `unmapped` for a person to map.
 */
import { parseNumeral } from '../drafting/numerals.js';
import type { AttendanceCategory, LeaveType, Outcome, PayItem } from '../model.js';
import { schemaDocument } from '../schema/registry.js';
import type { UnmappedWords } from './model.js';

/** stands for a 、 inside brackets while a role list is split (a private-use character no text holds) */
const BRACKETED_COMMA = '\uE000';

const vocabulary = schemaDocument('vocabulary.schema.json').definitions as Record<
  string,
  { 'x-labels': Record<string, string> }
>;

/** Role words → codes: the shared labels, plus the ways documents write them. */
const ROLE_WORDS: [string, string][] = [
  ...Object.entries(vocabulary.role['x-labels']).map(([code, label]) => [label, code] as [string, string]),
  ['镇党委书记', 'partySecretary'],
  ['乡党委书记', 'partySecretary'],
  ['党委书记', 'partySecretary'],
  ['镇党委会议', 'partyCommitteeMeeting'],
  ['党委会议', 'partyCommitteeMeeting'],
  ['党委会', 'partyCommitteeMeeting'],
  ['镇纪委', 'disciplineCommittee'],
  ['分管财务的领导', 'financeLeader'],
  ['财务分管领导', 'financeLeader'],
  ['分管班子成员', 'supervisingLeader'],
  ['分管领导班子成员', 'supervisingLeader'],
  ['党政主要领导', 'principalLeader'],
  ['主要负责人', 'principalLeader'],
  ['镇长', 'townshipHead'],
  ['人社局', 'countyHrBureau'],
  ['组织部', 'countyOrgDept'],
];
// longest first, so 镇党委书记 wins over 书记
ROLE_WORDS.sort((a, b) => b[0].length - a[0].length);

const ACTIONS: [RegExp, string][] = [
  [/^(讨论决定|研究决定|讨论|研究|审定)/, 'decide'],
  [/^(审核同意|审核)/, 'review'],
  [/^(签字|签批|签署意见)/, 'sign'],
  [/^(审批|批准|核准)/, 'approve'],
  [/^(同意)/, 'agree'],
  [/^(备案)/, 'file'],
  [/^(报告)/, 'report'],
  [/^(会签)/, 'countersign'],
];

const MEASURE_WORDS: [RegExp, string][] = [
  [/全[镇乡](范围内)?通报(批评)?/, 'townNotice'],
  [/内部通报/, 'internalNotice'],
  [/曝光/, 'exposure'],
  [/点名批评/, 'namedCriticism'],
  [/通报批评/, 'notice'],
  [/批评教育/, 'criticism'],
  [/提醒谈话/, 'reminderTalk'],
  [/(?:进行|予以|给予|作)提醒(?!谈话)/, 'reminder'],
  [/约谈|诫勉谈话/, 'talk'],
  [/表态(发言)?/, 'statement'],
  [/书面检查/, 'writtenSelfCriticism'],
  [/检讨/, 'selfCriticism'],
  [/取消.{0,6}评(?:先评优|先|优(?!秀))/, 'lossOfAwards'],
  [/取消.{0,6}优秀/, 'lossOfExcellent'],
  [/不确定等次/, 'reviewUndetermined'],
  [/不合格等次|考核.{0,6}不合格/, 'reviewUnqualified'],
  [/待岗/, 'suspension'],
  [/处分/, 'discipline'],
  [/调离/, 'transferProposal'],
  [/移交纪检|移送纪检/, 'referToDiscipline'],
  [/依法依纪追究/, 'legalAccountability'],
  [/追究.{0,4}责任/, 'accountability'],
  [/辞退/, 'dismissal'],
  [/开除/, 'expulsion'],
];

const PAY_ITEMS: [RegExp, PayItem][] = [
  [/绩效奖/, 'performanceBonus'],
  [/绩效工资/, 'performancePay'],
  [/文明奖/, 'civilityAward'],
  [/绩效/, 'performanceBonus'],
];

const LEAVE_TYPES: Record<string, LeaveType> = {
  年休假: 'annual',
  婚假: 'marriage',
  产假: 'maternity',
  丧假: 'bereavement',
  探亲假: 'homeVisit',
  护理假: 'nursing',
};

const CLASSIFICATIONS: [RegExp, AttendanceCategory][] = [
  [/旷工/, 'absent'],
  [/迟到/, 'late'],
  [/早退/, 'earlyLeave'],
  [/脱岗/, 'offPost'],
  [/超假/, 'overstay'],
];

export interface Prefill {
  outcomes: Outcome[];
  unmapped: UnmappedWords[];
  /** how words were read where they leave room (「扣发当月绩效奖金」 names no share): kept in the rule's note */
  notes?: string[];
}

/** Every role named in a run of words, in order, and the role-like words no code fits. */
function rolesIn(words: string): { roles: string[]; unknown: string[]; mode?: 'any' | 'all' } {
  const roles: string[] = [];
  const unknown: string[] = [];
  let rest = words;
  let i = 0;
  while (i < rest.length) {
    const hit = ROLE_WORDS.find(([word]) => rest.startsWith(word, i));
    if (hit) {
      if (!roles.includes(hit[1])) roles.push(hit[1]);
      rest = rest.slice(0, i) + '＃'.repeat(hit[0].length) + rest.slice(i + hit[0].length);
      i += hit[0].length;
    } else i++;
  }
  // what is left between 由/报/经/向 … and the action, once known roles are taken out: 乡长, 站所负责人
  // 「所在办（站、所）负责人」 is one role: the 、 inside its brackets lists the kinds of office, it does not separate roles
  const bracketed = rest.replace(/（[^（）]{1,8}）/g, (b) => b.replace(/、/g, BRACKETED_COMMA));
  for (const piece of bracketed.split(/[＃、，,或和及与]|或者|并/)) {
    const word = piece
      .replaceAll(BRACKETED_COMMA, '、')
      .replace(/^(后|再|然后|由|报|经|向|请|交|送|所在)+/, '')
      .replace(/(的)$/, '')
      .trim();
    const plain = word.replace(/（[^（）]{1,8}）/, '');
    if (/^[\u4e00-\u9fff]{2,8}$/.test(plain) && /(长|书记|主任|负责人|领导|会议|会|局|部|办|委|所|站)$/.test(plain))
      unknown.push(word);
  }
  // 「按干部管理权限，分别报区委组织部、区人社局」: one of them, as 或 says
  const mode = roles.length > 1 ? (/或|分别/.test(words) ? 'any' : 'all') : undefined;
  return { roles, unknown, mode };
}

/** Approval steps: every action word closes a step made of the roles named since the last one. */
function approvalSteps(text: string): Prefill {
  const outcomes: Outcome[] = [];
  const unmapped: UnmappedWords[] = [];
  let from = 0;
  let step = 0;
  for (let i = 0; i < text.length; i++) {
    const action = ACTIONS.find(([re]) => re.test(text.slice(i)));
    if (!action) continue;
    const matched = action[0].exec(text.slice(i))![1];
    const words = text.slice(from, i);
    const { roles, unknown, mode } = rolesIn(words);
    if (roles.length) {
      step += 1;
      outcomes.push({ type: 'approval', step, roles, ...(mode ? { mode } : {}), action: action[1] });
    }
    if (unknown.length)
      unmapped.push({ text: text.slice(from, i + matched.length).replace(/^[，,、后]+/, ''), roleWords: unknown });
    from = i + matched.length;
    i = from - 1;
  }
  return { outcomes, unmapped };
}

/** A share of pay written as 50%, 百分之五十, 一半, 全部. */
function shareOf(text: string): number | undefined {
  const pct = /(\d+(?:\.\d+)?)\s*[%％]/.exec(text);
  if (pct) return Number(pct[1]) / 100;
  if (/一半|半数|50%/.test(text)) return 0.5;
  if (/全部|全额/.test(text)) return 1;
  return undefined;
}

/** What the words after a tier say happens, in the shared vocabulary where they allow. */
export function prefillOutcomes(
  consequence: string | undefined,
  options: { limit?: boolean; limitText?: string; entitledLeave?: LeaveType } = {},
): Prefill {
  if (options.limit) {
    return {
      outcomes: [{ type: 'refusal', code: 'overLimit', reason: options.limitText ?? consequence ?? '超过规定上限' }],
      unmapped: [],
    };
  }
  if (!consequence) return { outcomes: [], unmapped: [] };
  const text = consequence.replace(/\s+/g, '');
  const outcomes: Outcome[] = [];
  const unmapped: UnmappedWords[] = [];
  if (/不予批准|不予准假|一律不批/.test(text)) outcomes.push({ type: 'refusal', code: 'notApproved', reason: text });
  const doc = /(?:须|需|应当?|必须)(?:提供|提交|出具)([^，。；]{2,30})/.exec(text);
  if (doc) outcomes.push({ type: 'document', code: 'requiredDocument', document: doc[1] });
  const notes: string[] = [];
  const pay = /扣(?:发|除|减|罚)?[^，。；]{0,10}?(绩效奖|绩效工资|文明奖|绩效)[^，。；]{0,12}/.exec(text);
  if (pay) {
    const item = PAY_ITEMS.find(([re]) => re.test(pay[1]))![1];
    const share = shareOf(pay[0]);
    const yuan = /([0-9]+(?:\.[0-9]+)?|[一二两三四五六七八九十百千]+)元/.exec(pay[0]);
    const amount = yuan ? parseNumeral(yuan[1]) : undefined;
    const period = /全年|当年/.test(pay[0]) ? 'year' : 'month';
    if (pay[1] === '绩效') notes.push(`原文「${pay[0]}」只写「绩效」：按绩效奖读，请核对。`);
    if (share !== undefined) outcomes.push({ type: 'payDeduction', item, share, period });
    else if (amount !== undefined) outcomes.push({ type: 'payDeduction', item, amount, period });
    else if (
      /^扣发/.test(pay[0]) &&
      /当月|本月|当年|本年|全年/.test(pay[0]) &&
      !/相应|部分|一定|酌情|视情|研究/.test(text)
    ) {
      // 「扣发当月绩效奖金」: the month's item itself is withheld, all of it (「扣发绩效奖」 says neither how much nor of when)
      outcomes.push({ type: 'payDeduction', item, share: 1, period });
      notes.push(`原文「${pay[0]}」未写比例或金额：按全部扣发读，请核对。`);
    } else unmapped.push({ text: pay[0] });
  }
  // 「当年不再安排年休假」: no more annual leave this year
  const noLeave = /不再安排(年休假|年假)|不(?:再)?享受(?:当年的?)?(年休假|年假)/.exec(text);
  if (noLeave) {
    outcomes.push({ type: 'entitlement', leaveType: 'annual', days: 0 });
    notes.push(`原文「${noLeave[0]}」：按当年年休假天数为0读。`);
  }
  // 「年休假5天」: days of leave a person is entitled to
  const entitled = /(年休假|婚假|产假|丧假|探亲假|护理假)([0-9]+|[一二两三四五六七八九十百]+)天/.exec(text);
  // 「可休十天」 names no leave: the group's leave type, when the caller knows it
  const bare = options.entitledLeave
    ? /(?:可休|可享受|享受|休)(?:假)?([0-9]+|[一二两三四五六七八九十百]+)天/.exec(text)
    : null;
  if (entitled || bare) {
    const days = parseNumeral(entitled ? entitled[2] : bare![1]);
    const leaveType = entitled ? LEAVE_TYPES[entitled[1]] : options.entitledLeave!;
    if (days !== undefined) outcomes.push({ type: 'entitlement', leaveType, days });
  }
  // 「按旷工半天处理」「按旷工半日计」「记迟到一次」: how the event counts, with the days of absence when written
  const classified = /(?:按|视为|以|记)(旷工|迟到|早退|脱岗|超假)(?:(\S{1,3})[天日])?(?:论处|处理|计算|计|认定)?/.exec(
    text,
  );
  if (classified) {
    const category = CLASSIFICATIONS.find(([re]) => re.test(classified[1]))![1];
    outcomes.push({ type: 'classification', category });
    const days = classified[2] !== undefined && category === 'absent' ? parseNumeral(classified[2]) : undefined;
    if (days !== undefined) outcomes.push({ type: 'absence', days });
  }
  const measures = MEASURE_WORDS.filter(([re]) => re.test(text)).map(([, code]) => code);
  // 「予以辞退或者开除」: the measures are alternatives the regulation leaves to other rules
  const alternatives = /(辞退|开除|待岗|调离)(?:或者|或)(辞退|开除|待岗|调离)/.exec(text);
  if (alternatives) notes.push(`原文「${alternatives[0]}」为二者择一：两项措施都列出，适用哪一项按有关规定决定。`);
  // 「全镇通报批评」 is also 「通报批评」: keep the more specific one
  const dropped = new Set<string>(measures.includes('townNotice') ? ['notice'] : []);
  for (const measure of measures) if (!dropped.has(measure)) outcomes.push({ type: 'penalty', measure });
  // 「并由乡纪委依规处理」: a further handling the vocabulary cannot hold stays visible for a person
  const handling = /[^，。；]*(?:依规|依纪|依法|从严|严肃)(?:依纪)?处理/.exec(text);
  if (handling && outcomes.length) unmapped.push({ text: handling[0].replace(/^[并且再]+/, '') });
  const approval = approvalSteps(text);
  if (approval.outcomes.length && !outcomes.some((o) => o.type === 'penalty')) outcomes.push(...approval.outcomes);
  unmapped.push(...approval.unmapped);
  if (outcomes.length === 0 && unmapped.length === 0) unmapped.push({ text });
  return { outcomes, unmapped, ...(notes.length ? { notes } : {}) };
}
