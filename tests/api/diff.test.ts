/**
 * GET /packs/:id/diff compares structurally: a rule saved back unchanged, however its client
 * orders the keys, is no change; a threshold change lists the parameter and the moved cases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, SEED_PACK, bearer, setupTownships, startApp, type TestApp } from './helpers/app.js';

/** The same JSON with every object's keys in reverse order. */
function reversedKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reversedKeys) as T;
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reversedKeys(v)]),
    ) as T;
  return value;
}

describe.each(DATABASES)('GET /packs/:id/diff on %s', (kind) => {
  let t: TestApp;
  let tokens: Awaited<ReturnType<typeof setupTownships>>;
  const diff = async () =>
    (await t.http.get(`/api/packs/${SEED_PACK}/diff`).query({ from: '1', to: 'draft' }).set(bearer(tokens.viewerA)))
      .body;

  beforeAll(async () => {
    t = await startApp(kind);
    tokens = await setupTownships(t);
  });
  afterAll(() => t?.close());

  it('a rule saved back with its conditions and outcomes written in another key order is no change', async () => {
    const rule = (await t.http.get(`/api/rules/${SEED_PACK}:leave.ordinary.upToFiveDays`).set(bearer(tokens.directorA)))
      .body;
    const saved = await t.http
      .put(`/api/rules/${rule.id}`)
      .set(bearer(tokens.directorA))
      .send({ ...rule, conditions: reversedKeys(rule.conditions), outcomes: reversedKeys(rule.outcomes) });
    expect(saved.status).toBe(200);
    const body = await diff();
    expect(body.rules).toEqual({ added: [], removed: [], changed: [] });
    expect(body.parameters).toEqual([]);
    expect(body.fixtures).toEqual([]);
  });

  it('a threshold change lists the parameter and the cases whose outcomes moved', async () => {
    const id = `${SEED_PACK}:leave.supervisorOnlyMaxDays`;
    const before = await t.http.get(`/api/parameters/${id}`).set(bearer(tokens.directorA));
    expect(
      (
        await t.http
          .put(`/api/parameters/${id}`)
          .set(bearer(tokens.directorA))
          .send({ ...before.body, value: 2 })
      ).status,
    ).toBe(200);
    const body = await diff();
    expect(body.parameters).toEqual([
      expect.objectContaining({ id: 'leave.supervisorOnlyMaxDays', from: 1, to: 2, change: 'changed' }),
    ]);
    expect(body.fixtures.map((f: { id: string }) => f.id).sort()).toEqual([
      'leave.cap.4d',
      'leave.cap.sick',
      'leave.ordinary.1-5d',
      'leave.ordinary.2d',
    ]);
    expect(body).not.toHaveProperty('evaluated');
  });
});
