/**
 * Server configuration from the environment, read in one place. Tests build a Config directly.
 */
import { join } from 'node:path';
import { SHIPPED_RULES_DIR } from '../engine/index.js';

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

  // operating the service: logs, cross-origin access, shutdown
  /** pino level: fatal, error, warn, info (default), debug, trace or silent */
  logLevel: string;
  /** origins (scheme://host[:port]) whose pages may call the API; none = same-origin only */
  corsOrigins: string[];
  /** on SIGTERM, how long in-flight requests and jobs may take before they are cut off */
  shutdownGraceMs: number;
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
    logLevel: env.RULES_LOG_LEVEL || 'info',
    corsOrigins: (env.RULES_CORS_ORIGINS ?? '').split(',').map((o) => o.trim().replace(/\/+$/, '')).filter(Boolean),
    shutdownGraceMs: Number(env.RULES_SHUTDOWN_GRACE_MS || 25_000),
  };
}
