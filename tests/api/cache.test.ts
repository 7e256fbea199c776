import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_PASSWORD,
  DATABASES,
  LEAVE_FACTS,
  LONG_LEAVE_RULE,
  SEED_PACK,
  bearer,
  openApp,
  startApp,
  type TestApp,
} from './helpers/app.js';

const LONG_FACTS = { ...LEAVE_FACTS, days: 250 };
const hasFiling = (body: { outcomes: { type: string; code?: string }[] }) =>
  body.outcomes.some((o) => o.code === 'longLeaveFiling');

describe.each(DATABASES)('compiled-pack cache across server processes on %s', (kind) => {
  let a: TestApp;
  let b: Awaited<ReturnType<typeof openApp>>;
  let tokenB: string;
  beforeAll(async () => {
    a = await startApp(kind);
    b = await openApp(kind, a.url);
    tokenB = await b.login('admin', ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  const evaluateOnB = async () =>
    (
      await b.http
        .post(`/api/packs/${SEED_PACK}/evaluate`)
        .set(bearer(tokenB))
        .send({ decision: 'leaveApproval', facts: LONG_FACTS })
    ).body;
  /**
   * What the second server answers once it has seen the first one's write: at once on SQLite
   * (it reads the generation per request), on PostgreSQL when the NOTIFY arrives (milliseconds).
   */
  const seenOnB = async <T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> => {
    let value = await read();
    for (let tries = 0; kind === 'postgres' && !done(value) && tries < 60; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      value = await read();
    }
    return value;
  };

  it('a second server sharing the database serves the new version right after the first one publishes', async () => {
    const first = await evaluateOnB();
    expect(first.version).toBe('1');
    expect(hasFiling(first)).toBe(false);
    expect((await a.http.post('/api/rules').set(bearer(a.adminToken)).send(LONG_LEAVE_RULE)).status).toBe(201);
    // editing the draft does not change what is in force
    expect((await evaluateOnB()).version).toBe('1');
    expect(
      (
        await a.http
          .post(`/api/packs/${SEED_PACK}/publish`)
          .set(bearer(a.adminToken))
          .send({ bypassApproval: { reason: '测试' } })
      ).status,
    ).toBe(201);
    const second = await seenOnB(evaluateOnB, (body) => body.version === '2');
    expect(second.version).toBe('2');
    expect(hasFiling(second)).toBe(true);
    expect(
      (await a.http.post(`/api/packs/${SEED_PACK}/rollback`).set(bearer(a.adminToken)).send({ version: 1 })).status,
    ).toBe(201);
    const third = await seenOnB(evaluateOnB, (body) => body.version === '3');
    expect(third.version).toBe('3');
    expect(hasFiling(third)).toBe(false);
  });

  it('a pack created on one server is known to the other at once (PostgreSQL: on NOTIFY)', async () => {
    expect(
      (
        await a.http
          .post('/api/packs')
          .set(bearer(a.adminToken))
          .send({ id: 'fresh-pack', name: '新包', townshipId: 'county-township', extends: 'base' })
      ).status,
    ).toBe(201);
    expect(
      (
        await seenOnB(
          () => b.http.get('/api/packs/fresh-pack').set(bearer(tokenB)),
          (res) => res.status === 200,
        )
      ).status,
    ).toBe(200);
  });
});

describe.each(DATABASES)('the pack generation on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp(kind);
  });
  afterAll(() => t?.close());

  it.runIf(kind === 'postgres')('is not read per request once the server listens for changes', async () => {
    const evaluate = () =>
      t.http
        .post(`/api/packs/${SEED_PACK}/evaluate`)
        .set(bearer(t.adminToken))
        .send({ decision: 'leaveApproval', facts: LEAVE_FACTS });
    // the listener connects on first use
    const signal = t.app.services.packsStore.generationSignal;
    for (let i = 0; i < 100 && !signal.isListening; i++) {
      await evaluate();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(signal.isListening).toBe(true);
    let reads = 0;
    const count = (query: { sql: string }) => {
      if (/from "pack_heads"/.test(query.sql) && /sum/.test(query.sql)) reads++;
    };
    t.db.on('query', count);
    try {
      for (let i = 0; i < 20; i++) expect((await evaluate()).status).toBe(200);
    } finally {
      t.db.removeListener('query', count);
    }
    // one read right after LISTEN took effect (anything committed before it was not notified)
    expect(reads).toBeLessThanOrEqual(1);
  });
});
