/**
 * Load benchmark of the API on loopback: requests/second and p99 latency of
 * POST /api/packs/:id/evaluate beside GET /api/health of the same server, measured in the same
 * run, and their ratio. The server runs as `npm start` does (tsx api/main.ts) in a child process
 * on a fresh SQLite file (or DATABASE_URL), so autocannon does not share its event loop.
 *
 *   npx tsx bench/api-load.ts                 # 20 connections, 3 rounds of 4 s per endpoint
 *   BENCH_SECONDS=5 BENCH_ROUNDS=5 BENCH_CONNECTIONS=50 npx tsx bench/api-load.ts
 *
 * The two endpoints are measured alternately, round after round, and the medians are reported,
 * so that background load on the machine hits both alike.
 *
 * Target: evaluate ≥ 80% of the trivial endpoint's requests/second with the decision log on, p99 < 10 ms
 * at 20 connections.
 * A third endpoint, evaluate with `asOf` (the day of the event), shows what picking the
 * version in force on a day costs beside picking the one in force now.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adminToken, startServer } from './api-server.js';

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
const PACK = process.env.BENCH_PACK ?? 'county-township-cadres';


async function run(title: string, options: Record<string, unknown>): Promise<AutocannonResult> {
  const result = await autocannon({ connections: CONNECTIONS, duration: SECONDS, ...options });
  const bad = result.non2xx + result.errors + result.timeouts;
  console.log(`${title.padEnd(44)} ${result.requests.average.toFixed(0).padStart(7)} req/s   p50 ${String(result.latency.p50).padStart(3)} ms   p99 ${String(result.latency.p99).padStart(3)} ms${bad ? `   (${bad} failed!)` : ''}`);
  if (bad) process.exitCode = 1;
  return result;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'rules-bench-'));
  const databaseUrl = process.env.DATABASE_URL ?? `sqlite:${join(dir, 'bench.sqlite')}`;
  const server = await startServer(databaseUrl);
  try {
    const token = await adminToken(server.url);
    const body = JSON.stringify({ decision: 'leaveApproval', facts: { applicantRole: 'ordinary', leaveType: 'sick', days: 3 } });
    const datedBody = JSON.stringify({ decision: 'leaveApproval', asOf: new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10), facts: { applicantRole: 'ordinary', leaveType: 'sick', days: 3 } });
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    const check = await fetch(`${server.url}/api/packs/${PACK}/evaluate`, { method: 'POST', headers, body });
    if (check.status !== 200) throw new Error(`evaluate answered ${check.status}: ${await check.text()}`);

    console.log(`API load on loopback: ${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s per endpoint, database ${databaseUrl.startsWith('postgres') ? 'PostgreSQL' : 'SQLite'}`);
    // warm-up: JIT, compiled-pack cache, token cache
    await autocannon({ url: `${server.url}/api/health`, connections: CONNECTIONS, duration: 2 });
    await autocannon({ url: `${server.url}/api/packs/${PACK}/evaluate`, method: 'POST', headers, body, connections: CONNECTIONS, duration: 2 });

    const trivial: AutocannonResult[] = [];
    const evaluate: AutocannonResult[] = [];
    const dated: AutocannonResult[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      trivial.push(await run(`[${round}] GET  /api/health (trivial)`, { url: `${server.url}/api/health` }));
      evaluate.push(await run(`[${round}] POST /api/packs/${PACK}/evaluate`, { url: `${server.url}/api/packs/${PACK}/evaluate`, method: 'POST', headers, body }));
      dated.push(await run(`[${round}] POST …/evaluate with asOf (today)`, { url: `${server.url}/api/packs/${PACK}/evaluate`, method: 'POST', headers, body: datedBody }));
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const t = { rps: median(trivial.map((r) => r.requests.average)), p99: median(trivial.map((r) => r.latency.p99)) };
    const e = { rps: median(evaluate.map((r) => r.requests.average)), p99: median(evaluate.map((r) => r.latency.p99)) };
    const d = { rps: median(dated.map((r) => r.requests.average)), p99: median(dated.map((r) => r.latency.p99)) };
    const ratio = e.rps / t.rps;
    console.log(`median  GET  /api/health: ${t.rps.toFixed(0)} req/s, p99 ${t.p99} ms`);
    console.log(`median  POST /api/packs/${PACK}/evaluate: ${e.rps.toFixed(0)} req/s, p99 ${e.p99} ms`);
    console.log(`median  POST …/evaluate with asOf: ${d.rps.toFixed(0)} req/s, p99 ${d.p99} ms (${((d.rps / e.rps) * 100).toFixed(0)}% of evaluate without asOf)`);
    console.log(`evaluate / trivial: ${(ratio * 100).toFixed(0)}% of the requests/second (target ≥ 80%); evaluate p99 ${e.p99} ms (target < 10 ms)`);
    if (ratio < 0.8 || e.p99 >= 10) console.log('TARGET MISSED');
  } finally {
    server.stop();
    setTimeout(() => rmSync(dir, { recursive: true, force: true }), 500).unref();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
