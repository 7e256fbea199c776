/** The built admin UI over HTTP: compressed, hashed chunks cached for good, index.html revalidated. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './helpers/app.js';

describe('admin UI assets', () => {
  let t: TestApp;
  let dir: string;
  const chunk = `export const words = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `规则${i}`))};\n`.repeat(
    20,
  );
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rules-ui-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(
      join(dir, 'index.html'),
      `<!doctype html><html><head><script type="module" src="/assets/index-Bx7Qm2aZ.js"></script></head><body>${'<div></div>'.repeat(200)}</body></html>`,
    );
    writeFileSync(join(dir, 'assets', 'index-Bx7Qm2aZ.js'), chunk);
    // the build's compressed copies, marked so that a reply shows which bytes were sent
    writeFileSync(join(dir, 'assets', 'shell-Cq81xPzz.js'), chunk);
    writeFileSync(join(dir, 'assets', 'shell-Cq81xPzz.js.br'), brotliCompressSync(`${chunk}// .br`));
    writeFileSync(join(dir, 'assets', 'shell-Cq81xPzz.js.gz'), gzipSync(`${chunk}// .gz`));
    writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    t = await startApp('sqlite', { adminUiDir: dir });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves hashed chunks brotli- or gzip-compressed, cached for a year as immutable', async () => {
    // supertest decodes the body, so what is checked is the header and the decoded content
    const br = await t.http.get('/assets/index-Bx7Qm2aZ.js').set('Accept-Encoding', 'br, gzip');
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers.vary).toMatch(/Accept-Encoding/i);
    expect(br.text).toBe(chunk);

    const gz = await t.http.get('/assets/index-Bx7Qm2aZ.js').set('Accept-Encoding', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.text).toBe(chunk);

    const plain = await t.http.get('/assets/index-Bx7Qm2aZ.js').set('Accept-Encoding', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.text).toBe(chunk);
  });

  it('sends the build’s .br or .gz copy of a chunk as it is, with the chunk’s type and caching', async () => {
    const path = '/assets/shell-Cq81xPzz.js';
    const br = await t.http.get(path).set('Accept-Encoding', 'gzip, deflate, br, zstd');
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/^text\/javascript/);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers.vary).toMatch(/Accept-Encoding/i);
    expect(br.text).toBe(`${chunk}// .br`);

    const gz = await t.http.get(path).set('Accept-Encoding', 'gzip, br;q=0');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['content-type']).toMatch(/^text\/javascript/);
    expect(gz.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(gz.headers.vary).toMatch(/Accept-Encoding/i);
    expect(gz.text).toBe(`${chunk}// .gz`);

    // no compression acceptable, or none asked for: the chunk itself
    for (const accept of ['identity', 'br;q=0, gzip;q=0', undefined]) {
      const request = t.http.get(path);
      const plain = await (accept === undefined
        ? request.unset('Accept-Encoding')
        : request.set('Accept-Encoding', accept));
      expect(plain.headers['content-encoding'], accept).toBeUndefined();
      expect(plain.headers['cache-control'], accept).toBe('public, max-age=31536000, immutable');
      expect(plain.text, accept).toBe(chunk);
    }

    const head = await t.http.head(path).set('Accept-Encoding', 'br');
    expect(head.status).toBe(200);
    expect(head.headers['content-encoding']).toBe('br');
  });

  it('a path out of assets/ is refused, not looked up beside a copy', async () => {
    const outside = await t.http.get('/assets/..%2Findex.html').set('Accept-Encoding', 'br');
    expect(outside.status).not.toBe(200);
  });

  it('index.html and the app routes must be revalidated; unhashed files too', async () => {
    for (const path of ['/', '/index.html', '/some/app/route']) {
      const res = await t.http.get(path).set('Accept-Encoding', 'gzip');
      expect(res.status, path).toBe(200);
      expect(res.headers['cache-control'], path).toBe('no-cache');
      expect(res.headers['content-encoding'], path).toBe('gzip');
      expect(res.text).toContain('/assets/index-Bx7Qm2aZ.js');
    }
    expect((await t.http.get('/favicon.svg')).headers['cache-control']).toBe('no-cache');
  });

  it('a chunk that is not there is a 404, not index.html cached for a year', async () => {
    const res = await t.http.get('/assets/index-Old12345.js');
    expect(res.status).toBe(404);
    expect(res.headers['cache-control'] ?? '').not.toMatch(/immutable/);
  });

  it('API replies are not affected: no-store, uncompressed', async () => {
    const res = await t.http.get('/api/health').set('Accept-Encoding', 'gzip');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-encoding']).toBeUndefined();
  });

  it('a folder given relative to the working directory serves the app routes too', async () => {
    const fromCwd = await startApp('sqlite', { adminUiDir: relative(process.cwd(), dir) });
    try {
      for (const path of ['/some/app/route', '/favicon.svg']) {
        expect((await fromCwd.http.get(path)).status, path).toBe(200);
      }
      expect((await fromCwd.http.get('/some/app/route')).text).toContain('/assets/index-Bx7Qm2aZ.js');
    } finally {
      await fromCwd.close();
    }
  });
});
