/** Where the `rules` CLI writes what the user did not place: out/ (gitignored), never the folder it runs in. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const cwd = mkdtempSync(join(tmpdir(), 'rules-out-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

function rules(...args: string[]) {
  const result = spawnSync(process.execPath, [join(ROOT, 'bin/rules.mjs'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
  return result.stdout;
}

// each case starts the CLI in a process of its own: seconds apiece on a loaded machine
describe('rules CLI output paths', { timeout: 120_000 }, () => {
  it('a fixtures export and a batch trial without --out land in out/, the batch trial named after its input', () => {
    rules('fixtures', 'export', 'county-township-cadres', 'leaveApproval');
    expect(existsSync(join(cwd, 'out', 'county-township-cadres-leave-approval-fixtures.xlsx'))).toBe(true);
    mkdirSync(join(cwd, 'sheets'));
    rules('fixtures', 'export', 'county-township-cadres', 'leaveApproval', '--out', 'sheets/requests.xlsx');
    rules('eval', 'county-township-cadres', 'leaveApproval', '--xlsx', 'sheets/requests.xlsx');
    expect(existsSync(join(cwd, 'out', 'requests-结果.xlsx'))).toBe(true);
    expect(readdirSync(join(cwd, 'sheets'))).toEqual(['requests.xlsx']);
  }, 120_000);

  it('a draft pack without --out lands in out/drafts/<id>, its files naming schemas that exist', () => {
    rules(
      'draft-from',
      join(ROOT, 'tests/drafting/texts/qingshi-leave.txt'),
      '--township',
      '青石乡',
      '--pack-id',
      'qingshi',
    );
    const pack = join(cwd, 'out', 'drafts', 'qingshi');
    for (const file of ['pack.json', 'sources.json', 'parameters.json', 'review/proposals.json']) {
      const { $schema } = JSON.parse(readFileSync(join(pack, file), 'utf8')) as { $schema: string };
      expect(existsSync(resolve(dirname(join(pack, file)), $schema)), `${file}: ${$schema}`).toBe(true);
    }
  }, 120_000);

  it('writes nothing else where it runs', () => {
    expect(readdirSync(cwd).sort()).toEqual(['out', 'sheets']);
  });
});
