/**
 * What-if over a large decision log: fill `decisions` with BENCH_ROWS leave requests
 * (default 200,000; 1–40 days, logged under version 1 with the outcomes version 1 gives), raise
 * leave.supervisorOnlyMaxDays in the draft to 3, then time POST /api/packs/:id/what-if
 * {against:"draft"} end to end (light rows read in id order and grouped by fact set, each
 * distinct set evaluated once) and the async job (a job row) with its progress. Fresh SQLite
 * file, or the PostgreSQL database DATABASE_URL names (it should be empty).
 *
 *   npx tsx bench/decision-log.ts
 *   BENCH_ROWS=1000000 npx tsx bench/decision-log.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createApp } from '../api/app.js';
import { configFromEnv } from '../api/config.js';
import { createDb, describeDatabase, migrate } from '../api/db/knex.js';
import { seedIfEmpty } from '../api/db/seed.js';
import type { DecisionInsert } from '../api/features/decisions/decisions-store.js';
import { createLogger } from '../api/logging/logger.js';
import { evaluate, type Outcome } from '../engine/index.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 200_000);
const PACK = 'county-township-cadres';
const PASSWORD = 'bench-admin-password';

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'rules-bench-log-'));
  const url = process.env.DATABASE_URL ?? `sqlite:${join(dir, 'bench.sqlite')}`;
  const config = { ...configFromEnv({}), databaseUrl: url, adminPassword: PASSWORD };
  const db = createDb(describeDatabase(url, config.dataDir));
  let app: ReturnType<typeof createApp> | undefined;
  try {
    await migrate(db);
    await seedIfEmpty(db, { rulesDir: config.rulesDir, adminPassword: PASSWORD });
    const server = createApp({ db, config, logger: createLogger({ level: 'error' }) });
    app = server;
    const http = request(server);
    const token = (await http.post('/api/auth/login').send({ username: 'admin', password: PASSWORD })).body.token as string;
    const auth = { Authorization: `Bearer ${token}` };

    // the outcomes version 1 gives for each distinct fact set
    const compiled = (await server.services.builder.buildVersion(PACK, 1)).compiled!;
    const variants: { facts: Record<string, unknown>; outcomes: Outcome[] }[] = [];
    for (let days = 1; days <= 40; days++) {
      for (const leaveType of ['sick', 'personal']) {
        const facts = { applicantRole: 'ordinary', leaveType, days };
        variants.push({ facts, outcomes: (await evaluate(compiled, 'leaveApproval', facts)).outcomes });
      }
    }
    let started = Date.now();
    const base = Date.now() - 300 * 24 * 3600 * 1000;
    for (let i = 0; i < ROWS; i += 30_000) {
      const rows: DecisionInsert[] = [];
      for (let j = i; j < Math.min(ROWS, i + 30_000); j++) {
        const v = variants[j % variants.length];
        rows.push({ at: new Date(base + j * 1000).toISOString(), packId: PACK, version: '1', decision: 'leaveApproval', facts: v.facts, outcomes: v.outcomes, caller: 'bench', callerKind: 'user', townshipId: 'county-township' });
      }
      await db.transaction((trx) => server.services.decisionsStore.insertMany(rows, trx));
    }
    console.log(`decision log: ${ROWS} rows inserted in ${((Date.now() - started) / 1000).toFixed(1)} s (${url.startsWith('postgres') ? 'PostgreSQL' : 'SQLite'})`);

    const param = (await http.get(`/api/parameters/${PACK}:leave.supervisorOnlyMaxDays`).set(auth)).body;
    const put = await http.put(`/api/parameters/${param.id}`).set(auth).send({ ...param, value: 3 });
    if (put.status !== 200) throw new Error(JSON.stringify(put.body));

    const heapBefore = process.memoryUsage().heapUsed;
    let peak = heapBefore;
    const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().heapUsed); }, 50);
    started = Date.now();
    const res = await http.post(`/api/packs/${PACK}/what-if`).set(auth).send({ against: 'draft' });
    const syncMs = Date.now() - started;
    clearInterval(sampler);
    if (res.status !== 200) throw new Error(JSON.stringify(res.body));
    console.log(`what-if (sync): ${res.body.total} rows, ${res.body.changed} changed, ${syncMs} ms (${Math.round(res.body.total / (syncMs / 1000))} rows/s); heap peak +${Math.round((peak - heapBefore) / 1e6)} MB`);
    console.log(`what-if over ${ROWS} logged decisions through the API: ${(syncMs / 1000).toFixed(2)} s (goal < 5 s: ${syncMs < 5000 ? 'met' : 'not met'})`);
    for (const t of res.body.transitions.slice(0, 5)) console.log(`  ${t.from} → ${t.to}: ${t.count} 件`);

    started = Date.now();
    const job = (await http.post(`/api/packs/${PACK}/what-if?async=1`).set(auth).send({ against: 'draft' })).body.job as string;
    let state: { state: string; done: number; total: number };
    const seen: number[] = [];
    do {
      await new Promise((r) => setTimeout(r, 200));
      state = (await http.get(`/api/what-if-jobs/${job}`).set(auth)).body;
      seen.push(state.done);
    } while (state.state === 'queued' || state.state === 'running');
    console.log(`what-if (async job): ${state.state} in ${Date.now() - started} ms; progress seen: ${[...new Set(seen)].slice(0, 12).join(', ')}${seen.length > 12 ? ', …' : ''} of ${state.total}`);
  } finally {
    await app?.drain(0);
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
