/**
 * People by name: `GET /api/users/names` gives a signed-in user the 姓名 of their township's people
 * and of the administrators (not another township's), and the printable record of a version
 * names the requester and the approver by 姓名, not by login name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DATABASES,
  SEED_PACK,
  bearer,
  publishApproved,
  setupTownships,
  startApp,
  type TestApp,
} from './helpers/app.js';

describe.each(DATABASES)('display names on %s', (kind) => {
  let t: TestApp;
  let tokens: Awaited<ReturnType<typeof setupTownships>>;

  const rename = async (username: string, displayName: string) => {
    const found = await t.http
      .get('/api/users')
      .query({ filter: JSON.stringify({ username }) })
      .set(bearer(t.adminToken));
    const user = found.body.find((u: { username: string }) => u.username === username);
    const res = await t.http
      .put(`/api/users/${user.id}`)
      .set(bearer(t.adminToken))
      .send({ ...user, displayName });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  };

  beforeAll(async () => {
    t = await startApp(kind);
    tokens = await setupTownships(t);
    await rename('director-a', '张三');
    await rename('approver-a', '李四');
    await rename('director-b', '王五');
  });
  afterAll(() => t?.close());

  it('a viewer reads the names of their township and of the administrators, not of another township', async () => {
    const res = await t.http.get('/api/users/names').set(bearer(tokens.viewerA));
    expect(res.status).toBe(200);
    const names = Object.fromEntries(
      res.body.map((p: { username: string; displayName: string }) => [p.username, p.displayName]),
    );
    expect(names['director-a']).toBe('张三');
    expect(names['approver-a']).toBe('李四');
    expect(names.admin).toBe('系统管理员');
    expect(names['director-b']).toBeUndefined();
    // nothing but the name: no role, township or lock state
    expect(Object.keys(res.body[0]).sort()).toEqual(['displayName', 'id', 'username']);
  });

  it("the administrator reads everyone's; nobody signed out reads any", async () => {
    const all = await t.http.get('/api/users/names').set(bearer(t.adminToken));
    expect(all.body.map((p: { username: string }) => p.username)).toContain('director-b');
    expect((await t.http.get('/api/users/names')).status).toBe(401);
  });

  it('the record names the requester and the approver by 姓名', async () => {
    const param = await t.http
      .get(`/api/parameters/${SEED_PACK}:leave.supervisorOnlyMaxDays`)
      .set(bearer(tokens.directorA));
    expect(
      (
        await t.http
          .put(`/api/parameters/${SEED_PACK}:leave.supervisorOnlyMaxDays`)
          .set(bearer(tokens.directorA))
          .send({ ...param.body, help: '经镇党委会研究' })
      ).status,
    ).toBe(200);
    const { version } = await publishApproved(t, SEED_PACK, tokens.directorA, tokens.approverA, {
      basis: { text: '经镇党委会研究通过', date: '2026-11-30' },
    });
    const res = await t.http.get(`/api/packs/${SEED_PACK}/versions/${version}/record`).set(bearer(tokens.viewerA));
    expect(res.status).toBe(200);
    expect(res.text).toContain('张三');
    expect(res.text).toContain('李四');
    expect(res.text).not.toContain('director-a');
    expect(res.text).not.toContain('approver-a');
    // version 1, loaded at start, was published by the system, not by a user called seed
    const first = await t.http.get(`/api/packs/${SEED_PACK}/versions/1/record`).set(bearer(tokens.viewerA));
    expect(first.text).not.toMatch(/\bseed\b/);
  });
});
