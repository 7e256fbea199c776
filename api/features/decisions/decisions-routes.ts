/**
 * The decision log: GET /decisions (ra-data-simple-rest list), GET /decisions/:id,
 * GET /decisions/export?format=csv|json|xlsx, POST /packs/:id/what-if (?async=1) and
 * GET /what-if-jobs/:job. Township scoping: a user sees only decisions logged for their
 * township (list filters included; another township's pack in a filter is 403), admins see all.
 */
import { Router, type Response } from 'express';
import { outcomesLabel } from '../../../engine/index.js';
import { tableToCsv, tableToXlsx, type TableColumn } from '../../../engine/sheets/index.js';
import { BadRequestError, ForbiddenError, MethodNotAllowedError, NotFoundError } from '../../errors.js';
import { parseList, sendList } from '../../http/list.js';
import { filterValues, identityOf } from '../../http/request.js';
import { authorizePack } from '../auth/access.js';
import { isAdmin, type Identity } from '../auth/identity.js';
import type { PackCatalog } from '../packs/pack-catalog.js';
import type { DecisionLog } from './decision-log.js';
import { decisionRecord, type DecisionRecord, type DecisionsStore } from './decisions-store.js';
import { PAGE_SIZE, type WhatIfService } from './what-if-service.js';
import { validate } from '../../http/validate.js';

/** xlsx is built in memory: larger exports must use csv or json. */
export const XLSX_MAX_ROWS = 100_000;

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

export function decisionsRoutes(store: DecisionsStore, log: DecisionLog, catalog: PackCatalog, whatIf: WhatIfService): Router {
  const router = Router();

  /** The township whose rows this identity may see (null: all), after checking pack and township filters. */
  const scope = async (identity: Identity, filter: Record<string, unknown>): Promise<string | null> => {
    const snapshot = await catalog.snapshot();
    for (const packId of [...(filterValues(filter.packId) ?? []), ...(filterValues(filter.pack) ?? [])]) {
      if (snapshot.packs.has(packId)) authorizePack(identity, snapshot, packId, 'read');
    }
    if (isAdmin(identity)) return null;
    const township = filterValues(filter.townshipId);
    if (township && township.some((t) => t !== identity.townshipId)) throw new ForbiddenError();
    // a user without a township has no decisions of their own
    return identity.townshipId ?? '\u0000';
  };

  router.get('/decisions', validate('GET /decisions'), async (req, res) => {
    const identity = identityOf(res);
    const params = parseList(req);
    const township = await scope(identity, params.filter);
    await log.drain();
    const { rows, total } = await store.list(params, township);
    sendList(res, 'decisions', rows, total, params);
  });

  router.get('/decisions/export', validate('GET /decisions/export'), async (req, res) => {
    const identity = identityOf(res);
    const format = typeof req.query.format === 'string' ? req.query.format : 'csv';
    if (!['csv', 'json', 'xlsx'].includes(format)) throw new BadRequestError('format must be csv, json or xlsx', '导出格式应为 csv、json 或 xlsx');
    const { filter } = parseList(req);
    const township = await scope(identity, filter);
    await log.drain();
    const total = await store.count(filter, township);
    if (format === 'xlsx' && total > XLSX_MAX_ROWS) {
      throw new BadRequestError(`xlsx export is limited to ${XLSX_MAX_ROWS} rows (${total} selected); narrow the filter or use csv`,
        `Excel 导出最多 ${XLSX_MAX_ROWS} 条（当前 ${total} 条），请缩小筛选范围或导出 CSV`);
    }
    const stamp = new Date().toISOString().slice(0, 10);
    res.set('Content-Disposition', `attachment; filename="decisions-${stamp}.${format}"; filename*=UTF-8''${encodeURIComponent(`决策日志-${stamp}.${format}`)}`);
    res.set('X-Total-Count', String(total));
    if (format === 'xlsx') {
      const rows: DecisionRecord[] = [];
      await store.scan(filter, township, PAGE_SIZE, (page) => { for (const r of page) rows.push(decisionRecord(r)); });
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
      await store.scan(filter, township, PAGE_SIZE, async (page) => {
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
    const identity = identityOf(res);
    const id = Number(req.params.id);
    await log.drain();
    const record = Number.isSafeInteger(id) ? await store.get(id) : undefined;
    if (!record) throw new NotFoundError('decision', req.params.id, '决策记录');
    if (!isAdmin(identity) && record.townshipId !== identity.townshipId) {
      throw new ForbiddenError('This decision belongs to another township', '该决策记录属于其他乡镇');
    }
    res.json(record);
  });

  const readOnly = () => { throw new MethodNotAllowedError('decisions'); };
  router.post('/decisions', validate('POST /decisions'), readOnly);
  router.put('/decisions/:id', validate('PUT /decisions/:id'), readOnly);
  router.delete('/decisions/:id', validate('DELETE /decisions/:id'), readOnly);

  router.post('/packs/:id/what-if', validate('POST /packs/:id/what-if'), async (req, res) => {
    const identity = identityOf(res);
    if (req.query.async === '1' || req.query.async === 'true') {
      const job = await whatIf.start(identity, req.params.id, req.body);
      res.status(202).set('Location', `/api/what-if-jobs/${job.job}`).json({ job: job.job, state: job.state, done: job.done, total: job.total });
      return;
    }
    res.json(await whatIf.whatIf(identity, req.params.id, req.body));
  });

  router.get('/what-if-jobs/:job', validate('GET /what-if-jobs/:job'), (req, res) => {
    res.json(whatIf.job(identityOf(res), req.params.job));
  });

  return router;
}

function write(res: Response, chunk: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (res.write(chunk)) return resolve();
    res.once('drain', resolve);
    res.once('error', reject);
  });
}
