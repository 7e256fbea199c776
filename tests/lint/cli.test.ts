/** `rules lint`: exit 1 on any error finding (or a pack that does not validate), 0 otherwise; `--json`. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PackBundle } from '../../engine/index.js';
import { decidedPack, literalPack, smallBase } from './packs.js';

const ROOT = new URL('../../', import.meta.url).pathname;

function rules(...args: string[]) {
  const result = spawnSync('npx', ['tsx', 'engine/cli/main.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

/** A rules folder holding these packs, laid out as under rules/. */
function rulesDir(...bundles: PackBundle[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'rules-lint-'));
  for (const bundle of bundles) {
    const files: Record<string, unknown> = {
      'pack.json': bundle.pack,
      'sources.json': bundle.sources,
      'parameters.json': bundle.parameters,
      ...bundle.rules,
      ...bundle.fixtures,
    };
    for (const [file, data] of Object.entries(files)) {
      const path = join(dir, bundle.pack.id, file);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, JSON.stringify(data, null, 2));
    }
  }
  return dir;
}

describe('rules lint', () => {
  it('exit 0 when packs have warnings only', () => {
    const { code, out } = rules('--rules-dir', rulesDir(smallBase(), decidedPack()), 'lint');
    expect(code).toBe(0);
    expect(out).toContain('✓ lint-base 0 errors, 0 warnings');
    expect(out).toMatch(/! lint-decided 0 errors, \d+ warnings/);
    expect(out).toContain('warning UNTESTED_BOUNDARY lint-decided/rules/leave.json#/rules/');
  });

  it('exit 1 with the overlaps and gaps, in Chinese and English, when a pack reads the seeds literally', () => {
    const { code, out } = rules('--rules-dir', rulesDir(smallBase(), literalPack()), 'lint', 'lint-literal');
    expect(code).toBe(1);
    expect(out).toContain('✗ lint-literal 6 errors');
    expect(out).toContain('error OVERLAP lint-literal/rules/expense.json#/rules/1/conditions');
    expect(out).toContain('500 元同时落入两条规则');
    expect(out).toContain('both fire when amount = 500');
    expect(out).toContain('1 天到 2 天之间没有规则');
    expect(out).not.toContain('lint-base');
  });

  it('--json lists the findings per pack', () => {
    const { code, out } = rules('--rules-dir', rulesDir(smallBase(), literalPack()), '--json', 'lint');
    expect(code).toBe(1);
    const results = JSON.parse(out);
    expect(results.map((r: any) => r.pack).sort()).toEqual(['lint-base', 'lint-literal']);
    const literal = results.find((r: any) => r.pack === 'lint-literal');
    expect(literal.valid).toBe(true);
    expect(
      literal.findings
        .filter((f: any) => f.severity === 'error')
        .map((f: any) => f.code)
        .sort(),
    ).toEqual(['GAP', 'GAP', 'OVERLAP', 'OVERLAP', 'OVERLAP', 'OVERLAP']);
  });

  it('exit 1 when a pack does not validate; its findings are still listed', () => {
    const broken = decidedPack();
    broken.parameters.parameters![0].value = 999999; // above its max
    const { code, out } = rules('--rules-dir', rulesDir(smallBase(), broken), 'lint', 'lint-decided');
    expect(code).toBe(1);
    expect(out).toContain('does not validate');
    expect(out).toContain('PARAMETER_VALUE lint-decided/parameters.json#/parameters/0/value');
    expect(out).not.toContain('PARAMETER_OUT_OF_RANGE'); // the same problem, said once
    expect(out).toContain('UNTESTED_BOUNDARY');
  });

  it('exit 1 on an unknown pack', () => {
    const { code, err } = rules('--rules-dir', rulesDir(smallBase()), 'lint', 'no-such-pack');
    expect(code).toBe(1);
    expect(err).toContain('unknown pack(s): no-such-pack');
  });
});
