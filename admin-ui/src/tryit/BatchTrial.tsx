/**
 * 批量试算: upload an .xlsx whose header row names the decision's facts; the API evaluates every
 * row as a job (?async=1), this polls its progress and downloads the result sheet (试算结果, 说明,
 * 命中规则, 错误 columns) when it is done. A trial decides nothing: nothing goes to the decision log.
 */
import { useEffect, useRef, useState } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  LinearProgress,
  MenuItem,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import UploadIcon from '@mui/icons-material/Upload';
import DownloadIcon from '@mui/icons-material/Download';
import { decisionList, decisionTitle } from '../common/schemaCatalog';
import { UploadFailureView } from '../common/SheetProblems';
import { downloadFile, getJson, uploadFailure, uploadFile, type UploadFailure } from '../common/sheetFiles';

export interface SheetJobView {
  job: string;
  state: 'queued' | 'running' | 'done' | 'failed';
  done: number;
  total: number;
  evaluated?: number;
  failed?: number;
  error?: { status: number; code: string; message: string; messageZh: string; [key: string]: unknown };
  resultUrl?: string;
}

/** Percent done of a job (0 while the sheet is still being read). */
export function jobPercent(job: Pick<SheetJobView, 'state' | 'done' | 'total'> | null): number {
  if (!job) return 0;
  if (job.state === 'done') return 100;
  return job.total > 0 ? Math.min(100, Math.round((job.done / job.total) * 100)) : 0;
}

const POLL_MS = 400;

export const BatchTrial = ({
  packId,
  canTestDraft,
  versions,
}: {
  packId: string;
  canTestDraft: boolean;
  versions: { id: string; version: number }[];
}) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const [decision, setDecision] = useState('leaveApproval');
  const [target, setTarget] = useState<string>('inForce');
  const [asOf, setAsOf] = useState('');
  const [job, setJob] = useState<SheetJobView | null>(null);
  const [busy, setBusy] = useState(false);
  const [fileName, setFileName] = useState<string | null>(null);
  const [failure, setFailure] = useState<UploadFailure | null>(null);
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);
  // whoever may test the draft starts on it; the target resets when that permission arrives or goes
  const [targetFor, setTargetFor] = useState<boolean | null>(null);
  if (targetFor !== canTestDraft) {
    setTargetFor(canTestDraft);
    setTarget(canTestDraft ? 'draft' : 'inForce');
  }

  const download = async (id: string) => {
    const { fileName: name } = await downloadFile(
      `/sheet-jobs/${encodeURIComponent(id)}/result`,
      `${packId}-${decision}-试算结果.xlsx`,
    );
    setFileName(name);
  };

  const run = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setFailure(null);
    setFileName(null);
    setJob(null);
    try {
      const params = new URLSearchParams({ decision, async: '1' });
      if (target !== 'inForce') params.set('version', target);
      else if (asOf) params.set('asOf', asOf);
      let current = (
        await uploadFile<SheetJobView>(`/packs/${encodeURIComponent(packId)}/batch-trial.xlsx?${params}`, file)
      ).json;
      setJob(current);
      while (alive.current && (current.state === 'queued' || current.state === 'running')) {
        await new Promise((r) => setTimeout(r, POLL_MS));
        current = await getJson<SheetJobView>(`/sheet-jobs/${encodeURIComponent(current.job)}`);
        if (alive.current) setJob(current);
      }
      if (!alive.current) return;
      if (current.state === 'failed') {
        const error = current.error;
        const message = error
          ? locale === 'en'
            ? error.message
            : (error.messageZh ?? error.message)
          : translate('sheets.jobFailed');
        setFailure(
          uploadFailure({ status: error?.status ?? 500, body: error, message }, locale === 'en' ? 'en' : 'zh'),
        );
        return;
      }
      await download(current.job);
    } catch (e) {
      if (alive.current) setFailure(uploadFailure(e, locale === 'en' ? 'en' : 'zh'));
    } finally {
      if (alive.current) setBusy(false);
    }
  };

  const running = job && (job.state === 'queued' || job.state === 'running');
  return (
    <Card sx={{ mt: 2 }} data-testid="batch-trial">
      <CardContent>
        <Typography variant="h6">{translate('sheets.batchTitle')}</Typography>
        <Typography variant="body2" color="text.secondary">
          {translate('sheets.batchHint')}
        </Typography>
        <Stack direction="row" spacing={2} sx={{ mt: 1.5, alignItems: 'center', flexWrap: 'wrap', gap: 1 }}>
          <TextField
            select
            size="small"
            label={translate('app.decision')}
            value={decision}
            sx={{ width: 220 }}
            data-testid="batch-decision"
            onChange={(e) => setDecision(e.target.value)}
            disabled={busy}
          >
            {decisionList.map((d) => (
              <MenuItem key={d.id} value={d.id}>
                {decisionTitle(d.id, locale)}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            select
            size="small"
            label={translate('tryit.version')}
            value={target}
            sx={{ width: 220 }}
            data-testid="batch-version"
            onChange={(e) => {
              setTarget(e.target.value);
              if (e.target.value !== 'inForce') setAsOf('');
            }}
            disabled={busy}
          >
            {canTestDraft && <MenuItem value="draft">{translate('tryit.draftVersion')}</MenuItem>}
            <MenuItem value="inForce">{translate('tryit.publishedVersion')}</MenuItem>
            {versions.map((v) => (
              <MenuItem key={v.id} value={String(v.version)}>
                {translate('versions.version')} {v.version}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            type="date"
            size="small"
            label={translate('adoption.tryit.asOf')}
            value={asOf}
            sx={{ width: 200 }}
            disabled={busy}
            onChange={(e) => {
              setAsOf(e.target.value);
              if (e.target.value) setTarget('inForce');
            }}
            title={translate('adoption.tryit.asOfHelp')}
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'batch-as-of' } }}
          />
          <Button component="label" variant="contained" startIcon={<UploadIcon />} disabled={busy}>
            {translate('sheets.batchUpload')}
            <input
              type="file"
              hidden
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              data-testid="batch-file"
              onChange={(e) => {
                void run(e.target.files?.[0]);
                e.target.value = '';
              }}
            />
          </Button>
        </Stack>
        {job && (running || busy) && (
          <Box sx={{ mt: 2 }} data-testid="batch-progress">
            <LinearProgress variant={job.total > 0 ? 'determinate' : 'indeterminate'} value={jobPercent(job)} />
            <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
              {job.state === 'queued'
                ? translate('sheets.queued')
                : translate('sheets.progress', { done: job.done, total: job.total })}
            </Typography>
          </Box>
        )}
        {job?.state === 'done' && fileName && (
          <Alert
            severity={job.failed ? 'warning' : 'success'}
            sx={{ mt: 2 }}
            data-testid="batch-done"
            action={
              <Button
                color="inherit"
                size="small"
                startIcon={<DownloadIcon />}
                onClick={() => download(job.job).catch((e) => setFailure(uploadFailure(e)))}
              >
                {translate('sheets.downloadAgain')}
              </Button>
            }
          >
            {translate('sheets.batchDone', {
              evaluated: job.evaluated ?? job.total,
              failed: job.failed ?? 0,
              file: fileName,
            })}
          </Alert>
        )}
        {failure && <UploadFailureView failure={failure} />}
      </CardContent>
    </Card>
  );
};
