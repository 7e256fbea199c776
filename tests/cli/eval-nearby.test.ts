import { spawnSync } from 'node:child_process';
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

const FACTS = '{"applicantRole":"ordinary","leaveType":"personal","days":3}';

// each case starts the CLI through tsx: seconds apiece on a loaded machine
describe('rules eval --nearby', { timeout: 120_000 }, () => {
  it('lists what would change the answer under 怎样会不同', () => {
    const { code, out } = rules('eval', 'county-township-cadres', 'leaveApproval', FACTS, '--nearby');
    expect(code).toBe(0);
    expect(out).toContain('怎样会不同：');
    expect(out).toContain('若请假天数不超过 1 天（参数「分管领导单独审批的最长天数」），只需分管领导审批');
    expect(rules('eval', 'county-township-cadres', 'leaveApproval', FACTS).out).not.toContain('怎样会不同');
  });

  it('--json carries the changes as data', () => {
    const { code, out } = rules('--json', 'eval', 'county-township-cadres', 'leaveApproval', FACTS, '--nearby');
    expect(code).toBe(0);
    const body = JSON.parse(out);
    expect(body.nearby).toContainEqual(
      expect.objectContaining({
        fact: 'days',
        from: 3,
        to: 1,
        parameter: expect.objectContaining({ id: 'leave.supervisorOnlyMaxDays' }),
      }),
    );
  });
});
