/**
 * Stopping the service the way systemd or docker does: SIGTERM to the PID of `npm start`.
 * npm relays the signal to the script's shell, and Debian's dash does not exec the last
 * command of `sh -c`, so unless the script execs node the shell dies and leaves the server
 * running as an orphan. With `exec node … dist/api/main.js` the server itself gets the
 * signal and drains: the request in flight is answered 200, its decision is written to the
 * log, the process exits 0 and nothing is left listening.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import knexFactory from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEAVE_FACTS, SEED_PACK } from './helpers/app.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PASSWORD = 'shutdown-admin-password';

/** Every process below `pid` (children, grandchildren…), from ps. */
function descendants(pid: number): number[] {
  const rows = execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number));
  const found: number[] = [];
  const walk = (parent: number) => {
    for (const [child, ppid] of rows)
      if (ppid === parent) {
        found.push(child);
        walk(child);
      }
  };
  walk(pid);
  return found;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

/** `npm start` as an operator runs it (the prestart build is done beforehand: it is not under test). */
async function npmStart(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; url: string; output: () => string; exited: Promise<number | null> }> {
  const child = spawn('npm', ['start', '--ignore-scripts', '--silent'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', RULES_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited with ${code}:\n${output}`));
    });
  });
  return { child, url, output: () => output, exited };
}

/**
 * An evaluate request whose body arrives in two parts: the server has taken the request
 * (answered `100 Continue`) before `between` runs, and gets the rest of the body after it.
 */
function requestInFlight(
  url: string,
  token: string,
  between: () => Promise<void>,
): Promise<{ status: number; body: any }> {
  const body = Buffer.from(JSON.stringify({ decision: 'leaveApproval', facts: LEAVE_FACTS }));
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${url}/api/packs/${SEED_PACK}/evaluate`,
      {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': body.length,
          Authorization: `Bearer ${token}`,
          Expect: '100-continue',
        },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.once('continue', () => {
      req.write(body.subarray(0, 10));
      between().then(() => req.end(body.subarray(10)), reject);
    });
  });
}

describe('SIGTERM to npm start', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rules-shutdown-'));
  beforeAll(() => {
    // npm start runs the build in dist/: make it current, as its prestart script would
    const build = spawnSync(process.execPath, ['scripts/ensure-build.mjs', 'server'], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`server build failed:\n${build.stdout}\n${build.stderr}`);
  }, 300_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('drains: the request in flight completes with 200, npm exits 0, no server is left behind', async () => {
    const file = join(dir, 'rules.sqlite');
    const server = await npmStart({ DATABASE_URL: `sqlite:${file}`, RULES_ADMIN_PASSWORD: PASSWORD });
    const npmPid = server.child.pid!;
    const port = Number(new URL(server.url).port);
    const tree = descendants(npmPid);
    try {
      const login = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: PASSWORD }),
      });
      const { token } = (await login.json()) as { token: string };

      const reply = await requestInFlight(server.url, token, async () => {
        server.child.kill('SIGTERM');
        // the server stops accepting while it finishes this request
        await expect.poll(() => listening(port), { timeout: 20_000, interval: 50 }).toBe(false);
      });
      expect(reply.status).toBe(200);
      expect(reply.body.outcomes.length).toBeGreaterThan(0);

      expect(await server.exited).toBe(0);
      expect(tree.filter(alive)).toEqual([]);
      expect(await listening(port)).toBe(false);
      expect(server.output()).toMatch(/"msg":"stopped"/);
    } finally {
      for (const pid of [npmPid, ...tree]) if (alive(pid)) process.kill(pid, 'SIGKILL');
    }
    // the in-flight evaluation was logged before the database closed
    const db = knexFactory({ client: 'sqlite3', connection: { filename: file }, useNullAsDefault: true });
    try {
      expect(Number((await db('decisions').count({ n: '*' }))[0].n)).toBe(1);
    } finally {
      await db.destroy();
    }
  }, 120_000);
});
