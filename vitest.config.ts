import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';
import { precompiledValidators } from './admin-ui/build/validators.ts';

export default defineConfig({
  // the admin UI's modules under test import the validators the UI build generates
  plugins: [precompiledValidators(fileURLToPath(new URL('./schemas', import.meta.url)))],
  test: {
    include: ['tests/**/*.test.ts'],
    // DOM tests unmount what they rendered before jsdom goes away
    setupFiles: ['tests/setup/unmount-after-each.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // API tests start servers and open database files: keep files in separate processes
    pool: 'forks',
    // every JSON reply the API tests receive is checked against its schema (api/openapi/reply-check.ts)
    env: { RULES_CHECK_REPLIES: '1' },
    // CI reads the counts from the JSON report (.ci/summary.mjs)
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.vitest-results.json' }]] : ['default'],
  },
});
