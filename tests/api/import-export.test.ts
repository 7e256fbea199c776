import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHIPPED_RULES_DIR, readPackFolder } from '../../engine/index.js';
import {
  DATABASES,
  OTHER_TOWNSHIP,
  SEED_PACK,
  bearer,
  publishApproved,
  setupTownships,
  startApp,
  type TestApp,
} from './helpers/app.js';

describe.each(DATABASES)('export, import and packs from base on %s', (kind) => {
  let t: TestApp;
  let tokens: Awaited<ReturnType<typeof setupTownships>>;

  beforeAll(async () => {
    t = await startApp(kind);
    tokens = await setupTownships(t);
  });
  afterAll(() => t?.close());

  it('export returns the pack in the rules/<pack>/ format', async () => {
    const res = await t.http.get(`/api/packs/${SEED_PACK}/export`).set(bearer(tokens.viewerA));
    expect(res.status).toBe(200);
    expect(res.headers['x-pack-version']).toBe('1');
    expect(res.body).toEqual(readPackFolder(join(SHIPPED_RULES_DIR, SEED_PACK), SEED_PACK).bundle);
  });

  it('an exported bundle imports as a new pack and exports back unchanged', async () => {
    const exported = (await t.http.get(`/api/packs/${SEED_PACK}/export`).set(bearer(t.adminToken))).body;
    const copy = { ...exported, pack: { ...exported.pack, id: 'county-township-copy', name: '副本' } };
    const res = await t.http.post('/api/packs/import').set(bearer(tokens.directorA)).send({ bundle: copy });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      created: true,
      pack: { id: 'county-township-copy', townshipId: 'county-township', currentVersion: null, revision: 1 },
    });
    const back = await t.http
      .get('/api/packs/county-township-copy/export')
      .query({ version: 'draft' })
      .set(bearer(tokens.directorA));
    expect(back.body).toEqual(copy);
    // the copy carries the seed pack's settings (approval by one approver)
    const { version } = await publishApproved(t, 'county-township-copy', tokens.directorA, tokens.approverA);
    expect(version).toBe(1);
    expect((await t.http.get('/api/packs/county-township-copy/export').set(bearer(tokens.directorA))).body).toEqual(
      copy,
    );
  });

  it('importing a bundle of an existing pack makes it the new draft (revision checked)', async () => {
    const pack = (await t.http.get(`/api/packs/${SEED_PACK}`).set(bearer(tokens.directorA))).body;
    const exported = (await t.http.get(`/api/packs/${SEED_PACK}/export`).set(bearer(tokens.directorA))).body;
    const changed = { ...exported, pack: { ...exported.pack, description: '导入的新草稿' } };
    const stale = await t.http
      .post('/api/packs/import')
      .set(bearer(tokens.directorA))
      .send({ bundle: changed, revision: pack.revision - 1 });
    expect(stale.status).toBe(409);
    const res = await t.http
      .post('/api/packs/import')
      .set(bearer(tokens.directorA))
      .send({ bundle: changed, revision: pack.revision });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      created: false,
      pack: { description: '导入的新草稿', revision: pack.revision + 1, currentVersion: 1 },
    });
    expect(
      (await t.http.get(`/api/packs/${SEED_PACK}/export?version=draft`).set(bearer(tokens.directorA))).body,
    ).toEqual(changed);
  });

  it('an invalid bundle or one that breaks a base lock is 422 and nothing is saved', async () => {
    const exported = (await t.http.get(`/api/packs/${SEED_PACK}/export`).set(bearer(tokens.directorA))).body;
    const broken = {
      ...exported,
      pack: { ...exported.pack, id: 'broken-pack' },
      sources: { clauses: [{ id: 'bad id' }] },
    };
    const res = await t.http.post('/api/packs/import').set(bearer(tokens.directorA)).send({ bundle: broken });
    expect(res.status).toBe(422);
    expect(res.body.errors[0]).toMatchObject({ file: 'sources.json', path: expect.stringMatching(/^\/clauses\/0/) });
    const locked = {
      ...exported,
      pack: { ...exported.pack, id: 'locked-pack' },
      parameters: { ...exported.parameters, overrides: [{ id: 'annualLeave.longServiceDays', value: 20 }] },
    };
    const lockRes = await t.http.post('/api/packs/import').set(bearer(tokens.directorA)).send(locked);
    expect(lockRes.status).toBe(422);
    expect(lockRes.body.errors.map((e: { code: string }) => e.code)).toContain('LOCKED_PARAMETER');
    expect((await t.http.get('/api/packs/broken-pack').set(bearer(t.adminToken))).status).toBe(404);
    expect((await t.http.get('/api/packs/locked-pack').set(bearer(t.adminToken))).status).toBe(404);
  });

  it('a director of township B cannot import into township A', async () => {
    const exported = (await t.http.get(`/api/packs/${SEED_PACK}/export`).set(bearer(t.adminToken))).body;
    expect(
      (await t.http.post('/api/packs/import').set(bearer(tokens.directorB)).send({ bundle: exported })).status,
    ).toBe(403);
    const copy = { ...exported, pack: { ...exported.pack, id: 'b-copy' } };
    expect((await t.http.post('/api/packs/import').set(bearer(tokens.directorB)).send({ bundle: copy })).status).toBe(
      403,
    );
    // a township-B pack built on township A's pack would read A's rules through its chain
    const child = {
      pack: {
        id: 'b-child',
        name: '乙镇子包',
        owner: { id: OTHER_TOWNSHIP, name: '乙镇', level: 'township' },
        extends: SEED_PACK,
        version: '1.0.0',
      },
    };
    expect((await t.http.post('/api/packs/import').set(bearer(tokens.directorB)).send({ bundle: child })).status).toBe(
      403,
    );
    expect(
      (
        await t.http
          .post('/api/packs')
          .set(bearer(tokens.directorB))
          .send({ id: 'b-child', name: 'x', extends: SEED_PACK })
      ).status,
    ).toBe(403);
  });

  it('only the admin deletes a pack, and only one with no published versions that nothing extends', async () => {
    expect(
      (
        await t.http
          .post('/api/packs')
          .set(bearer(tokens.directorB))
          .send({ id: 'town-b-tmp', name: '临时', extends: 'base' })
      ).status,
    ).toBe(201);
    expect((await t.http.delete('/api/packs/town-b-tmp').set(bearer(tokens.directorB))).status).toBe(403);
    expect((await t.http.delete(`/api/packs/${SEED_PACK}`).set(bearer(t.adminToken))).status).toBe(409);
    expect((await t.http.delete('/api/packs/base').set(bearer(t.adminToken))).status).toBe(409);
    const res = await t.http.delete('/api/packs/town-b-tmp').set(bearer(t.adminToken));
    expect(res.status).toBe(200);
    expect(res.body.id).toBe('town-b-tmp');
    expect((await t.http.get('/api/packs/town-b-tmp').set(bearer(t.adminToken))).status).toBe(404);
    const audit = await t.http
      .get('/api/audit-events')
      .query({ filter: JSON.stringify({ action: 'pack.delete' }) })
      .set(bearer(t.adminToken));
    expect(audit.body[0]).toMatchObject({ packId: 'town-b-tmp', actor: 'admin', after: null });
  });

  it("creating a township pack from base is one call, and it publishes with the base's fixtures", async () => {
    const res = await t.http
      .post('/api/packs')
      .set(bearer(tokens.directorB))
      .send({ id: 'town-b-leave', name: '乙镇请假规则', extends: 'base' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: 'town-b-leave',
      townshipId: OTHER_TOWNSHIP,
      extends: 'base',
      currentVersion: null,
    });
    expect(
      (
        await t.http
          .post('/api/packs')
          .set(bearer(tokens.directorB))
          .send({ id: 'town-b-leave', name: 'again', extends: 'base' })
      ).status,
    ).toBe(409);
    const evalBefore = await t.http
      .post('/api/packs/town-b-leave/evaluate')
      .set(bearer(tokens.directorB))
      .send({ decision: 'leaveEntitlement', facts: { leaveType: 'annual', yearsOfService: 12 } });
    expect(evalBefore.status).toBe(409);
    expect(evalBefore.body.code).toBe('NOT_PUBLISHED');
    const published = await t.http.post('/api/packs/town-b-leave/publish').set(bearer(tokens.directorB)).send({});
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    expect(published.body.checks.find((c: { check: string }) => c.check === 'fixtures').passed).toBeGreaterThan(0);
    const evaluated = await t.http
      .post('/api/packs/town-b-leave/evaluate')
      .set(bearer(tokens.directorB))
      .send({ decision: 'leaveEntitlement', facts: { leaveType: 'annual', yearsOfService: 12 } });
    expect(evaluated.status).toBe(200);
    expect(evaluated.body.outcomes).toContainEqual(expect.objectContaining({ type: 'entitlement', days: 10 }));
    const bad = await t.http
      .post('/api/packs')
      .set(bearer(tokens.directorB))
      .send({ id: 'Bad Id', name: 'x', extends: 'base' });
    expect(bad.status).toBe(422);
    expect(
      (
        await t.http
          .post('/api/packs')
          .set(bearer(tokens.directorB))
          .send({ id: 'town-b-x', name: 'x', extends: 'no-such-base' })
      ).status,
    ).toBe(422);
  });
});
