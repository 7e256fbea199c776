/**
 * The real server in a child process for the HTTP benchmarks (`npm start`'s entry point on a
 * throwaway database), as an office would run it.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const BENCH_ADMIN_PASSWORD = 'bench-admin-password';

/** Start the server (api/main.ts, or the build `build` names, by default BENCH_SERVER's) on a free port; resolves once it is listening. */
export async function startServer(
  databaseUrl: string,
  build = process.env.BENCH_SERVER,
): Promise<{ url: string; pid: number; stop: () => void }> {
  // as `npm run dev` runs it: the V8 flag npm start passes, the sources through tsx in the same process;
  // BENCH_SERVER=dist runs the build as `npm start` does (dist/api/main.js, plain node; tsx's
  // loader costs CPU production does not pay), BENCH_SERVER=<path>/main.js another build (e.g. an
  // older commit's, copied under this project folder so that it finds schemas/ and rules/)
  // BENCH_CPU_PROF=<dir>: write the server's V8 CPU profile there when it stops (node --cpu-prof)
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : [];
  const entry =
    build === 'dist'
      ? [join(ROOT, 'dist/api/main.js')]
      : build
        ? [build]
        : ['--import', 'tsx', join(ROOT, 'api/main.ts')];
  const child = spawn(process.execPath, ['--max-semi-space-size=32', ...profile, ...entry], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      DATABASE_URL: databaseUrl,
      RULES_ADMIN_PASSWORD: BENCH_ADMIN_PASSWORD,
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        // from here on the request log is read and dropped, not kept: the benchmark would grow a
        // string of every line and compete with the server for the CPU
        child.stdout!.removeAllListeners('data');
        child.stdout!.resume();
        resolve(match[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  return { url, pid: child.pid!, stop: () => child.kill('SIGTERM') };
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
