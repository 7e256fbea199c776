/**
 * Small in-memory packs for engine tests: a base with one ladder and a township that extends
 * it. Tests change copies of these instead of writing files.
 */
import type { PackBundle } from '../../engine/index.js';

export const clone = <T>(value: T): T => structuredClone(value);

export function basePack(): PackBundle {
  return {
    pack: {
      id: 'test-base',
      name: '测试基础包',
      owner: { id: 'county', name: '某县', level: 'county' },
      version: '1.0.0',
    },
    sources: {
      clauses: [
        {
          id: 'LV-T-A',
          document: '测试制度',
          article: '第一条',
          text: '请假1天以内的由分管领导审批，超过1天的由镇长审批。',
        },
        { id: 'LV-T-LOCK', document: '上级规定', article: '第二条', text: '镇长审批起点不得低于1天。' },
      ],
    },
    parameters: {
      parameters: [
        {
          id: 'leave.headFromDays',
          type: 'number',
          label: '镇长审批起点',
          unit: '天',
          min: 0.5,
          max: 30,
          value: 1,
          source: 'LV-T-A',
          lock: { kind: 'bounded', min: 1, source: 'LV-T-LOCK', reason: '镇长审批起点不得低于1天' },
        },
        {
          id: 'leave.fixedDays',
          type: 'integer',
          label: '固定参数',
          unit: '天',
          min: 0,
          max: 10,
          value: 3,
          source: 'LV-T-A',
          lock: { kind: 'fixed', source: 'LV-T-LOCK', reason: '上级规定，不可修改' },
        },
      ],
    },
    rules: {
      'rules/leave.json': {
        decision: 'leaveApproval',
        groups: { chain: { label: '审批链', hitPolicy: 'unique', completeOver: ['days'] } },
        rules: [
          {
            id: 'leave.short',
            title: '1天以内：分管领导审批',
            group: 'chain',
            citations: ['LV-T-A'],
            conditions: {
              all: [{ fact: 'days', operator: 'lessThanInclusive', value: { param: 'leave.headFromDays' } }],
            },
            outcomes: [{ type: 'approval', step: 1, roles: ['supervisingLeader'] }],
          },
          {
            id: 'leave.long',
            title: '超过1天：镇长审批',
            group: 'chain',
            citations: ['LV-T-A'],
            conditions: { all: [{ fact: 'days', operator: 'greaterThan', value: { param: 'leave.headFromDays' } }] },
            outcomes: [{ type: 'approval', step: 1, roles: ['townshipHead'] }],
          },
        ],
      },
    },
    fixtures: {
      'fixtures/leave.json': {
        decision: 'leaveApproval',
        cases: [
          {
            id: 'short-1d',
            name: '请假1天由分管领导审批',
            facts: { applicantRole: 'ordinary', leaveType: 'personal', days: 1 },
            expect: { outcomes: [{ type: 'approval', step: 1, roles: ['supervisingLeader'] }] },
          },
          {
            id: 'long-2d',
            name: '请假2天由镇长审批',
            facts: { applicantRole: 'ordinary', leaveType: 'personal', days: 2 },
            expect: { outcomes: [{ type: 'approval', step: 1, roles: ['townshipHead'] }] },
          },
        ],
      },
    },
  };
}

export function townPack(): PackBundle {
  return {
    pack: {
      id: 'test-town',
      name: '测试镇',
      owner: { id: 'town-a', name: '甲镇', level: 'township' },
      extends: 'test-base',
      version: '1.0.0',
    },
    sources: {
      clauses: [{ id: 'LV-T-TOWN', document: '甲镇制度', article: '第三条', text: '请假3天以内的由分管领导审批。' }],
    },
    parameters: { overrides: [] },
    rules: {},
    fixtures: {},
  };
}
