/**
 * The two halves of the build and whether each is current. Plain JavaScript with no dependencies
 * of its own, so that `npm start` can check a build in a production install, where the build
 * tools (devDependencies) are absent.
 *
 * - server: engine/ and api/ (the API, the `rules` CLI, the ops scripts, the migrations) compiled
 *   by tsc into dist/, which mirrors the source tree (dist/api/main.js, dist/api/db/migrations/*.js);
 * - UI: admin-ui/ bundled by Vite into admin-ui/dist/, which the API serves at /.
 *
 * Data (schemas/, rules/, docs/) is read from the project folder at run time, never copied.
 */
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SERVER_OUT = join(ROOT, 'dist');
/** written last by a successful server build: its time is the build's time */
const SERVER_STAMP = join(SERVER_OUT, '.built');
const UI_OUT = join(ROOT, 'admin-ui', 'dist');

const SERVER_SOURCES = ['engine', 'api', 'tsconfig.json', 'tsconfig.build.json'];
// the UI imports engine modules, and its build compiles schemas/ into validators
const UI_SOURCES = [
  'admin-ui/src',
  'admin-ui/build',
  'admin-ui/index.html',
  'admin-ui/vite.config.ts',
  'engine',
  'schemas',
];

/** Newest modification time under a path; a folder's own time counts, so a deleted file does too. */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

function isCurrent(output, sources) {
  if (!existsSync(output)) return false;
  return statSync(output).mtimeMs >= Math.max(...sources.map((source) => newest(join(ROOT, source))));
}

/** dist/ is at least as new as every server source (true as well where the sources are not shipped). */
export const serverIsCurrent = () => isCurrent(SERVER_STAMP, SERVER_SOURCES);
export const uiIsCurrent = () => isCurrent(join(UI_OUT, 'index.html'), UI_SOURCES);

/** A build tool's command-line script, or undefined in a production install without devDependencies. */
function tool(pkg, script) {
  try {
    return join(dirname(createRequire(join(ROOT, 'package.json')).resolve(`${pkg}/package.json`)), script);
  } catch {
    return undefined;
  }
}

function run(step, script, args, env = process.env) {
  if (!script) {
    throw new Error(
      `${step}: the build tools are not installed (a production install?); run \`npm install\` and \`npm run build\` first`,
    );
  }
  const started = Date.now();
  const result = spawnSync(process.execPath, [script, ...args], { cwd: ROOT, stdio: 'inherit', env });
  if (result.status !== 0) throw new Error(`${step} failed`);
  console.log(`${step}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** tsc over tsconfig.build.json into a fresh dist/ (a file left from a deleted source must not run). */
export function buildServer() {
  rmSync(SERVER_OUT, { recursive: true, force: true });
  run('server (tsc → dist/)', tool('typescript', 'bin/tsc'), ['-p', 'tsconfig.build.json']);
  writeFileSync(SERVER_STAMP, `${new Date().toISOString()}\n`);
}

/** Bundle the UI into admin-ui/dist (Vite does not type-check: `npm run typecheck` does). */
export function buildUi() {
  run(
    'admin UI (vite → admin-ui/dist/)',
    tool('vite', 'bin/vite.js'),
    [
      'build',
      '--config',
      'admin-ui/vite.config.ts',
      '--logLevel',
      'warn',
      // always the production build of React and the rest: run from a test runner, NODE_ENV=test
      // would otherwise be inherited and make a development bundle that `npm start` then serves
    ],
    { ...process.env, NODE_ENV: 'production' },
  );
}
