/** A township's own words for roles and measures: mapped to a shared code, or pack-local. */
import { describe, expect, it } from 'vitest';
import {
  buildPack,
  bundleSource,
  evaluate,
  explain,
  folderSource,
  loadPack,
  outcomesLabel,
  runFixtures,
  type PackBundle,
} from '../../engine/index.js';
import { basePack, clone, townPack } from '../helpers/packs.js';

const facts = (days: number) => ({ applicantRole: 'ordinary', leaveType: 'personal', days });

function build(mutateTown: (town: PackBundle) => void, mutateBase: (base: PackBundle) => void = () => {}) {
  const base = clone(basePack());
  const town = clone(townPack());
  mutateBase(base);
  mutateTown(town);
  return buildPack('test-town', bundleSource({ 'test-base': base, 'test-town': town }));
}

/** The town says 主管领导 for the shared 分管领导 and has its own 站所负责人. */
function withWords(town: PackBundle) {
  town.pack.vocabulary = {
    role: [
      { code: 'supervisor', label: '主管领导', mapsTo: 'supervisingLeader' },
      { code: 'stationHead', label: '站所负责人', labelEn: 'head of the station' },
    ],
  };
  town.rules['rules/leave.json'] = {
    decision: 'leaveApproval',
    rules: [
      {
        ...(clone(basePack().rules['rules/leave.json'].rules[0]) as any),
        title: '1天以内：主管领导审批',
        outcomes: [{ type: 'approval', step: 1, roles: ['supervisor'] }],
      },
      {
        ...(clone(basePack().rules['rules/leave.json'].rules[1]) as any),
        outcomes: [{ type: 'approval', step: 1, roles: ['stationHead', 'townshipHead'], mode: 'all' }],
      },
    ],
  };
}

describe('pack vocabulary', () => {
  it('a mapped word answers with the shared code and shows the township word', async () => {
    const { compiled, issues } = build(withWords);
    expect(issues).toEqual([]);
    const evaluation = await evaluate(compiled!, 'leaveApproval', facts(1));
    expect(evaluation.outcomes).toEqual([
      {
        type: 'approval',
        step: 1,
        roles: ['supervisingLeader'],
        words: { supervisingLeader: { code: 'supervisor', zh: '主管领导', en: 'supervising leader' } },
      },
    ]);
    const text = explain(evaluation, 'zh');
    expect(text.summary).toContain('第1步：主管领导审批');
    expect(text.summary).not.toContain('分管领导');
    expect(text.lines[0]).toContain('主管领导审批');
  });

  it('a pack-local word is its own code, with its zh and en labels', async () => {
    const { compiled } = build(withWords);
    const evaluation = await evaluate(compiled!, 'leaveApproval', facts(3));
    expect(evaluation.outcomes[0]).toMatchObject({
      roles: ['stationHead', 'townshipHead'],
      words: { stationHead: { code: 'stationHead', zh: '站所负责人', en: 'head of the station' } },
    });
    expect(explain(evaluation, 'zh').summary).toContain('站所负责人、镇长审批');
    expect(explain(evaluation, 'en').summary).toContain('head of the station and township head approves');
  });

  it('fixtures may expect the shared code or the township code', async () => {
    const { compiled } = build((town) => {
      withWords(town);
      town.fixtures['fixtures/leave.json'] = {
        decision: 'leaveApproval',
        cases: [
          {
            id: 'short-1d',
            name: '请假1天由主管领导审批',
            facts: facts(1),
            expect: { outcomes: [{ type: 'approval', step: 1, roles: ['supervisor'] }] },
          },
          {
            id: 'long-2d',
            name: '请假2天',
            facts: facts(2),
            expect: { outcomes: [{ type: 'approval', step: 1, roles: ['stationHead', 'townshipHead'], mode: 'all' }] },
          },
          {
            id: 'short-shared',
            name: '请假半天',
            facts: facts(0.5),
            expect: { outcomes: [{ type: 'approval', step: 1, roles: ['supervisingLeader'] }] },
          },
        ],
      };
    });
    const report = await runFixtures(compiled!);
    expect(report.failed).toBe(0);
    expect(report.passed).toBe(3);
  });

  it('a base pack word is inherited by the child', async () => {
    const { compiled, issues } = build(
      (town) => {
        town.rules['rules/leave.json'] = {
          decision: 'leaveApproval',
          rules: [
            {
              ...(clone(basePack().rules['rules/leave.json'].rules[1]) as any),
              outcomes: [{ type: 'approval', step: 1, roles: ['xiangzhang'] }],
            },
          ],
        };
      },
      (base) => {
        base.pack.vocabulary = { role: [{ code: 'xiangzhang', label: '乡长', mapsTo: 'townshipHead' }] };
      },
    );
    expect(issues).toEqual([]);
    const evaluation = await evaluate(compiled!, 'leaveApproval', facts(3));
    expect(evaluation.outcomes[0].type === 'approval' && evaluation.outcomes[0].roles).toEqual(['townshipHead']);
    expect(explain(evaluation).summary).toContain('乡长审批');
  });

  it('an unknown code is rejected with a clear issue at the outcome', () => {
    const { compiled, issues } = build((town) => {
      town.rules['rules/leave.json'] = {
        decision: 'leaveApproval',
        rules: [
          {
            ...(clone(basePack().rules['rules/leave.json'].rules[1]) as any),
            outcomes: [{ type: 'approval', step: 1, roles: ['mayor'] }],
          },
        ],
      };
    });
    expect(compiled).toBeUndefined();
    const issue = issues.find((i) => i.code === 'UNKNOWN_VOCABULARY_CODE')!;
    expect(issue).toMatchObject({
      severity: 'error',
      pack: 'test-town',
      file: 'rules/leave.json',
      pointer: '/rules/0/outcomes/0/roles/0',
      ruleIds: ['leave.long'],
    });
    expect(issue.messageZh).toContain('审批角色「mayor」');
    expect(issue.messageZh).toContain('vocabulary.role');
  });

  it('an unknown code in a fixture expectation is rejected too', () => {
    const { issues } = build((town) => {
      town.fixtures['fixtures/leave.json'] = {
        decision: 'leaveApproval',
        cases: [
          { id: 'x', name: '用例', facts: facts(1), expect: { outcomes: [{ type: 'penalty', measure: 'flogging' }] } },
        ],
      };
    });
    expect(issues.find((i) => i.code === 'UNKNOWN_VOCABULARY_CODE')).toMatchObject({
      file: 'fixtures/leave.json',
      pointer: '/cases/0/expect/outcomes/0/measure',
    });
  });

  it('a child may add words, not redefine a base word or a shared code', () => {
    const { issues } = build(
      (town) => {
        town.pack.vocabulary = {
          role: [
            { code: 'xiangzhang', label: '乡长（新）' },
            { code: 'townshipHead', label: '乡长' },
            { code: 'chief', label: '站长', mapsTo: 'nobody' },
          ],
        };
      },
      (base) => {
        base.pack.vocabulary = { role: [{ code: 'xiangzhang', label: '乡长', mapsTo: 'townshipHead' }] };
      },
    );
    expect(issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.pointer])).toEqual([
      ['VOCABULARY_REDEFINED', '/vocabulary/role/0/code'],
      ['VOCABULARY_REDEFINED', '/vocabulary/role/1/code'],
      ['UNKNOWN_VOCABULARY_CODE', '/vocabulary/role/2/mapsTo'],
    ]);
    expect(issues[0].messageZh).toContain('只能新增，不能重新定义');
  });

  it('a word with a malformed code is a schema error in pack.json', () => {
    const { issues } = build((town) => {
      (town.pack as any).vocabulary = { role: [{ code: '主管', label: '主管领导' }], office: [] };
    });
    expect(issues.map((i) => [i.code, i.file, i.pointer])).toEqual(
      expect.arrayContaining([['SCHEMA', 'pack.json', '/vocabulary/role/0/code']]),
    );
  });

  it('seed 004 (henan-district-office) says 主管领导 for leave and keeps 分管领导 for finance', async () => {
    const henan = loadPack('henan-district-office', folderSource());
    const leave = await evaluate(henan, 'leaveApproval', facts(1));
    expect(leave.outcomes[0]).toMatchObject({ roles: ['supervisingLeader'] });
    expect(explain(leave).summary).toBe('请假审批：第1步：主管领导签字');
    expect(outcomesLabel(leave.outcomes)).toBe('主管领导'); // what-if summaries
    const expense = await evaluate(henan, 'expenseApproval', { kind: 'spending', amount: 499 });
    expect(explain(expense).summary).toContain('分管领导、分管财务领导、主要领导报告');
  });
});
