/**
 * POST /api/drafting/extract, mounted the way api/app.ts mounts feature routers: after
 * express.json() and authentication, before the one error handler.
 */
import { Document, Packer, Paragraph } from 'docx';
import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { errorHandler } from '../../api/errors.js';
import { draftingRoutes } from '../../api/features/drafting/drafting-routes.js';

function app(kind: 'user' | 'api' = 'user') {
  const a = express();
  const api = express.Router();
  api.use(express.json({ limit: '1mb' }));
  api.use((_req, res, next) => {
    res.locals.identity = {
      kind,
      tokenId: 1,
      username: 'director',
      role: kind === 'user' ? 'director' : 'system',
      townshipId: 'county-township',
    };
    next();
  });
  api.use(draftingRoutes());
  api.use(errorHandler());
  a.use('/api', api);
  return a;
}

const TEXT =
  '三、考勤制度\n3.干部请假1天的，由分管领导审批；2天以上5天以内的，分管领导签字后，由党委书记或者镇长审批；5天以上30天以内的，镇党委会议讨论决定。30天以上的，经镇党委会议讨论后报县人社局审批。';

describe('POST /api/drafting/extract', () => {
  it('JSON {text}: the draft bundle, the review list, the ladders and the validation', async () => {
    const res = await request(app())
      .post('/api/drafting/extract')
      .send({ text: TEXT, township: '某县某镇', extends: 'base' });
    expect(res.status).toBe(200);
    expect(res.body.bundle.pack).toMatchObject({ extends: 'base', owner: { name: '某县某镇' } });
    expect(res.body.bundle.parameters.parameters.length).toBe(6);
    expect(res.body.bundle.rules).toEqual({});
    expect(res.body.validation.valid).toBe(true);
    expect(res.body.ladders[0].findings.map((f: { kind: string }) => f.kind)).toEqual([
      'overlap',
      'overlap',
      'below',
      'gap',
    ]);
    expect(res.body.review.proposals.proposals[0].tiers[0].status).toBe('proposed');
    expect(res.body.review.items.some((i: { messageZh: string }) => i.messageZh.includes('1天到2天之间'))).toBe(true);
    const q = res.body.quantities[1];
    const clause = res.body.clauses.find((c: { id: string }) => c.id === q.clauseId);
    expect(clause.original.slice(q.start, q.end)).toBe('2天以上5天以内');
    expect(res.body.bundle.sources.clauses.map((c: { id: string }) => c.id)).toContain(clause.sourceId);
  });

  it('a raw .docx upload', async () => {
    const docx = await Packer.toBuffer(
      new Document({ sections: [{ children: TEXT.split('\n').map((line) => new Paragraph(line)) }] }),
    );
    const res = await request(app())
      .post('/api/drafting/extract?township=%E6%9F%90%E9%95%87&name=rules.docx')
      .set('Content-Type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .send(docx);
    expect(res.status).toBe(200);
    expect(res.body.document).toMatchObject({ format: 'docx', title: 'rules' });
    expect(res.body.quantities.map((q: { text: string }) => q.text)).toEqual([
      '1天',
      '2天以上5天以内',
      '5天以上30天以内',
      '30天以上',
    ]);
  });

  it('a raw .txt upload', async () => {
    const res = await request(app())
      .post('/api/drafting/extract?township=x-town')
      .set('Content-Type', 'text/plain')
      .set('X-File-Name', 'a.txt')
      .send(TEXT);
    expect(res.status).toBe(200);
    expect(res.body.bundle.pack.id).toBe('x-town');
  });

  it('a malformed .docx: 422 DOCUMENT_UNREADABLE with a Chinese message', async () => {
    const res = await request(app())
      .post('/api/drafting/extract?township=x-town&name=bad.docx')
      .set('Content-Type', 'application/octet-stream')
      .send(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]));
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('DOCUMENT_UNREADABLE');
    expect(res.body.messageZh).toContain('无法读取');
  });

  it('takes a pack id, and refuses one that is not an id', async () => {
    const ok = await request(app())
      .post('/api/drafting/extract')
      .send({ text: TEXT, township: '某县某镇', packId: 'county-draft' });
    expect(ok.body.bundle.pack).toMatchObject({ id: 'county-draft', owner: { id: 'county-draft', name: '某县某镇' } });
    const bad = await request(app())
      .post('/api/drafting/extract')
      .send({ text: TEXT, township: '某县某镇', packId: '某镇' });
    expect(bad.status).toBe(400);
  });

  it('refuses a request without township or text, and API tokens', async () => {
    expect((await request(app()).post('/api/drafting/extract').send({ text: TEXT })).status).toBe(400);
    expect((await request(app()).post('/api/drafting/extract').send({ township: 'x-town' })).status).toBe(400);
    expect(
      (await request(app('api')).post('/api/drafting/extract').send({ text: TEXT, township: 'x-town' })).status,
    ).toBe(403);
  });
});
