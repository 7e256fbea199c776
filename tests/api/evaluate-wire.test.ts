/**
 * How an evaluate reply leaves the server: headers and body in one socket write, with its
 * length and JSON type, as the production server sends it (without the test-time reply
 * check, which watches replies through res.send).
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// production sends replies directly; this file looks at that path (set before the app is imported)
vi.hoisted(() => {
  process.env.RULES_CHECK_REPLIES = '0';
});

const { DATABASES, LEAVE_FACTS, SEED_PACK, bearer, startApp } = await import('./helpers/app.js');

/**
 * What server-side sockets are given to write while `during` runs (a socket the server accepted
 * has `server`); node's empty write that marks a response's end is not counted.
 */
async function serverWrites(during: () => Promise<unknown>): Promise<unknown[]> {
  const writes: unknown[] = [];
  const write = net.Socket.prototype.write;
  const spy = vi.spyOn(net.Socket.prototype, 'write').mockImplementation(function (
    this: net.Socket & { server?: unknown },
    ...args: Parameters<typeof write>
  ) {
    if (this.server && String(args[0]).length) writes.push(args[0]);
    return write.apply(this, args);
  });
  try {
    await during();
  } finally {
    spy.mockRestore();
  }
  return writes;
}

describe.each(DATABASES)('the evaluate reply on the wire on %s', (kind) => {
  let t: Awaited<ReturnType<typeof startApp>>;
  beforeAll(async () => {
    t = await startApp(kind);
  });
  afterAll(() => t?.close());

  it('goes out in one write: headers and the JSON body together, its length in bytes', async () => {
    let res: Awaited<ReturnType<typeof t.http.post>> | undefined;
    const writes = await serverWrites(async () => {
      res = await t.http
        .post(`/api/packs/${SEED_PACK}/evaluate`)
        .set(bearer(t.adminToken))
        .send({ decision: 'leaveApproval', facts: LEAVE_FACTS });
    });
    expect(res!.status).toBe(200);
    expect(res!.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Number(res!.headers['content-length'])).toBe(Buffer.byteLength(res!.text));
    expect(res!.text.length).toBeGreaterThan(1000);
    expect(res!.body.explanation.zh.summary).toContain('请假审批');
    expect(writes).toHaveLength(1);
    expect(String(writes[0])).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*\r\n\r\n\{"pack":/);
  });

  it('a batch too', async () => {
    let res: Awaited<ReturnType<typeof t.http.post>> | undefined;
    const writes = await serverWrites(async () => {
      res = await t.http
        .post(`/api/packs/${SEED_PACK}/evaluate/batch`)
        .set(bearer(t.adminToken))
        .send({ decision: 'leaveApproval', items: [{ facts: LEAVE_FACTS }, { facts: { days: -1 } }] });
    });
    expect(res!.status).toBe(200);
    expect(res!.body).toMatchObject({ count: 2, failed: 1 });
    expect(writes).toHaveLength(1);
  });
});
