/** One logged decision: who asked what, with the facts as sent and the outcomes in words. */
import { Labeled, Show, SimpleShowLayout, useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import { Box, Paper, Stack, Typography } from '@mui/material';
import { ShowGuard } from '../common/LoadGuard';
import { useLoadErrorOptions } from '../common/loadErrors';
import { decisionTitle } from '../common/schemaCatalog';
import { outcomeText, sortOutcomes } from '../common/outcomeText';
import { formatTime } from '../versions/VersionHistory';
import { factsSummary } from './decisionText';
import type { DecisionRecord } from './DecisionList';
import { usePackName, versionLabel } from '../common/packNames';

const Details = () => {
  const record = useRecordContext<DecisionRecord>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const packName = usePackName();
  if (!record) return null;
  const facts = factsSummary(record.decision, record.facts, locale)
    .split(locale === 'en' ? '; ' : '；')
    .filter(Boolean);
  return (
    <Box data-testid="decision-show">
      <Stack direction="row" spacing={4} sx={{ mb: 2, flexWrap: 'wrap' }}>
        <Labeled label={translate('decisions.at')}>
          <Typography>{formatTime(record.at)}</Typography>
        </Labeled>
        <Labeled label={translate('decisions.pack')}>
          <Typography>{packName(record.packId)}</Typography>
        </Labeled>
        <Labeled label={translate('decisions.version')}>
          <Typography>
            {record.version === 'draft' ? translate('decisions.draft') : versionLabel(record.version)}
          </Typography>
        </Labeled>
        <Labeled label={translate('decisions.decision')}>
          <Typography>{decisionTitle(record.decision, locale)}</Typography>
        </Labeled>
        <Labeled label={translate('decisions.caller')}>
          <Typography>{record.caller}</Typography>
        </Labeled>
      </Stack>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
        <Paper variant="outlined" sx={{ p: 2, flex: 1 }}>
          <Typography variant="subtitle2">{translate('decisions.facts')}</Typography>
          {facts.map((f, i) => (
            <Typography key={i} variant="body2">
              {f}
            </Typography>
          ))}
        </Paper>
        <Paper variant="outlined" sx={{ p: 2, flex: 1 }}>
          <Typography variant="subtitle2">{translate('decisions.outcomes')}</Typography>
          {record.outcomes.length === 0 && (
            <Typography variant="body2">{locale === 'en' ? 'no rule' : '无规则命中'}</Typography>
          )}
          {sortOutcomes(record.outcomes).map((o, i) => (
            <Typography key={i} variant="body2">
              {outcomeText(o, locale)}
            </Typography>
          ))}
        </Paper>
      </Stack>
    </Box>
  );
};

export const DecisionShow = () => (
  <Show queryOptions={useLoadErrorOptions('decisions')}>
    <ShowGuard>
      <SimpleShowLayout>
        <Details />
      </SimpleShowLayout>
    </ShowGuard>
  </Show>
);
