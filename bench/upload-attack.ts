/**
 * The two upload attacks, against the real server (`node --import tsx api/main.ts`, fresh SQLite
 * file): a viewer posts the hostile .xlsx (5,000,000 rows without `r` attributes, ~320 KB) four at
 * a time to batch-trial.xlsx, and .docx bombs (1 GiB of whitespace in ~1 MB; 1 MiB of Chinese
 * in ~4 KB) to /api/drafting/extract. Meanwhile /api/health is probed back to back; the server's
 * RSS (worker threads included) is sampled from /proc. Prints health p50/p99/max per phase, the
 * answers, RSS before, at peak and after the workers went idle, and whether the server lived.
 *
 *   npx tsx bench/upload-attack.ts          # BENCH_ROUNDS=3
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { docxOfText, rowsWithoutNumbers } from '../tests/helpers/zip.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PASSWORD = 'bench-admin-password';
const IDLE_MS = 5_000;

const rssMb = (pid: number) => {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
  } catch {
    return NaN;
  }
};

async function startServer(databaseUrl: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'api/main.ts')], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      ...process.env,
      PORT: '0',
      DATABASE_URL: databaseUrl,
      RULES_ADMIN_PASSWORD: PASSWORD,
      RULES_UPLOAD_WORKER_IDLE_MS: String(IDLE_MS),
    },
  });
  let output = '';
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  return { url, pid: child.pid!, alive: () => !exited, stop: () => child.kill('SIGTERM') };
}

/** Probe /api/health back to back (and sample RSS) until stopped. */
function probe(url: string, pid: number) {
  let stop = false;
  const latencies: number[] = [];
  let peak = rssMb(pid);
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMb(pid));
  }, 100);
  const done = (async () => {
    while (!stop) {
      const t = performance.now();
      const ok = await fetch(`${url}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      latencies.push(ok ? performance.now() - t : Infinity);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
  return async () => {
    stop = true;
    await done;
    clearInterval(sampler);
    const sorted = [...latencies].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    return { probes: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted.at(-1)!, peakRss: peak };
  };
}

const ms = (n: number) => (Number.isFinite(n) ? `${n.toFixed(1)} ms` : 'no answer');

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'upload-attack-'));
  const server = await startServer(`sqlite:${join(dir, 'rules.sqlite')}`);
  const { url, pid } = server;
  try {
    const json = { 'content-type': 'application/json' };
    const admin = (
      await (
        await fetch(`${url}/api/auth/login`, {
          method: 'POST',
          headers: json,
          body: JSON.stringify({ username: 'admin', password: PASSWORD }),
        })
      ).json()
    ).token;
    await fetch(`${url}/api/users`, {
      method: 'POST',
      headers: { ...json, authorization: `Bearer ${admin}` },
      body: JSON.stringify({
        username: 'viewer',
        password: 'password-1234',
        role: 'viewer',
        townshipId: 'county-township',
      }),
    });
    const viewer = (
      await (
        await fetch(`${url}/api/auth/login`, {
          method: 'POST',
          headers: json,
          body: JSON.stringify({ username: 'viewer', password: 'password-1234' }),
        })
      ).json()
    ).token;
    const post = async (path: string, body: Buffer) => {
      const res = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${viewer}`, 'content-type': 'application/octet-stream' },
        body: new Uint8Array(body),
      });
      const reply = await res.json().catch(() => ({}));
      return `${res.status} ${reply.code ?? ''}`.trim();
    };

    const hostile = await rowsWithoutNumbers(5_000_000);
    const lying = await rowsWithoutNumbers(5_000_000, 1000);
    const bomb = await docxOfText(' ', 2 ** 30, 1000);
    const chinese = await docxOfText('中', 2 ** 20);
    console.log(
      `files: hostile xlsx ${(hostile.length / 1024).toFixed(0)} KB (5,000,000 rows), same with lying headers ${(lying.length / 1024).toFixed(0)} KB, ` +
        `docx bomb ${(bomb.length / 1024).toFixed(0)} KB (1 GiB of spaces, lying headers), 1 MiB of Chinese in ${(chinese.length / 1024).toFixed(1)} KB`,
    );

    let stop = probe(url, pid);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const idle = await stop();
    const rssBefore = rssMb(pid);
    console.log(
      `\nmachine load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} on ${availableParallelism()} cores`,
    );
    console.log(`idle: health p50 ${ms(idle.p50)}, p99 ${ms(idle.p99)}; RSS ${rssBefore.toFixed(0)} MB`);

    const phase = async (label: string, attack: () => Promise<string[]>) => {
      const answers: Record<string, number> = {};
      const stopProbe = probe(url, pid);
      const started = performance.now();
      for (let round = 0; round < ROUNDS; round++) for (const a of await attack()) answers[a] = (answers[a] ?? 0) + 1;
      const took = performance.now() - started;
      const figures = await stopProbe();
      console.log(`\n${label} × ${ROUNDS} rounds (${(took / 1000).toFixed(1)} s)`);
      console.log(
        `  answers: ${Object.entries(answers)
          .map(([k, v]) => `${v}× ${k}`)
          .join(', ')}`,
      );
      console.log(
        `  health: ${figures.probes} probes, p50 ${ms(figures.p50)}, p99 ${ms(figures.p99)}, max ${ms(figures.max)}`,
      );
      console.log(`  RSS peak ${figures.peakRss.toFixed(0)} MB`);
    };

    const trial = '/api/packs/county-township-cadres/batch-trial.xlsx?decision=leaveApproval';
    await phase('4 concurrent hostile .xlsx batch trials by a viewer (2 honest headers, 2 lying)', () =>
      Promise.all([post(trial, hostile), post(trial, lying), post(trial, hostile), post(trial, lying)]),
    );
    await phase('4 concurrent lying-header .xlsx batch trials (row counting path)', () =>
      Promise.all([post(trial, lying), post(trial, lying), post(trial, lying), post(trial, lying)]),
    );
    await phase('docx bomb (1 GiB of spaces) + 1 MiB of Chinese, concurrently', () =>
      Promise.all([
        post('/api/drafting/extract?township=x&name=bomb.docx', bomb),
        post('/api/drafting/extract?township=x&name=long.docx', chinese),
      ]),
    );

    const peakAfter = rssMb(pid);
    stop = probe(url, pid);
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS + 3_000));
    const settled = await stop();
    const rssAfter = rssMb(pid);
    const health = await fetch(`${url}/api/health`).then(
      (r) => r.status,
      () => 0,
    );
    console.log(
      `\nafter: RSS ${peakAfter.toFixed(0)} MB at the end of the attacks, ${rssAfter.toFixed(0)} MB once the workers went idle ` +
        `(${(rssAfter - rssBefore).toFixed(0)} MB over the idle server); health p99 ${ms(settled.p99)}; ` +
        `server ${server.alive() && health === 200 ? 'alive (health 200)' : `DOWN (health ${health})`}`,
    );
  } finally {
    server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
