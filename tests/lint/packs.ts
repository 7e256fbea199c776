/**
 * In-memory packs for lint tests: a small base, and a township pack that encodes the seed
 * ladders literally, the way Chinese legal wording reads (以上/以下/以内 include the number):
 * FIN-004-REPORT 「500元以下 / 500-2000元 / 2000元以上」 and LV-002-A
 * 「1天 / 2天以上5天以内 / 5天以上30天以内 / 30天以上」.
 */
import {
  buildPack,
  bundleSource,
  type AttendanceCategory,
  type FixtureCase,
  type GroupDefinition,
  type Outcome,
  type PackBundle,
  type ParameterDefinition,
  type RuleDefinition,
  type TopCondition,
} from '../../engine/index.js';

export const clone = <T>(value: T): T => structuredClone(value);

const param = (id: string) => ({ param: id });
const approval = (...roles: string[]): Outcome[] => [{ type: 'approval', step: 1, roles }];

export function rule(
  id: string,
  title: string,
  group: string,
  conditions: TopCondition,
  outcomes: Outcome[],
  citations = ['SEED-A'],
): RuleDefinition {
  return { id, title, group, citations, conditions, outcomes };
}

export function smallBase(): PackBundle {
  return {
    pack: {
      id: 'lint-base',
      name: '测试基础包',
      owner: { id: 'county', name: '某县', level: 'county' },
      version: '1.0.0',
    },
    sources: { clauses: [{ id: 'BASE-A', document: '上级规定', article: '第一条', text: '请假须经审批。' }] },
    parameters: { parameters: [] },
    rules: {
      'rules/leave-base.json': {
        decision: 'leaveApproval',
        groups: { afterLeave: { label: '假后手续', hitPolicy: 'collect' } },
        rules: [
          rule(
            'base.reportBack',
            '回岗后销假',
            'afterLeave',
            { all: [{ fact: 'days', operator: 'greaterThan', value: 0 }] },
            [{ type: 'deadline', action: 'reportBack', minutes: 1440 }],
            ['BASE-A'],
          ),
        ],
      },
    },
    fixtures: {
      'fixtures/leave-base.json': {
        decision: 'leaveApproval',
        cases: [
          {
            id: 'report-back',
            name: '请假后须销假',
            facts: { applicantRole: 'ordinary', leaveType: 'personal', days: 1 },
            expect: { outcomes: [{ type: 'deadline', action: 'reportBack', minutes: 1440 }] },
          },
        ],
      },
    },
  };
}

const ordinary = { fact: 'applicantRole', operator: 'equal', value: 'ordinary' } as const;

/** The ladders exactly as written in the seeds: overlapping at 500, 2000, 5 and 30, with gaps under 2 days. */
export function literalPack(): PackBundle {
  return {
    pack: {
      id: 'lint-literal',
      name: '字面读法测试包',
      owner: { id: 'town', name: '某镇', level: 'township' },
      extends: 'lint-base',
      version: '1.0.0',
    },
    sources: {
      clauses: [
        {
          id: 'SEED-A',
          document: '某镇制度',
          article: '第一条',
          text: '请假1天的，由分管领导审批；2天以上5天以内的，由党委书记审批；5天以上30天以内的，镇党委会议讨论决定。30天以上的，报县人社局审批。',
        },
        {
          id: 'SEED-FIN',
          document: '某镇财务制度',
          article: '第二条',
          text: '500元以下由分管财务领导审批，500-2000元由镇长审批，2000元以上由党委会议研究。',
        },
      ],
    },
    parameters: {
      parameters: [
        {
          id: 'expense.smallMax',
          type: 'number',
          label: '分管领导审批上限',
          unit: '元',
          min: 0,
          max: 100000,
          value: 500,
          source: 'SEED-FIN',
        },
        {
          id: 'expense.largeFrom',
          type: 'number',
          label: '党委会议研究起点',
          unit: '元',
          min: 0,
          max: 100000,
          value: 2000,
          source: 'SEED-FIN',
        },
        {
          id: 'leave.oneDay',
          type: 'number',
          label: '分管领导审批天数',
          unit: '天',
          min: 0.5,
          max: 30,
          value: 1,
          source: 'SEED-A',
        },
        {
          id: 'leave.secretaryFrom',
          type: 'number',
          label: '党委书记审批起点',
          unit: '天',
          min: 1,
          max: 60,
          value: 2,
          source: 'SEED-A',
        },
        {
          id: 'leave.secretaryMax',
          type: 'number',
          label: '党委书记审批上限',
          unit: '天',
          min: 1,
          max: 60,
          value: 5,
          source: 'SEED-A',
        },
        {
          id: 'leave.committeeMax',
          type: 'number',
          label: '党委会议决定上限',
          unit: '天',
          min: 1,
          max: 365,
          value: 30,
          source: 'SEED-A',
        },
        {
          id: 'leave.countyFrom',
          type: 'number',
          label: '报县人社局起点',
          unit: '天',
          min: 1,
          max: 365,
          value: 30,
          source: 'SEED-A',
        },
      ],
    },
    rules: {
      'rules/expense.json': {
        decision: 'expenseApproval',
        groups: { approval: { label: '审批权限', hitPolicy: 'unique', completeOver: ['amount'] } },
        rules: [
          rule(
            'expense.upTo500',
            '500元以下：分管财务领导审批',
            'approval',
            { all: [{ fact: 'amount', operator: 'lessThanInclusive', value: param('expense.smallMax') }] },
            approval('financeLeader'),
            ['SEED-FIN'],
          ),
          rule(
            'expense.500to2000',
            '500-2000元：镇长审批',
            'approval',
            {
              all: [
                { fact: 'amount', operator: 'greaterThanInclusive', value: param('expense.smallMax') },
                { fact: 'amount', operator: 'lessThanInclusive', value: param('expense.largeFrom') },
              ],
            },
            approval('townshipHead'),
            ['SEED-FIN'],
          ),
          rule(
            'expense.2000up',
            '2000元以上：党委会议研究',
            'approval',
            { all: [{ fact: 'amount', operator: 'greaterThanInclusive', value: param('expense.largeFrom') }] },
            approval('partyCommitteeMeeting'),
            ['SEED-FIN'],
          ),
        ],
      },
      'rules/leave.json': {
        decision: 'leaveApproval',
        groups: { chain: { label: '审批链', hitPolicy: 'unique', completeOver: ['days'] } },
        rules: [
          rule(
            'leave.oneDay',
            '请假1天：分管领导审批',
            'chain',
            { all: [ordinary, { fact: 'days', operator: 'equal', value: param('leave.oneDay') }] },
            approval('supervisingLeader'),
          ),
          rule(
            'leave.twoToFive',
            '2天以上5天以内：党委书记审批',
            'chain',
            {
              all: [
                ordinary,
                { fact: 'days', operator: 'greaterThanInclusive', value: param('leave.secretaryFrom') },
                { fact: 'days', operator: 'lessThanInclusive', value: param('leave.secretaryMax') },
              ],
            },
            approval('partySecretary'),
          ),
          rule(
            'leave.fiveToThirty',
            '5天以上30天以内：镇党委会议讨论决定',
            'chain',
            {
              all: [
                ordinary,
                { fact: 'days', operator: 'greaterThanInclusive', value: param('leave.secretaryMax') },
                { fact: 'days', operator: 'lessThanInclusive', value: param('leave.committeeMax') },
              ],
            },
            approval('partyCommitteeMeeting'),
          ),
          rule(
            'leave.thirtyUp',
            '30天以上：报县人社局审批',
            'chain',
            { all: [ordinary, { fact: 'days', operator: 'greaterThanInclusive', value: param('leave.countyFrom') }] },
            approval('countyHrBureau'),
          ),
        ],
      },
    },
    fixtures: {},
  };
}

/** The same ladders with every boundary decided (as the shipped pack does): no overlap, no gap. */
export function decidedPack(): PackBundle {
  const pack = literalPack();
  pack.pack.id = 'lint-decided';
  const expense = pack.rules['rules/expense.json'].rules as RuleDefinition[];
  (expense[1].conditions as any).all[0].operator = 'greaterThan'; // 500 belongs to 「500元以下」
  (expense[2].conditions as any).all[0].operator = 'greaterThan'; // 2000 belongs to 「500-2000元」
  const leave = pack.rules['rules/leave.json'].rules as RuleDefinition[];
  (leave[0].conditions as any).all[1].operator = 'lessThanInclusive'; // up to 1 day, half days included
  (leave[1].conditions as any).all[1] = { fact: 'days', operator: 'greaterThan', value: param('leave.oneDay') }; // 1 < d ≤ 5
  (leave[2].conditions as any).all[1].operator = 'greaterThan'; // 5 < d
  (leave[2].conditions as any).all[2].operator = 'lessThan'; // d < 30
  pack.parameters.parameters = pack.parameters.parameters!.filter(
    (p) => p.id !== 'leave.secretaryFrom' && p.id !== 'leave.committeeMax',
  );
  (leave[2].conditions as any).all[2].value = param('leave.countyFrom');
  return pack;
}

export function buildLint(pack: PackBundle, base: PackBundle = smallBase()) {
  const built = buildPack(pack.pack.id, bundleSource({ 'lint-base': base, [pack.pack.id]: pack }));
  if (!built.resolved) throw new Error(`test pack does not resolve: ${JSON.stringify(built.issues)}`);
  return built;
}

/** A one-file township pack over the small base, for focused lint tests. */
export function packWith(
  decision: string,
  groups: Record<string, GroupDefinition>,
  rules: RuleDefinition[],
  options: { parameters?: ParameterDefinition[]; fixtures?: FixtureCase[] } = {},
): PackBundle {
  return {
    pack: {
      id: 'lint-case',
      name: '测试包',
      owner: { id: 'town', name: '某镇', level: 'township' },
      extends: 'lint-base',
      version: '1.0.0',
    },
    sources: { clauses: [{ id: 'SEED-A', document: '某镇制度', article: '第一条', text: '测试条款。' }] },
    parameters: { parameters: options.parameters ?? [] },
    rules: { 'rules/case.json': { decision, groups, rules } },
    fixtures: options.fixtures ? { 'fixtures/case.json': { decision, cases: options.fixtures } } : {},
  };
}

export const outcome = (category: AttendanceCategory): Outcome[] => [{ type: 'classification', category }];
