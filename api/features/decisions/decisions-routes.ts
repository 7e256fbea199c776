/**
 * The decision log: GET /decisions (ra-data-simple-rest list), GET /decisions/:id,
 * GET /decisions/export?format=csv|json|xlsx, POST /packs/:id/what-if (?async=1) and
 * GET /what-if-jobs/:job (POST …/cancel or DELETE to cancel). HTTP only: the scoping and
 * checks are the decisions service's, the runs the what-if service's.
 */
import { Router, type Response } from 'express';
import { outcomesLabel } from '../../../engine/index.js';
import { tableToCsv, tableToXlsx, type TableColumn } from '../../../engine/sheets/index.js';
import { MethodNotAllowedError } from '../../errors.js';
import { parseList, sendList } from '../../http/list.js';
import { identityOf } from '../../http/request.js';
import { jobRoutes } from '../jobs/jobs-routes.js';
import type { JobsService } from '../jobs/jobs-service.js';
import type { DecisionsService } from './decisions-service.js';
import { validate } from '../../http/validate.js';
import { decisionRecord, type DecisionRecord } from './decisions-store.js';
import { PAGE_SIZE, WHAT_IF_JOB, whatIfJobView, type WhatIfService } from './what-if-service.js';

export { XLSX_MAX_ROWS } from './decisions-service.js';

const EXPORT_COLUMNS: TableColumn<DecisionRecord>[] = [
  { key: 'id', header: '编号', value: (r) => r.id, width: 10 },
  { key: 'at', header: '时间', value: (r) => r.at, width: 26 },
  { key: 'packId', header: '规则包', value: (r) => r.packId, width: 24 },
  { key: 'version', header: '版本', value: (r) => r.version, width: 8 },
  { key: 'decision', header: '事项', value: (r) => r.decision, width: 18 },
  { key: 'summary', header: '结果', value: (r) => outcomesLabel(r.outcomes, 'zh'), width: 36 },
  { key: 'outcomeTypes', header: '结果类型', value: (r) => r.outcomeTypes.join(','), width: 18 },
  { key: 'facts', header: '事实（原样）', value: (r) => JSON.stringify(r.facts), width: 48 },
  { key: 'outcomes', header: '结果明细', value: (r) => JSON.stringify(r.outcomes), width: 48 },
  { key: 'caller', header: '调用者', value: (r) => r.caller, width: 16 },
  { key: 'townshipId', header: '乡镇', value: (r) => r.townshipId, width: 16 },
];

export function decisionsRoutes(decisions: DecisionsService, whatIf: WhatIfService, jobs: JobsService): Router {
  const router = Router();

  router.get('/decisions', validate('GET /decisions'), async (req, res) => {
    const params = parseList(req);
    const { rows, total } = await decisions.list(identityOf(res), params);
    sendList(res, 'decisions', rows, total, params);
  });

  router.get('/decisions/export', validate('GET /decisions/export'), async (req, res) => {
    const { filter } = parseList(req);
    const { format, total, scan } = await decisions.export(
      identityOf(res),
      typeof req.query.format === 'string' ? req.query.format : 'csv',
      filter,
    );
    const stamp = new Date().toISOString().slice(0, 10);
    res.set(
      'Content-Disposition',
      `attachment; filename="decisions-${stamp}.${format}"; filename*=UTF-8''${encodeURIComponent(`决策日志-${stamp}.${format}`)}`,
    );
    res.set('X-Total-Count', String(total));
    if (format === 'xlsx') {
      const rows: DecisionRecord[] = [];
      await scan(PAGE_SIZE, (page) => {
        for (const r of page) rows.push(decisionRecord(r));
      });
      res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      res.send(await tableToXlsx('决策日志', EXPORT_COLUMNS, rows));
      return;
    }
    // csv and json are streamed page by page
    res.type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8');
    let first = true;
    // once the first page is out, an error can only cut the download short (the error handler
    // cannot reply any more): end the connection so the client sees a broken file, not a hang
    try {
      await scan(PAGE_SIZE, async (page) => {
        const records = page.map(decisionRecord);
        let chunk: string;
        if (format === 'csv') {
          const text = tableToCsv(EXPORT_COLUMNS, records);
          // tableToCsv starts every call with the BOM and the header line: keep them once
          chunk = first ? text : text.slice(text.indexOf('\r\n') + 2);
        } else {
          chunk = (first ? '[' : ',') + records.map((r) => JSON.stringify(r)).join(',');
        }
        first = false;
        await write(res, chunk);
      });
    } catch (error) {
      if (!res.headersSent) throw error;
      res.destroy(error as Error);
      return;
    }
    if (format === 'csv' && first) res.write(tableToCsv(EXPORT_COLUMNS, []));
    if (format === 'json') res.write(first ? '[]' : ']');
    res.end();
  });

  router.get('/decisions/:id', validate('GET /decisions/:id'), async (req, res) => {
    res.json(await decisions.get(identityOf(res), req.params.id));
  });

  const readOnly = () => {
    throw new MethodNotAllowedError('decisions');
  };
  router.post('/decisions', validate('POST /decisions'), readOnly);
  router.put('/decisions/:id', validate('PUT /decisions/:id'), readOnly);
  router.delete('/decisions/:id', validate('DELETE /decisions/:id'), readOnly);

  router.post('/packs/:id/what-if', validate('POST /packs/:id/what-if'), async (req, res) => {
    const identity = identityOf(res);
    if (req.query.async === '1' || req.query.async === 'true') {
      const job = await whatIf.start(identity, req.params.id, req.body);
      res.status(202).set('Location', `/api/what-if-jobs/${job.id}`).json(whatIfJobView(job));
      return;
    }
    res.json(await whatIf.whatIf(identity, req.params.id, req.body));
  });

  router.use(jobRoutes(jobs, WHAT_IF_JOB, '/what-if-jobs', whatIfJobView));

  return router;
}

function write(res: Response, chunk: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (res.write(chunk)) return resolve();
    res.once('drain', resolve);
    res.once('error', reject);
  });
}
