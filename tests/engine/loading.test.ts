/** Reading pack folders and resolving `extends`: every problem names the pack, file and place. */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPack, bundleSource, folderSource, type PackBundle } from '../../engine/index.js';
import { basePack, clone, townPack } from '../helpers/packs.js';

function writePack(root: string, bundle: PackBundle): void {
  const dir = join(root, bundle.pack.id);
  mkdirSync(join(dir, 'rules'), { recursive: true });
  mkdirSync(join(dir, 'fixtures'), { recursive: true });
  writeFileSync(join(dir, 'pack.json'), JSON.stringify(bundle.pack));
  writeFileSync(join(dir, 'sources.json'), JSON.stringify(bundle.sources));
  writeFileSync(join(dir, 'parameters.json'), JSON.stringify(bundle.parameters));
  for (const [file, data] of Object.entries({ ...bundle.rules, ...bundle.fixtures }))
    writeFileSync(join(dir, file), JSON.stringify(data));
}

const codes = (issues: { code: string }[]) => issues.map((i) => i.code);

describe('loading pack folders', () => {
  it('loads a pack and its base from disk and compiles it', () => {
    const root = mkdtempSync(join(tmpdir(), 'packs-'));
    writePack(root, basePack());
    writePack(root, townPack());
    const built = buildPack('test-town', folderSource(root));
    expect(built.issues).toEqual([]);
    expect(built.resolved!.chain).toEqual(['test-base', 'test-town']);
    expect(built.compiled!.decisions.has('leaveApproval')).toBe(true);
  });

  it('a file that is not JSON is an error naming the file, and nothing compiles', () => {
    const root = mkdtempSync(join(tmpdir(), 'packs-'));
    writePack(root, basePack());
    writeFileSync(join(root, 'test-base', 'rules', 'leave.json'), '{ "decision": ');
    const built = buildPack('test-base', folderSource(root));
    expect(built.compiled).toBeUndefined();
    expect(built.issues).toEqual([
      expect.objectContaining({ code: 'JSON_SYNTAX', pack: 'test-base', file: 'rules/leave.json' }),
    ]);
  });

  it('a missing sources.json is reported', () => {
    const root = mkdtempSync(join(tmpdir(), 'packs-'));
    writePack(root, basePack());
    const dir = join(root, 'test-base');
    writeFileSync(join(dir, 'sources.json'), '');
    expect(codes(buildPack('test-base', folderSource(root)).issues)).toContain('JSON_SYNTAX');
  });

  it('a pack whose pack.json id differs from its folder is refused', () => {
    const base = basePack();
    expect(buildPack('other', bundleSource({ other: base })).issues).toEqual([
      expect.objectContaining({ code: 'PACK_ID_MISMATCH', file: 'pack.json', pointer: '/id' }),
    ]);
  });

  it('a missing base pack is an error on the extending pack', () => {
    const issues = buildPack('test-town', bundleSource({ 'test-town': townPack() })).issues;
    expect(issues).toEqual([
      expect.objectContaining({ code: 'EXTENDS_MISSING', pack: 'test-town', pointer: '/extends' }),
    ]);
    expect(issues[0].messageZh).toContain('test-base');
  });

  it('a cycle in extends is an error naming the cycle', () => {
    const a = townPack();
    const b = basePack();
    b.pack.extends = 'test-town';
    const issues = buildPack('test-town', bundleSource({ 'test-town': a, 'test-base': b })).issues;
    expect(codes(issues)).toEqual(['EXTENDS_CYCLE']);
    expect(issues[0].message).toMatch(/test-town → test-base → test-town|test-base → test-town → test-base/);
  });

  it('schema errors of a base pack stop the extending pack too', () => {
    const base = basePack();
    (base.parameters.parameters![0] as any).type = 'decimal';
    const issues = buildPack('test-town', bundleSource({ 'test-base': base, 'test-town': townPack() })).issues;
    expect(issues).toEqual([
      expect.objectContaining({
        code: 'SCHEMA',
        pack: 'test-base',
        file: 'parameters.json',
        pointer: '/parameters/0/type',
      }),
    ]);
  });
});

describe('reference checks', () => {
  const build = (mutate: (base: PackBundle) => void) => {
    const base = clone(basePack());
    mutate(base);
    return buildPack('test-base', bundleSource({ 'test-base': base }));
  };
  const rules = (b: PackBundle) => b.rules['rules/leave.json'].rules as any[];

  it('an unknown parameter reference is reported at the value', () => {
    const { issues } = build((b) => {
      rules(b)[0].conditions.all[0].value = { param: 'leave.nope' };
    });
    expect(issues).toEqual([
      expect.objectContaining({
        code: 'UNKNOWN_PARAMETER',
        file: 'rules/leave.json',
        pointer: '/rules/0/conditions/all/0/value',
        ruleIds: ['leave.short'],
      }),
    ]);
  });

  it('an unknown source id in a citation is reported', () => {
    const { issues } = build((b) => {
      rules(b)[1].citations = ['LV-T-NOPE'];
    });
    expect(issues).toEqual([expect.objectContaining({ code: 'UNKNOWN_SOURCE', pointer: '/rules/1/citations/0' })]);
  });

  it('duplicate rule ids in one pack are refused', () => {
    const { issues } = build((b) => {
      rules(b)[1].id = 'leave.short';
    });
    expect(codes(issues)).toContain('DUPLICATE_RULE_ID');
  });

  it("a fact that is not in the decision's fact schema is refused, naming the decision", () => {
    const { issues } = build((b) => {
      rules(b)[0].conditions.all[0].fact = 'amount';
    });
    expect(issues).toEqual([
      expect.objectContaining({ code: 'UNKNOWN_FACT', pointer: '/rules/0/conditions/all/0/fact' }),
    ]);
    expect(issues[0].messageZh).toContain('请假审批');
  });

  it("a value that is not one of an enum fact's values is refused", () => {
    const { issues } = build((b) => {
      rules(b)[0].conditions.all.push({ fact: 'leaveType', operator: 'equal', value: 'holiday' });
    });
    expect(codes(issues)).toEqual(['UNKNOWN_FACT_VALUE']);
  });

  it('an unknown decision is refused', () => {
    const { issues } = build((b) => {
      b.rules['rules/leave.json'].decision = 'parking';
      b.fixtures = {};
    });
    expect(codes(issues)).toEqual(['UNKNOWN_DECISION']);
  });

  it('an unknown operator is a schema error at the operator', () => {
    const { issues } = build((b) => {
      rules(b)[0].conditions.all[0].operator = 'atMost';
    });
    expect(issues).toEqual([
      expect.objectContaining({ code: 'SCHEMA', pointer: '/rules/0/conditions/all/0/operator' }),
    ]);
  });

  it('a parameter value outside its range is refused with the range in Chinese', () => {
    const { issues } = build((b) => {
      b.parameters.parameters![0].value = 40;
    });
    expect(issues).toEqual([expect.objectContaining({ code: 'PARAMETER_VALUE', pointer: '/parameters/0/value' })]);
    expect(issues[0].messageZh).toContain('不得大于 30天');
  });

  it('fixture facts that do not fit the decision are refused', () => {
    const { issues } = build((b) => {
      (b.fixtures['fixtures/leave.json'].cases[0] as any).facts.days = 'one';
    });
    expect(issues).toEqual([
      expect.objectContaining({ code: 'FIXTURE_FACTS_INVALID', pointer: '/cases/0/facts/days' }),
    ]);
  });

  it('a rule in an undeclared group is refused', () => {
    const { issues } = build((b) => {
      rules(b)[0].group = 'other';
    });
    expect(codes(issues)).toEqual(['UNKNOWN_GROUP']);
  });
});
