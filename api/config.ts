/**
 * Server configuration from the environment, read in one place. Tests build a Config directly.
 */
import { join } from 'node:path';
import { SHIPPED_RULES_DIR } from '../engine/index.js';
import type { JobSettings } from './features/jobs/jobs-service.js';

export interface Config {
  port: number;
  /** postgres://… for PostgreSQL; sqlite:<file> or unset for a SQLite file */
  databaseUrl?: string;
  /** where the default SQLite file lives */
  dataDir: string;
  /** packs imported on an empty database */
  rulesDir: string;
  /** the admin user's password on first start; random when unset */
  adminPassword?: string;
  /** largest JSON body accepted (express/body-parser syntax) */
  bodyLimit: string;
  /** built admin UI, served at / when the folder exists */
  adminUiDir: string;
  /** session lifetime in hours */
  sessionHours: number;
  /** test hook: exit the process inside the publish transaction */
  crashDuringPublish: boolean;
  /** decision log entries older than this many days are purged (npm run purge-decisions, and once at start) */
  decisionRetentionDays?: number;
  /** a CJK font for the printable record's PDF (.ttf/.otf, or .ttc#PostScriptName); else system fonts are searched */
  pdfFont?: string;
  /** uploads (.xlsx, .docx) are parsed in worker threads with a budget; heavy requests are capped */
  uploads: UploadSettings;
  /** sign-in throttling and lockout (see docs/security.md) */
  login: LoginPolicy;
  /** background jobs: how often to poll, when a run counts as lost (see docs/operations.md, "Jobs") */
  jobs?: Partial<JobSettings>;

  // operating the service: logs, cross-origin access, shutdown
  /** pino level: fatal, error, warn, info (default), debug, trace or silent */
  logLevel: string;
  /** origins (scheme://host[:port]) whose pages may call the API; none = same-origin only */
  corsOrigins: string[];
  /** on SIGTERM, how long in-flight requests and jobs may take before they are cut off */
  shutdownGraceMs: number;
  /** express `trust proxy` behind a reverse proxy (hop count, `true`, or addresses/subnets): the client IP
   * for sign-in throttles and logs is then read from X-Forwarded-For; unset = the socket's address */
  trustProxy?: number | boolean | string;
}

export interface LoginPolicy {
  /** failed sign-ins allowed per client IP per window, then 429 */
  maxFailuresPerIp: number;
  /** failed sign-ins allowed per username per window (from any IP), then 429 */
  maxFailuresPerAccount: number;
  windowMinutes: number;
  /** consecutive failures that lock a username for `lockMinutes` (423 even with the right password) */
  lockAfter: number;
  lockMinutes: number;
}

/** Parsing uploads off the main thread: see docs/operations.md, "Limits". */
export interface UploadSettings {
  /** worker threads parsing uploads (RULES_UPLOAD_WORKERS) */
  workers: number;
  /** one parse may take this long before its worker is stopped (RULES_UPLOAD_TIMEOUT_MS) */
  timeoutMs: number;
  /** a worker's heap; a parse that needs more is stopped (RULES_UPLOAD_WORKER_MEMORY_MB) */
  workerMemoryMb: number;
  /** heavy upload requests (sheet imports, batch trials, document extraction) at once per server (RULES_UPLOADS_PER_SERVER) */
  perServer: number;
  /** … and per user (RULES_UPLOADS_PER_USER) */
  perUser: number;
  /** idle workers exit after this long, giving their memory back (RULES_UPLOAD_WORKER_IDLE_MS) */
  idleMs: number;
}

const positive = (value: string | undefined, fallback: number) => {
  const n = Number(value);
  return value !== undefined && value !== '' && Number.isFinite(n) && n > 0 ? n : fallback;
};

export function uploadSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): UploadSettings {
  return {
    workers: positive(env.RULES_UPLOAD_WORKERS, 2),
    timeoutMs: positive(env.RULES_UPLOAD_TIMEOUT_MS, 60_000),
    workerMemoryMb: positive(env.RULES_UPLOAD_WORKER_MEMORY_MB, 1024),
    perServer: positive(env.RULES_UPLOADS_PER_SERVER, 4),
    perUser: positive(env.RULES_UPLOADS_PER_USER, 2),
    idleMs: positive(env.RULES_UPLOAD_WORKER_IDLE_MS, 10_000),
  };
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  return {
    port: env.PORT !== undefined && env.PORT !== '' ? Number(env.PORT) : 3000,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.RULES_DATA_DIR || join(cwd, 'data'),
    rulesDir: env.RULES_DIR || SHIPPED_RULES_DIR,
    adminPassword: env.RULES_ADMIN_PASSWORD || undefined,
    bodyLimit: env.RULES_BODY_LIMIT || '1mb',
    adminUiDir: env.RULES_ADMIN_UI_DIR || join(cwd, 'admin-ui', 'dist'),
    sessionHours: Number(env.RULES_SESSION_HOURS || 12),
    crashDuringPublish: env.RULES_TEST_CRASH_DURING_PUBLISH === '1',
    decisionRetentionDays: Number(env.RULES_DECISION_RETENTION_DAYS || 3650),
    pdfFont: env.RULES_PDF_FONT || undefined,
    uploads: uploadSettingsFromEnv(env),
    login: {
      maxFailuresPerIp: Number(env.RULES_LOGIN_MAX_FAILURES_PER_IP || 30),
      maxFailuresPerAccount: Number(env.RULES_LOGIN_MAX_FAILURES_PER_ACCOUNT || 10),
      windowMinutes: Number(env.RULES_LOGIN_WINDOW_MINUTES || 15),
      lockAfter: Number(env.RULES_LOGIN_LOCK_AFTER || 5),
      lockMinutes: Number(env.RULES_LOGIN_LOCK_MINUTES || 15),
    },
    jobs: {
      pollMs: positive(env.RULES_JOB_POLL_MS, 2_000),
      heartbeatMs: positive(env.RULES_JOB_HEARTBEAT_MS, 2_000),
      staleMs: positive(env.RULES_JOB_STALE_MS, 30_000),
    },
    logLevel: env.RULES_LOG_LEVEL || 'info',
    corsOrigins: (env.RULES_CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim().replace(/\/+$/, ''))
      .filter(Boolean),
    shutdownGraceMs: Number(env.RULES_SHUTDOWN_GRACE_MS || 25_000),
    trustProxy: trustProxyFrom(env.RULES_TRUST_PROXY),
  };
}

/** RULES_TRUST_PROXY: `2` (hops), `true`, or a list such as `loopback, 10.0.0.0/8`. */
function trustProxyFrom(value: string | undefined): Config['trustProxy'] {
  const v = value?.trim();
  if (!v) return undefined;
  if (/^\d+$/.test(v)) return Number(v);
  if (v === 'true' || v === 'false') return v === 'true';
  return v;
}
