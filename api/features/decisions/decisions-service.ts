/**
 * Reading the decision log: township scoping (a user sees only their township's decisions,
 * filters included; another township's pack in a filter is 403; admins see all), lists, one
 * decision, and the rows of an export. Every read first waits for the log's buffered writes.
 */
import { BadRequestError, ForbiddenError, NotFoundError } from '../../errors.js';
import type { ListParams } from '../../http/list.js';
import { filterValues } from '../../http/request.js';
import { authorizePack } from '../auth/access.js';
import { isAdmin, type Identity } from '../auth/identity.js';
import type { PackCatalog } from '../packs/pack-catalog.js';
import type { DecisionLog } from './decision-log.js';
import type { DecisionRecord, DecisionRow, DecisionsStore } from './decisions-store.js';

/** xlsx is built in memory: larger exports must use csv or json. */
export const XLSX_MAX_ROWS = 100_000;
export const EXPORT_FORMATS = ['csv', 'json', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** An export the caller may run: how many rows, and a scan over them page by page. */
export interface DecisionExport {
  total: number;
  scan(pageSize: number, onPage: (rows: DecisionRow[]) => unknown | Promise<unknown>): Promise<void>;
}

export class DecisionsService {
  constructor(
    private readonly store: DecisionsStore,
    private readonly log: DecisionLog,
    private readonly catalog: PackCatalog,
  ) {}

  /** The township whose rows this identity may see (null: all), after checking pack and township filters. */
  private async scope(identity: Identity, filter: Record<string, unknown>): Promise<string | null> {
    const snapshot = await this.catalog.snapshot();
    for (const packId of [...(filterValues(filter.packId) ?? []), ...(filterValues(filter.pack) ?? [])]) {
      if (snapshot.packs.has(packId)) authorizePack(identity, snapshot, packId, 'read');
    }
    if (isAdmin(identity)) return null;
    const township = filterValues(filter.townshipId);
    if (township && township.some((t) => t !== identity.townshipId)) throw new ForbiddenError();
    // a user without a township has no decisions of their own
    return identity.townshipId ?? '\u0000';
  }

  async list(identity: Identity, params: ListParams): Promise<{ rows: DecisionRecord[]; total: number }> {
    const township = await this.scope(identity, params.filter);
    await this.log.drain();
    return this.store.list(params, township);
  }

  async get(identity: Identity, idText: string): Promise<DecisionRecord> {
    const id = Number(idText);
    await this.log.drain();
    const record = Number.isSafeInteger(id) ? await this.store.get(id) : undefined;
    if (!record) throw new NotFoundError('decision', idText, '决策记录');
    if (!isAdmin(identity) && record.townshipId !== identity.townshipId) {
      throw new ForbiddenError('This decision belongs to another township', '该决策记录属于其他乡镇');
    }
    return record;
  }

  /** GET /decisions/export: the format checked, the rows counted (xlsx at most XLSX_MAX_ROWS). */
  async export(
    identity: Identity,
    format: string,
    filter: Record<string, unknown>,
  ): Promise<DecisionExport & { format: ExportFormat }> {
    if (!(EXPORT_FORMATS as readonly string[]).includes(format))
      throw new BadRequestError('format must be csv, json or xlsx', '导出格式应为 csv、json 或 xlsx');
    const township = await this.scope(identity, filter);
    await this.log.drain();
    const total = await this.store.count(filter, township);
    if (format === 'xlsx' && total > XLSX_MAX_ROWS) {
      throw new BadRequestError(
        `xlsx export is limited to ${XLSX_MAX_ROWS} rows (${total} selected); narrow the filter or use csv`,
        `Excel 导出最多 ${XLSX_MAX_ROWS} 条（当前 ${total} 条），请缩小筛选范围或导出 CSV`,
      );
    }
    return {
      format: format as ExportFormat,
      total,
      scan: (pageSize, onPage) => this.store.scan(filter, township, pageSize, onPage),
    };
  }
}
