import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, SEED_PACK, bearer, setupTownships, startApp, type TestApp } from './helpers/app.js';

describe.each(DATABASES)('lists on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    // the UI of another origin, configured as an operator would (no origin is allowed by default)
    t = await startApp(kind, { corsOrigins: ['http://ui.example'] });
    await setupTownships(t);
  });
  afterAll(() => t?.close());

  it('a list answers with a JSON array and a Content-Range header exposed through CORS', async () => {
    const res = await t.http.get('/api/packs').set(bearer(t.adminToken)).set('Origin', 'http://ui.example');
    expect(res.status).toBe(200);
    expect(Array.isArray(res.body)).toBe(true);
    expect(res.headers['content-range']).toMatch(/^packs 0-\d+\/\d+$/);
    expect(res.headers['access-control-allow-origin']).toBe('http://ui.example');
    expect(res.headers['access-control-expose-headers']).toContain('Content-Range');
    expect(res.body.map((p: { id: string }) => p.id)).toEqual(
      expect.arrayContaining(['base', SEED_PACK, 'town-b-rules']),
    );
  });

  it('sort, range and filter follow ra-data-simple-rest', async () => {
    const all = await t.http
      .get('/api/parameters')
      .query({ filter: JSON.stringify({ packId: SEED_PACK }) })
      .set(bearer(t.adminToken));
    const total = all.body.length;
    expect(total).toBeGreaterThan(3);
    const page = await t.http
      .get('/api/parameters')
      .query({
        sort: JSON.stringify(['parameterId', 'DESC']),
        range: JSON.stringify([1, 2]),
        filter: JSON.stringify({ packId: SEED_PACK }),
      })
      .set(bearer(t.adminToken));
    expect(page.status).toBe(200);
    expect(page.body).toHaveLength(2);
    expect(page.headers['content-range']).toBe(`parameters 1-2/${total}`);
    const sorted = [...all.body.map((p: { parameterId: string }) => p.parameterId)].sort((a, b) =>
      b.localeCompare(a, 'zh'),
    );
    expect(page.body.map((p: { parameterId: string }) => p.parameterId)).toEqual(sorted.slice(1, 3));
  });

  it('getMany sends filter={"id":[...]} and gets exactly those records', async () => {
    const rules = await t.http
      .get('/api/rules')
      .query({ filter: JSON.stringify({ packId: SEED_PACK }), range: '[0,1]' })
      .set(bearer(t.adminToken));
    const ids = rules.body.map((r: { id: string }) => r.id);
    expect(ids).toHaveLength(2);
    const many = await t.http
      .get('/api/rules')
      .query({ filter: JSON.stringify({ id: ids }) })
      .set(bearer(t.adminToken));
    expect(many.body.map((r: { id: string }) => r.id).sort()).toEqual([...ids].sort());
    expect(many.headers['content-range']).toBe('rules 0-1/2');
  });

  it('database-backed lists page and filter in SQL (versions, audit events, users, townships)', async () => {
    const versions = await t.http
      .get('/api/versions')
      .query({ filter: JSON.stringify({ packId: SEED_PACK }) })
      .set(bearer(t.adminToken));
    expect(versions.body).toEqual([
      expect.objectContaining({ id: `${SEED_PACK}:1`, packId: SEED_PACK, version: 1, status: 'published' }),
    ]);
    const users = await t.http
      .get('/api/users')
      .query({ sort: '["username","ASC"]', range: '[0,1]' })
      .set(bearer(t.adminToken));
    expect(users.headers['content-range']).toBe('users 0-1/6');
    expect(users.body.map((u: { username: string }) => u.username)).toEqual(['admin', 'approver-a']);
    expect(users.body[0].password_hash).toBeUndefined();
    const audit = await t.http
      .get('/api/audit-events')
      .query({ filter: JSON.stringify({ action: 'user.create' }), range: '[0,9]' })
      .set(bearer(t.adminToken));
    expect(audit.headers['content-range']).toBe('audit-events 0-4/5');
    const townships = await t.http
      .get('/api/townships')
      .query({ filter: JSON.stringify({ q: '乙' }) })
      .set(bearer(t.adminToken));
    expect(townships.body.map((x: { id: string }) => x.id)).toEqual(['town-b']);
  });

  it('an empty page still says how many there are, and a bad sort is a 400', async () => {
    const res = await t.http
      .get('/api/packs')
      .query({ filter: JSON.stringify({ townshipId: 'nowhere' }) })
      .set(bearer(t.adminToken));
    expect(res.body).toEqual([]);
    expect(res.headers['content-range']).toBe('packs */0');
    const bad = await t.http.get('/api/packs').query({ sort: 'not json' }).set(bearer(t.adminToken));
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('BAD_REQUEST');
  });
});
