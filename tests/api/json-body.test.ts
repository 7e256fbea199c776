/**
 * The API's body reader (api/http/json-body.ts) answers every request as body-parser's
 * `express.json` followed by the depth bound did: the same status, error code and parsed body,
 * for plain JSON (its short path) and for everything it hands to body-parser (chunked, gzip,
 * other charsets and types). Each request goes to both over a real socket, byte for byte alike.
 */
import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import express, { type NextFunction, type Request, type Response } from 'express';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHandler } from '../../api/errors.js';
import { MAX_BODY_DEPTH, refuseTooDeep } from '../../api/http/body-depth.js';
import { byteLimit, jsonBody } from '../../api/http/json-body.js';

const LIMIT = '2kb';

function appWith(...readers: express.RequestHandler[]) {
  const app = express();
  app.post('/echo', ...readers, (req: Request, res: Response) => {
    res.json({ type: req.body === undefined ? 'none' : Array.isArray(req.body) ? 'array' : typeof req.body, body: req.body ?? null });
  });
  app.use(errorHandler());
  return app;
}

/** What the API did before: body-parser, then the depth bound. */
const reference = appWith(express.json({ limit: LIMIT }), (req: Request, _res: Response, next: NextFunction) => {
  refuseTooDeep(req.body);
  next();
});
const candidate = appWith(jsonBody({ limit: LIMIT }));

interface Sent {
  headers: Record<string, string>;
  /** the body's bytes, in the chunks they are written in */
  chunks: Buffer[];
}

interface Answer {
  status: number;
  body: unknown;
}

const servers: Server[] = [];
let urls: { reference: string; candidate: string };

function listen(app: express.Express): Promise<string> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/echo`));
    servers.push(server);
  });
}

function send(url: string, { headers, chunks }: Sent): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (chunk: Buffer) => parts.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(parts).toString('utf8');
        resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : null });
      });
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

async function both(sent: Sent): Promise<{ reference: Answer; candidate: Answer }> {
  return { reference: await send(urls.reference, sent), candidate: await send(urls.candidate, sent) };
}

const json = (text: string | Buffer, headers: Record<string, string> = {}): Sent => {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8');
  return { headers: { 'content-type': 'application/json', 'content-length': String(bytes.length), ...headers }, chunks: [bytes] };
};

const deep = (levels: number) => '{"a":'.repeat(levels - 1) + '{}' + '}'.repeat(levels - 1);

beforeAll(async () => {
  urls = { reference: await listen(reference), candidate: await listen(candidate) };
});
afterAll(() => Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve)))));

describe('the JSON body reader', () => {
  it('reads the limit as body-parser does', () => {
    expect(byteLimit('1mb')).toBe(1024 * 1024);
    expect(byteLimit('100kb')).toBe(102_400);
    expect(byteLimit('512')).toBe(512);
    expect(byteLimit(' 1.5KB ')).toBe(1536);
  });

  const cases: [string, Sent][] = [
    ['an object', json('{"decision":"leaveApproval","facts":{"days":3,"名字":"张三"}}')],
    ['an array', json(' [1, 2, {"x": null}] ')],
    ['an empty body', json('')],
    ['whitespace only', json(' \n\t ')],
    ['a byte-order mark before the object', json('\ufeff{"a":1}')],
    ['a string at the top', json('"hello"')],
    ['a number at the top', json('  42')],
    ['null at the top', json('null')],
    ['truncated JSON', json('{"decision":')],
    ['a trailing comma', json('{"a":1,}')],
    ['prototype keys', json('{"__proto__":{"polluted":true},"constructor":{"prototype":1}}')],
    ['a charset of utf-8', json('{"a":"é"}', { 'content-type': 'application/json; charset=utf-8' })],
    ['a quoted charset', json('{"a":"é"}', { 'content-type': 'application/json; charset="UTF-8"' })],
    ['latin-1 text', json(Buffer.from('{"a":"é"}', 'latin1'), { 'content-type': 'application/json; charset=iso-8859-1' })],
    ['an unknown charset', json('{"a":1}', { 'content-type': 'application/json; charset=klingon' })],
    ['a type that is not JSON', json('{"a":1}', { 'content-type': 'text/plain' })],
    ['no content type', { headers: { 'content-length': '7' }, chunks: [Buffer.from('{"a":1}')] }],
    ['+json', json('{"a":1}', { 'content-type': 'application/vnd.api+json' })],
    ['a body over the limit', json(JSON.stringify({ pad: 'x'.repeat(3000) }))],
    ['a body of exactly the limit', json(JSON.stringify({ pad: 'x'.repeat(2048 - 10) }))],
    ['gzip', json(gzipSync('{"zipped":true}'), { 'content-encoding': 'gzip' })],
    ['gzip over the limit', json(gzipSync(JSON.stringify({ pad: 'y'.repeat(5000) })), { 'content-encoding': 'gzip' })],
    ['an unknown encoding', json('{"a":1}', { 'content-encoding': 'br2' })],
    ['chunked', { headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, chunks: [Buffer.from('{"a":'), Buffer.from('[1,2]}')] }],
    ['in many chunks', { headers: { 'content-type': 'application/json', 'content-length': '13' }, chunks: [Buffer.from('{"a":'), Buffer.from('"xy'), Buffer.from('z"}  ')] }],
    ['a multi-byte character split between chunks', { headers: { 'content-type': 'application/json', 'content-length': '12' }, chunks: [Buffer.from('{"a":"张').subarray(0, 7), Buffer.from('{"a":"张"} ').subarray(7)] }],
    [`nested ${MAX_BODY_DEPTH} levels`, json(deep(MAX_BODY_DEPTH))],
    [`nested ${MAX_BODY_DEPTH + 1} levels`, json(deep(MAX_BODY_DEPTH + 1))],
    ['nested 5,000 levels, chunked', { headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, chunks: [Buffer.from('['.repeat(5000) + ']'.repeat(5000))] }],
  ];

  it.each(cases)('%s: the same answer as body-parser and the depth bound', async (_name, sent) => {
    const { reference: expected, candidate: actual } = await both(sent);
    expect(actual).toEqual(expected);
  });

  it('a body nested too deep is 422 TOO_DEEP naming the place (the short path)', async () => {
    const { candidate: answer } = await both(json(deep(MAX_BODY_DEPTH + 1)));
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ code: 'TOO_DEEP', errors: [{ path: '/a'.repeat(MAX_BODY_DEPTH) }] });
  });

  it('any JSON value, spaced or split anyhow, reads the same', async () => {
    await fc.assert(fc.asyncProperty(
      fc.jsonValue({ maxDepth: 6 }), fc.constantFrom('', ' ', '\n  ', '\ufeff'), fc.integer({ min: 1, max: 4 }),
      async (value, lead, pieces) => {
        const bytes = Buffer.from(lead + JSON.stringify(value, null, pieces > 2 ? 1 : undefined), 'utf8');
        const size = Math.ceil(bytes.length / pieces);
        const chunks = Array.from({ length: pieces }, (_, i) => bytes.subarray(i * size, (i + 1) * size)).filter((c) => c.length);
        const sent: Sent = { headers: { 'content-type': 'application/json', 'content-length': String(bytes.length) }, chunks };
        const { reference: expected, candidate: actual } = await both(sent);
        expect(actual).toEqual(expected);
      },
    ), { numRuns: 150 });
  });
});
