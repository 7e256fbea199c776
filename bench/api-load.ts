/**
 * Load benchmark of the API on loopback: requests/second and p99 latency of
 * POST /api/packs/:id/evaluate beside GET /api/health of the same server, measured in the same
 * run, and their ratio. The server runs from the sources as `npm run dev` does (tsx api/main.ts),
 * or from a build as `npm start` does with BENCH_SERVER=dist (or the path of another build's
 * api/main.js, e.g. an older commit's to compare), in a child process on a fresh SQLite file (or
 * DATABASE_URL), so autocannon does not share its event loop; with BENCH_PG_URL (or
 * TEST_PG_URL) the same run repeats on a fresh PostgreSQL database.
 *
 *   npx tsx bench/api-load.ts                 # 20 connections, 3 rounds of 4 s per endpoint
 *   BENCH_PG_URL=postgres://postgres@127.0.0.1:5433/postgres npx tsx bench/api-load.ts   # SQLite, then a fresh PostgreSQL database
 *   BENCH_SECONDS=5 BENCH_ROUNDS=5 BENCH_CONNECTIONS=50 npx tsx bench/api-load.ts
 *   npm run build && BENCH_SERVER=dist npx tsx bench/api-load.ts   # what production runs (no tsx loader)
 *   BENCH_SERVER=dist BENCH_BASELINE=/tmp/old/dist/api/main.js npx tsx bench/api-load.ts   # an older build beside this one
 *   BENCH_TRACE_GC=1 …   # also the server's garbage collections during each run (count, longest pause)
 *   BENCH_WORKERS=1 …    # autocannon sends from a worker thread instead of this process's main thread
 *   BENCH_NODE_FLAGS='--max-semi-space-size=8' …   # the server under other V8 flags than npm start's
 *
 * The two endpoints are measured alternately, round after round, and the medians are reported,
 * so that background load on the machine hits both alike.
 *
 * Target: evaluate ≥ 80% of the trivial endpoint's requests/second with the decision log on, p99 < 10 ms
 * at 20 connections.
 *
 * Beside requests/second, each line shows the server process's CPU time per request (all its
 * threads: JavaScript, GC, libuv's pool running SQLite), read from /proc. On a machine shared
 * with other work the requests/second move with the neighbours' load; the CPU a request costs
 * moves much less, and the ratio of the two endpoints' CPU per request is the ratio of their
 * throughput once the server is the bottleneck. (PostgreSQL's own processes are not counted.)
 * With BENCH_BASELINE (another build's api/main.js, e.g. an older commit's built in a scratch
 * copy of the project), both builds run side by side on databases of their own and are
 * measured in turn, so that a before/after comparison sees the same background load.
 * A third endpoint, evaluate with `asOf` (the day of the event), shows what picking the
 * version in force on a day costs beside picking the one in force now.
 *
 * Every line ends with the machine's load average (1 min) as the run ended: on a shared
 * machine p99 is mostly other processes' doing. The server logs to a file (bench/api-server.ts),
 * as an operator's does. With BENCH_TRACE_GC=1 each run's line is followed, once the servers
 * have stopped, by the garbage collections the server made during it: a scavenge stops the
 * server for its whole pause, so the longest pause is a floor under p99.
 */
import { throwawayPostgres } from '../tests/helpers/throwaway-postgres.js';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { adminToken, gcEvents, startServer, type BenchServer } from './api-server.js';
import { median } from './timing.js';

interface Measured extends AutocannonResult {
  /** server CPU time per request, µs (NaN where /proc is missing) */
  cpuPerRequest: number;
  title: string;
  /** when the run started and ended, ms since the epoch */
  from: number;
  to: number;
}

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 0);
const TRACE_GC = process.env.BENCH_TRACE_GC === '1';
const PACK = process.env.BENCH_PACK ?? 'county-township-cadres';

/** Linux's clock ticks per second for /proc/<pid>/stat (USER_HZ: 100 on every mainstream build). */
const TICKS_PER_SECOND = 100;

/** CPU seconds a process has used so far, user + system, all threads (NaN without /proc). */
function cpuSeconds(pid: number): number {
  const file = `/proc/${pid}/stat`;
  if (!existsSync(file)) return NaN;
  // fields after the command name (which may hold spaces) in parentheses: utime and stime are the 12th and 13th
  const stat = readFileSync(file, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

async function run(serverPid: number, title: string, options: Record<string, unknown>): Promise<Measured> {
  const cpuBefore = cpuSeconds(serverPid);
  const from = Date.now();
  const result = await autocannon({
    connections: CONNECTIONS,
    duration: SECONDS,
    ...(WORKERS ? { workers: WORKERS } : {}),
    ...options,
  });
  const to = Date.now();
  const cpuPerRequest = ((cpuSeconds(serverPid) - cpuBefore) / result.requests.total) * 1e6;
  const bad = result.non2xx + result.errors + result.timeouts;
  console.log(
    `${title.padEnd(44)} ${result.requests.average.toFixed(0).padStart(7)} req/s   p50 ${String(result.latency.p50).padStart(3)} ms   p99 ${String(result.latency.p99).padStart(3)} ms   server CPU ${cpuPerRequest.toFixed(0).padStart(4)} µs/req   load ${loadavg()[0].toFixed(2)}${bad ? `   (${bad} failed!)` : ''}`,
  );
  if (bad) process.exitCode = 1;
  return { ...result, cpuPerRequest, title, from, to };
}

interface Summary {
  rps: number;
  p50: number;
  p99: number;
  cpu: number;
  /** the least CPU per request of the rounds: background load only ever adds to it */
  cpuMin: number;
}

const summary = (runs: Measured[]): Summary => ({
  rps: median(runs.map((r) => r.requests.average)),
  p50: median(runs.map((r) => r.latency.p50)),
  p99: median(runs.map((r) => r.latency.p99)),
  cpu: median(runs.map((r) => r.cpuPerRequest)),
  cpuMin: Math.min(...runs.map((r) => r.cpuPerRequest)),
});
const line = (s: Summary) =>
  `${s.rps.toFixed(0)} req/s, p50 ${s.p50} ms, p99 ${s.p99} ms, server CPU ${s.cpu.toFixed(0)} µs/req`;

/** One server under test: a build (BENCH_SERVER's, or BENCH_BASELINE's) on a database of its own. */
interface Subject {
  label: string;
  build?: string;
  databaseUrl: string;
}

interface Result {
  label: string;
  health: Summary;
  evaluate: Summary;
  dated: Summary;
}

/**
 * The three endpoints on each subject's server, round after round and server after server (so
 * that the machine's background load hits every one alike); their medians.
 */
async function measure(subjects: Subject[], database: string): Promise<Result[]> {
  const servers: BenchServer[] = [];
  const measured: { server: BenchServer; run: Measured }[] = [];
  try {
    for (const subject of subjects) servers.push(await startServer(subject.databaseUrl, subject.build));
    const body = JSON.stringify({
      decision: 'leaveApproval',
      facts: { applicantRole: 'ordinary', leaveType: 'sick', days: 3 },
    });
    const datedBody = JSON.stringify({
      decision: 'leaveApproval',
      asOf: new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10),
      facts: { applicantRole: 'ordinary', leaveType: 'sick', days: 3 },
    });
    const endpoints = [];
    for (const server of servers) {
      const token = await adminToken(server.url);
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
      const evaluate = `${server.url}/api/packs/${PACK}/evaluate`;
      const check = await fetch(evaluate, { method: 'POST', headers, body });
      if (check.status !== 200) throw new Error(`evaluate answered ${check.status}: ${await check.text()}`);
      // warm-up: JIT, compiled-pack cache, token cache
      await autocannon({ url: `${server.url}/api/health`, connections: CONNECTIONS, duration: 2 });
      await autocannon({ url: evaluate, method: 'POST', headers, body, connections: CONNECTIONS, duration: 2 });
      endpoints.push({
        health: { url: `${server.url}/api/health` },
        evaluate: { url: evaluate, method: 'POST', headers, body },
        dated: { url: evaluate, method: 'POST', headers, body: datedBody },
      });
    }

    console.log(
      `API load on loopback: ${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s per endpoint, database ${database}`,
    );
    const runs = subjects.map(() => ({
      health: [] as Measured[],
      evaluate: [] as Measured[],
      dated: [] as Measured[],
    }));
    for (let round = 1; round <= ROUNDS; round++) {
      for (const [kind, title] of [
        ['health', 'GET  /api/health (trivial)'],
        ['evaluate', `POST /api/packs/${PACK}/evaluate`],
        ['dated', 'POST …/evaluate with asOf (today)'],
      ] as const) {
        for (const [i, server] of servers.entries()) {
          const who = subjects.length > 1 ? `${subjects[i].label} ` : '';
          const measuredRun = await run(server.pid, `[${round}] ${who}${title}`, endpoints[i][kind]);
          runs[i][kind].push(measuredRun);
          measured.push({ server, run: measuredRun });
        }
      }
    }
    return subjects.map((subject, i) => {
      const t = summary(runs[i].health);
      const e = summary(runs[i].evaluate);
      const d = summary(runs[i].dated);
      const who = subjects.length > 1 ? ` (${subject.label})` : '';
      console.log(`median${who}  GET  /api/health: ${line(t)}`);
      console.log(`median${who}  POST /api/packs/${PACK}/evaluate: ${line(e)}`);
      console.log(
        `median${who}  POST …/evaluate with asOf: ${line(d)} (${((d.rps / e.rps) * 100).toFixed(0)}% of evaluate without asOf)`,
      );
      return {
        label: subjects.length > 1 ? `${database} ${subject.label}` : database,
        health: t,
        evaluate: e,
        dated: d,
      };
    });
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    if (TRACE_GC && measured.length) printCollections(measured);
  }
}

/** Each run's garbage collections in the server (from its --trace-gc lines, complete now that it has stopped). */
function printCollections(measured: { server: BenchServer; run: Measured }[]): void {
  console.log('garbage collections in the server during each run (V8 --trace-gc; pauses stop every request):');
  const events = new Map<BenchServer, ReturnType<typeof gcEvents>>();
  for (const { server, run } of measured) {
    if (!events.has(server)) events.set(server, gcEvents(server.log));
    // V8's clock starts a few tens of ms after the spawn: good enough for runs of seconds
    const during = events.get(server)!.filter((e) => {
      const at = server.spawnedAt + e.at;
      return at >= run.from && at <= run.to;
    });
    const describe = (kind: string) => {
      const pauses = during.filter((e) => e.kind === kind).map((e) => e.pause);
      if (!pauses.length) return `0 ${kind}`;
      const total = pauses.reduce((a, b) => a + b, 0);
      return `${pauses.length} ${kind} (longest ${Math.max(...pauses).toFixed(1)} ms, ${((total / (run.to - run.from)) * 100).toFixed(1)}% of the run)`;
    };
    const kinds = [...new Set(['Scavenge', ...during.map((e) => e.kind)])];
    console.log(
      `${run.title.padEnd(44)} p99 ${String(run.latency.p99).padStart(3)} ms   ${kinds.map(describe).join(', ')}`,
    );
  }
}

/** The builds under test: this one, and BENCH_BASELINE's beside it when given (e.g. an older commit's dist/api/main.js). */
function builds(): { label: string; build?: string }[] {
  const baseline = process.env.BENCH_BASELINE;
  return baseline ? [{ label: 'baseline', build: baseline }, { label: 'this build' }] : [{ label: 'this build' }];
}

/**
 * DATABASE_URL: that database only. Otherwise a fresh SQLite file, and a fresh PostgreSQL
 * database too when BENCH_PG_URL (or TEST_PG_URL) names a server to create it on; with
 * BENCH_BASELINE, each build gets a database of its own.
 */
async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'rules-bench-'));
  const results: Result[] = [];
  const loadBefore = loadavg()[0];
  try {
    if (process.env.DATABASE_URL) {
      const url = process.env.DATABASE_URL;
      results.push(
        ...(await measure(
          builds().map((b) => ({ ...b, databaseUrl: url })),
          url.startsWith('postgres') ? 'PostgreSQL' : 'SQLite',
        )),
      );
    } else {
      results.push(
        ...(await measure(
          builds().map((b, i) => ({ ...b, databaseUrl: `sqlite:${join(dir, `bench-${i}.sqlite`)}` })),
          'SQLite',
        )),
      );
      const pgAdmin = process.env.BENCH_PG_URL ?? process.env.TEST_PG_URL;
      if (pgAdmin) {
        const databases = await Promise.all(
          builds().map((_, i) => throwawayPostgres(pgAdmin, `rules_bench_${process.pid}_${i}`)),
        );
        try {
          results.push(
            ...(await measure(
              builds().map((b, i) => ({ ...b, databaseUrl: databases[i].url })),
              'PostgreSQL',
            )),
          );
        } finally {
          // the server closes its connections on SIGTERM; give it a moment before dropping
          await new Promise((resolve) => setTimeout(resolve, 1000));
          for (const database of databases) await database.drop();
        }
      }
    }
  } finally {
    setTimeout(() => rmSync(dir, { recursive: true, force: true }), 500).unref();
  }
  console.log(
    `\nload average (1 min) ${loadBefore.toFixed(2)} before, ${loadavg()[0].toFixed(2)} after, on ${cpus().length} cores`,
  );
  console.log(
    'database                 health req/s  evaluate req/s  ratio  evaluate p50/p99  CPU µs/req health/evaluate  CPU ratio  least CPU µs/req  ratio',
  );
  let missed = false;
  for (const { label, health: t, evaluate: e } of results) {
    const ratio = e.rps / t.rps;
    console.log(
      `${label.padEnd(24)} ${t.rps.toFixed(0).padStart(12)}  ${e.rps.toFixed(0).padStart(14)}  ${ratio.toFixed(2).padStart(5)}  ${`${e.p50}/${e.p99} ms`.padStart(16)}  ${`${t.cpu.toFixed(0)}/${e.cpu.toFixed(0)}`.padStart(26)}  ${(t.cpu / e.cpu).toFixed(2).padStart(9)}  ${`${t.cpuMin.toFixed(0)}/${e.cpuMin.toFixed(0)}`.padStart(16)}  ${(t.cpuMin / e.cpuMin).toFixed(2).padStart(5)}`,
    );
    if (ratio < 0.8 || e.p99 >= 10) missed = true;
  }
  console.log('target: evaluate ≥ 0.80× the requests/second of /api/health with the decision log on, p99 < 10 ms');
  if (missed) console.log('TARGET MISSED');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
