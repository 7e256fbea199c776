/** The server offers drafting from a regulation document behind the login. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, startApp, type TestApp } from './helpers/app.js';

const seed002 = readFileSync(new URL('../../docs/seeds/002_6f04f3293e826726.txt', import.meta.url));

describe.each(DATABASES)('drafting on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp(kind);
  });
  afterAll(async () => {
    await t.close();
  });

  it('an uploaded regulation text comes back as a draft pack that validates against the base', async () => {
    const res = await t.http
      .post('/api/drafting/extract?township=某镇&extends=base&packId=some-town&name=002.txt')
      .set('authorization', `Bearer ${t.adminToken}`)
      .set('content-type', 'text/plain')
      .send(seed002);
    expect(res.status).toBe(200);
    expect(res.body.bundle.pack).toMatchObject({ id: 'some-town', extends: 'base' });
    expect(res.body.bundle.parameters.parameters.length).toBeGreaterThan(10);
    expect(res.body.validation.valid).toBe(true);
    expect(res.body.ladders.flatMap((l: any) => l.findings.map((f: any) => f.messageZh))).toContain(
      '「2天以上5天以内」与「5天以上30天以内」重叠：恰好 5天时两档都适用，须确定归哪一档',
    );
  });

  it('pasted text (JSON {text}, no file name) comes back as a draft whose document has no name', async () => {
    const res = await t.http
      .post('/api/drafting/extract?township=某镇&packId=pasted-town')
      .set('authorization', `Bearer ${t.adminToken}`)
      .send({ text: '某镇机关考勤制度\n第一条 请假1天以上由镇长审批。' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.document).toMatchObject({ format: 'text', title: '某镇机关考勤制度' });
    expect(res.body.document).not.toHaveProperty('name');
  });

  it('a file that cannot be read is refused with 422 and a Chinese reason', async () => {
    const res = await t.http
      .post('/api/drafting/extract?township=某镇&name=x.docx')
      .set('authorization', `Bearer ${t.adminToken}`)
      .set('content-type', 'application/octet-stream')
      .send(Buffer.from('not a docx'));
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('DOCUMENT_UNREADABLE');
    expect(res.body.messageZh).toBeTruthy();
  });

  it('needs a login', async () => {
    expect(
      (await t.http.post('/api/drafting/extract?township=某镇').send({ text: '第一条 请假1天以上由镇长审批。' }))
        .status,
    ).toBe(401);
  });
});
