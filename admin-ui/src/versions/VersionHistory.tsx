/**
 * 版本时间线 of a pack: the version in force now, the scheduled ones, the superseded and
 * cancelled ones, each with its period (effectiveFrom → effectiveTo, China time), basis, approvers
 * or the reason it skipped approval; 改期 and 取消排期 for scheduled versions, 恢复到此版本 (rollback,
 * now or on a day, with a basis) for earlier ones, and 打印对照表 (the printable record) for all.
 */
import { useCallback, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useGetOne, useLocaleState, useNotify, useRefresh, useTranslate } from 'react-admin';
import {
  Alert,
  Box,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  FormControlLabel,
  Paper,
  Radio,
  RadioGroup,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import RestoreIcon from '@mui/icons-material/SettingsBackupRestore';
import EventIcon from '@mui/icons-material/Event';
import CancelIcon from '@mui/icons-material/EventBusy';
import PrintIcon from '@mui/icons-material/Print';
import { apiCall, callError, errorMessage } from '../providers/http';
import { useCanEditPack, type PackRecord } from '../common/currentPack';
import { formatEffectiveDate, formatTime, todayShanghai, addDays } from '../common/shanghaiTime';
import {
  approvalsText,
  periodText,
  timelineRows,
  type TimelineRow,
  type VersionRecord,
  type VersionsReply,
  type VersionState,
} from './timelineModel';
import { RecordDialog } from './RecordDialog';
import { DayInput } from '../common/DayInput';
import { dayProblem } from '../common/days';
import { versionLabel } from '../common/packNames';
import { usePersonName } from '../common/people';

export { formatTime } from '../common/shanghaiTime';
export type { VersionRecord } from './timelineModel';

const STATE_COLOR: Record<VersionState, 'success' | 'info' | 'default' | 'warning'> = {
  inForce: 'success',
  scheduled: 'info',
  superseded: 'default',
  cancelled: 'warning',
};

/** The pack's timeline: `GET /packs/:id/versions`, or the plain version list of an older server. */
export function useVersionTimeline(packId: string) {
  const { data, error, refetch } = useQuery({
    queryKey: ['version-timeline', packId],
    retry: false,
    queryFn: () => versionTimeline(packId),
  });
  const reload = useCallback(async () => {
    await refetch();
  }, [refetch]);
  return { reply: data ?? null, error: error ? errorMessage(error) : null, reload };
}

async function versionTimeline(packId: string): Promise<VersionsReply> {
  const id = encodeURIComponent(packId);
  try {
    const r = await apiCall<VersionsReply | VersionRecord[]>(`/packs/${id}/versions`);
    if (Array.isArray(r)) throw Object.assign(new Error('old server'), { status: 404 });
    return r;
  } catch (e) {
    if (callError(e).status !== 404) throw e;
    const list = await apiCall<VersionRecord[]>(
      `/versions?filter=${encodeURIComponent(JSON.stringify({ packId }))}&sort=${encodeURIComponent('["version","DESC"]')}&range=[0,199]`,
    );
    const pack = await apiCall<PackRecord>(`/packs/${id}`);
    return { packId, now: new Date().toISOString(), inForce: pack.currentVersion ?? null, timeline: list };
  }
}

type Dialogs =
  | { kind: 'rollback'; version: number }
  | { kind: 'reschedule'; version: number }
  | { kind: 'cancel'; version: number }
  | { kind: 'record'; version: number }
  | null;

const DayField = ({
  value,
  onChange,
  label,
  testId,
}: {
  value: string;
  onChange: (v: string) => void;
  label: string;
  testId: string;
}) => {
  const translate = useTranslate();
  return (
    <DayInput
      label={label}
      value={value}
      onChange={onChange}
      sx={{ mt: 2 }}
      testId={testId}
      helperText={translate('adoption.effectiveDayHelp')}
    />
  );
};

/** 改期 / 取消排期 / 恢复到此版本: one dialog per action, the API's refusal shown inside. */
const ActionDialog = ({
  packId,
  dialog,
  onClose,
  onDone,
}: {
  packId: string;
  dialog: Exclude<Dialogs, null | { kind: 'record' }>;
  onClose: () => void;
  onDone: (message: string, args: Record<string, unknown>) => void;
}) => {
  const translate = useTranslate();
  const [mode, setMode] = useState<'now' | 'day'>(dialog.kind === 'reschedule' ? 'day' : 'now');
  const [day, setDay] = useState(dialog.kind === 'reschedule' ? addDays(todayShanghai(), 1) : '');
  const [text, setText] = useState('');
  const [basisDate, setBasisDate] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = encodeURIComponent(packId);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      if (dialog.kind === 'reschedule') {
        await apiCall(`/packs/${id}/versions/${dialog.version}/reschedule`, { body: { effectiveFrom: day } });
        onDone('adoption.rescheduled', { version: dialog.version, date: day });
      } else if (dialog.kind === 'cancel') {
        await apiCall(`/packs/${id}/versions/${dialog.version}/cancel`, {
          body: text.trim() ? { reason: text.trim() } : {},
        });
        onDone('adoption.cancelledDone', { version: dialog.version });
      } else {
        const body: Record<string, unknown> = { version: dialog.version };
        if (mode === 'day' && day && day !== todayShanghai()) body.effectiveFrom = day;
        if (text.trim()) body.basis = { text: text.trim(), ...(basisDate ? { date: basisDate } : {}) };
        const result = await apiCall<{ version: number; state?: VersionState; effectiveFrom?: string }>(
          `/packs/${id}/rollback`,
          { body },
        );
        if (result.state === 'scheduled')
          onDone('adoption.rolledBackScheduled', {
            version: result.version,
            date: formatEffectiveDate(result.effectiveFrom),
          });
        else onDone('versions.rolledBack', { version: result.version });
      }
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const title =
    dialog.kind === 'reschedule'
      ? translate('adoption.rescheduleTitle', { version: dialog.version })
      : dialog.kind === 'cancel'
        ? translate('adoption.cancelTitle', { version: dialog.version })
        : translate('adoption.rollbackTitle', { version: dialog.version });
  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth data-testid={`${dialog.kind}-dialog`}>
      <DialogTitle>{title}</DialogTitle>
      <DialogContent>
        {dialog.kind === 'reschedule' && (
          <DayField
            value={day}
            onChange={setDay}
            label={translate('adoption.effectiveDayLabel')}
            testId="reschedule-day"
          />
        )}
        {dialog.kind === 'cancel' && (
          <>
            <DialogContentText>{translate('adoption.cancelHelp')}</DialogContentText>
            <TextField
              label={translate('adoption.cancelReason')}
              value={text}
              onChange={(e) => setText(e.target.value)}
              fullWidth
              sx={{ mt: 2 }}
              slotProps={{ htmlInput: { 'data-testid': 'cancel-reason' } }}
            />
          </>
        )}
        {dialog.kind === 'rollback' && (
          <>
            <DialogContentText>{translate('adoption.rollbackHelp', { version: dialog.version })}</DialogContentText>
            <RadioGroup row value={mode} onChange={(e) => setMode(e.target.value as 'now' | 'day')} sx={{ mt: 1 }}>
              <FormControlLabel
                value="now"
                control={<Radio size="small" />}
                label={translate('adoption.effectiveNow')}
              />
              <FormControlLabel
                value="day"
                control={<Radio size="small" />}
                label={translate('adoption.effectiveDay')}
              />
            </RadioGroup>
            {mode === 'day' && (
              <DayField
                value={day}
                onChange={setDay}
                label={translate('adoption.effectiveDayLabel')}
                testId="rollback-day"
              />
            )}
            <TextField
              label={translate('adoption.basisText')}
              value={text}
              onChange={(e) => setText(e.target.value)}
              fullWidth
              multiline
              sx={{ mt: 2 }}
              slotProps={{ htmlInput: { 'data-testid': 'rollback-basis' } }}
            />
            <DayInput
              label={translate('adoption.basisDate')}
              value={basisDate}
              onChange={setBasisDate}
              sx={{ mt: 2 }}
              testId="rollback-basis-date"
            />
          </>
        )}
        {error && (
          <Alert severity="error" sx={{ mt: 2 }} data-testid="version-action-error">
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
        <Button
          variant="contained"
          onClick={submit}
          disabled={
            busy ||
            ((dialog.kind === 'reschedule' || mode === 'day') &&
              dialog.kind !== 'cancel' &&
              (!day || !!dayProblem(day))) ||
            (dialog.kind === 'rollback' && !!dayProblem(basisDate))
          }
          data-testid="version-action-confirm"
        >
          {translate('ra.action.confirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};

const Details = ({ row }: { row: TimelineRow }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const personName = usePersonName();
  const v = row.record;
  return (
    <Box sx={{ fontSize: 13 }}>
      {row.basis && (
        <div data-testid="version-basis">
          {translate('adoption.basis')}：{row.basis}
        </div>
      )}
      {(v.approvedBy ?? []).length > 0 && (
        <div data-testid="version-approvers">
          {translate('adoption.approvers')}：{approvalsText(v.approvedBy, personName)}
        </div>
      )}
      {v.bypassReason && (
        <div data-testid="version-bypass">{translate('adoption.bypassed', { reason: v.bypassReason })}</div>
      )}
      {row.state === 'cancelled' && v.cancelledBy && (
        <div>
          {translate('adoption.cancelledBy', {
            who: v.cancelledBy,
            at: formatTime(v.cancelledAt),
            reason: v.cancelReason ? `${locale === 'en' ? ': ' : '：'}${v.cancelReason}` : '',
          })}
        </div>
      )}
    </Box>
  );
};

export const VersionHistory = ({ packId, onChanged }: { packId: string; onChanged?: () => void }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const personName = usePersonName();
  const notify = useNotify();
  const refresh = useRefresh();
  const canEdit = useCanEditPack(packId, 'publish');
  const { refetch: refetchPack } = useGetOne<PackRecord>('packs', { id: packId });
  const { reply, error, reload } = useVersionTimeline(packId);
  const [dialog, setDialog] = useState<Dialogs>(null);
  const rows = reply ? timelineRows(reply, canEdit) : [];
  const current = rows.find((r) => r.state === 'inForce');
  const done = async (message: string, args: Record<string, unknown>) => {
    setDialog(null);
    notify(message, { type: 'success', messageArgs: args });
    await Promise.all([reload(), refetchPack()]);
    refresh();
    onChanged?.();
  };
  return (
    <Paper variant="outlined" data-testid="version-history">
      <Stack direction="row" spacing={2} sx={{ p: 1.5, pb: 0, alignItems: 'baseline', flexWrap: 'wrap' }}>
        <Typography variant="subtitle1">{translate('adoption.timeline')}</Typography>
        {current && (
          <Typography variant="body2" color="success.main" data-testid="in-force-now">
            {translate('adoption.nowInForce', {
              version: current.version,
              since: formatEffectiveDate(current.record.effectiveFrom),
            })}
          </Typography>
        )}
      </Stack>
      {error && (
        <Alert severity="error" sx={{ m: 1 }}>
          {error}
        </Alert>
      )}
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>{translate('versions.version')}</TableCell>
            <TableCell>{translate('adoption.period')}</TableCell>
            <TableCell>{translate('versions.publishedAt')}</TableCell>
            <TableCell>{translate('versions.origin')}</TableCell>
            <TableCell>
              {translate('adoption.basis')} / {translate('adoption.approvers')}
            </TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((row) => (
            <TableRow
              key={row.record.id}
              data-testid={`version-row-${row.version}`}
              data-state={row.state}
              sx={{
                opacity: row.state === 'cancelled' ? 0.6 : 1,
                bgcolor: row.state === 'inForce' ? 'success.50' : undefined,
              }}
            >
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                {versionLabel(row.version, locale)}{' '}
                <Chip
                  size="small"
                  variant={row.state === 'superseded' ? 'outlined' : 'filled'}
                  color={STATE_COLOR[row.state]}
                  label={translate(`adoption.state.${row.state}`)}
                  data-testid="version-state"
                />
              </TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }} data-testid="version-period">
                {periodText(row, locale)}
              </TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                {formatTime(row.record.publishedAt)}
                {row.record.publishedBy ? ` ${personName(row.record.publishedBy)}` : ''}
              </TableCell>
              <TableCell>
                {translate(`versions.originNames.${row.record.origin}`, { _: row.record.origin })}
                {row.record.copiedFrom ? ` ← ${versionLabel(row.record.copiedFrom, locale)}` : ''}
              </TableCell>
              <TableCell>
                <Details row={row} />
              </TableCell>
              <TableCell>
                <Stack
                  direction="row"
                  spacing={0.5}
                  sx={{ flexWrap: 'wrap', '& .MuiButton-root': { whiteSpace: 'nowrap' } }}
                >
                  {row.canReschedule && (
                    <Button
                      size="small"
                      startIcon={<EventIcon />}
                      onClick={() => setDialog({ kind: 'reschedule', version: row.version })}
                      data-testid={`reschedule-${row.version}`}
                    >
                      {translate('adoption.reschedule')}
                    </Button>
                  )}
                  {row.canCancel && (
                    <Button
                      size="small"
                      color="warning"
                      startIcon={<CancelIcon />}
                      onClick={() => setDialog({ kind: 'cancel', version: row.version })}
                      data-testid={`cancel-${row.version}`}
                    >
                      {translate('adoption.cancel')}
                    </Button>
                  )}
                  {row.canRollback && (
                    <Button
                      size="small"
                      startIcon={<RestoreIcon />}
                      onClick={() => setDialog({ kind: 'rollback', version: row.version })}
                      data-testid={`rollback-${row.version}`}
                    >
                      {translate('versions.rollback')}
                    </Button>
                  )}
                  <Button
                    size="small"
                    startIcon={<PrintIcon />}
                    onClick={() => setDialog({ kind: 'record', version: row.version })}
                    data-testid={`record-${row.version}`}
                  >
                    {translate('adoption.record')}
                  </Button>
                </Stack>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {dialog?.kind === 'record' && (
        <RecordDialog packId={packId} version={dialog.version} onClose={() => setDialog(null)} />
      )}
      {dialog && dialog.kind !== 'record' && (
        <ActionDialog packId={packId} dialog={dialog} onClose={() => setDialog(null)} onDone={done} />
      )}
    </Paper>
  );
};
