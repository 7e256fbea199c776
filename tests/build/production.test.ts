/**
 * What the Docker image does, without a container runtime: on a fresh copy of the checkout,
 * build (`npm run build`), install for production (`npm prune --omit=dev`, offline), lay out the
 * runtime stage's files as the Dockerfile's COPY lines say, and run its CMD with plain node —
 * then sign in, evaluate, open the admin UI, and stop it with SIGTERM.
 */
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, utimesSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, describeDatabase, migrationStatus } from '../../api/db/knex.js';
import { freshCopy, REPO, type FreshCopy } from './fresh-copy.js';

const ADMIN_PASSWORD = 'production-test-password';

interface RuntimeStage {
  /** [source in the build stage's /app, destination in the image's /app] */
  copies: [string, string][];
  env: Record<string, string>;
  cmd: string[];
}

/** The final stage of the Dockerfile: its COPY lines, ENV and CMD (the forms this Dockerfile uses). */
function runtimeStage(dockerfile: string): RuntimeStage {
  const lines = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim());
  const stage = lines.slice(lines.map((line) => line.startsWith('FROM ')).lastIndexOf(true));
  const stage_: RuntimeStage = { copies: [], env: {}, cmd: [] };
  for (const line of stage) {
    const [instruction, ...rest] = line.split(/\s+/);
    if (instruction === 'COPY') {
      const [source, destination] = rest.filter((word) => !word.startsWith('--'));
      if (!rest.includes('--from=build') || !source.startsWith('/app/'))
        throw new Error(`unexpected COPY form: ${line}`);
      stage_.copies.push([source.slice('/app/'.length), destination]);
    } else if (instruction === 'ENV') {
      for (const pair of rest) stage_.env[pair.split('=')[0]] = pair.slice(pair.indexOf('=') + 1);
    } else if (instruction === 'CMD') {
      stage_.cmd = JSON.parse(line.slice('CMD'.length));
    }
  }
  return stage_;
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
  return result;
}

/** Every module of the build, except the entry points (they run when imported). */
function libraryModules(dist: string): string[] {
  const entries = new Set([
    'api/main.js',
    'api/backup.js',
    'api/restore.js',
    'api/reset-password.js',
    'api/purge-decisions.js',
    'engine/cli/main.js',
  ]);
  const modules: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.js') && !entries.has(relative(dist, path))) modules.push(path);
    }
  };
  walk(dist);
  return modules;
}

describe('the production build, as the Docker image runs it', () => {
  let copy: FreshCopy;
  let app: string;
  let stage: RuntimeStage;

  beforeAll(() => {
    copy = freshCopy('production', 'copy');
    const build = copy.dir;
    stage = runtimeStage(readFileSync(join(REPO, 'Dockerfile'), 'utf8'));
    // RUN npm run build && npm prune --omit=dev
    run('npm', ['run', 'build'], build);
    run('npm', ['prune', '--omit=dev', '--offline', '--no-audit', '--no-fund'], build);
    // the runtime stage: only what the Dockerfile copies
    app = join(build, 'image-app');
    for (const [source, destination] of stage.copies) {
      expect(existsSync(join(build, source)), `COPY ${source}: missing after the build`).toBe(true);
      mkdirSync(join(app, destination, '..'), { recursive: true });
      cpSync(join(build, source), join(app, destination), { recursive: true, verbatimSymlinks: true });
    }
  }, 300_000);

  afterAll(() => copy?.remove());

  it('installs no TypeScript runtime, build tool or browser package in production', () => {
    for (const pkg of [
      'tsx',
      'typescript',
      'vite',
      'vitest',
      'react',
      'react-admin',
      '@mui/material',
      'jsondiffpatch',
    ]) {
      expect(existsSync(join(app, 'node_modules', pkg)), pkg).toBe(false);
    }
    expect(existsSync(join(app, 'dist', 'api', 'db', 'migrations', '20261125_init.js'))).toBe(true);
  });

  it('every module of the build loads with the production dependencies alone', () => {
    const modules = libraryModules(join(app, 'dist'));
    expect(modules.length).toBeGreaterThan(100);
    const script = `for (const m of ${JSON.stringify(modules.map((m) => pathToFileURL(m).href))}) { try { await import(m); } catch (e) { console.error(m, e.message); process.exitCode = 1; } }`;
    run(process.execPath, ['--input-type=module', '-e', script], app, {
      RULES_DATA_DIR: join(copy.dir, 'modules-data'),
    });
  });

  it('npm start finds the build current and needs no build tool; a newer source asks for a build', () => {
    const quiet = run(process.execPath, ['scripts/ensure-build.mjs'], copy.dir);
    expect(quiet.stdout + quiet.stderr).toBe('');
    // the image has no sources to compare with; the build folder, pruned, has them and no tools
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(copy.dir, 'api', 'main.ts'), later, later);
    const stale = spawnSync(process.execPath, ['scripts/ensure-build.mjs'], { cwd: copy.dir, encoding: 'utf8' });
    expect(stale.status).toBe(1);
    expect(stale.stdout).toContain('building dist/');
    expect(stale.stderr).toContain('build tools are not installed');
  });

  it("package.json's start runs what the image's CMD runs", () => {
    const start = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).scripts.start as string;
    expect(start).toBe(`exec ${stage.cmd.join(' ')}`);
  });

  it('the rules CLI runs from dist/ without tsx', () => {
    const result = run(
      process.execPath,
      [
        'bin/rules.mjs',
        'eval',
        'county-township-cadres',
        'leaveApproval',
        '--json',
        '{"applicantRole":"ordinary","leaveType":"personal","days":3}',
      ],
      app,
    );
    expect(JSON.parse(result.stdout).outcomes.length).toBeGreaterThan(0);
  });

  it('starts with node, signs in, evaluates, serves the admin UI, and stops cleanly on SIGTERM', async () => {
    const data = join(copy.dir, 'data');
    const [command, ...args] = stage.cmd;
    const server = spawn(command === 'node' ? process.execPath : command, args, {
      cwd: app,
      env: {
        ...process.env,
        ...stage.env,
        PORT: '0',
        RULES_DATA_DIR: data,
        RULES_ADMIN_PASSWORD: ADMIN_PASSWORD,
        DATABASE_URL: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const exited = new Promise<number | null>((resolve) => server.on('exit', resolve));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const onData = (chunk: Buffer) => {
          output += chunk.toString();
          const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
          if (match) resolve(match[1]);
        };
        server.stdout!.on('data', onData);
        server.stderr!.on('data', onData);
        exited.then((code) => reject(new Error(`server exited with ${code}:\n${output}`)));
      });

      expect((await fetch(`${url}/api/ready`)).status).toBe(200);
      const login = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
      });
      expect(login.status).toBe(200);
      const { token } = (await login.json()) as { token: string };
      const evaluation = await fetch(`${url}/api/packs/county-township-cadres/evaluate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          decision: 'leaveApproval',
          facts: { applicantRole: 'ordinary', leaveType: 'personal', days: 3 },
        }),
      });
      expect(evaluation.status).toBe(200);
      const result = (await evaluation.json()) as { version: unknown; outcomes: { type: string }[] };
      expect(result.version).toBe('1');
      expect(result.outcomes.map((o) => o.type)).toContain('approval');

      // an upload is parsed in a worker thread, which loads its tasks from the build too
      run(
        process.execPath,
        [
          'bin/rules.mjs',
          'fixtures',
          'export',
          'county-township-cadres',
          'leaveApproval',
          '--out',
          join(data, 'requests.xlsx'),
        ],
        app,
      );
      const trial = await fetch(`${url}/api/packs/county-township-cadres/batch-trial.xlsx?decision=leaveApproval`, {
        method: 'POST',
        headers: {
          'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          authorization: `Bearer ${token}`,
        },
        body: readFileSync(join(data, 'requests.xlsx')),
      });
      expect(trial.status, await trial.clone().text()).toBe(200);
      expect(Number(trial.headers.get('x-evaluated'))).toBeGreaterThan(0);
      expect(trial.headers.get('x-failed')).toBe('0');

      const page = await fetch(`${url}/`);
      expect(page.status).toBe(200);
      const html = await page.text();
      const script = /<script[^>]+src="(\/assets\/index-[\w-]+\.js)"/.exec(html);
      expect(script, html).not.toBeNull();
      const asset = await fetch(`${url}${script![1]}`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-type')).toMatch(/javascript/);
      expect((await asset.text()).length).toBeGreaterThan(10_000);
    } finally {
      server.kill('SIGTERM');
    }
    expect(await exited).toBe(0);

    // the database records migrations by their source names: the sources find it current
    const db = createDb(describeDatabase(undefined, data));
    try {
      expect(await migrationStatus(db)).toEqual({ pending: [], unknown: [] });
    } finally {
      await db.destroy();
    }
  });
});
