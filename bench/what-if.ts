/**
 * What-if over a million logged decisions, end to end through the API, on SQLite and (when
 * BENCH_PG_URL or TEST_PG_URL names a server) PostgreSQL, with the engine alone in the same run.
 *
 * The log is a township office's year: 60% leave requests (role, leave type, 0.5–40 days),
 * 40% attendance events (minutes late 0–120, earlier count 0–10), drawn with a heavy head
 * (a cubed uniform over the fact sets shuffled once: a few sets make most of the log, ~2,000
 * occur at all). Rows are generated in SQL from a table of those fact sets (seconds, not
 * minutes, for a million rows), with the outcomes version 1 gives and the hash the decision
 * log writes. The draft raises leave.supervisorOnlyMaxDays to 3; the run times
 * POST /api/packs/:id/what-if {against:"draft"} (synchronous) and the same as a job
 * (?async=1, polled), and one over a period of whole days that cuts two months (those months
 * are grouped from their rows, the others read from decision_fact_sets), and checks each
 * agrees with the engine alone. "database alone" lines time the store's reads without HTTP.
 *
 *   npx tsx bench/what-if.ts
 *   BENCH_ROWS=200000 BENCH_PG_URL=postgres://postgres@127.0.0.1:5433/postgres npx tsx bench/what-if.ts
 */
import { throwawayPostgres } from '../tests/helpers/throwaway-postgres.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createApp } from '../api/app.js';
import { configFromEnv } from '../api/config.js';
import { createDb, describeDatabase, isPostgres, migrate, type Db } from '../api/db/knex.js';
import { seedIfEmpty } from '../api/db/seed.js';
import { DecisionsStore, factsHash, outcomeTypesText } from '../api/features/decisions/decisions-store.js';
import { createLogger } from '../api/logging/logger.js';
import {
  buildPack,
  evaluateSync,
  folderSource,
  whatIf,
  type CompiledPack,
  type LoggedDecision,
  type Outcome,
} from '../engine/index.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const PG_URL = process.env.BENCH_PG_URL ?? process.env.TEST_PG_URL;
const RUNS = Number(process.env.BENCH_RUNS ?? 2);
const PACK = 'county-township-cadres';
const PASSWORD = 'bench-admin-password';

interface FactSet {
  decision: string;
  facts: Record<string, unknown>;
}

/** Every fact set the office could log, in a fixed shuffled order (index 0 is the most frequent). */
function factSets(): FactSet[] {
  const sets: FactSet[] = [];
  // ordinary cadres three times over: the same fact set drawn from several places of the head
  for (const applicantRole of ['ordinary', 'ordinary', 'ordinary', 'leader']) {
    for (const leaveType of ['sick', 'personal', 'annual']) {
      for (let half = 1; half <= 80; half++)
        sets.push({ decision: 'leaveApproval', facts: { applicantRole, leaveType, days: half / 2 } });
    }
  }
  for (let minutes = 0; minutes <= 120; minutes++) {
    for (let priorCount = 0; priorCount <= 10; priorCount++)
      sets.push({ decision: 'attendance', facts: { event: 'lateArrival', minutes, priorCount } });
  }
  // a fixed shuffle, so that both decisions have frequent and rare fact sets
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = sets.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [sets[i], sets[j]] = [sets[j], sets[i]];
  }
  return sets;
}

/** Row i's fact set: the same formula in JS and SQL (a cubed uniform, from a multiplicative hash of i). */
function variantOf(i: number, sets: number): number {
  const a = (i * 2654435761) % 4294967296;
  return Math.floor((((((sets * a) / 4294967296) * a) / 4294967296) * a) / 4294967296);
}
/** variantOf in SQL, in the same order of floating-point operations */
function variantSql(sets: number, pg: boolean): string {
  const a = '((s.i * 2654435761) % 4294967296)';
  return pg
    ? `floor(${sets} * ${a}::float8 / 4294967296 * ${a} / 4294967296 * ${a} / 4294967296)::integer`
    : `cast(${sets} * ${a} / 4294967296.0 * ${a} / 4294967296.0 * ${a} / 4294967296.0 as integer)`;
}

/** the log's first moment (Unix seconds): row i is logged 30 s after row i - 1, a year until now */
const BASE = Math.floor(Date.now() / 1000) - 365 * 24 * 3600;
const dayOf = (unixSeconds: number) => new Date(unixSeconds * 1000 + 8 * 3600 * 1000).toISOString().slice(0, 10);
/** a period of whole days (China Standard Time) that cuts two months and spans about five */
const PERIOD = { from: dayOf(BASE + 100 * 24 * 3600), to: dayOf(BASE + 250 * 24 * 3600) };
/** whether row i is logged inside PERIOD */
function inPeriod(i: number): boolean {
  const at = (BASE + i * 30) * 1000;
  return (
    at >= Date.parse(`${PERIOD.from}T00:00:00+08:00`) &&
    at < Date.parse(`${PERIOD.to}T00:00:00+08:00`) + 24 * 3600 * 1000
  );
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

interface Variant {
  k: number;
  decision: string;
  facts: string;
  outcomes: string;
}

async function seedLog(db: Db, variants: Variant[]): Promise<void> {
  await db.schema.dropTableIfExists('bench_variants');
  await db.schema.createTable('bench_variants', (t) => {
    t.integer('k').primary();
    t.string('decision');
    t.text('facts');
    t.text('outcomes');
    t.string('outcome_types');
    t.string('facts_hash');
  });
  for (let i = 0; i < variants.length; i += 500) {
    await db('bench_variants').insert(
      variants.slice(i, i + 500).map((v) => ({
        k: v.k,
        decision: v.decision,
        facts: v.facts,
        outcomes: v.outcomes,
        outcome_types: outcomeTypesText(JSON.parse(v.outcomes) as Outcome[]),
        facts_hash: factsHash(v.decision, v.facts),
      })),
    );
  }
  const pg = isPostgres(db);
  const at = pg
    ? `to_char(to_timestamp(${BASE} + s.i * 30) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
    : `strftime('%Y-%m-%dT%H:%M:%fZ', ${BASE} + s.i * 30, 'unixepoch')`;
  const series = pg
    ? `(select generate_series(0, ${ROWS - 1})::bigint as i) s`
    : `(with recursive q(i) as (select 0 union all select i + 1 from q where i < ${ROWS - 1}) select i from q) s`;
  await db.transaction(async (trx) => {
    await trx.raw(`insert into decisions (at, pack_id, version, decision, facts, outcomes, outcome_types, caller, caller_kind, township_id, as_of, facts_hash)
      select ${at}, '${PACK}', '1', v.decision, v.facts, v.outcomes, v.outcome_types, 'bench', 'user', 'county-township', null, v.facts_hash
      from ${series} join bench_variants v on v.k = ${variantSql(variants.length, pg)} order by s.i`);
  });
  await db.schema.dropTable('bench_variants');
  if (pg) await db.raw('vacuum analyze decisions');
  else await db.raw('analyze');
}

const freshPostgres = (admin: string) => throwawayPostgres(admin, `rules_bench_whatif_${process.pid}`);

type Summary = { total: number; changed: number; transitions: { from: string; to: string; count: number }[] };
const same = (a: Summary, b: Summary) =>
  a.total === b.total && a.changed === b.changed && JSON.stringify(a.transitions) === JSON.stringify(b.transitions);

async function throughApi(
  kind: 'SQLite' | 'PostgreSQL',
  url: string,
  variants: Variant[],
  engine: Summary,
  enginePeriod: Summary,
): Promise<void> {
  const config = { ...configFromEnv({}), databaseUrl: url, adminPassword: PASSWORD };
  const db = createDb(describeDatabase(url, config.dataDir));
  let app: ReturnType<typeof createApp> | undefined;
  try {
    await migrate(db);
    await seedIfEmpty(db, { rulesDir: config.rulesDir, adminPassword: PASSWORD });
    let started = Date.now();
    await seedLog(db, variants);
    const distinct = Number(
      ((await db('decisions').countDistinct({ n: 'facts_hash' }).first()) as { n: number | string }).n,
    );
    console.log(
      `\n${kind}: ${ROWS.toLocaleString('en-US')} logged decisions, ${distinct.toLocaleString('en-US')} distinct fact sets (generated in ${seconds(Date.now() - started)})`,
    );
    app = createApp({ db, config, logger: createLogger({ level: 'error' }) });
    const http = request(app);
    const token = (await http.post('/api/auth/login').send({ username: 'admin', password: PASSWORD })).body
      .token as string;
    const auth = { Authorization: `Bearer ${token}` };
    const param = (await http.get(`/api/parameters/${PACK}:leave.supervisorOnlyMaxDays`).set(auth)).body;
    const put = await http
      .put(`/api/parameters/${param.id}`)
      .set(auth)
      .send({ ...param, value: 3 });
    if (put.status !== 200) throw new Error(JSON.stringify(put.body));

    for (let run = 1; run <= RUNS; run++) {
      started = Date.now();
      const res = await http.post(`/api/packs/${PACK}/what-if`).set(auth).send({ against: 'draft' });
      const syncMs = Date.now() - started;
      if (res.status !== 200) throw new Error(JSON.stringify(res.body));
      console.log(
        `  sync  #${run}: ${seconds(syncMs)} (${Math.round(res.body.total / (syncMs / 1000)).toLocaleString('en-US')} decisions/s; goal < 5 s: ${syncMs < 5000 ? 'met' : 'not met'}), ${res.body.changed.toLocaleString('en-US')} changed, same as the engine alone: ${same(res.body, engine) ? 'yes' : 'NO'}`,
      );
    }
    started = Date.now();
    const cut = await http.post(`/api/packs/${PACK}/what-if`).set(auth).send({ against: 'draft', period: PERIOD });
    if (cut.status !== 200) throw new Error(JSON.stringify(cut.body));
    console.log(
      `  sync, period ${PERIOD.from} … ${PERIOD.to} (two months cut): ${seconds(Date.now() - started)}, ${cut.body.total.toLocaleString('en-US')} decisions, same as the engine alone: ${same(cut.body, enginePeriod) ? 'yes' : 'NO'}`,
    );
    started = Date.now();
    const job = (await http.post(`/api/packs/${PACK}/what-if?async=1`).set(auth).send({ against: 'draft' })).body
      .job as string;
    let state: { state: string; done: number; total: number; result?: Summary };
    const seen: number[] = [];
    do {
      await new Promise((r) => setTimeout(r, 100));
      state = (await http.get(`/api/what-if-jobs/${job}`).set(auth)).body;
      if (seen[seen.length - 1] !== state.done) seen.push(state.done);
    } while (state.state === 'queued' || state.state === 'running');
    console.log(
      `  job: ${state.state} in ${seconds(Date.now() - started)}, same as the engine alone: ${state.result && same(state.result, engine) ? 'yes' : 'NO'}; progress seen: ${seen
        .slice(0, 12)
        .map((n) => n.toLocaleString('en-US'))
        .join(', ')}${seen.length > 12 ? ', …' : ''}`,
    );
    // where a run's time goes: the database's share, without HTTP and the engine
    const store = new DecisionsStore(db);
    const filter = { packId: PACK };
    const inPeriodFilter = { ...filter, ...PERIOD };
    for (const [name, step] of [
      ['versions (before side)', () => store.versions(filter, null)],
      ['fact-set groups', () => store.factSetGroups(filter, null)],
      ['versions, period', () => store.versions(inPeriodFilter, null)],
      ['fact-set groups, period', () => store.factSetGroups(inPeriodFilter, null)],
    ] as const) {
      started = Date.now();
      const result = await step();
      const size = Array.isArray(result) ? result.length : result.groups.length;
      console.log(
        `  database alone, ${name}: ${seconds(Date.now() - started)} (${size.toLocaleString('en-US')} rows out)`,
      );
    }
  } finally {
    await app?.drain(0);
    await db.destroy();
  }
}

async function main(): Promise<void> {
  const source = folderSource();
  const current = buildPack(PACK, source).compiled!;
  const bundle = structuredClone(source.get(PACK)!);
  bundle.parameters.parameters!.find((p) => p.id === 'leave.supervisorOnlyMaxDays')!.value = 3;
  const draft = buildPack(PACK, { get: (id) => (id === PACK ? bundle : source.get(id)) }).compiled! as CompiledPack;

  const variants: Variant[] = factSets().map((s, k) => ({
    k,
    decision: s.decision,
    facts: JSON.stringify(s.facts),
    outcomes: JSON.stringify(evaluateSync(current, s.decision, s.facts, { trusted: true })!.outcomes),
  }));

  // the engine alone: the same rows as the log returns them (parsed JSON, new objects for every row), one whatIf call
  const logged: LoggedDecision[] = new Array(ROWS);
  for (let i = 0; i < ROWS; i++) {
    const v = variants[variantOf(i, variants.length)];
    logged[i] = { id: i + 1, decision: v.decision, facts: JSON.parse(v.facts), outcomes: JSON.parse(v.outcomes) };
  }
  let started = performance.now();
  const engine = await whatIf(draft, logged, { before: current, maxCases: 100, locale: 'zh' });
  const engineMs = performance.now() - started;
  logged.length = 0;
  // the engine's share of an API run: each distinct fact set once, weighted by its count
  const counts = new Map<number, number>();
  const periodCounts = new Map<number, number>();
  for (let i = 0; i < ROWS; i++) {
    const k = variantOf(i, variants.length);
    counts.set(k, (counts.get(k) ?? 0) + 1);
    if (inPeriod(i)) periodCounts.set(k, (periodCounts.get(k) ?? 0) + 1);
  }
  const weighted = (of: Map<number, number>) =>
    whatIf(
      draft,
      [...of].map(([k, count]) => ({
        decision: variants[k].decision,
        facts: JSON.parse(variants[k].facts),
        outcomes: JSON.parse(variants[k].outcomes),
        count,
      })),
      { before: current, maxCases: 100, locale: 'zh' },
    );
  started = performance.now();
  const grouped = await weighted(counts);
  const groupedMs = performance.now() - started;
  const enginePeriod = await weighted(periodCounts);
  console.log(`what-if over ${ROWS.toLocaleString('en-US')} logged decisions, 分管领导单独审批 1 → 3 天`);
  console.log(
    `engine alone, every row evaluated: ${seconds(engineMs)}, ${engine.changed.toLocaleString('en-US')} changed`,
  );
  console.log(
    `engine alone, each of ${counts.size.toLocaleString('en-US')} drawn entries once (${new Set([...counts.keys()].map((k) => variants[k].decision + variants[k].facts)).size.toLocaleString('en-US')} distinct fact sets), weighted by count: ${seconds(groupedMs)}, ${grouped.changed.toLocaleString('en-US')} changed`,
  );

  const dir = mkdtempSync(join(tmpdir(), 'rules-bench-what-if-'));
  try {
    await throughApi('SQLite', `sqlite:${join(dir, 'bench.sqlite')}`, variants, engine, enginePeriod);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (PG_URL) {
    const pg = await freshPostgres(PG_URL);
    try {
      await throughApi('PostgreSQL', pg.url, variants, engine, enginePeriod);
    } finally {
      await pg.drop();
    }
  } else {
    console.log('\nPostgreSQL: skipped (set BENCH_PG_URL or TEST_PG_URL)');
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
