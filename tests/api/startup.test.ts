import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHIPPED_RULES_DIR } from '../../engine/index.js';
import { createDb, describeDatabase, migrate } from '../../api/db/knex.js';
import { extendsOrder, seedIfEmpty } from '../../api/db/seed.js';
import { DATABASES, bearer, freshDatabase, openApp } from './helpers/app.js';
import { startChildServer } from './helpers/child.js';

function writePack(dir: string, id: string, manifest: object | string) {
  mkdirSync(join(dir, id), { recursive: true });
  writeFileSync(join(dir, id, 'pack.json'), typeof manifest === 'string' ? manifest : JSON.stringify(manifest));
  writeFileSync(join(dir, id, 'sources.json'), JSON.stringify({ clauses: [] }));
}

describe.each(DATABASES)('first start on %s', (kind) => {
  let rulesDir: string;
  beforeAll(() => {
    rulesDir = mkdtempSync(join(tmpdir(), 'rules-dir-'));
    cpSync(join(SHIPPED_RULES_DIR, 'base'), join(rulesDir, 'base'), { recursive: true });
    cpSync(join(SHIPPED_RULES_DIR, 'county-township-cadres'), join(rulesDir, 'county-township-cadres'), {
      recursive: true,
    });
    const owner = { id: 'county-township', name: '某县某镇', level: 'township' };
    // sorts before its base: the import must follow `extends`, not the alphabet
    writePack(rulesDir, 'a-child', {
      id: 'a-child',
      name: '子包',
      owner,
      extends: 'county-township-cadres',
      version: '1.0.0',
    });
    writePack(rulesDir, 'orphan', { id: 'orphan', name: '孤儿包', owner, extends: 'missing-base', version: '1.0.0' });
    writePack(rulesDir, 'zz-broken', '{ not json');
  });
  afterAll(() => rmSync(rulesDir, { recursive: true, force: true }));

  it('an empty database gets every pack under rules/ in extends order and an admin with a generated password', async () => {
    const database = await freshDatabase(kind);
    const db = createDb(describeDatabase(database.url, tmpdir()));
    let password: string;
    try {
      await migrate(db);
      const report = await seedIfEmpty(db, { rulesDir });
      expect(report.seeded).toBe(true);
      expect(report.published).toEqual(['base', 'county-township-cadres', 'a-child']);
      expect(report.draftOnly.map((d) => d.pack).sort()).toEqual(['orphan', 'zz-broken']);
      expect(report.generatedAdminPassword).toMatch(/^\S{12,}$/);
      password = report.generatedAdminPassword!;
      const versions = await db('versions').select('pack_id', 'version', 'chain_versions').orderBy('pack_id');
      expect(versions.map((v) => [v.pack_id, v.version])).toEqual([
        ['a-child', 1],
        ['base', 1],
        ['county-township-cadres', 1],
      ]);
      expect(JSON.parse(versions[0].chain_versions)).toEqual({ base: 1, 'county-township-cadres': 1 });
      // a second start does nothing and prints no password
      expect(await seedIfEmpty(db, { rulesDir })).toMatchObject({ seeded: false });
      await migrate(db);
    } finally {
      await db.destroy();
    }
    const app = await openApp(kind, database.url);
    try {
      const token = await app.login('admin', password);
      const packs = await app.http.get('/api/packs').query({ sort: '["id","ASC"]' }).set(bearer(token));
      expect(packs.body.map((p: { id: string; currentVersion: number | null }) => [p.id, p.currentVersion])).toEqual([
        ['a-child', 1],
        ['base', 1],
        ['county-township-cadres', 1],
        ['orphan', null],
      ]);
    } finally {
      await app.close();
      await database.drop();
    }
  });

  it('npm start prints a generated admin password once, on the first start only', async () => {
    const database = await freshDatabase(kind);
    const env = { DATABASE_URL: database.url, RULES_ADMIN_PASSWORD: '' };
    try {
      const first = await startChildServer(env);
      const match = /password "([^"]+)"/.exec(first.output());
      expect(match).not.toBeNull();
      const login = await fetch(`${first.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: match![1] }),
      });
      expect(login.status).toBe(200);
      first.process.kill('SIGTERM');
      await first.exited;
      const second = await startChildServer(env);
      expect(second.output()).not.toMatch(/password "/);
      second.process.kill('SIGTERM');
      await second.exited;
    } finally {
      await database.drop();
    }
  }, 60_000);

  it('a port already in use stops the server with exit code 1 and says which port', async () => {
    const database = await freshDatabase(kind);
    const env = { DATABASE_URL: database.url, RULES_ADMIN_PASSWORD: 'startup-test-password' };
    const first = await startChildServer(env);
    try {
      const port = new URL(first.url).port;
      const second = startChildServer({ ...env, PORT: port });
      await expect(second).rejects.toThrow(/exited with 1[\s\S]*port \d+ is already in use/);
    } finally {
      first.process.kill('SIGTERM');
      await first.exited;
      await database.drop();
    }
  }, 60_000);

  it('extendsOrder puts bases first and survives cycles', () => {
    const b = (id: string, ext?: string) => [id, { pack: { id, extends: ext } }] as [string, any];
    expect(extendsOrder(new Map([b('c', 'b'), b('b', 'a'), b('a')]))).toEqual(['a', 'b', 'c']);
    expect(extendsOrder(new Map([b('x', 'y'), b('y', 'x')])).sort()).toEqual(['x', 'y']);
  });

  it('the admin UI is served at / with an SPA fallback when admin-ui/dist exists, and unknown API routes are JSON 404s', async () => {
    const ui = mkdtempSync(join(tmpdir(), 'ui-'));
    writeFileSync(join(ui, 'index.html'), '<!doctype html><title>规则管理</title>');
    writeFileSync(join(ui, 'app.js'), 'console.log(1)');
    const database = await freshDatabase(kind);
    const app = await openApp(kind, database.url, { adminUiDir: ui });
    try {
      expect((await app.http.get('/')).text).toContain('规则管理');
      expect((await app.http.get('/packs/county-township-cadres/show')).text).toContain('规则管理');
      expect((await app.http.get('/app.js')).text).toContain('console.log');
      const token = await app.login('admin', 'admin-test-password');
      const missing = await app.http.get('/api/nothing-here').set(bearer(token));
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe('NOT_FOUND');
    } finally {
      await app.close();
      await database.drop();
      rmSync(ui, { recursive: true, force: true });
    }
  });
});
