/**
 * Without TEST_PG_URL the API and store tests run on SQLite only (helpers/app.ts DATABASES). So
 * that their PostgreSQL half does not silently vanish from `npm test`, each file that runs on
 * both databases is listed here as skipped, with the reason. With TEST_PG_URL (CI, .ci/run) this
 * file checks instead that the server it names answers.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import knexFactory from 'knex';
import { describe, expect, it } from 'vitest';

const TESTS = fileURLToPath(new URL('../', import.meta.url));
const THIS_FILE = fileURLToPath(import.meta.url);

/** Test files that run once per database. */
function filesOnBothDatabases(dir = TESTS): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return filesOnBothDatabases(path);
      const runsOnBoth =
        entry.name.endsWith('.test.ts') &&
        path !== THIS_FILE &&
        readFileSync(path, 'utf8').includes('describe.each(DATABASES)');
      return runsOnBoth ? [relative(TESTS, path)] : [];
    })
    .sort();
}

const url = process.env.TEST_PG_URL;

describe.runIf(url)('PostgreSQL for the API and store tests', () => {
  it('TEST_PG_URL answers', async () => {
    const db = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 1 } });
    try {
      expect((await db.raw('select 1 as one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await db.destroy();
    }
  });
});

describe.skipIf(url)(
  'PostgreSQL: skipped because TEST_PG_URL is not set (bash .ci/postgres.sh starts one on :5433; then TEST_PG_URL=postgres://postgres@127.0.0.1:5433/postgres npm test)',
  () => {
    for (const file of url ? [] : filesOnBothDatabases()) it.skip(`tests/${file} on PostgreSQL`, () => {});
  },
);
