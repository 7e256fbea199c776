/**
 * Uploads cannot exhaust the server: hostile spreadsheets and documents are refused while they
 * are streamed, parsing runs in worker threads with a time and heap budget, and heavy requests
 * are capped per user and per server (429 with Retry-After). No timings are asserted here
 * (bench/upload-attack.ts measures them): statuses, codes, that /api/health answers during the
 * attack, and that the server's own heap does not take the upload in.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Document, Packer, Paragraph } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadSettingsFromEnv } from '../../api/config.js';
import { UploadPool } from '../../api/features/uploads/upload-pool.js';
import { docxOfText, rowsWithoutNumbers, xlsxParts, zip, sheetXml } from '../helpers/zip.js';
import { DATABASES, SEED_PACK, bearer, setupTownships, startApp, type TestApp } from './helpers/app.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const TRIAL = `/api/packs/${SEED_PACK}/batch-trial.xlsx?decision=leaveApproval`;
const IMPORT = `/api/packs/${SEED_PACK}/fixtures/import?decision=leaveApproval`;
const EXTRACT = '/api/drafting/extract?township=x-town';

describe.each(DATABASES)('upload limits on %s', (kind) => {
  let t: TestApp;
  let tokens: Awaited<ReturnType<typeof setupTownships>>;
  // the reported attack: 5,000,000 rows without `r` attributes, ~320 KB
  let hostile: Buffer;
  // the same rows, the zip headers claiming 1,000 bytes: only counting while inflating finds them
  let lying: Buffer;

  beforeAll(async () => {
    // workers give their memory back soon after a parse (checked below)
    t = await startApp(kind, { bodyLimit: '2mb', uploads: { ...uploadSettingsFromEnv({}), idleMs: 300 } });
    tokens = await setupTownships(t);
    [hostile, lying] = await Promise.all([rowsWithoutNumbers(5_000_000), rowsWithoutNumbers(5_000_000, 1000)]);
  }, 120_000);
  afterAll(async () => {
    await t?.app.services.uploads.close();
    await t?.close();
  });

  const post = (path: string, token: string, body: Buffer, type = XLSX) =>
    t.http.post(path).set(bearer(token)).set('Content-Type', type).send(body);

  it("a viewer's hostile batch trials (5,000,000 rows without numbers) are refused while /api/health answers", async () => {
    const heapBefore = process.memoryUsage().heapUsed;
    const [first, second, health] = await Promise.all([
      post(TRIAL, tokens.viewerA, hostile),
      post(TRIAL, tokens.viewerA, lying),
      t.http.get('/api/health'),
    ]);
    expect(health.status).toBe(200);
    for (const res of [first, second]) {
      expect(res.status, JSON.stringify(res.body)).toBe(413);
      expect(res.body).toMatchObject({
        code: 'SHEET_TOO_LARGE',
        problems: [{ sheet: '上传文件', row: 0, column: '' }],
      });
      expect(res.body.messageZh).toContain('上限');
    }
    // the header that admits 130 MB is stopped by the size; the lying one by counting its rows
    expect(first.body.limit).toEqual({ name: 'unzippedBytes', value: 100 * 1024 * 1024 });
    expect(second.body.limit).toEqual({ name: 'rows', value: 50_000 });
    // the old server loaded every row into its own heap (~2 GB); the worker's heap is not ours
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(200 * 2 ** 20);
  }, 120_000);

  it('the same sheet as a fixture import and as an async batch trial is refused too; nothing is saved', async () => {
    const before = (await t.http.get(`/api/packs/${SEED_PACK}`).set(bearer(t.adminToken))).body.revision;
    const imported = await post(IMPORT, tokens.testerA, lying);
    expect(imported.status).toBe(413);
    expect(imported.body.code).toBe('SHEET_TOO_LARGE');
    expect((await t.http.get(`/api/packs/${SEED_PACK}`).set(bearer(t.adminToken))).body.revision).toBe(before);

    const started = await post(`${TRIAL}&async=1`, tokens.viewerA, lying);
    expect(started.status).toBe(202);
    let job = started.body;
    while (job.state === 'queued' || job.state === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 50));
      job = (await t.http.get(`/api/sheet-jobs/${started.body.job}`).set(bearer(tokens.viewerA))).body;
    }
    expect(job).toMatchObject({ state: 'failed', error: { status: 413, code: 'SHEET_TOO_LARGE' } });
  }, 120_000);

  it('rows over the limit in an honest sheet: 413 naming the limit', async () => {
    const res = await post(
      TRIAL,
      tokens.viewerA,
      await zip(xlsxParts(sheetXml('<row><c t="inlineStr"><is><t>x</t></is></c></row>', 50_003))),
    );
    expect(res.status).toBe(413);
    expect(res.body.limit).toEqual({ name: 'rows', value: 50_000 });
    expect(res.body.messageZh).toContain('50000');
  });

  it('a .docx that inflates past the budget is refused before mammoth reads it, also when its headers lie', async () => {
    for (const bomb of [await docxOfText(' ', 100 * 2 ** 20), await docxOfText(' ', 100 * 2 ** 20, 1000)]) {
      const [res, health] = await Promise.all([
        post(`${EXTRACT}&name=bomb.docx`, tokens.directorA, bomb, 'application/octet-stream'),
        t.http.get('/api/health'),
      ]);
      expect(health.status).toBe(200);
      expect(res.status, JSON.stringify(res.body)).toBe(413);
      expect(res.body).toMatchObject({
        code: 'DOCUMENT_TOO_LARGE',
        fileName: 'bomb.docx',
        limit: { name: 'unzippedBytes', value: 64 * 2 ** 20 },
      });
      expect(res.body.messageZh).toContain('解压后超过 64 MB');
    }
  }, 60_000);

  it('1 MiB of Chinese text in a small .docx is refused by its length before drafting', async () => {
    const docx = await docxOfText('中', 2 ** 20);
    expect(docx.length).toBeLessThan(10_000);
    const res = await post(`${EXTRACT}&name=long.docx`, tokens.directorA, docx, 'application/octet-stream');
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: 'DOCUMENT_TOO_LARGE', limit: { name: 'characters', value: 200_000 } });
    // pasted text has the same limit
    const pasted = await t.http
      .post(EXTRACT)
      .set(bearer(tokens.directorA))
      .send({ text: '第一条 '.padEnd(200_001, '中') });
    expect(pasted.status).toBe(413);
    expect(pasted.body.code).toBe('DOCUMENT_TOO_LARGE');
  }, 60_000);

  it('a file name that does not decode is a 400; one with a % in it is read as it is', async () => {
    const body = Buffer.from('第一条 请假1天以上由镇长审批。');
    const header = await t.http
      .post(EXTRACT)
      .set(bearer(tokens.directorA))
      .set('Content-Type', 'text/plain')
      .set('X-File-Name', '%E0%A4%A')
      .send(body);
    expect(header.status).toBe(400);
    expect(header.body).toMatchObject({ code: 'BAD_REQUEST', field: 'X-File-Name' });
    expect(header.body.messageZh).toContain('文件名');
    const query = await t.http
      .post(`${EXTRACT}&name=%E0%A4%A`)
      .set(bearer(tokens.directorA))
      .set('Content-Type', 'text/plain')
      .send(body);
    expect(query.status).toBe(400);
    expect(query.body).toMatchObject({ code: 'BAD_REQUEST', field: 'name' });
    // the query is decoded once, by the query parser: 「100%.txt」 is a name, not an escape
    const percent = await t.http
      .post(`${EXTRACT}&name=${encodeURIComponent('规定100%.txt')}`)
      .set(bearer(tokens.directorA))
      .set('Content-Type', 'text/plain')
      .send(body);
    expect(percent.status, JSON.stringify(percent.body)).toBe(200);
    expect(percent.body.document.title).toBe('规定100%');
    const encoded = await t.http
      .post(EXTRACT)
      .set(bearer(tokens.directorA))
      .set('Content-Type', 'text/plain')
      .set('X-File-Name', encodeURIComponent('考勤.txt'))
      .send(body);
    expect(encoded.body.document.title).toBe('考勤');
  }, 60_000);

  it('a legitimate .docx still drafts (through the worker)', async () => {
    const docx = await Packer.toBuffer(
      new Document({
        sections: [{ children: [new Paragraph('第一条 干部请假1天的，由分管领导审批；2天以上的，由镇长审批。')] }],
      }),
    );
    const res = await post(`${EXTRACT}&name=rules.docx`, tokens.directorA, docx, 'application/octet-stream');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.quantities.map((q: { text: string }) => q.text)).toEqual(['1天', '2天以上']);
  }, 60_000);

  it('idle workers exit, so the memory a parse used goes back with its thread', async () => {
    const pool = t.app.services.uploads.pool;
    // a parse has run above; with a 300 ms idle timeout the threads leave
    for (let i = 0; i < 200 && pool.threads > 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pool.threads).toBe(0);
  }, 30_000);
});

describe('the cap on concurrent uploads', () => {
  let t: TestApp;
  let tokens: Awaited<ReturnType<typeof setupTownships>>;
  let server: http.Server;
  let port: number;

  beforeAll(async () => {
    t = await startApp('sqlite', { uploads: { ...uploadSettingsFromEnv({}), perUser: 1, perServer: 2 } });
    tokens = await setupTownships(t);
    server = t.app.listen(0);
    await new Promise((resolve) => server.once('listening', resolve));
    port = (server.address() as AddressInfo).port;
  }, 120_000);
  afterAll(async () => {
    server?.close();
    await t?.app.services.uploads.close();
    await t?.close();
  });

  /** An upload whose body is still arriving: it holds its slot until `finish`. */
  function slowUpload(token: string) {
    const req = http.request({
      port,
      method: 'POST',
      path: TRIAL,
      headers: { ...bearer(token), 'Content-Type': XLSX, 'Content-Length': '1000' },
    });
    const reply = new Promise<number>((resolve) => {
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', () => resolve(0));
    });
    req.write(Buffer.alloc(10, 0x50));
    return { reply, finish: () => req.end(Buffer.alloc(990, 0x50)) };
  }

  const waitFor = async (condition: () => boolean) => {
    for (let i = 0; i < 400 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(condition()).toBe(true);
  };

  it('a second upload by the same user while one is in progress: 429 with Retry-After; a slot frees when the first ends', async () => {
    const gate = t.app.services.uploads.gate;
    const first = slowUpload(tokens.viewerA);
    await waitFor(() => gate.inProgress === 1);

    const refused = await t.http
      .post(TRIAL)
      .set(bearer(tokens.viewerA))
      .set('Content-Type', XLSX)
      .send(Buffer.from('x'));
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('5');
    expect(refused.body).toMatchObject({ code: 'TOO_MANY_UPLOADS', retryAfter: 5 });
    expect(refused.body.messageZh).toContain('正在处理');
    const drafting = await t.http
      .post(EXTRACT)
      .set(bearer(tokens.viewerA))
      .send({ text: '第一条 请假1天以上由镇长审批。' });
    expect(drafting.status).toBe(429);
    expect(drafting.headers['retry-after']).toBe('5');

    // another user still gets in (the server cap is 2) — and then the server is full
    const second = slowUpload(tokens.testerA);
    await waitFor(() => gate.inProgress === 2);
    const full = await t.http
      .post(IMPORT)
      .set(bearer(tokens.directorA))
      .set('Content-Type', XLSX)
      .send(Buffer.from('x'));
    expect(full.status).toBe(429);
    expect(full.headers['retry-after']).toBe('5');

    first.finish();
    second.finish();
    expect(await first.reply).toBe(422); // not a workbook: the slot was held, then the answer came
    expect(await second.reply).toBe(422);
    await waitFor(() => gate.inProgress === 0);
    const again = await t.http.post(TRIAL).set(bearer(tokens.viewerA)).set('Content-Type', XLSX).send(Buffer.from('x'));
    expect(again.status).toBe(422);
  }, 60_000);

  it('a client that goes away mid-upload gives its slot back', async () => {
    const gate = t.app.services.uploads.gate;
    const req = http.request({
      port,
      method: 'POST',
      path: TRIAL,
      headers: { ...bearer(tokens.viewerA), 'Content-Type': XLSX, 'Content-Length': '1000' },
    });
    req.on('error', () => {});
    req.write(Buffer.alloc(10, 0x50));
    await waitFor(() => gate.inProgress === 1);
    req.destroy();
    await waitFor(() => gate.inProgress === 0);
  });
});

describe('the worker budgets', () => {
  it('a parse over its time budget is stopped: 422 UPLOAD_TIMEOUT', async () => {
    const pool = new UploadPool({ ...uploadSettingsFromEnv({}), timeoutMs: 1 });
    try {
      const error = await pool
        .run('readTrial', { decision: 'leaveApproval', bytes: await rowsWithoutNumbers(1000) })
        .catch((e) => e);
      expect(error).toMatchObject({ status: 422, code: 'UPLOAD_TIMEOUT' });
      expect(error.messageZh).toContain('已中止');
    } finally {
      await pool.close();
    }
  });

  it('a parse over its heap budget stops its worker, not the server: 413 UPLOAD_TOO_LARGE', async () => {
    const pool = new UploadPool({ ...uploadSettingsFromEnv({}), workerMemoryMb: 48 });
    try {
      // 40 MB of shared string: within the decompressed-size limit, beyond a 48 MB heap once exceljs holds it
      const strings = {
        name: 'xl/sharedStrings.xml',
        chunks: [
          Buffer.from('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>'),
          ...Array.from({ length: 40 }, () => Buffer.alloc(2 ** 20, 0x61)),
          Buffer.from('</t></si></sst>'),
        ],
      };
      const bytes = await zip(xlsxParts(sheetXml('<row><c t="s"><v>0</v></c></row>', 10), [strings]));
      const error = await pool.run('readTrial', { decision: 'leaveApproval', bytes }).catch((e) => e);
      expect(error).toMatchObject({ status: 413, code: 'UPLOAD_TOO_LARGE' });
      // the pool still works after losing a worker
      const next = await pool
        .run('readTrial', { decision: 'leaveApproval', bytes: Buffer.from('not a sheet') })
        .catch((e) => e);
      expect(next).toMatchObject({ status: 422, code: 'SHEET_INVALID' });
    } finally {
      await pool.close();
    }
  }, 60_000);
});
