/** Base-pack locks over HTTP: a township may change only what its base allows, and a base that tightens a bound hears which townships it breaks. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, bearer, startApp, type TestApp } from './helpers/app.js';

const DISTRICT = 'district-duty-standard';
const TOWN = 'town-c-duty';

describe.each(DATABASES)('locks on %s', (kind) => {
  let t: TestApp;
  const admin = () => bearer(t.adminToken);

  beforeAll(async () => {
    t = await startApp(kind);
    expect((await t.http.post('/api/townships').set(admin()).send({ id: 'town-c', name: '丙镇' })).status).toBe(201);
    const created = await t.http
      .post('/api/packs')
      .set(admin())
      .send({ id: TOWN, name: '丙镇值班规则包', townshipId: 'town-c', extends: DISTRICT });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
  });
  afterAll(() => t?.close());

  it('an override below the district bound is refused with the reason and nothing is saved', async () => {
    const res = await t.http.put(`/api/parameters/${TOWN}:room.minAreaSqm`).set(admin()).send({ value: 20 });
    expect(res.status).toBe(422);
    expect(res.body.errors[0]).toMatchObject({ code: 'PARAMETER_OUT_OF_BOUNDS' });
    expect(res.body.errors[0].messageZh).toContain('不得低于 30平方米');
    const row = await t.http.get(`/api/parameters/${TOWN}:room.minAreaSqm`).set(admin());
    expect(row.body).toMatchObject({ value: 30, overridden: false });
  });

  it('a fixed parameter may not be overridden at all', async () => {
    const res = await t.http.put(`/api/parameters/${TOWN}:review.month`).set(admin()).send({ value: 11 });
    expect(res.status).toBe(422);
    expect(res.body.errors[0]).toMatchObject({ code: 'LOCKED_PARAMETER' });
  });

  it('an import that breaks a lock is refused with the same message and nothing saved', async () => {
    const bundle = (await t.http.get(`/api/packs/${TOWN}/export?version=draft`).set(admin())).body;
    bundle.parameters = { overrides: [{ id: 'room.minAreaSqm', value: 10 }] };
    const before = (await t.http.get(`/api/packs/${TOWN}`).set(admin())).body.revision;
    const res = await t.http.post('/api/packs/import').set(admin()).send({ bundle });
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.body)).toContain('不得低于 30平方米');
    expect((await t.http.get(`/api/packs/${TOWN}`).set(admin())).body.revision).toBe(before);
  });

  it('a base that tightens a bound lists, on publish, the townships whose overrides it now breaks', async () => {
    expect((await t.http.put(`/api/parameters/${TOWN}:room.minAreaSqm`).set(admin()).send({ value: 35 })).status).toBe(
      200,
    );
    const district = (await t.http.get(`/api/packs/${DISTRICT}/export?version=draft`).set(admin())).body;
    district.parameters.parameters.find((p: any) => p.id === 'room.minAreaSqm').lock.min = 40;
    const imported = await t.http.post('/api/packs/import').set(admin()).send({ bundle: district });
    expect(imported.status).toBeLessThan(300);
    const published = await t.http
      .post(`/api/packs/${DISTRICT}/publish`)
      .set(admin())
      .send({ basis: '区应急办〔2026〕3号', bypassApproval: { reason: '测试' } });
    expect(published.status).toBe(201);
    expect(published.body.affectedPacks).toEqual([
      expect.objectContaining({ pack: TOWN, issues: [expect.objectContaining({ code: 'PARAMETER_OUT_OF_BOUNDS' })] }),
    ]);
    expect(published.body.affectedPacks[0].issues[0].messageZh).toContain('不得低于 40平方米');
  });
});
