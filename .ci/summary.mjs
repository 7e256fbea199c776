// Print "N passed, M failed" from vitest's JSON report (CI does not parse vitest's own summary).
// A test file that fails to load has no test results but counts as one failure.
import { existsSync, readFileSync } from 'node:fs';
const file = process.argv[2] ?? '.vitest-results.json';
if (!existsSync(file)) {
  console.log('0 passed, 1 failed');
  process.exit(0);
}
const report = JSON.parse(readFileSync(file, 'utf8'));
const brokenFiles = report.testResults.filter((r) => r.status === 'failed' && r.assertionResults.length === 0).length;
console.log(`${report.numPassedTests} passed, ${report.numFailedTests + brokenFiles} failed`);
