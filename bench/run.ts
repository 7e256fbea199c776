/**
 * `npm run bench`: every benchmark in this folder, one after another in its own process (so
 * one does not warm up or slow down the next), each printing its figures against a baseline
 * measured in the same run. Benchmarks of parts not present are skipped.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const benches = [
  'engine.ts',
  'compiled.ts',
  'townships.ts',
  'nearby.ts',
  'undetermined.ts',
  'diff.ts',
  'evaluate-reply.ts',
  'lint.ts',
  'sheets.ts',
  'api-load.ts',
  'what-if.ts',
  'decision-log-insert.ts',
  'sheets-api.ts',
  'extraction.ts',
  'login-flood.ts',
  'onboarding-coverage.ts',
  'ui-load.ts',
];
let failed = false;
for (const file of benches) {
  const path = fileURLToPath(new URL(file, import.meta.url));
  if (!existsSync(path)) continue;
  console.log(`\n=== bench/${file} ===`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', path], { stdio: 'inherit' });
  if (result.status !== 0) failed = true;
}
process.exitCode = failed ? 1 : 0;
