/**
 * `npm run backup` while the server writes, then `npm run restore`: every version, draft and
 * audit row committed before the backup started comes back unchanged, the restored database
 * passes PRAGMA integrity_check and foreign_key_check, and the server serves it.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDatabase } from '../../api/db/sqlite-backup.js';
import { bearer, openApp, publishAsAdmin, SEED_PACK, SEED_TOWNSHIP, startApp, type TestApp } from './helpers/app.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);
const npm = (args: string[], databaseUrl: string) =>
  run('npm', ['run', '--silent', ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl } });

type Row = Record<string, unknown>;
const byKey = (rows: Row[], key: (r: Row) => string) => new Map(rows.map((r) => [key(r), r]));

async function snapshot(t: TestApp) {
  const [versions, drafts, audit] = await Promise.all([
    t.db('versions').select('*'),
    t.db('packs').select('*'),
    t.db('audit_events').select('*'),
  ]);
  return {
    versions: byKey(versions, (r) => `${r.pack_id}@${r.version}`),
    drafts: byKey(drafts, (r) => String(r.id)),
    audit: byKey(audit, (r) => String(r.id)),
  };
}

describe('backup under write load, then restore', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp('sqlite');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('restores every version, draft and audit row present when the backup started, intact and consistent', async () => {
    const file = t.url.replace(/^sqlite:/, '');
    const admin = bearer(t.adminToken);
    const parameter = `${SEED_PACK}:leave.secretaryMaxDays`;
    let writing = true;
    let writes = 0;
    const failures: string[] = [];
    // drafts (new packs, parameter edits), versions (publish) and their audit rows, nonstop
    const writer = (async () => {
      for (let i = 0; writing; i++) {
        const pack = await t.http
          .post('/api/packs')
          .set(admin)
          .send({ id: `load-${i}`, name: `负载包 ${i}`, townshipId: SEED_TOWNSHIP, extends: 'base' });
        if (pack.status !== 201) failures.push(`pack ${pack.status} ${JSON.stringify(pack.body).slice(0, 300)}`);
        const current = await t.http.get(`/api/parameters/${parameter}`).set(admin);
        const edit = await t.http
          .put(`/api/parameters/${parameter}`)
          .set(admin)
          .send({ ...current.body, help: `${String(current.body.help).split('（第')[0]}（第 ${i} 次修订）` });
        if (edit.status !== 200) failures.push(`edit ${edit.status} ${JSON.stringify(edit.body).slice(0, 300)}`);
        const published = await publishAsAdmin(t, SEED_PACK);
        if (published.status !== 201)
          failures.push(`publish ${published.status} ${JSON.stringify(published.body).slice(0, 300)}`);
        writes++;
      }
    })();
    try {
      while (writes < 3) await new Promise((r) => setTimeout(r, 20));
      const before = await snapshot(t);
      const destination = join(dirname(file), 'backups', 'under-load.sqlite');
      const { stdout } = await npm(['backup', '--', destination], t.url);
      expect(stdout).toMatch(/integrity ok/);
      const writesDuringBackup = writes;
      while (writes < writesDuringBackup + 2) await new Promise((r) => setTimeout(r, 20));
      writing = false;
      await writer;
      expect(failures).toEqual([]);
      const after = await snapshot(t);
      expect(after.versions.size).toBeGreaterThan(before.versions.size);

      // the server stops, the database is restored from the backup, the server starts again
      await t.db.destroy();
      const restored = await npm(['restore', '--', destination], t.url);
      expect(restored.stdout).toMatch(/restored .* integrity ok/);
      expect(readdirSync(dirname(file)).some((f) => f.startsWith('rules.sqlite.before-restore-'))).toBe(true);
      await checkDatabase(file);

      const reopened = await openApp('sqlite', t.url);
      const dropDatabase = t.close;
      t = {
        ...t,
        ...reopened,
        close: async () => {
          await reopened.close();
          await dropDatabase();
        },
      };
      const back = await snapshot(t);
      // versions and audit rows never change: each one present before the backup is back as it was
      for (const name of ['versions', 'audit'] as const) {
        for (const [key, row] of before[name]) expect(back[name].get(key), `${name} ${key}`).toEqual(row);
      }
      // drafts move on while the backup runs: each is back at the state it had at one moment
      // after `before`, and that state agrees with the newest audit row of its edits
      for (const [id, row] of before.drafts) {
        const restored = back.drafts.get(id)!;
        expect(restored, `draft ${id}`).toBeDefined();
        expect(Number(restored.revision)).toBeGreaterThanOrEqual(Number(row.revision));
        expect(() => JSON.parse(String(restored.draft))).not.toThrow();
      }
      const help = (draft: Row) =>
        (JSON.parse(String(draft.draft)).parameters.parameters as { id: string; help: string }[]).find(
          (p) => p.id === 'leave.secretaryMaxDays',
        )!.help;
      const lastEdit = [...back.audit.values()]
        .filter((r) => r.action === 'parameters.update')
        .sort((a, b) => Number(b.id) - Number(a.id))[0];
      expect(JSON.parse(String(lastEdit.after)).help).toBe(help(back.drafts.get(SEED_PACK)!));
      // nothing from after the backup finished
      for (const name of ['versions', 'drafts', 'audit'] as const)
        expect(back[name].size).toBeLessThan(after[name].size);
      // and one moment means each publish came with its audit row
      const publishes = [...back.audit.values()].filter(
        (r) => String(r.action).startsWith('pack.publish') && r.pack_id === SEED_PACK,
      ).length;
      expect(publishes).toBe(
        [...back.versions.values()].filter((r) => r.pack_id === SEED_PACK && r.origin === 'publish').length,
      );

      const versions = await t.http
        .get('/api/versions')
        .query({ filter: JSON.stringify({ packId: SEED_PACK }), range: '[0,999]' })
        .set(bearer(await reopened.login('admin', 'admin-test-password')));
      expect(versions.status).toBe(200);
      expect(versions.body.length).toBe([...back.versions.keys()].filter((k) => k.startsWith(`${SEED_PACK}@`)).length);
    } finally {
      writing = false;
      await writer.catch(() => {});
    }
  }, 180_000);

  it('a damaged backup is refused before the database is touched', async () => {
    const file = t.url.replace(/^sqlite:/, '');
    const bogus = join(dirname(file), 'not-a-backup.sqlite');
    writeFileSync(bogus, 'SQLite format 3\u0000 but not really');
    const failed = await npm(['restore', '--', bogus], t.url).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toMatch(/restore failed/);
    expect(existsSync(file)).toBe(true);
    await checkDatabase(file);
  });
});
