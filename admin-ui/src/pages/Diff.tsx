/** 版本 差异: compare any two versions (or the draft) of a pack; the history with 回滚 beside. */
import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import { Title, useTranslate, useGetList, useGetOne } from 'react-admin';
import { Alert, Box, LinearProgress, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { apiCall, errorMessage } from '../providers/http';
import { PackSelector, useCurrentPackId, type PackRecord } from '../common/currentPack';
import { DiffView, type PackDiff } from '../common/DiffView';
import { VersionHistory, type VersionRecord } from '../versions/VersionHistory';

export const Diff = () => {
  const { packId = '' } = useParams();
  const translate = useTranslate();
  const [, setCurrent] = useCurrentPackId();
  useEffect(() => {
    if (packId) setCurrent(packId);
  }, [packId, setCurrent]);
  const { data: pack } = useGetOne<PackRecord>('packs', { id: packId });
  const { data: versions } = useGetList<VersionRecord>('versions', {
    filter: { packId },
    pagination: { page: 1, perPage: 200 },
    sort: { field: 'version', order: 'DESC' },
  });
  const [chosenFrom, setFrom] = useState('');
  const [chosenTo, setTo] = useState('');
  // bumped when a rollback or reschedule changes the versions, so the diff is fetched again
  const [tick, setTick] = useState(0);
  // until one is chosen: the two latest versions, or the only version against the draft
  const latest = (versions ?? []).map((v) => String(v.version));
  const from = chosenFrom || (latest.length >= 2 ? latest[1] : (latest[0] ?? ''));
  const to = chosenTo || (latest.length >= 2 ? latest[0] : latest.length === 1 ? 'draft' : '');
  const {
    data: diff,
    error: failure,
    isFetching: loading,
  } = useQuery({
    queryKey: ['pack-diff', packId, from, to, tick],
    enabled: !!from && !!to,
    retry: false,
    queryFn: () =>
      apiCall<PackDiff>(
        `/packs/${encodeURIComponent(packId)}/diff?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
      ),
  });
  const error = failure ? errorMessage(failure) : null;
  const options = [
    { value: 'draft', label: translate('app.draft') },
    ...(versions ?? []).map((v) => ({
      value: String(v.version),
      label: `${translate('versions.version')} ${v.version}${pack?.currentVersion === v.version ? `（${translate('versions.current')}）` : ''}`,
    })),
  ];
  return (
    <Box sx={{ mt: 1 }}>
      <Title title={translate('versions.diff')} />
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 2, flexWrap: 'wrap', gap: 1 }}>
        <PackSelector
          onChange={(id) => {
            window.location.hash = `#/diff/${encodeURIComponent(id)}`;
          }}
        />
        <TextField
          select
          size="small"
          fullWidth={false}
          label={translate('versions.from')}
          value={from}
          onChange={(e) => setFrom(e.target.value)}
          sx={{ minWidth: 180 }}
        >
          {options.map((o) => (
            <MenuItem key={o.value} value={o.value}>
              {o.label}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          size="small"
          fullWidth={false}
          label={translate('versions.to')}
          value={to}
          onChange={(e) => setTo(e.target.value)}
          sx={{ minWidth: 180 }}
        >
          {options.map((o) => (
            <MenuItem key={o.value} value={o.value}>
              {o.label}
            </MenuItem>
          ))}
        </TextField>
      </Stack>
      <Stack direction={{ xs: 'column', xl: 'row' }} spacing={2} sx={{ alignItems: 'flex-start' }}>
        <Box sx={{ flex: 1, width: '100%' }}>
          <Typography variant="h6" sx={{ mb: 1 }}>
            {translate('versions.diff')}
          </Typography>
          {loading && <LinearProgress />}
          {error && <Alert severity="error">{error}</Alert>}
          {diff && <DiffView diff={diff} />}
        </Box>
        <Box sx={{ flex: 1, width: '100%' }}>
          <VersionHistory packId={packId} onChanged={() => setTick((t) => t + 1)} />
        </Box>
      </Stack>
    </Box>
  );
};
