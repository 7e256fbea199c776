/**
 * The commands the documentation shows run as written, on a fresh copy of the checkout.
 *
 * The convention, for README.md and docs/*.md:
 * - in a ```bash block, every line that starts with `npx rules` is run as written, in order, from
 *   the copy's root, and must exit 0 (so a file it names must exist by then, e.g. written by an
 *   earlier line); a synopsis with placeholders (`<pack>`, `[pack…]`) belongs in a ```text block;
 * - the CLI is shown as `npx rules …`, never `npm run rules -- …` (npm prints its banner before
 *   `--json` output);
 * - docs/api.md's ```bash blocks are its walkthrough: run in order as one bash script against a
 *   fresh server (`API` = its address, admin password s3cret-pass), they end in a published version.
 *   Its ```sh blocks are reference fragments, not run.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshCopy, REPO, type FreshCopy } from './fresh-copy.js';

interface Block {
  file: string;
  lang: string;
  /** line number (1-based) of the first line inside the block */
  line: number;
  lines: string[];
}

/** The fenced code blocks of a markdown file. */
function codeBlocks(file: string): Block[] {
  const blocks: Block[] = [];
  let open: Block | undefined;
  readFileSync(join(REPO, file), 'utf8')
    .split('\n')
    .forEach((text, index) => {
      const fence = /^```(\S*)/.exec(text);
      if (fence && !open) open = { file, lang: fence[1], line: index + 2, lines: [] };
      else if (fence && open) {
        blocks.push(open);
        open = undefined;
      } else open?.lines.push(text);
    });
  return blocks;
}

const DOCS = [
  'README.md',
  ...readdirSync(join(REPO, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `docs/${f}`),
];

/** `npx rules` lines of ```bash blocks, with where they are. */
function runnableCliLines(file: string): { where: string; command: string }[] {
  return codeBlocks(file)
    .filter((b) => b.lang === 'bash')
    .flatMap((b) =>
      b.lines
        .map((command, i) => ({ where: `${file}:${b.line + i}`, command: command.trim() }))
        .filter(({ command }) => command.startsWith('npx rules')),
    );
}

describe('the CLI as the documentation shows it', () => {
  it('is `npx rules …`, never `npm run rules -- …`', () => {
    const npmRun = DOCS.flatMap((file) =>
      codeBlocks(file).flatMap((b) =>
        b.lines
          .map((text, i) => ({ where: `${file}:${b.line + i}`, text }))
          .filter(({ text }) => /npm run rules\b/.test(text)),
      ),
    );
    expect(npmRun.map(({ where, text }) => `${where}: ${text.trim()}`)).toEqual([]);
  });

  describe('every `npx rules` line runs as written on a fresh copy', () => {
    let copy: FreshCopy;
    beforeAll(() => {
      copy = freshCopy('docs', 'link');
    });
    afterAll(() => copy?.remove());

    for (const file of DOCS.filter((f) => runnableCliLines(f).length > 0)) {
      const lines = runnableCliLines(file);
      it(`${file} (${lines.length})`, () => {
        for (const { where, command } of lines) {
          const result = spawnSync('bash', ['-c', command], {
            cwd: copy.dir,
            encoding: 'utf8',
            env: { ...process.env, NO_COLOR: '1' },
          });
          expect(result.status, `${where}: ${command}\n${result.stdout}\n${result.stderr}`).toBe(0);
        }
      }, 300_000);
    }
  });
});

/** `npm run dev` on a fresh SQLite file; resolves with its address once it listens. */
function startServer(data: string): { process: ChildProcess; url: Promise<string>; exited: Promise<unknown> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/main.ts'], {
    cwd: REPO,
    env: { ...process.env, PORT: '0', RULES_DATA_DIR: data, RULES_ADMIN_PASSWORD: 's3cret-pass', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const url = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) resolve(match[1]);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  return { process: child, url, exited };
}

describe("docs/api.md's walkthrough", () => {
  const data = mkdtempSync(join(tmpdir(), 'rules-walkthrough-'));
  const server = startServer(data);
  afterAll(async () => {
    server.process.kill('SIGTERM');
    await server.exited;
    rmSync(data, { recursive: true, force: true });
  });

  it('runs in order on a fresh server and ends in a published version', async () => {
    const url = await server.url;
    const script = codeBlocks('docs/api.md')
      .filter((b) => b.lang === 'bash')
      .map((b) => b.lines.join('\n'))
      .join('\n');
    expect(script).toContain('/publish');
    const run = spawnSync('bash', ['-euo', 'pipefail', '-c', script], {
      cwd: data,
      encoding: 'utf8',
      env: { ...process.env, API: url },
    });
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);

    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 's3cret-pass' }),
    });
    const { token } = (await login.json()) as { token: string };
    const versions = await fetch(`${url}/api/packs/county-township-cadres/versions`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const { inForce, timeline } = (await versions.json()) as {
      inForce: number;
      timeline: { version: number; origin: string }[];
    };
    expect(inForce).toBe(2);
    expect(timeline.find((v) => v.version === 2)).toMatchObject({ origin: 'publish' });
  }, 180_000);
});
