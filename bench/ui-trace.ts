/**
 * Where the cold load's time goes: one cold load of 参数 (session stored, opened by URL) and one
 * of the login screen, each in a new browser context under a Chromium performance trace, split
 * into
 *   - the network, per file: when it was asked for, the server's time to first byte, the download
 *     (the page's Resource Timing), so a chain of requests shows as a staircase;
 *   - the page's main thread: busy time by kind (HTML, script compile, script run, style and
 *     layout, paint, garbage collection) and idle time (waiting for the network or the server);
 *   - per script file: compile and run time on the main thread;
 *   - with source maps in the build (`UI_SOURCEMAPS=1` builds one into a temporary folder), the
 *     JavaScript CPU profile by package (react-dom, @mui/material, ra-core, …) and by our modules.
 *
 * `UI_DIST=/path/to/dist` traces another build. `npx tsx bench/ui-trace.ts`
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import { launchChromium, newContext, signedInContext, startSite, type Site } from './ui-site.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'v8',
  'blink.user_timing',
  'loading',
];

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { url?: string }; fileName?: string; url?: string };
}

interface Resource {
  name: string;
  startTime: number;
  requestStart: number;
  responseStart: number;
  responseEnd: number;
  encodedBodySize: number;
}

interface Load {
  wallMs: number;
  events: TraceEvent[];
  resources: Resource[];
  profile?: Profile;
}

interface Profile {
  nodes: { id: number; callFrame: { url: string; lineNumber: number; columnNumber: number; functionName: string } }[];
  samples: number[];
  timeDeltas: number[];
}

/** One cold load in a new context, traced from before the navigation until `ready` resolves. */
async function tracedLoad(browser: Browser, site: Site, signedIn: boolean, profiled: boolean): Promise<Load> {
  const context = signedIn ? await signedInContext(browser, site) : await newContext(browser);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  // the sampling profiler slows the page down: a profiled load is a load of its own
  if (profiled) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  } else await browser.startTracing(page, { categories: CATEGORIES });
  const started = performance.now();
  if (signedIn) {
    await page.goto(`${site.url}/#/parameters`);
    await page.locator('[data-testid^="param-"][data-testid*="."]').first().waitFor();
    await page.getByTestId('param-search').fill('天');
  } else {
    await page.goto(`${site.url}/#/login`);
    await page.locator('input[name="username"]').fill('director');
  }
  const wallMs = performance.now() - started;
  const { profile } = profiled ? ((await cdp.send('Profiler.stop')) as unknown as { profile?: Profile }) : {};
  const trace = profiled
    ? { traceEvents: [] }
    : (JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] });
  const resources = await resourceTimings(page);
  await context.close();
  return { wallMs, events: trace.traceEvents, resources, profile };
}

const resourceTimings = (page: Page) =>
  page.evaluate(() =>
    [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')].map((e) => {
      const r = e as PerformanceResourceTiming;
      return {
        name: r.name,
        startTime: r.startTime,
        requestStart: r.requestStart,
        responseStart: r.responseStart,
        responseEnd: r.responseEnd,
        encodedBodySize: r.encodedBodySize,
      };
    }),
  );

const ms = (n: number) => `${n.toFixed(0).padStart(5)} ms`;
const shortName = (url: string) => url.replace(/^https?:\/\/[^/]+/, '').replace(/\?.*$/, '') || '/';

function printNetwork(resources: Resource[]) {
  console.log('  network (from navigation start): asked at, server time to first byte, download, size as sent');
  for (const r of resources.sort((a, b) => a.startTime - b.startTime))
    console.log(
      `  ${ms(r.startTime)}  ttfb ${ms(r.responseStart - r.requestStart)}  body ${ms(r.responseEnd - r.responseStart)}  ` +
        `${(r.encodedBodySize / 1024).toFixed(1).padStart(6)} KiB  ${shortName(r.name)}`,
    );
}

const KIND: [RegExp, string][] = [
  [/^(ParseHTML)$/, 'HTML'],
  [/compile|Compile|parse|Parse|Deserialize|BytecodeBudgetInterrupt|produceModuleCache/, 'script compile'],
  [/GC|gc/, 'garbage collection'],
  [
    /^(UpdateLayoutTree|Layout|RecalculateStyles|ParseAuthorStyleSheet|InvalidateLayout|ScheduleStyleRecalculation)$/,
    'style + layout',
  ],
  [/^(Paint|PrePaint|Layerize|UpdateLayer|UpdateLayerTree|CompositeLayers|Commit|PaintImage|RasterTask)$/, 'paint'],
  [
    /^(EvaluateScript|v8\.evaluateModule|v8\.newInstance|FunctionCall|v8\.callFunction|V8\.Execute|v8\.run|TimerFire|EventDispatch|FireAnimationFrame|RunMicrotasks|v8\.callModuleMethod|XHRReadyStateChange|XHRLoad)$/,
    'script run',
  ],
];
const kindOf = (name: string) => KIND.find(([re]) => re.test(name))?.[1] ?? 'other (tasks, loading, IPC)';

/**
 * The page's renderer main thread: the busiest CrRendererMain (the new context's about:blank
 * lives in another renderer process than the site's).
 */
function mainThread(events: TraceEvent[]) {
  const key = (e: TraceEvent) => `${e.pid}:${e.tid}`;
  const renderers = new Set(
    events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map(key),
  );
  const busy = new Map<string, number>();
  for (const e of events)
    if (e.ph === 'X' && renderers.has(key(e))) busy.set(key(e), (busy.get(key(e)) ?? 0) + (e.dur ?? 0));
  const busiest = [...busy].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (!busiest) throw new Error('no renderer main thread in the trace');
  return (e: TraceEvent) => key(e) === busiest;
}

function urlOf(e: TraceEvent): string | undefined {
  return e.args?.data?.url || e.args?.fileName || e.args?.url || undefined;
}

function printMainThread(load: Load) {
  const onMain = mainThread(load.events);
  const navigation =
    load.events.find((e) => e.name === 'navigationStart' && onMain(e)) ??
    load.events.find((e) => e.name === 'ResourceSendRequest');
  const t0 = navigation?.ts ?? 0;
  const complete = load.events
    .filter((e) => onMain(e) && e.ph === 'X' && e.dur !== undefined && e.ts >= t0)
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  // self time per event (its duration less its children's), and the script file it belongs to
  const selfByKind = new Map<string, number>();
  const byUrl = new Map<string, { compile: number; run: number }>();
  const stack: { e: TraceEvent; end: number; url?: string }[] = [];
  let busy = 0;
  const self = new Map<TraceEvent, number>();
  for (const e of complete) {
    while (stack.length && stack[stack.length - 1].end <= e.ts) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) self.set(parent.e, (self.get(parent.e) ?? 0) - e.dur!);
    else busy += e.dur!;
    self.set(e, (self.get(e) ?? 0) + e.dur!);
    const url = urlOf(e) ?? parent?.url;
    stack.push({ e, end: e.ts + e.dur!, url });
    const kind = kindOf(e.name);
    if (url && /\.js$/.test(shortName(url)) && (kind === 'script compile' || kind === 'script run')) {
      // inclusive time of the outermost compile/run event of a file, not its nested ones
      const outer = stack.slice(0, -1).some((s) => s.url === url && kindOf(s.e.name) === kind);
      if (!outer) {
        const entry = byUrl.get(shortName(url)) ?? { compile: 0, run: 0 };
        if (kind === 'script compile') entry.compile += e.dur!;
        else entry.run += e.dur!;
        byUrl.set(shortName(url), entry);
      }
    }
  }
  for (const [e, t] of self) selfByKind.set(kindOf(e.name), (selfByKind.get(kindOf(e.name)) ?? 0) + t);
  const wall = load.wallMs;
  console.log(`  main thread: busy ${ms(busy / 1000)} of ${ms(wall)} wall, idle (waiting) ${ms(wall - busy / 1000)}`);
  for (const [kind, t] of [...selfByKind].sort((a, b) => b[1] - a[1])) console.log(`    ${ms(t / 1000)}  ${kind}`);
  console.log('  per script file, main thread (compile + run, run includes what it calls):');
  for (const [url, t] of [...byUrl].sort((a, b) => b[1].compile + b[1].run - a[1].compile - a[1].run).slice(0, 15))
    console.log(`    compile ${ms(t.compile / 1000)}  run ${ms(t.run / 1000)}  ${url}`);
  // when the main thread was busy: 100 ms buckets from navigation start
  const buckets: number[] = [];
  let depthEnd = 0;
  for (const e of complete) {
    if (e.ts < depthEnd) continue; // nested
    depthEnd = e.ts + e.dur!;
    for (let t = e.ts; t < depthEnd;) {
      const b = Math.floor((t - t0) / 100_000);
      const bucketEnd = t0 + (b + 1) * 100_000;
      const slice = Math.min(bucketEnd, depthEnd) - t;
      buckets[b] = (buckets[b] ?? 0) + slice;
      t += slice;
    }
  }
  console.log(
    '  main thread busy per 100 ms from navigation start (0-9 = tenths):\n    ' +
      Array.from(buckets, (b) =>
        Math.round((b ?? 0) / 10_000)
          .toString()
          .replace('10', '#'),
      ).join(''),
  );
}

/** Self time of the JavaScript CPU profile, by package (through the build's source maps). */
function printProfile(profile: Profile, dist: string) {
  const maps = new Map<string, TraceMap | null>();
  const mapFor = (url: string) => {
    const file = shortName(url);
    if (!maps.has(file)) {
      const path = join(dist, `${file}.map`);
      maps.set(file, existsSync(path) ? new TraceMap(readFileSync(path, 'utf8')) : null);
    }
    return maps.get(file);
  };
  const nodeById = new Map(profile.nodes.map((n) => [n.id, n]));
  const byPackage = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    const frame = nodeById.get(id)!.callFrame;
    let where = frame.url ? shortName(frame.url) : `(${frame.functionName || 'native'})`;
    if (frame.url.endsWith('.js')) {
      const map = mapFor(frame.url);
      const source = map && originalPositionFor(map, { line: frame.lineNumber + 1, column: frame.columnNumber }).source;
      if (source) {
        const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
        where = pkg ? pkg[1] : source.replace(/^.*admin-ui\/src\//, 'src/').replace(/^.*\/(engine|schemas)\//, '$1/');
      }
    }
    byPackage.set(where, (byPackage.get(where) ?? 0) + dt);
    total += dt;
  });
  console.log(`  JavaScript CPU profile, self time by package or module (${ms(total / 1000)} sampled):`);
  for (const [where, t] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(`    ${ms(t / 1000)}  ${where}`);
}

async function main() {
  let dist = process.env.UI_DIST ?? join(ROOT, 'admin-ui', 'dist');
  let mapsDir: string | undefined;
  if (process.env.UI_SOURCEMAPS) {
    mapsDir = mkdtempSync(join(tmpdir(), 'ui-sourcemaps-'));
    const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
    const build = spawnSync(
      process.execPath,
      [vite, 'build', '--config', 'admin-ui/vite.config.ts', '--sourcemap', '--outDir', mapsDir, '--logLevel', 'warn'],
      { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
    );
    if (build.status !== 0) throw new Error('admin UI build with source maps failed');
    dist = mapsDir;
  } else if (!process.env.UI_DIST) {
    const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'ensure-build.mjs'), 'ui'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    if (build.status !== 0) throw new Error('admin UI build failed');
  }
  const site = await startSite('traced', dist);
  const browser = await launchChromium();
  try {
    await tracedLoad(browser, site, true, false); // warm the server, not the browser
    console.log(
      `load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}; build ${dist}`,
    );
    for (const [title, signedIn] of [
      ['参数 cold, session stored, until the search field takes input', true],
      ['login screen cold, until the user name field takes input (the floor)', false],
    ] as const) {
      const load = await tracedLoad(browser, site, signedIn, false);
      console.log(`\n${title}: ${ms(load.wallMs)} wall`);
      printNetwork(load.resources);
      printMainThread(load);
      if (mapsDir) {
        const profiled = await tracedLoad(browser, site, signedIn, true);
        console.log(`  another load under the sampling profiler: ${ms(profiled.wallMs)} wall`);
        printProfile(profiled.profile!, dist);
      }
    }
  } finally {
    await browser.close();
    site.stop();
    rmSync(site.dir, { recursive: true, force: true });
    if (mapsDir) rmSync(mapsDir, { recursive: true, force: true });
  }
}

await main();
