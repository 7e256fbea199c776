import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, DATABASES, LEAVE_FACTS, SEED_PACK, bearer, freshDatabase, openApp } from './helpers/app.js';
import { startChildServer } from './helpers/child.js';

const FACTS = { ...LEAVE_FACTS, days: 1.5 };

describe.each(DATABASES)('a crash during publish on %s', (kind) => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  beforeAll(async () => {
    database = await freshDatabase(kind);
  });
  afterAll(() => database?.drop());

  it('a server killed inside the publish transaction leaves the previous version intact and still served', async () => {
    // a changed draft, prepared by a first server that is then shut down
    let app = await openApp(kind, database.url);
    let token = await app.login('admin', ADMIN_PASSWORD);
    const row = (await app.http.get(`/api/parameters/${SEED_PACK}:leave.supervisorOnlyMaxDays`).set(bearer(token)))
      .body;
    // fixtures pin the 1-day threshold, so change something they do not see: the help text
    expect(
      (
        await app.http
          .put(`/api/parameters/${row.id}`)
          .set(bearer(token))
          .send({ ...row, help: '新的说明' })
      ).status,
    ).toBe(200);
    const before = (
      await app.http
        .post(`/api/packs/${SEED_PACK}/evaluate`)
        .set(bearer(token))
        .send({ decision: 'leaveApproval', facts: FACTS })
    ).body;
    await app.close();

    // `npm start` with the crash hook: the process exits after writing the version row
    const child = await startChildServer({
      DATABASE_URL: database.url,
      RULES_ADMIN_PASSWORD: ADMIN_PASSWORD,
      RULES_TEST_CRASH_DURING_PUBLISH: '1',
    });
    const login = await fetch(`${child.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    const childToken = (await login.json()).token;
    await expect(
      fetch(`${child.url}/api/packs/${SEED_PACK}/publish`, {
        method: 'POST',
        headers: { ...bearer(childToken), 'content-type': 'application/json' },
        body: JSON.stringify({ bypassApproval: { reason: '测试' } }),
      }),
    ).rejects.toThrow();
    expect(await child.exited).toBe(86);
    expect(child.output()).toContain('RULES_TEST_CRASH_DURING_PUBLISH');

    // restart: version 1 is the only version, its head is intact, and it is what evaluation serves
    app = await openApp(kind, database.url);
    token = await app.login('admin', ADMIN_PASSWORD);
    const versions = await app.http
      .get('/api/versions')
      .query({ filter: JSON.stringify({ packId: SEED_PACK }) })
      .set(bearer(token));
    expect(versions.body.map((v: { version: number }) => v.version)).toEqual([1]);
    expect(await app.db('pack_heads').where({ pack_id: SEED_PACK }).first()).toMatchObject({ version: 1 });
    expect(
      await app.db('audit_events').whereIn('action', ['pack.publish', 'pack.publishWithoutApproval']).first(),
    ).toBeUndefined();
    const after = (
      await app.http
        .post(`/api/packs/${SEED_PACK}/evaluate`)
        .set(bearer(token))
        .send({ decision: 'leaveApproval', facts: FACTS })
    ).body;
    expect(after.version).toBe('1');
    expect(after.outcomes).toEqual(before.outcomes);
    // the draft survived too, and publishing now works and numbers the version 2
    expect((await app.http.get(`/api/parameters/${row.id}`).set(bearer(token))).body.help).toBe('新的说明');
    const published = await app.http
      .post(`/api/packs/${SEED_PACK}/publish`)
      .set(bearer(token))
      .send({ bypassApproval: { reason: '测试' } });
    expect(published.status).toBe(201);
    expect(published.body.version).toBe(2);
    await app.close();
  }, 60_000);
});
