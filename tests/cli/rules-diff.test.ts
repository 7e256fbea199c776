/** `rules diff <pack> <dirA> <dirB>`: parameter, rule and outcome changes between two copies of a pack. */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;
const PACK = 'county-township-cadres';

function rules(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'engine/cli/main.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

/** A copy of the pack's folder with one parameter's value changed. */
function withParameter(id: string, value: unknown): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'rules-diff-')), PACK);
  cpSync(join(ROOT, 'rules', PACK), dir, { recursive: true });
  const file = join(dir, 'parameters.json');
  const params = JSON.parse(readFileSync(file, 'utf8'));
  params.parameters.find((p: { id: string }) => p.id === id).value = value;
  writeFileSync(file, JSON.stringify(params));
  return dir;
}

// each call starts node with tsx: a few seconds apiece on a busy machine
describe('rules diff', { timeout: 120_000 }, () => {
  it('a rules folder against the pack folder it holds: no changes', () => {
    const { code, out } = rules('diff', PACK, 'rules', `rules/${PACK}`);
    expect(code).toBe(0);
    expect(out).toContain('no changes');
  });

  it('a threshold change: the parameter and the cases whose outcome moves, as text and as JSON', () => {
    const dir = withParameter('leave.supervisorOnlyMaxDays', 2);
    const text = rules('diff', PACK, 'rules', dir);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/leave\.supervisorOnlyMaxDays: 1 → 2/);
    expect(text.out).toContain('leave.ordinary.2d');
    const json = rules('--json', 'diff', PACK, 'rules', dir);
    expect(json.code).toBe(0);
    const diff = JSON.parse(json.out);
    expect(diff.parameters).toEqual([
      expect.objectContaining({ id: 'leave.supervisorOnlyMaxDays', from: 1, to: 2, change: 'changed' }),
    ]);
    expect(diff.fixtures.map((f: { id: string }) => f.id).sort()).toEqual([
      'leave.cap.4d',
      'leave.cap.sick',
      'leave.ordinary.1-5d',
      'leave.ordinary.2d',
    ]);
    expect(diff.issues).toEqual({ from: [], to: [] });
  });

  it('exit 1 with the errors when a side does not validate, and a clear message for a folder without the pack', () => {
    const broken = rules('diff', PACK, 'rules', withParameter('leave.supervisorOnlyMaxDays', 999));
    expect(broken.code).toBe(1);
    expect(broken.out).toContain('does not validate');
    const missing = rules('diff', PACK, 'rules', 'docs');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain(`neither a pack folder (with pack.json) nor a rules folder holding ${PACK}/`);
  });
});
