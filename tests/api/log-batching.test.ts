/**
 * The server's log on stdout goes out in batches: a burst of request lines is one write (each
 * write is a hop to libuv's thread pool), and a lone line still goes out within
 * STDOUT_FLUSH_MS. fs.write to stdout is replaced here so nothing reaches the test's output.
 */
import fs from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { STDOUT_FLUSH_MS, createLogger } from '../../api/logging/logger.js';

type WriteCallback = (error: Error | null, written: number) => void;

function captureStdoutWrites() {
  const writes: string[] = [];
  const original = fs.write;
  vi.spyOn(fs, 'write').mockImplementation(((fd: number, data: unknown, ...rest: unknown[]) => {
    if (fd !== 1) return (original as (...args: unknown[]) => void)(fd, data, ...rest);
    const text = String(data);
    writes.push(text);
    const callback = rest[rest.length - 1] as WriteCallback;
    setImmediate(() => callback(null, Buffer.byteLength(text)));
  }) as unknown as typeof fs.write);
  return writes;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const lines = (writes: string[]) => writes.join('').split('\n').filter(Boolean);

describe('stdout log batching', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('a burst of lines goes out in one write, not one per line', async () => {
    const writes = captureStdoutWrites();
    const logger = createLogger({ level: 'info' });
    for (let i = 0; i < 10; i++)
      logger.info({ req: { id: `r${i}`, method: 'POST', url: '/api/packs/p/evaluate' } }, 'line');
    // nothing written yet: the lines wait for more or for the flush timer
    expect(writes.filter((w) => w.length > 0)).toHaveLength(0);
    await sleep(STDOUT_FLUSH_MS * 3);
    const written = writes.filter((w) => w.length > 0);
    expect(written).toHaveLength(1);
    expect(lines(written).map((l) => JSON.parse(l).req.id)).toEqual(Array.from({ length: 10 }, (_, i) => `r${i}`));
  });

  it('a lone line on a quiet server still goes out promptly', async () => {
    const writes = captureStdoutWrites();
    const logger = createLogger({ level: 'info' });
    logger.info('rules API listening');
    await sleep(STDOUT_FLUSH_MS * 3);
    expect(lines(writes).map((l) => JSON.parse(l).msg)).toEqual(['rules API listening']);
  });
});
