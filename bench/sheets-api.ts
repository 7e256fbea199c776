/**
 * Batch trial over HTTP: a 10,000-row sheet of leave requests posted to
 * POST /api/packs/:id/batch-trial.xlsx, synchronously and as an async job, against a server
 * started as `npm start` does (tsx api/main.ts, child process, fresh SQLite file). While each
 * runs, GET /api/health is polled every 50 ms: its worst latency shows how long the server's
 * event loop was held (the trial yields every 500 rows).
 *
 *   npx tsx bench/sheets-api.ts            # BENCH_ROWS=10000
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adminToken, startServer } from './api-server.js';
import ExcelJS from 'exceljs';

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000);
const PACK = 'county-township-cadres';

/** Poll /api/health every 50 ms until stopped; the worst latency seen. */
function healthProbe(url: string) {
  let stop = false;
  let worst = 0;
  let count = 0;
  const done = (async () => {
    while (!stop) {
      const t = performance.now();
      await fetch(`${url}/api/health`).then((r) => r.arrayBuffer());
      worst = Math.max(worst, performance.now() - t);
      count += 1;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  return {
    stop: async () => {
      stop = true;
      await done;
      return { worst, count };
    },
  };
}

const workbook = new ExcelJS.Workbook();
const sheet = workbook.addWorksheet('请假申请');
sheet.addRow(['申请人', '申请人类别', '假别', '请假天数（天）', '本月此前已请假天数（天）']);
const days = [0.5, 1, 1.5, 2, 3, 5, 6, 10, 30, 31];
for (let i = 0; i < ROWS; i++)
  sheet.addRow([`干部${i}`, i % 5 ? '一般干部' : '领导干部', i % 3 ? '事假' : '病假', days[i % days.length], i % 4]);
const input = Buffer.from(await workbook.xlsx.writeBuffer());

const dir = mkdtempSync(join(tmpdir(), 'rules-bench-sheets-'));
const server = await startServer(`sqlite:${join(dir, 'rules.sqlite')}`);
try {
  const token = await adminToken(server.url);
  const auth = { Authorization: `Bearer ${token}` };
  const post = (query: string) =>
    fetch(`${server.url}/api/packs/${PACK}/batch-trial.xlsx?decision=leaveApproval${query}`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      body: input,
    });
  console.log(`input: ${ROWS} rows, ${(input.length / 1024).toFixed(0)} KiB`);

  // warm-up: compile the pack once
  await fetch(`${server.url}/api/packs/${PACK}/evaluate`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({
      decision: 'leaveApproval',
      facts: { applicantRole: 'ordinary', leaveType: 'sick', days: 1 },
    }),
  });

  let probe!: ReturnType<typeof healthProbe>;
  let t = 0;
  let health: { worst: number; count: number };
  // the first run is cold (JIT, exceljs code paths), the second warm
  for (const run of ['sync (cold)', 'sync (warm)']) {
    probe = healthProbe(server.url);
    t = performance.now();
    const sync = await post('');
    const output = Buffer.from(await sync.arrayBuffer());
    const syncMs = performance.now() - t;
    health = await probe.stop();
    console.log(
      `${run}: ${sync.status} in ${(syncMs / 1000).toFixed(2)} s (${(ROWS / (syncMs / 1000)).toFixed(0)} rows/s), evaluated ${sync.headers.get('x-evaluated')}, failed ${sync.headers.get('x-failed')}, output ${(output.length / 1024).toFixed(0)} KiB; /api/health worst ${health.worst.toFixed(0)} ms over ${health.count} polls`,
    );
  }

  probe = healthProbe(server.url);
  t = performance.now();
  const started = (await (await post('&async=1')).json()) as { job: string };
  const progress: string[] = [];
  let state: { state: string; done: number; total: number };
  for (;;) {
    state = (await (
      await fetch(`${server.url}/api/sheet-jobs/${started.job}`, { headers: auth })
    ).json()) as typeof state;
    if (progress.at(-1) !== `${state.done}`) progress.push(`${state.done}`);
    if (state.state === 'done' || state.state === 'failed') break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const result = await fetch(`${server.url}/api/sheet-jobs/${started.job}/result`, { headers: auth });
  const resultBytes = (await result.arrayBuffer()).byteLength;
  const asyncMs = performance.now() - t;
  health = await probe.stop();
  console.log(
    `async: ${state.state} in ${(asyncMs / 1000).toFixed(2)} s incl. polling and download (${(resultBytes / 1024).toFixed(0)} KiB); progress seen ${progress.join(' → ')}; /api/health worst ${health.worst.toFixed(0)} ms over ${health.count} polls`,
  );
} finally {
  server.stop();
  rmSync(dir, { recursive: true, force: true });
}
