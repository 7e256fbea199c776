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
import DownloadIcon from '@mui/icons-material/Download';
import { DecisionSelect } from '../common/DecisionSelect';
import { jobPercent, pollJob } from '../common/jobs';
import { UploadFailureView } from '../common/SheetProblems';
import { XlsxUploadButton } from '../common/XlsxUploadButton';
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

  const run = async (file: File) => {
    setBusy(true);
    setFailure(null);
    setFileName(null);
    setJob(null);
    try {
      const params = new URLSearchParams({ decision, async: '1' });
      if (target !== 'inForce') params.set('version', target);
      else if (asOf) params.set('asOf', asOf);
      const started = (
        await uploadFile<SheetJobView>(`/packs/${encodeURIComponent(packId)}/batch-trial.xlsx?${params}`, file)
      ).json;
      const current = await pollJob(
        started,
        () => getJson<SheetJobView>(`/sheet-jobs/${encodeURIComponent(started.job)}`),
        { onUpdate: setJob, stopped: () => !alive.current },
      );
      if (!current) return;
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
          <DecisionSelect value={decision} onChange={setDecision} disabled={busy} testId="batch-decision" />
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
          <XlsxUploadButton variant="contained" disabled={busy} testId="batch-file" onFile={(file) => void run(file)}>
            {translate('sheets.batchUpload')}
          </XlsxUploadButton>
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
