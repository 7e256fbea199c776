/** The `rules` CLI as testers and CI use it: exit codes, the summary line, JSON output. */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;

function rules(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'engine/cli/main.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

/** A copy of the shipped packs in a temp folder, to break on purpose. */
function copyOfShipped(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rules-cli-'));
  cpSync(join(ROOT, 'rules'), dir, { recursive: true });
  return dir;
}

// each case starts the CLI through tsx: seconds apiece on a loaded machine
describe('rules CLI', { timeout: 120_000 }, () => {
  it('validate: exit 0 on the shipped packs, listing each', () => {
    const { code, out } = rules('validate');
    expect(code).toBe(0);
    expect(out).toContain('✓ base');
    expect(out).toContain('✓ county-township-cadres');
  });

  it('validate: exit 1 and the file and pointer of the error when a pack is broken', () => {
    const dir = copyOfShipped();
    const file = join(dir, 'county-township-cadres', 'parameters.json');
    const params = JSON.parse(readFileSync(file, 'utf8'));
    params.parameters[0].value = 999;
    writeFileSync(file, JSON.stringify(params));
    const { code, out } = rules('--rules-dir', dir, 'validate', 'county-township-cadres');
    expect(code).toBe(1);
    expect(out).toContain('PARAMETER_VALUE county-township-cadres/parameters.json#/parameters/0/value');
    expect(out).toContain('不得大于');
  });

  it('test: runs every fixture and ends with "N passed, 0 failed"', () => {
    const { code, out } = rules('test');
    expect(code).toBe(0);
    const last = out.trim().split('\n').pop()!;
    expect(last).toMatch(/^\d+ passed, 0 failed$/);
    expect(Number(last.split(' ')[0])).toBeGreaterThan(80);
  });

  it('test: a failing fixture exits 1, shows expected vs actual and the explanation', () => {
    const dir = copyOfShipped();
    const file = join(dir, 'county-township-cadres', 'parameters.json');
    const params = JSON.parse(readFileSync(file, 'utf8'));
    params.parameters.find((p: any) => p.id === 'leave.secretaryMaxDays').value = 6;
    writeFileSync(file, JSON.stringify(params));
    const { code, out } = rules('--rules-dir', dir, 'test', 'county-township-cadres');
    expect(code).toBe(1);
    expect(out).toMatch(/\d+ passed, [1-9]\d* failed\s*$/);
    expect(out).toContain('✗ 一般干部请病假5.5天');
    expect(out).toContain('- expected 第1步：镇党委会议讨论决定');
    expect(out).toContain('+ actual   第1步：分管领导签字');
    expect(out).toContain('请假天数 5.5 天 ≤ 6 天（参数「党委书记或镇长审批的最长天数」）');
  });

  it('test --json: machine-readable reports, summary line on stderr', () => {
    const { code, out, err } = rules('--json', 'test', 'base');
    expect(code).toBe(0);
    const data = JSON.parse(out);
    expect(data.failed).toBe(0);
    expect(data.reports[0].results.length).toBe(data.passed);
    expect(err).toMatch(/\d+ passed, 0 failed/);
  });

  it('eval: prints the outcome and the Chinese explanation', () => {
    const { code, out } = rules(
      'eval',
      'county-township-cadres',
      'leaveApproval',
      '{"applicantRole":"leader","leaveType":"sick","days":6}',
    );
    expect(code).toBe(0);
    expect(out).toContain('第1步：党委书记审核');
    expect(out).toContain('第2步：县委组织部报告');
    expect(out).toContain('依据：LV-002-LEAD');
  });

  it('eval: invalid facts exit 1 with the failing paths', () => {
    const { code, out } = rules(
      'eval',
      'county-township-cadres',
      'leaveApproval',
      '{"applicantRole":"leader","days":"six"}',
    );
    expect(code).toBe(1);
    expect(out).toContain('FACTS_INVALID');
    expect(out).toContain('/days');
  });

  it('eval --json with a facts file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'facts-')), 'facts.json');
    writeFileSync(file, JSON.stringify({ leaveType: 'annual', yearsOfService: 10 }));
    const { code, out } = rules('--json', 'eval', 'base', 'leaveEntitlement', '--facts', file);
    expect(code).toBe(0);
    expect(JSON.parse(out).outcomes).toEqual([{ type: 'entitlement', leaveType: 'annual', days: 10 }]);
    // the fired rules and the undetermined list are built when read: the written reply still has them
    expect(Object.keys(JSON.parse(out))).toEqual(expect.arrayContaining(['fired', 'shadowed', 'undetermined']));
    expect(JSON.parse(out).fired.length).toBeGreaterThan(0);
  });

  it('coverage: reports rules no fixture exercises', () => {
    const dir = copyOfShipped();
    const file = join(dir, 'base', 'fixtures', 'leave-entitlement.json');
    const fixtures = JSON.parse(readFileSync(file, 'utf8'));
    fixtures.cases = fixtures.cases.filter((c: any) => c.facts.yearsOfService < 20);
    writeFileSync(file, JSON.stringify(fixtures));
    const { code, out } = rules('--rules-dir', dir, 'coverage', 'base', '--fail-on-gaps');
    expect(code).toBe(1);
    expect(out).toContain('rules no fixture exercises: annualLeave.twentyYearsOrMore');
  });

  it('lint of a base lists the township packs its tightened lock now breaks', () => {
    const dir = copyOfShipped();
    const baseParams = join(dir, 'county-township-cadres', 'parameters.json');
    const params = JSON.parse(readFileSync(baseParams, 'utf8'));
    const headDays = params.parameters.find((p: any) => p.id === 'leave.supervisorOnlyMaxDays');
    headDays.lock = { kind: 'bounded', max: 1, source: 'LV-002-A', reason: '县里规定分管领导最多单独审批1天' };
    writeFileSync(baseParams, JSON.stringify(params));
    const town = join(dir, 'test-town');
    cpSync(join(ROOT, 'rules', 'county-township-cadres', 'pack.json'), join(town, 'pack.json'));
    const pack = JSON.parse(readFileSync(join(town, 'pack.json'), 'utf8'));
    writeFileSync(
      join(town, 'pack.json'),
      JSON.stringify({
        ...pack,
        id: 'test-town',
        extends: 'county-township-cadres',
        owner: { id: 'test-town', name: '测试镇', level: 'township' },
      }),
    );
    writeFileSync(join(town, 'sources.json'), JSON.stringify({ clauses: [] }));
    writeFileSync(
      join(town, 'parameters.json'),
      JSON.stringify({ overrides: [{ id: 'leave.supervisorOnlyMaxDays', value: 2 }] }),
    );
    const { code, out } = rules('--rules-dir', dir, 'lint', 'county-township-cadres');
    expect(code).toBe(1);
    expect(out).toContain('LOCK_BROKEN_DOWNSTREAM test-town');
    expect(out).toContain('不得高于 1天');
  });

  it('an unknown pack name is an error', () => {
    const { code, err } = rules('test', 'no-such-pack');
    expect(code).toBe(1);
    expect(err).toContain('unknown pack(s): no-such-pack');
  });
});
