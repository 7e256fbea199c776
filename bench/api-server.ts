/**
 * The real server in a child process for the HTTP benchmarks (`npm start`'s entry point on a
 * throwaway database), as an office would run it: its log goes to a file, as an operator's
 * does (journald, a log file), not to a pipe that the benchmark, busy sending requests, would
 * drain late; a full pipe stalls pino's writes in libuv's thread pool, which the database's
 * queries share.
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const BENCH_ADMIN_PASSWORD = 'bench-admin-password';

export interface BenchServer {
  url: string;
  pid: number;
  /** the file the server's stdout (its JSON log, and V8's GC trace with BENCH_TRACE_GC=1) goes to */
  log: string;
  /** when the process was spawned (ms since the epoch): V8's GC trace counts from about then */
  spawnedAt: number;
  /** SIGTERM; resolves once the process has exited (its log is complete then) */
  stop: () => Promise<void>;
}

/**
 * Start the server (api/main.ts, or the build `build` names, by default BENCH_SERVER's) on a
 * free port; resolves once it is listening. Its log is a file in a temporary folder, deleted at
 * `stop()` unless BENCH_KEEP_LOG=1.
 */
export async function startServer(databaseUrl: string, build = process.env.BENCH_SERVER): Promise<BenchServer> {
  // as `npm run dev` runs it: the V8 flag npm start passes, the sources through tsx in the same process;
  // BENCH_SERVER=dist runs the build as `npm start` does (dist/api/main.js, plain node; tsx's
  // loader costs CPU production does not pay), BENCH_SERVER=<path>/main.js another build (e.g. an
  // older commit's, copied under this project folder so that it finds schemas/ and rules/)
  // BENCH_CPU_PROF=<dir>: write the server's V8 CPU profile there when it stops (node --cpu-prof)
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : [];
  // BENCH_TRACE_GC=1: V8 writes a line per garbage collection (kind, pause) into the log
  const traceGc = process.env.BENCH_TRACE_GC === '1' ? ['--trace-gc'] : [];
  const entry =
    build === 'dist'
      ? [join(ROOT, 'dist/api/main.js')]
      : build
        ? [build]
        : ['--import', 'tsx', join(ROOT, 'api/main.ts')];
  const dir = mkdtempSync(join(tmpdir(), 'rules-bench-log-'));
  const log = join(dir, 'server.log');
  const fd = openSync(log, 'a');
  const spawnedAt = Date.now();
  // BENCH_NODE_FLAGS: V8/node flags instead of npm start's (e.g. another young generation size)
  const flags = (process.env.BENCH_NODE_FLAGS ?? '--max-semi-space-size=32').split(/\s+/).filter(Boolean);
  const child = spawn(process.execPath, [...flags, ...profile, ...traceGc, ...entry], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      DATABASE_URL: databaseUrl,
      RULES_ADMIN_PASSWORD: BENCH_ADMIN_PASSWORD,
      NODE_ENV: 'production',
    },
    stdio: ['ignore', fd, 'inherit'],
  });
  closeSync(fd);
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const url = await new Promise<string>((resolve, reject) => {
    const poll = setInterval(() => {
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(readFileSync(log, 'utf8'));
      if (!match) return;
      clearInterval(poll);
      resolve(match[1]);
    }, 50);
    void exited.then((code) => {
      clearInterval(poll);
      reject(new Error(`server exited with ${code}:\n${readFileSync(log, 'utf8')}`));
    });
  });
  const stop = async () => {
    child.kill('SIGTERM');
    await exited;
    if (process.env.BENCH_KEEP_LOG === '1') console.log(`server log kept: ${log}`);
    else setTimeout(() => rmSync(dir, { recursive: true, force: true }), 100);
  };
  return { url, pid: child.pid!, log, spawnedAt, stop };
}

/** Log in as the admin the benchmark server was started with; the Bearer token. */
export async function adminToken(url: string): Promise<string> {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: BENCH_ADMIN_PASSWORD }),
  });
  return ((await login.json()) as { token: string }).token;
}

/** One garbage collection as V8's --trace-gc reports it. */
export interface GcEvent {
  /** ms since the server's V8 started */
  at: number;
  kind: string;
  /** the pause, ms */
  pause: number;
}

/** The collections in a log written with BENCH_TRACE_GC=1 (complete once the server has stopped). */
export function gcEvents(log: string): GcEvent[] {
  // [pid:0x…]   12492 ms: Scavenge 84.3 (144.9) -> 75.6 (144.9) MB, 12.86 / 0.01 ms  (…)
  const line = /^\[\d+:0x[0-9a-f]+\]\s+(\d+) ms: ([A-Za-z-]+(?: [A-Za-z-]+)?) .*?MB, ([\d.]+) \/ [\d.]+ ms/gm;
  return [...readFileSync(log, 'utf8').matchAll(line)].map((m) => ({
    at: Number(m[1]),
    kind: m[2].startsWith('Scavenge') ? 'Scavenge' : m[2],
    pause: Number(m[3]),
  }));
}
