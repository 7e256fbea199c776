/**
 * Spreadsheet routes. Mounted before the audit routes (GET /audit-events/export
 * must not be read as the audit event "export").
 *
 *   GET  /packs/:id/fixtures/export.xlsx?decision=&version=draft|N   fixtures grid (.xlsx)
 *   POST /packs/:id/fixtures/import?decision=[&revision=]            raw .xlsx → the draft
 *   POST /packs/:id/batch-trial.xlsx?decision=&version=[&async=1]    raw .xlsx → .xlsx with results
 *   GET  /sheet-jobs/:job, GET /sheet-jobs/:job/result                async batch trials
 *   POST /sheet-jobs/:job/cancel, DELETE /sheet-jobs/:job               cancel one
 *   GET  /audit-events/export?format=xlsx|csv&filter=&sort=           the audit list
 *   GET  /packs/:id/lint/export?format=&version=                      lint findings
 *   GET  /packs/:id/test/export?format=&version=&decision=            test-run report
 */
import { Router } from 'express';
import { SHEET_LIMITS, type CaseResult, type Issue, type TableColumn } from '../../../engine/index.js';
import { BadRequestError, ForbiddenError } from '../../errors.js';
import { parseList } from '../../http/list.js';
import { expectedRevision, filterValues, identityOf, setRevisionTag } from '../../http/request.js';
import type { AuditStore } from '../audit/audit-store.js';
import { authorizePack, readablePacks } from '../auth/access.js';
import { isAdmin } from '../auth/identity.js';
import type { DraftsService } from '../drafts/drafts-service.js';
import { parseTarget, type EvaluationService } from '../evaluation/evaluation-service.js';
import type { FixturesService } from '../fixtures/fixtures-service.js';
import { jobRoutes } from '../jobs/jobs-routes.js';
import type { JobsService } from '../jobs/jobs-service.js';
import type { PackCatalog } from '../packs/pack-catalog.js';
import { retryAfterHeader, uploadSlot } from '../uploads/upload-gate.js';
import type { Uploads } from '../uploads/uploads.js';
import {
  cellText,
  rawSheetBody,
  requiredQuery,
  sendTable,
  sendXlsx,
  stamp,
  tableFormat,
  uploadedBytes,
} from './sheet-http.js';
import { SHEET_TRIAL_JOB, SheetJobs } from './sheet-jobs.js';
import { SheetsService, actualText, decisionTitle, expectedText } from './sheets-service.js';
import { validate } from '../../http/validate.js';

export interface SheetsDeps {
  drafts: DraftsService;
  evaluation: EvaluationService;
  fixtures: FixturesService;
  auditStore: AuditStore;
  catalog: PackCatalog;
  /** the API's body limit (RULES_BODY_LIMIT): uploads above it are 413 */
  bodyLimit: string;
  /** the workers that read and write uploaded sheets, and the cap on concurrent uploads */
  uploads: Uploads;
  /** async batch trials are job rows */
  jobs: JobsService;
}

type AuditRow = ReturnType<AuditStore['get']> extends Promise<infer R> ? NonNullable<R> : never;

const AUDIT_COLUMNS: TableColumn<AuditRow>[] = [
  { key: 'id', header: '编号', value: (r) => r.id, width: 8 },
  { key: 'at', header: '时间', value: (r) => r.at, width: 26 },
  { key: 'actor', header: '操作人', value: (r) => r.actor, width: 14 },
  { key: 'action', header: '操作', value: (r) => r.action, width: 20 },
  { key: 'resource', header: '对象类型', value: (r) => r.resource, width: 14 },
  { key: 'recordId', header: '对象', value: (r) => r.recordId, width: 30 },
  { key: 'packId', header: '规则包', value: (r) => r.packId, width: 24 },
  { key: 'version', header: '版本', value: (r) => r.version, width: 8 },
  { key: 'townshipId', header: '乡镇', value: (r) => r.townshipId, width: 16 },
  { key: 'before', header: '修改前', value: (r) => cellText(r.before), width: 48 },
  { key: 'after', header: '修改后', value: (r) => cellText(r.after), width: 48 },
];

/** audit rows per export (either format); more → 400, narrow the filter (nothing is cut silently) */
export const AUDIT_EXPORT_LIMIT = { rows: SHEET_LIMITS.rows };

const SEVERITY_ZH: Record<string, string> = { error: '错误', warning: '警告' };

const LINT_COLUMNS: TableColumn<Issue>[] = [
  { key: 'severity', header: '级别', value: (i) => SEVERITY_ZH[i.severity] ?? i.severity, width: 8 },
  { key: 'code', header: '代码', value: (i) => i.code, width: 24 },
  { key: 'pack', header: '规则包', value: (i) => i.pack, width: 24 },
  { key: 'file', header: '文件', value: (i) => i.file, width: 28 },
  { key: 'pointer', header: '位置', value: (i) => i.pointer, width: 28 },
  { key: 'ruleIds', header: '相关规则', value: (i) => i.ruleIds?.join(', '), width: 28 },
  { key: 'messageZh', header: '说明', value: (i) => i.messageZh, width: 60 },
  { key: 'message', header: 'Message (English)', value: (i) => i.message, width: 60 },
];

const TEST_COLUMNS: TableColumn<CaseResult>[] = [
  { key: 'id', header: '用例编号', value: (c) => c.id, width: 28 },
  { key: 'name', header: '用例名称', value: (c) => c.name, width: 36 },
  { key: 'decision', header: '事项', value: (c) => decisionTitle(c.decision), width: 14 },
  { key: 'definedIn', header: '所属规则包', value: (c) => c.definedIn, width: 22 },
  { key: 'passed', header: '是否通过', value: (c) => (c.passed ? '通过' : '未通过'), width: 10 },
  { key: 'expected', header: '期望结果', value: (c) => expectedText(c), width: 48 },
  { key: 'actual', header: '实际结果', value: (c) => actualText(c), width: 48 },
  {
    key: 'explanation',
    header: '说明',
    value: (c) => (c.explanation ? [c.explanation.summary, ...c.explanation.lines].join('\n') : null),
    width: 80,
  },
];

const packIdOf = (req: { params: Record<string, unknown> }) => String(req.params.id);
const query = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** ?revision=7 (or If-Match: "7") for the draft revision the client exported. */
function revisionOf(req: Parameters<typeof expectedRevision>[0]): number | undefined {
  const raw = query(req.query.revision);
  return expectedRevision(
    req,
    raw === undefined || raw === '' ? undefined : { revision: /^-?\d+$/.test(raw) ? Number(raw) : raw },
  );
}

export function sheetsRoutes(deps: SheetsDeps): Router & { sheets: SheetsService } {
  const sheets = new SheetsService(deps.drafts, deps.evaluation, deps.fixtures, deps.uploads, deps.jobs);
  const router = Router() as Router & { sheets: SheetsService };
  router.sheets = sheets;
  // a slot first: a client over the cap is refused before its body is read
  const slot = uploadSlot(deps.uploads.gate);
  const raw = rawSheetBody(deps.bodyLimit);

  router.get('/packs/:id/fixtures/export.xlsx', validate('GET /packs/:id/fixtures/export.xlsx'), async (req, res) => {
    const decision = requiredQuery(req, 'decision', '事项');
    const target = parseTarget(query(req.query.version) ?? 'draft', 'version');
    const sheet = await sheets.exportFixtures(identityOf(res), packIdOf(req), decision, target);
    if (sheet.revision !== undefined) setRevisionTag(res, sheet.revision);
    res.set('X-Total-Count', String(sheet.cases));
    sendXlsx(res, sheet.buffer, sheet.fileName, sheet.asciiName);
  });

  router.post(
    '/packs/:id/fixtures/import',
    validate('POST /packs/:id/fixtures/import'),
    slot,
    raw,
    async (req, res) => {
      const decision = requiredQuery(req, 'decision', '事项');
      const expected = revisionOf(req);
      const reply = await sheets.importFixtures(identityOf(res), packIdOf(req), decision, uploadedBytes(req), expected);
      setRevisionTag(res, reply.revision);
      res.json(reply);
    },
  );

  router.post(
    '/packs/:id/batch-trial.xlsx',
    validate('POST /packs/:id/batch-trial.xlsx'),
    slot,
    raw,
    async (req, res) => {
      const identity = identityOf(res);
      const decision = requiredQuery(req, 'decision', '事项');
      // asOf: the day of the event → the version in force that day
      const target = parseTarget(query(req.query.version), 'version', query(req.query.asOf));
      const bytes = uploadedBytes(req);
      if (req.query.async === '1' || req.query.async === 'true') {
        const job = await sheets.startBatchTrial(identity, packIdOf(req), decision, target, bytes);
        res.status(202).set('Location', `/api/sheet-jobs/${job.id}`).json(SheetJobs.view(job));
        return;
      }
      const result = await sheets.batchTrial(identity, packIdOf(req), decision, target, bytes);
      res.set('X-Evaluated', String(result.evaluated)).set('X-Failed', String(result.failed));
      if (result.version !== undefined) res.set('X-Pack-Version', String(result.version));
      sendXlsx(res, result.buffer, result.fileName, result.asciiName);
    },
  );

  router.get('/sheet-jobs/:job/result', validate('GET /sheet-jobs/:job/result'), async (req, res) => {
    const { meta, evaluated, failed, buffer } = await sheets.jobs.result(identityOf(res), req.params.job);
    res.set('X-Evaluated', String(evaluated)).set('X-Failed', String(failed));
    sendXlsx(res, buffer, meta.fileName, meta.asciiName);
  });
  router.use(jobRoutes(deps.jobs, SHEET_TRIAL_JOB, '/sheet-jobs', SheetJobs.view));

  // the same township scoping and filters as GET /audit-events (features/audit/audit-routes.ts)
  router.get('/audit-events/export', validate('GET /audit-events/export'), async (req, res) => {
    const identity = identityOf(res);
    const format = tableFormat(req.query.format);
    const params = parseList(req);
    const snapshot = await deps.catalog.snapshot();
    for (const packId of filterValues(params.filter.packId) ?? [])
      if (snapshot.packs.has(packId)) authorizePack(identity, snapshot, packId, 'read');
    const township = filterValues(params.filter.townshipId);
    if (township && !isAdmin(identity) && township.some((t) => t !== identity.townshipId)) throw new ForbiddenError();
    const readable = readablePacks(identity, snapshot);
    const { rows, total } = await deps.auditStore.list(
      { ...params, range: { start: 0, end: AUDIT_EXPORT_LIMIT.rows - 1 } },
      readable === null ? null : { packs: readable, townshipId: identity.townshipId },
    );
    if (total > rows.length) {
      throw new BadRequestError(
        `an export is limited to ${AUDIT_EXPORT_LIMIT.rows} rows (${total} selected); narrow the filter`,
        `导出最多 ${AUDIT_EXPORT_LIMIT.rows} 条（当前 ${total} 条），请缩小筛选范围`,
        { total, limit: AUDIT_EXPORT_LIMIT.rows },
      );
    }
    await sendTable(
      res,
      format,
      { sheet: '审计日志', file: `审计日志-${stamp()}`, ascii: `audit-events-${stamp()}` },
      AUDIT_COLUMNS,
      rows,
    );
  });

  router.get('/packs/:id/lint/export', validate('GET /packs/:id/lint/export'), async (req, res) => {
    const format = tableFormat(req.query.format);
    const target = parseTarget(query(req.query.version) ?? 'draft', 'version');
    const { version, issues } = await sheets.lintIssues(identityOf(res), packIdOf(req), target);
    const label = String(version ?? 'draft');
    await sendTable(
      res,
      format,
      {
        sheet: '检查结果',
        file: `${packIdOf(req)}-检查结果-${label === 'draft' ? '草稿' : `v${label}`}`,
        ascii: `${packIdOf(req)}-lint-${label === 'draft' ? 'draft' : `v${label}`}`,
      },
      LINT_COLUMNS,
      issues,
    );
  });

  router.get('/packs/:id/test/export', validate('GET /packs/:id/test/export'), async (req, res) => {
    const format = tableFormat(req.query.format);
    const target = parseTarget(query(req.query.version) ?? 'draft', 'version');
    const decision = query(req.query.decision);
    const report = await sheets.testResults(identityOf(res), packIdOf(req), target, decision ? [decision] : undefined);
    const label = String(report.version ?? 'draft');
    res.set('X-Passed', String(report.passed)).set('X-Failed', String(report.failed));
    await sendTable(
      res,
      format,
      {
        sheet: '测试报告',
        file: `${packIdOf(req)}-测试报告-${label === 'draft' ? '草稿' : `v${label}`}`,
        ascii: `${packIdOf(req)}-test-report-${label === 'draft' ? 'draft' : `v${label}`}`,
      },
      TEST_COLUMNS,
      report.results,
    );
  });

  router.use(retryAfterHeader);
  return router;
}
