#!/usr/bin/env node
/**
 * `npm start` runs this first: build the admin UI when admin-ui/dist is missing or older than
 * anything in admin-ui/src (or the shared schemas the UI imports and
 * admin-ui/build compiles into validators). Quiet when up to date.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';

const uiDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const repo = join(uiDir, '..');
const built = join(uiDir, 'dist', 'index.html');

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

const sources = Math.max(newest(join(uiDir, 'src')), newest(join(uiDir, 'index.html')), newest(join(uiDir, 'vite.config.ts')), newest(join(uiDir, 'build')), newest(join(repo, 'schemas')));
const output = existsSync(built) ? statSync(built).mtimeMs : 0;
if (output >= sources) process.exit(0);

console.log(output ? 'admin UI sources changed: rebuilding admin-ui/dist…' : 'admin UI not built yet: building admin-ui/dist…');
const vite = join(repo, 'node_modules', 'vite', 'bin', 'vite.js');
const result = spawnSync(process.execPath, [vite, 'build', '--config', join(uiDir, 'vite.config.ts'), '--logLevel', 'warn'], { cwd: repo, stdio: 'inherit' });
if (result.status !== 0) {
  console.error('admin UI build failed; the API still starts (the UI is served once admin-ui/dist exists)');
}
process.exit(0);
