/**
 * How an evaluate reply leaves the server as production sends it (without the test-time reply
 * check, which watches replies through res.send): compact JSON in UTF-8 with its type and its
 * length in bytes, written by the route itself, not through express's res.send (which parses
 * and rewrites the Content-Type and consults the ETag settings for every reply).
 */
import express from 'express';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// set before the app is imported: the reply check is decided when its module loads
vi.hoisted(() => {
  process.env.RULES_CHECK_REPLIES = '0';
});

const { DATABASES, LEAVE_FACTS, SEED_PACK, bearer, startApp } = await import('./helpers/app.js');

describe.each(DATABASES)('the evaluate reply on the wire on %s', (kind) => {
  let t: Awaited<ReturnType<typeof startApp>>;
  beforeAll(async () => {
    t = await startApp(kind);
  });
  afterAll(() => t?.close());

  /** The reply of `send()` and how often express's res.send ran while it was answered. */
  async function answered(send: () => PromiseLike<{ status: number; text: string; headers: Record<string, string> }>) {
    const expressSend = vi.spyOn(express.response, 'send');
    try {
      const res = await send();
      return { res, expressSends: expressSend.mock.calls.length };
    } finally {
      expressSend.mockRestore();
    }
  }

  it('one evaluation: compact UTF-8 JSON with its length in bytes, not sent through res.send', async () => {
    const { res, expressSends } = await answered(() =>
      t.http
        .post(`/api/packs/${SEED_PACK}/evaluate`)
        .set(bearer(t.adminToken))
        .send({ decision: 'leaveApproval', facts: LEAVE_FACTS }),
    );
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.text));
    const body = JSON.parse(res.text);
    expect(res.text).toBe(JSON.stringify(body));
    expect(body.explanation.zh.summary).toContain('请假审批');
    expect(expressSends).toBe(0);
  });

  it('a batch the same way', async () => {
    const { res, expressSends } = await answered(() =>
      t.http
        .post(`/api/packs/${SEED_PACK}/evaluate/batch`)
        .set(bearer(t.adminToken))
        .send({ decision: 'leaveApproval', items: [{ facts: LEAVE_FACTS }, { facts: { days: -1 } }] }),
    );
    expect(res.status).toBe(200);
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.text));
    expect(JSON.parse(res.text)).toMatchObject({ count: 2, failed: 1 });
    expect(expressSends).toBe(0);
  });

  it('a refused evaluation is still the usual error reply', async () => {
    const { res } = await answered(() =>
      t.http
        .post(`/api/packs/${SEED_PACK}/evaluate`)
        .set(bearer(t.adminToken))
        .send({ decision: 'leaveApproval', facts: 'not an object' }),
    );
    expect(res.status).toBe(422);
    expect(JSON.parse(res.text)).toMatchObject({ code: 'FACTS_INVALID' });
  });
});
