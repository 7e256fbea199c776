/** A township pack inherits its base's parameters, rules and fixtures, and may override within the base's locks. */
import { describe, expect, it } from 'vitest';
import { buildPack, bundleSource, evaluate, folderSource, runFixtures, type PackBundle } from '../../engine/index.js';
import { basePack, clone, townPack } from '../helpers/packs.js';

const facts = (days: number) => ({ applicantRole: 'ordinary', leaveType: 'personal', days });
const roles = async (pack: any, days: number) =>
  (await evaluate(pack, 'leaveApproval', facts(days))).outcomes.map((o: any) => o.roles.join());

function build(mutateTown: (town: PackBundle) => void, mutateBase: (base: PackBundle) => void = () => {}) {
  const base = clone(basePack());
  const town = clone(townPack());
  mutateBase(base);
  mutateTown(town);
  return buildPack('test-town', bundleSource({ 'test-base': base, 'test-town': town }));
}

describe('extends', () => {
  it('inherits rules, parameters and fixtures unchanged', async () => {
    const { compiled, resolved } = build(() => {});
    expect(resolved!.parameters.get('leave.headFromDays')).toMatchObject({ value: 1, definedIn: 'test-base' });
    expect(resolved!.parameters.get('leave.headFromDays')!.override).toBeUndefined();
    expect(await roles(compiled, 1)).toEqual(['supervisingLeader']);
    expect(await roles(compiled, 1.5)).toEqual(['townshipHead']);
    expect((await runFixtures(compiled!)).passed).toBe(2);
  });

  it('an override changes the value the inherited rules use, and marks it as overridden', async () => {
    const { compiled, resolved, issues } = build((t) => {
      t.parameters.overrides = [{ id: 'leave.headFromDays', value: 3, source: 'LV-T-TOWN', note: '甲镇放宽到3天' }];
      t.fixtures['fixtures/leave.json'] = { decision: 'leaveApproval', cases: [{ id: 'long-2d', disabled: true }] };
    });
    expect(issues).toEqual([]);
    expect(resolved!.parameters.get('leave.headFromDays')).toMatchObject({
      value: 3,
      override: { pack: 'test-town', value: 3 },
    });
    expect(await roles(compiled, 3)).toEqual(['supervisingLeader']);
    expect(await roles(compiled, 3.5)).toEqual(['townshipHead']);
    const report = await runFixtures(compiled!);
    expect(report.results.map((r) => r.id)).toEqual(['short-1d']);
  });

  it('the base pack itself is unaffected by a township override', async () => {
    const base = clone(basePack());
    const town = clone(townPack());
    town.parameters.overrides = [{ id: 'leave.headFromDays', value: 3 }];
    const source = bundleSource({ 'test-base': base, 'test-town': town });
    expect(await roles(buildPack('test-base', source).compiled, 2)).toEqual(['townshipHead']);
    expect(await roles(buildPack('test-town', source).compiled, 2)).toEqual(['supervisingLeader']);
  });

  it('a rule with an inherited id replaces it in place; a disabled entry removes it', async () => {
    const { compiled, resolved } = build((t) => {
      t.rules['rules/leave.json'] = {
        decision: 'leaveApproval',
        rules: [
          {
            id: 'leave.long',
            title: '超过1天：党委书记审批',
            group: 'chain',
            citations: ['LV-T-TOWN'],
            conditions: { all: [{ fact: 'days', operator: 'greaterThan', value: { param: 'leave.headFromDays' } }] },
            outcomes: [{ type: 'approval', step: 1, roles: ['partySecretary'] }],
          },
        ],
      };
      t.fixtures['fixtures/leave.json'] = { decision: 'leaveApproval', cases: [{ id: 'long-2d', disabled: true }] };
    });
    const decision = resolved!.decisions.get('leaveApproval')!;
    expect(decision.rules.map((r) => [r.id, r.definedIn, r.replaces])).toEqual([
      ['leave.short', 'test-base', undefined],
      ['leave.long', 'test-town', 'test-base'],
    ]);
    expect(await roles(compiled, 2)).toEqual(['partySecretary']);

    const disabled = build((t) => {
      t.rules['rules/leave.json'] = { decision: 'leaveApproval', rules: [{ id: 'leave.long', disabled: true }] };
      t.fixtures['fixtures/leave.json'] = { decision: 'leaveApproval', cases: [{ id: 'long-2d', disabled: true }] };
    });
    expect(disabled.resolved!.decisions.get('leaveApproval')!.rules.map((r) => r.id)).toEqual(['leave.short']);
    expect((await evaluate(disabled.compiled!, 'leaveApproval', facts(2))).outcomes).toEqual([]);
  });

  it('disabling a rule no base defines is an error', () => {
    const { issues } = build((t) => {
      t.rules['rules/x.json'] = { decision: 'leaveApproval', rules: [{ id: 'leave.nope', disabled: true }] };
    });
    expect(issues).toEqual([
      expect.objectContaining({ code: 'UNKNOWN_RULE', pack: 'test-town', file: 'rules/x.json' }),
    ]);
  });

  it('redefining an inherited parameter, or overriding an unknown one, is refused', () => {
    const redefined = build((t) => {
      t.parameters.parameters = [{ ...basePack().parameters.parameters![0], source: 'LV-T-TOWN', lock: undefined }];
    });
    expect(redefined.issues.map((i) => i.code)).toEqual(['DUPLICATE_PARAMETER']);
    const unknown = build((t) => {
      t.parameters.overrides = [{ id: 'leave.unknownDays', value: 2 }];
    });
    expect(unknown.issues).toEqual([expect.objectContaining({ code: 'UNKNOWN_PARAMETER', pointer: '/overrides/0' })]);
  });

  it("an inherited fixture that fails under the township's override shows up as a failure", async () => {
    const { compiled } = build((t) => {
      t.parameters.overrides = [{ id: 'leave.headFromDays', value: 3 }];
    });
    const report = await runFixtures(compiled!);
    expect(report.failed).toBe(1);
    expect(report.results.find((r) => !r.passed)!.id).toBe('long-2d');
  });
});

describe('locks set by the base', () => {
  it('a fixed parameter may not be overridden; the message names the base and its reason', () => {
    const { issues, compiled } = build((t) => {
      t.parameters.overrides = [{ id: 'leave.fixedDays', value: 3 }];
    });
    expect(compiled).toBeUndefined();
    expect(issues).toEqual([
      expect.objectContaining({ code: 'LOCKED_PARAMETER', pack: 'test-town', pointer: '/overrides/0' }),
    ]);
    expect(issues[0].messageZh).toBe('参数「固定参数」由 test-base 锁定，不可修改：上级规定，不可修改');
  });

  it('a bounded parameter may move within its bound but not past it', () => {
    expect(
      build((t) => {
        t.parameters.overrides = [{ id: 'leave.headFromDays', value: 2 }];
      }).issues,
    ).toEqual([]);
    const { issues } = build((t) => {
      t.parameters.overrides = [{ id: 'leave.headFromDays', value: 0.5 }];
    });
    expect(issues.map((i) => i.code)).toEqual(['PARAMETER_OUT_OF_BOUNDS']);
    expect(issues[0].messageZh).toContain('不得低于 1天');
  });

  it('a fixed rule may be neither replaced nor disabled', () => {
    const lockBase = (b: PackBundle) => {
      (b.rules['rules/leave.json'].rules[1] as any).lock = { kind: 'fixed', source: 'LV-T-LOCK', reason: '上级规定' };
    };
    const { issues } = build((t) => {
      t.rules['rules/x.json'] = { decision: 'leaveApproval', rules: [{ id: 'leave.long', disabled: true }] };
    }, lockBase);
    expect(issues).toEqual([expect.objectContaining({ code: 'LOCKED_RULE', ruleIds: ['leave.long'] })]);
  });

  it('locks hold over a three-level chain: county → district → township', () => {
    const base = clone(basePack());
    const district = clone(townPack());
    district.pack = {
      ...district.pack,
      id: 'test-district',
      extends: 'test-base',
      owner: { id: 'district', name: '某区', level: 'district' },
    };
    district.parameters.overrides = [{ id: 'leave.headFromDays', value: 2 }];
    const town = clone(townPack());
    town.pack = { ...town.pack, extends: 'test-district' };
    town.sources.clauses = [];
    town.parameters.overrides = [{ id: 'leave.fixedDays', value: 5 }];
    const { issues } = buildPack(
      'test-town',
      bundleSource({ 'test-base': base, 'test-district': district, 'test-town': town }),
    );
    expect(issues.map((i) => [i.code, i.pack])).toEqual([['LOCKED_PARAMETER', 'test-town']]);
  });

  it('the shipped base fixes national annual-leave days', () => {
    const town = clone(townPack());
    town.parameters.overrides = [{ id: 'annualLeave.midServiceDays', value: 3 }];
    town.pack.extends = 'base';
    const source = folderSource();
    const issues = buildPack('test-town', { get: (id: string) => (id === 'test-town' ? town : source.get(id)) }).issues;
    expect(issues[0].messageZh).toContain('年休假天数由国家规定（职工带薪年休假条例第三条），不可修改');
  });
});

describe('a base that changes a bound', () => {
  it('lists the township packs whose overrides the new bound breaks', async () => {
    const { packsBrokenByBase } = await import('../../engine/index.js');
    const base = clone(basePack());
    const strict = clone(townPack());
    strict.parameters.overrides = [{ id: 'leave.headFromDays', value: 2 }];
    const lenient = clone(townPack());
    lenient.pack = { ...lenient.pack, id: 'test-town-b', owner: { id: 'town-b', name: '乙镇', level: 'township' } };
    lenient.parameters.overrides = [{ id: 'leave.headFromDays', value: 5 }];
    const bundles = { 'test-base': base, 'test-town': strict, 'test-town-b': lenient };
    expect(packsBrokenByBase('test-base', bundleSource(bundles), Object.keys(bundles))).toEqual([]);

    // the base now allows at most 3 days: 乙镇's 5 days breaks it, 甲镇's 2 days does not
    (base.parameters.parameters![0].lock as any).max = 3;
    const affected = packsBrokenByBase('test-base', bundleSource(bundles), Object.keys(bundles));
    expect(affected.map((a) => a.pack)).toEqual(['test-town-b']);
    expect(affected[0].issues[0]).toMatchObject({ code: 'PARAMETER_OUT_OF_BOUNDS', pack: 'test-town-b' });
    expect(affected[0].issues[0].messageZh).toContain('不得高于 3天');
  });
});

describe('the shipped district duty standard locks what its towns may change', () => {
  const shipped = folderSource();
  function town(overrides: { id: string; value: number }[], rules: PackBundle['rules'] = {}) {
    const bundle: PackBundle = {
      pack: {
        id: 'some-town',
        name: '某镇',
        owner: { id: 'some-town', name: '某镇', level: 'township' },
        extends: 'district-duty-standard',
        version: '1.0.0',
      },
      sources: { clauses: [] },
      parameters: { overrides },
      rules,
      fixtures: {},
    };
    return buildPack('some-town', { get: (id: string) => (id === 'some-town' ? bundle : shipped.get(id)) });
  }

  it('a town may raise the duty-room minimum area but not lower it', () => {
    expect(town([{ id: 'room.minAreaSqm', value: 40 }]).issues).toEqual([]);
    const { issues } = town([{ id: 'room.minAreaSqm', value: 20 }]);
    expect(issues.map((i) => i.code)).toEqual(['PARAMETER_OUT_OF_BOUNDS']);
    expect(issues[0].messageZh).toContain('不得低于 30平方米');
    expect(issues[0].messageZh).toContain('district-duty-standard');
  });

  it('the self-assessment month is fixed, and the no-alcohol rule may not be disabled', () => {
    expect(town([{ id: 'review.month', value: 11 }]).issues.map((i) => i.code)).toEqual(['LOCKED_PARAMETER']);
    const disabled = town([], {
      'rules/x.json': { decision: 'complianceCheck', rules: [{ id: 'duty.officerConduct.alcohol', disabled: true }] },
    });
    expect(disabled.issues.map((i) => i.code)).toEqual(['LOCKED_RULE']);
    expect(disabled.issues[0].messageZh).toContain('值班期间禁止饮酒');
  });

  it('the national annual-leave days stay fixed three levels down', () => {
    const { issues } = town([{ id: 'annualLeave.longServiceDays', value: 10 }]);
    expect(issues.map((i) => [i.code, i.pack])).toEqual([['LOCKED_PARAMETER', 'some-town']]);
  });
});
