/**
 * Test servers: createApp on a fresh SQLite file in a temp dir, or on a fresh PostgreSQL database
 * (when TEST_PG_URL is set), migrated and seeded from rules/ like `npm start` does.
 */
import { throwawayPostgres } from '../../helpers/throwaway-postgres.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createApp } from '../../../api/app.js';
import { configFromEnv, type Config } from '../../../api/config.js';
import { createDb, describeDatabase, migrate, type Db } from '../../../api/db/knex.js';
import { seedIfEmpty } from '../../../api/db/seed.js';

export type DbKind = 'sqlite' | 'postgres';

/** describe.each over these: SQLite always, PostgreSQL when TEST_PG_URL is set. */
export const DATABASES: DbKind[] = process.env.TEST_PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];

export const ADMIN_PASSWORD = 'admin-test-password';
export const PASSWORD = 'password-1234';

/** A database for one test file: a SQLite file in a temp dir or a fresh PostgreSQL database. */
export async function freshDatabase(kind: DbKind): Promise<{ url: string; drop: () => Promise<void> }> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'rules-api-'));
    return {
      url: `sqlite:${join(dir, 'rules.sqlite')}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  return throwawayPostgres(
    process.env.TEST_PG_URL!,
    `rules_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`,
  );
}

export interface TestApp {
  kind: DbKind;
  url: string;
  db: Db;
  config: Config;
  app: ReturnType<typeof createApp>;
  http: ReturnType<typeof request>;
  adminToken: string;
  login(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

/** An app over an existing database URL (a second server process sharing the same database). */
export async function openApp(
  kind: DbKind,
  url: string,
  overrides: Partial<Config> = {},
): Promise<Omit<TestApp, 'adminToken'>> {
  const config: Config = { ...configFromEnv({}), databaseUrl: url, adminPassword: ADMIN_PASSWORD, ...overrides };
  const db = createDb(describeDatabase(url, config.dataDir));
  await migrate(db);
  await seedIfEmpty(db, { rulesDir: config.rulesDir, adminPassword: ADMIN_PASSWORD });
  const app = createApp({ db, config });
  const http = request(app);
  const login = async (username: string, password = PASSWORD) => {
    const res = await http.post('/api/auth/login').send({ username, password });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.token as string;
  };
  return { kind, url, db, config, app, http, login, close: () => db.destroy() };
}

export async function startApp(kind: DbKind, overrides: Partial<Config> = {}): Promise<TestApp> {
  const database = await freshDatabase(kind);
  const opened = await openApp(kind, database.url, overrides);
  const adminToken = await opened.login('admin', ADMIN_PASSWORD);
  return {
    ...opened,
    adminToken,
    close: async () => {
      await opened.close();
      await database.drop();
    },
  };
}

export const SEED_PACK = 'county-township-cadres';
export const SEED_TOWNSHIP = 'county-township';
export const OTHER_TOWNSHIP = 'town-b';
export const OTHER_PACK = 'town-b-rules';

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/**
 * A second township with its own pack from base, and users of both townships:
 * director-a / tester-a / viewer-a / approver-a (a viewer who may approve publish requests, like
 * a township head) of county-township, director-b of town-b.
 */
export async function setupTownships(
  t: TestApp,
): Promise<Record<'directorA' | 'testerA' | 'viewerA' | 'approverA' | 'directorB', string>> {
  const admin = bearer(t.adminToken);
  let res = await t.http.post('/api/townships').set(admin).send({ id: OTHER_TOWNSHIP, name: '乙镇' });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  res = await t.http
    .post('/api/packs')
    .set(admin)
    .send({ id: OTHER_PACK, name: '乙镇规则包', townshipId: OTHER_TOWNSHIP, extends: 'base' });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  const users = [
    ['director-a', 'director', SEED_TOWNSHIP],
    ['tester-a', 'tester', SEED_TOWNSHIP],
    ['viewer-a', 'viewer', SEED_TOWNSHIP],
    ['director-b', 'director', OTHER_TOWNSHIP],
    ['approver-a', 'viewer', SEED_TOWNSHIP],
  ] as const;
  for (const [username, role, townshipId] of users) {
    res = await t.http
      .post('/api/users')
      .set(admin)
      .send({ username, password: PASSWORD, role, townshipId, canApprove: username === 'approver-a' });
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  }
  return {
    directorA: await t.login('director-a'),
    testerA: await t.login('tester-a'),
    viewerA: await t.login('viewer-a'),
    directorB: await t.login('director-b'),
    approverA: await t.login('approver-a'),
  };
}

/**
 * Publish the way a township does it: the director's publish makes a request (202), an
 * approver approves it, and the version is written. Returns the publish reply (checks, what-if…),
 * the approved request and the version number. Throws with the reply when a step fails.
 */
export async function publishApproved(
  t: TestApp,
  packId: string,
  requesterToken: string,
  approverToken: string,
  body: object = {},
) {
  const reply = await t.http.post(`/api/packs/${packId}/publish`).set(bearer(requesterToken)).send(body);
  if (reply.status !== 202)
    throw new Error(`publish ${packId}: ${reply.status} ${JSON.stringify(reply.body).slice(0, 2000)}`);
  const approved = await t.http
    .post(`/api/publish-requests/${reply.body.request.id}/approve`)
    .set(bearer(approverToken))
    .send({ comment: '同意' });
  if (approved.status !== 200 || approved.body.version === null)
    throw new Error(
      `approve ${reply.body.request.id}: ${approved.status} ${JSON.stringify(approved.body).slice(0, 2000)}`,
    );
  return { reply, request: approved.body, version: approved.body.version as number };
}

/** An admin publishes at once, stating why there is no approval (as tests of other features do). */
export async function publishAsAdmin(t: TestApp, packId: string, body: object = {}) {
  return t.http
    .post(`/api/packs/${packId}/publish`)
    .set(bearer(t.adminToken))
    .send({ bypassApproval: { reason: '测试：直接发布' }, ...body });
}

/** Facts for leaveApproval that the seed pack answers. */
export const LEAVE_FACTS = { applicantRole: 'ordinary', leaveType: 'sick', days: 3 };

/** A rule the seed pack does not have: days > 200 → a filing requirement (fixtures do not notice it). */
export const LONG_LEAVE_RULE = {
  packId: SEED_PACK,
  decision: 'leaveApproval',
  ruleId: 'leave.test.longLeave',
  title: '超长请假须报县人社局备案',
  citations: ['LV-002-A'],
  conditions: { all: [{ fact: 'days', operator: 'greaterThan', value: 200 }] },
  outcomes: [{ type: 'requirement', code: 'longLeaveFiling', text: '报县人社局备案' }],
};
