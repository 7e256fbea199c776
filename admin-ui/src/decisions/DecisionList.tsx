/** 决策日志: every decision answered through the API, filtered, with CSV/Excel export of the filter. */
import { useState } from 'react';
import {
  DataTable,
  DateInput,
  List,
  SelectArrayInput,
  SelectInput,
  TopToolbar,
  useListContext,
  useLocaleState,
  useNotify,
  useTranslate,
} from 'react-admin';
import { Button, Typography } from '@mui/material';
import DownloadIcon from '@mui/icons-material/Download';
import { API_URL, apiMessage, session } from '../providers/http';
import { usePacks } from '../common/currentPack';
import { usePackName, versionLabel } from '../common/packNames';
import { decisionList, decisionTitle } from '../common/schemaCatalog';
import { formatTime } from '../versions/VersionHistory';
import { exportUrl, factsSummary, outcomesInWords } from './decisionText';

export interface DecisionRecord {
  id: number;
  at: string;
  packId: string;
  version: string;
  decision: string;
  facts: Record<string, unknown>;
  outcomes: { type: string; [k: string]: unknown }[];
  outcomeTypes: string[];
  summary: string;
  caller: string;
  callerKind: string;
  townshipId: string;
}

const OUTCOME_TYPES = [
  'approval',
  'refusal',
  'document',
  'classification',
  'absence',
  'payDeduction',
  'penalty',
  'entitlement',
  'deadline',
  'verdict',
  'requirement',
];

async function download(url: string, fallbackName: string) {
  const response = await fetch(url, { headers: { Authorization: `Bearer ${session.token()}` }, cache: 'no-store' });
  if (!response.ok) throw new Error(apiMessage(await response.json().catch(() => undefined), response.statusText));
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/.exec(disposition);
  const blob = await response.blob();
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = star ? decodeURIComponent(star[1]) : fallbackName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

const ExportButtons = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const { filterValues } = useListContext();
  const [busy, setBusy] = useState(false);
  const run = (format: 'csv' | 'xlsx') => {
    setBusy(true);
    download(exportUrl(API_URL, format, filterValues), `决策日志.${format}`)
      .catch((e) => notify(e.message, { type: 'error' }))
      .finally(() => setBusy(false));
  };
  return (
    <TopToolbar>
      <Button
        size="small"
        startIcon={<DownloadIcon />}
        disabled={busy}
        onClick={() => run('csv')}
        data-testid="decisions-export-csv"
      >
        {translate('decisions.exportCsv')}
      </Button>
      <Button
        size="small"
        startIcon={<DownloadIcon />}
        disabled={busy}
        onClick={() => run('xlsx')}
        data-testid="decisions-export-xlsx"
      >
        {translate('decisions.exportXlsx')}
      </Button>
    </TopToolbar>
  );
};

export const DecisionList = () => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { packs } = usePacks();
  const packName = usePackName();
  const types = OUTCOME_TYPES;
  return (
    <List
      resource="decisions"
      sort={{ field: 'at', order: 'DESC' }}
      perPage={25}
      title={translate('decisions.title')}
      actions={<ExportButtons />}
      filters={[
        <SelectInput
          key="p"
          source="packId"
          label={translate('decisions.pack')}
          choices={(packs ?? []).map((p) => ({ id: p.id, name: p.name }))}
          alwaysOn
        />,
        <SelectInput
          key="d"
          source="decision"
          label={translate('decisions.decision')}
          choices={decisionList.map((d) => ({ id: d.id, name: locale === 'en' ? d.titleEn : d.title }))}
          alwaysOn
        />,
        <SelectArrayInput
          key="o"
          source="outcomeType"
          label={translate('decisions.outcomeType')}
          choices={types.map((t) => ({ id: t, name: translate(`outcome.type.${t}`, { _: t }) }))}
          alwaysOn
          sx={{ minWidth: 180 }}
        />,
        <DateInput key="f" source="from" label={translate('decisions.from')} alwaysOn />,
        <DateInput key="t" source="to" label={translate('decisions.to')} alwaysOn />,
      ]}
    >
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col
          source="at"
          label={translate('decisions.at')}
          render={(r: DecisionRecord) => (
            <Typography variant="body2" noWrap>
              {formatTime(r.at)}
            </Typography>
          )}
        />
        <DataTable.Col
          source="packId"
          label={translate('decisions.pack')}
          render={(r: DecisionRecord) => packName(r.packId)}
        />
        <DataTable.Col
          source="version"
          label={translate('decisions.version')}
          render={(r: DecisionRecord) => (
            <Typography variant="body2" noWrap>
              {r.version === 'draft' ? translate('decisions.draft') : versionLabel(r.version)}
            </Typography>
          )}
        />
        <DataTable.Col
          source="decision"
          label={translate('decisions.decision')}
          render={(r: DecisionRecord) => (
            <Typography variant="body2" noWrap>
              {decisionTitle(r.decision, locale)}
            </Typography>
          )}
        />
        <DataTable.Col
          label={translate('decisions.facts')}
          disableSort
          render={(r: DecisionRecord) => (
            <Typography variant="body2" data-testid="decision-facts">
              {factsSummary(r.decision, r.facts, locale)}
            </Typography>
          )}
        />
        <DataTable.Col
          label={translate('decisions.outcomes')}
          disableSort
          render={(r: DecisionRecord) => (
            <Typography variant="body2" data-testid="decision-outcomes" title={outcomesInWords(r.outcomes, locale)}>
              {locale === 'en' ? outcomesInWords(r.outcomes, 'en') : r.summary}
            </Typography>
          )}
        />
        <DataTable.Col source="caller" label={translate('decisions.caller')} />
      </DataTable>
    </List>
  );
};
