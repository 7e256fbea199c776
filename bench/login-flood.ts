/**
 * Evaluate latency during a flood of wrong-password sign-ins: p50/p99 of
 * POST /api/packs/:id/evaluate alone, then while 40 connections post wrong passwords to
 * /api/auth/login, on the real server (tsx api/main.ts in a child process, fresh SQLite file).
 *
 *   npx tsx bench/login-flood.ts            # 10 evaluate connections, 8 s per scenario
 *   BENCH_SECONDS=10 BENCH_EVAL_CONNECTIONS=20 npx tsx bench/login-flood.ts
 *
 * Scenarios, each on its own fresh server:
 *  - defaults: the throttles and the lockout refuse the flood early (429/423, no scrypt);
 *  - throttles off: every flood request pays one scrypt (as a flood from many IPs at many
 *    names would), bounded by the password-hash slots (RULES_PASSWORD_HASH_SLOTS, default 1);
 *  - throttles off, 4 hash slots: scrypt may fill libuv's whole pool, as before the slots.
 * Target: evaluate p99 < 50 ms during the flood.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adminToken, startServer } from './api-server.js';

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  statusCodeStats?: Record<string, { count: number }>;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const EVAL_CONNECTIONS = Number(process.env.BENCH_EVAL_CONNECTIONS ?? 10);
const FLOOD_CONNECTIONS = 40;
const PACK = 'county-township-cadres';
const UNTHROTTLED = {
  RULES_LOGIN_MAX_FAILURES_PER_IP: '1000000000',
  RULES_LOGIN_MAX_FAILURES_PER_ACCOUNT: '1000000000',
  RULES_LOGIN_LOCK_AFTER: '1000000000',
};

async function scenario(title: string, env: Record<string, string>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'rules-flood-'));
  const saved = { ...process.env };
  Object.assign(process.env, env);
  const server = await startServer(`sqlite:${join(dir, 'bench.sqlite')}`);
  process.env = saved;
  try {
    const token = await adminToken(server.url);
    const evaluate = {
      url: `${server.url}/api/packs/${PACK}/evaluate`,
      method: 'POST',
      connections: EVAL_CONNECTIONS,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        decision: 'leaveApproval',
        facts: { applicantRole: 'ordinary', leaveType: 'sick', days: 3 },
      }),
    };
    await autocannon({ ...evaluate, duration: 2 }); // warm-up: JIT, compiled pack, token cache
    const alone = await autocannon({ ...evaluate, duration: SECONDS });
    const flood = autocannon({
      url: `${server.url}/api/auth/login`,
      method: 'POST',
      connections: FLOOD_CONNECTIONS,
      duration: SECONDS + 1,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'wrong-password' }),
    });
    await new Promise((r) => setTimeout(r, 500)); // the flood is under way
    const during = await autocannon({ ...evaluate, duration: SECONDS });
    const floodResult = await flood;
    const codes = Object.entries(floodResult.statusCodeStats ?? {})
      .map(([code, s]) => `${code}×${s.count}`)
      .join(' ');
    console.log(`\n${title}`);
    console.log(
      `  evaluate alone:        p50 ${String(alone.latency.p50).padStart(5)} ms  p99 ${String(alone.latency.p99).padStart(5)} ms  ${alone.requests.average.toFixed(0)} req/s`,
    );
    console.log(
      `  evaluate during flood: p50 ${String(during.latency.p50).padStart(5)} ms  p99 ${String(during.latency.p99).padStart(5)} ms  ${during.requests.average.toFixed(0)} req/s${during.non2xx + during.errors ? `  (${during.non2xx + during.errors} failed!)` : ''}`,
    );
    console.log(
      `  flood: ${floodResult.requests.average.toFixed(0)} sign-ins/s, p50 ${floodResult.latency.p50} ms; answers ${codes}`,
    );
    console.log(`  evaluate p99 during the flood ${during.latency.p99 < 50 ? '<' : '≥'} 50 ms (target < 50 ms)`);
  } finally {
    server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  console.log(
    `Login flood: ${FLOOD_CONNECTIONS} connections of wrong-password sign-ins beside ${EVAL_CONNECTIONS} connections of evaluate, ${SECONDS} s, SQLite`,
  );
  await scenario('defaults (throttles and lockout on, 1 hash slot)', {});
  await scenario('throttles off: every sign-in pays scrypt, 1 hash slot', UNTHROTTLED);
  await scenario('throttles off, 4 hash slots (scrypt may fill the thread pool, as before)', {
    ...UNTHROTTLED,
    RULES_PASSWORD_HASH_SLOTS: '4',
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
