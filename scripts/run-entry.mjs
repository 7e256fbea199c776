#!/usr/bin/env node
/**
 * Runs a command-line entry point of the project (`rules`, backup, restore, reset-password,
 * purge-decisions): the TypeScript source through tsx in a checkout with dev dependencies
 * (always current, no build needed), the build in dist/ in a production install (no tsx there).
 *
 *   node scripts/run-entry.mjs api/backup [args…]   (what the npm scripts do)
 *   runEntry('engine/cli/main')                      (what bin/rules.mjs does)
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, SERVER_OUT } from './build-steps.mjs';

function tsxInstalled() {
  try {
    createRequire(join(ROOT, 'package.json')).resolve('tsx');
    return true;
  } catch {
    return false;
  }
}

/** Import `entry` (a path from the project folder, without extension); it runs on import. */
export async function runEntry(entry) {
  if (tsxInstalled()) {
    const { register } = await import('tsx/esm/api');
    register();
    return import(pathToFileURL(join(ROOT, `${entry}.ts`)).href);
  }
  const built = join(SERVER_OUT, `${entry}.js`);
  if (!existsSync(built)) {
    console.error(`${built} is missing: run \`npm run build\` (with dev dependencies installed) first`);
    process.exit(1);
  }
  return import(pathToFileURL(built).href);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  // the entry reads its own arguments from process.argv[2…], as when run directly
  const [entry] = process.argv.splice(2, 1);
  if (!entry) {
    console.error('usage: node scripts/run-entry.mjs <entry, e.g. api/backup> [args…]');
    process.exit(2);
  }
  await runEntry(entry);
}
