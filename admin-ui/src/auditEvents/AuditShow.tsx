import { ShowGuard } from '../common/LoadGuard';
import { useLoadErrorOptions } from '../common/loadErrors';
import {
  Show,
  SimpleShowLayout,
  useRecordContext,
  useTranslate,
  Labeled,
  useLocaleState,
  TextField,
} from 'react-admin';
import { Box, Paper, Stack, Typography } from '@mui/material';
import { formatTime } from '../versions/VersionHistory';
import { actionText } from './actions';
import type { AuditRecord } from './AuditList';
import { usePersonName } from '../common/people';

/** A snapshot as label/value lines, so a director reads it without JSON. */
const Snapshot = ({ value, resource }: { value: unknown; resource: string }) => {
  const translate = useTranslate();
  if (value === null || value === undefined) return <Typography color="text.secondary">—</Typography>;
  if (typeof value !== 'object') return <Typography>{String(value)}</Typography>;
  const entries = Object.entries(value as Record<string, unknown>).filter(
    ([k]) => !['revision', 'packId', 'id'].includes(k),
  );
  return (
    <Box
      component="dl"
      sx={{ m: 0, display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 0.5 }}
    >
      {entries.map(([k, v]) => (
        <Box key={k} sx={{ display: 'contents' }}>
          <Typography component="dt" variant="body2" color="text.secondary">
            {translate(`resources.${resource}.fields.${k}`, { _: k })}
          </Typography>
          <Typography component="dd" variant="body2" sx={{ m: 0, wordBreak: 'break-all' }}>
            {typeof v === 'object' ? JSON.stringify(v) : String(v)}
          </Typography>
        </Box>
      ))}
    </Box>
  );
};

const Details = () => {
  const record = useRecordContext<AuditRecord>();
  const translate = useTranslate();
  const personName = usePersonName();
  const [locale] = useLocaleState();
  if (!record) return null;
  return (
    <Box>
      <Stack direction="row" spacing={4} sx={{ mb: 2 }}>
        <Labeled label={translate('audit.at')}>
          <Typography>{formatTime(record.at)}</Typography>
        </Labeled>
        <Labeled label={translate('audit.actor')}>
          <Typography>{personName(record.actor)}</Typography>
        </Labeled>
        <Labeled label={translate('audit.action')}>
          <Typography>{actionText(record.action, locale)}</Typography>
        </Labeled>
        <Labeled label={translate('audit.record')}>
          <TextField source="recordId" />
        </Labeled>
      </Stack>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
        <Paper variant="outlined" sx={{ p: 2, flex: 1 }}>
          <Typography variant="subtitle2">{translate('audit.before')}</Typography>
          <Snapshot value={record.before} resource={record.resource} />
        </Paper>
        <Paper variant="outlined" sx={{ p: 2, flex: 1 }}>
          <Typography variant="subtitle2">{translate('audit.after')}</Typography>
          <Snapshot value={record.after} resource={record.resource} />
        </Paper>
      </Stack>
    </Box>
  );
};

export const AuditShow = () => (
  <Show queryOptions={useLoadErrorOptions('audit-events')}>
    <ShowGuard>
      <SimpleShowLayout>
        <Details />
      </SimpleShowLayout>
    </ShowGuard>
  </Show>
);
