/** 操作日志: who changed what, when, with before/after. */
import { useState } from 'react';
import {
  Button,
  DataTable,
  List,
  TextInput,
  TopToolbar,
  useListContext,
  useLocaleState,
  useNotify,
  useTranslate,
  SelectInput,
} from 'react-admin';
import { Typography } from '@mui/material';
import DownloadIcon from '@mui/icons-material/Download';
import { downloadFile, listExportQuery } from '../common/sheetFiles';
import { decisionTitle } from '../common/schemaCatalog';
import { formatTime } from '../versions/VersionHistory';
import { usePacks } from '../common/currentPack';
import { actionText } from './actions';
import { formatEffectiveDate } from '../common/shanghaiTime';
import { usePackName, versionLabel } from '../common/packNames';
import { usePersonName } from '../common/people';

export interface AuditRecord {
  id: number;
  at: string;
  actor: string | null;
  action: string;
  resource: string;
  recordId: string | null;
  packId: string | null;
  version: number | null;
  before: unknown;
  after: unknown;
}

export function briefChange(r: AuditRecord, packName: (id: string) => string = (id) => id): string {
  const before = r.before as Record<string, unknown> | null;
  const after = r.after as Record<string, unknown> | null;
  if (r.resource === 'parameters' && after && 'value' in after) {
    return `${(after.label ?? before?.label ?? r.recordId) as string}：${before && 'value' in before ? JSON.stringify(before.value) : '—'} → ${JSON.stringify(after.value)}`;
  }
  if (r.resource === 'parameters' && after && after.overridden === false)
    return `${(before?.label ?? r.recordId) as string}：恢复继承值`;
  if (r.action === 'pack.publish' || r.action === 'pack.rollback' || r.action === 'pack.publishWithoutApproval') {
    const a = after as {
      version?: number;
      scheduled?: boolean;
      effectiveFrom?: string;
      basis?: { text?: string } | null;
      bypassApproval?: { reason?: string };
    } | null;
    const when = a?.scheduled && a.effectiveFrom ? `（${formatEffectiveDate(a.effectiveFrom)} 起施行）` : '';
    const basis = a?.basis?.text ? `；依据：${a.basis.text}` : '';
    const bypass = a?.bypassApproval?.reason ? `；未经审批，理由：${a.bypassApproval.reason}` : '';
    return `${versionLabel((before as { version?: number } | null)?.version)} → ${versionLabel(a?.version)}${when}${basis}${bypass}`;
  }
  if (r.action.startsWith('publishRequest.') && after) {
    const comment = (after.comment ?? after.reason) as string | undefined;
    return `第 ${r.recordId} 号发布申请${comment ? `：${comment}` : ''}`;
  }
  if (r.action === 'version.reschedule' && after) {
    return `${versionLabel(r.version)}：${formatEffectiveDate(before?.effectiveFrom as string | undefined)} → ${formatEffectiveDate(after.effectiveFrom as string | undefined)}`;
  }
  if (r.action === 'fixtures.import' && after && Array.isArray(after.added)) {
    const updated = Array.isArray(after.updated) ? after.updated.length : 0;
    return `${decisionTitle(String(after.decision ?? ''))}：新增 ${after.added.length} 个，更新 ${updated} 个`;
  }
  // a user by 姓名 (「新建用户 张三」), not by the row number
  const title = (after?.title ??
    after?.name ??
    before?.title ??
    before?.name ??
    after?.displayName ??
    before?.displayName ??
    after?.username ??
    before?.username) as string | undefined;
  if (title) return title;
  // a pack's own events (初始导入, 导入规则包) name the pack, not its id
  if (r.resource === 'packs' && r.recordId) return packName(r.recordId);
  return r.recordId ?? '';
}

/** 导出 Excel / 导出 CSV: the whole list with the current filter and sort (the API's export, not just this page). */
const AuditActions = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const { filterValues, sort } = useListContext();
  const [busy, setBusy] = useState(false);
  const exportAs = async (format: 'xlsx' | 'csv') => {
    setBusy(true);
    try {
      const { fileName } = await downloadFile(
        `/audit-events/export?${listExportQuery(format, filterValues, sort)}`,
        `audit-events.${format}`,
      );
      notify('sheets.exported', { type: 'success', messageArgs: { file: fileName } });
    } catch (caught) {
      // an HttpError from the data provider, or anything else thrown
      const e = caught as { message?: string; body?: unknown } | undefined;
      notify(e?.message ?? String(e), { type: 'error', multiLine: true });
    } finally {
      setBusy(false);
    }
  };
  return (
    <TopToolbar>
      <Button
        label={translate('sheets.exportXlsx')}
        onClick={() => exportAs('xlsx')}
        disabled={busy}
        data-testid="audit-export-xlsx"
      >
        <DownloadIcon />
      </Button>
      <Button
        label={translate('sheets.exportCsv')}
        onClick={() => exportAs('csv')}
        disabled={busy}
        data-testid="audit-export-csv"
      >
        <DownloadIcon />
      </Button>
    </TopToolbar>
  );
};

export const AuditList = () => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { packs } = usePacks();
  const packName = usePackName();
  const personName = usePersonName();
  return (
    <List
      resource="audit-events"
      sort={{ field: 'id', order: 'DESC' }}
      perPage={50}
      title={translate('audit.title')}
      actions={<AuditActions />}
      filters={[
        <SelectInput
          key="p"
          source="packId"
          label={translate('menu.packs')}
          choices={(packs ?? []).map((p) => ({ id: p.id, name: p.name }))}
          alwaysOn
        />,
        <TextInput key="q" source="q" label={translate('ra.action.search')} alwaysOn />,
      ]}
    >
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col label={translate('audit.at')} render={(r: AuditRecord) => formatTime(r.at)} />
        <DataTable.Col
          label={translate('audit.actor')}
          source="actor"
          render={(r: AuditRecord) => personName(r.actor)}
        />
        <DataTable.Col label={translate('audit.action')} render={(r: AuditRecord) => actionText(r.action, locale)} />
        <DataTable.Col
          label={translate('audit.record')}
          render={(r: AuditRecord) => <Typography variant="body2">{briefChange(r, packName)}</Typography>}
        />
        <DataTable.Col
          label={translate('app.currentPack')}
          source="packId"
          render={(r: AuditRecord) => packName(r.packId)}
        />
      </DataTable>
    </List>
  );
};
