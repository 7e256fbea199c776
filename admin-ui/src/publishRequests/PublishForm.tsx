/**
 * The publish form of 发布: 生效日期 (立即生效 / 次日生效 / a day), 发布依据 (文号 or 会议纪要 and
 * its date; required when the pack says so), and for admins 不经审批直接发布 with a reason. The API
 * answers 202 when the change needs approval (→ 「已提交发布申请，等待审批」 and a link to the
 * request) or 201 with the version, in force now or scheduled. The pack's open request (one at
 * most) is shown above with its state and 撤回.
 */
import { useEffect, useState, type InputHTMLAttributes, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Confirm, useGetList, useNotify, usePermissions, useTranslate } from 'react-admin';
import {
  Alert,
  Box,
  Button,
  Checkbox,
  FormControlLabel,
  FormLabel,
  Radio,
  RadioGroup,
  TextField,
  Typography,
} from '@mui/material';
import PublishIcon from '@mui/icons-material/Publish';
import UndoIcon from '@mui/icons-material/Undo';
import { DayInput } from '../common/DayInput';
import { apiCall, callError, errorMessage, type ApiErrorBody, type SessionUser } from '../providers/http';
import { addDays, formatEffectiveDate, formatTime, todayShanghai } from '../common/shanghaiTime';
import { basisText } from '../versions/timelineModel';
import {
  publishBody,
  publishFormProblems,
  publishOutcome,
  stageOf,
  type PublishFormValues,
  type PublishOutcome,
  type PublishReply,
  type PublishRequest,
} from './requestModel';

export interface PackSettings {
  approvalRequired?: boolean;
  approvers?: number;
  basisRequired?: boolean;
}

const EMPTY: PublishFormValues = {
  mode: 'now',
  day: '',
  basisText: '',
  basisDate: '',
  bypass: false,
  bypassReason: '',
};

/** The pack's open publish request, with 撤回. */
export const OpenRequest = ({
  packId,
  onChanged,
  onOpen,
}: {
  packId: string;
  onChanged?: () => void;
  onOpen?: (open: boolean) => void;
}) => {
  const translate = useTranslate();
  const notify = useNotify();
  const { data, refetch } = useGetList<PublishRequest>(
    'publish-requests',
    {
      filter: { packId, status: 'requested' },
      pagination: { page: 1, perPage: 5 },
      sort: { field: 'id', order: 'DESC' },
    },
    { enabled: !!packId },
  );
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  const open = data?.find((r) => r.status === 'requested');
  useEffect(() => {
    if (data) onOpen?.(!!open);
  }, [data, open, onOpen]);
  if (!open) return null;
  const withdraw = async () => {
    setBusy(true);
    try {
      await apiCall(`/publish-requests/${open.id}/withdraw`, { body: {} });
      notify('adoption.withdrawn', { type: 'success' });
      await refetch();
      onChanged?.();
    } catch (e) {
      notify(errorMessage(e), { type: 'error' });
    } finally {
      setBusy(false);
      setConfirm(false);
    }
  };
  return (
    <Alert
      severity="info"
      sx={{ mb: 2 }}
      data-testid="open-request"
      action={
        <Button
          color="inherit"
          size="small"
          startIcon={<UndoIcon />}
          onClick={() => setConfirm(true)}
          disabled={busy}
          data-testid="withdraw-request"
        >
          {translate('adoption.withdraw')}
        </Button>
      }
    >
      <strong>{translate('adoption.openRequest')}</strong>
      <div>
        <Link to={`/publish-requests/${open.id}/show`}>
          {translate('adoption.openRequestLine', {
            id: open.id,
            status: translate(`adoption.requests.stageNames.${stageOf(open)}`, { _: open.status }),
            approvals: open.approvals,
            needed: open.approvalsNeeded,
            requestedBy: open.requestedBy,
            at: formatTime(open.requestedAt),
          })}
        </Link>
      </div>
      {open.effectiveFrom && (
        <div>
          {translate('adoption.effectiveFrom')}：{formatEffectiveDate(open.effectiveFrom)}
        </div>
      )}
      {open.basis && (
        <div>
          {translate('adoption.basis')}：{basisText(open.basis)}
        </div>
      )}
      <Confirm
        isOpen={confirm}
        loading={busy}
        title={translate('adoption.withdraw')}
        content={translate('adoption.withdrawConfirm', { id: open.id })}
        onConfirm={withdraw}
        onClose={() => setConfirm(false)}
      />
    </Alert>
  );
};

export interface PublishFailure {
  message: string;
  body?: ApiErrorBody;
}

export const PublishForm = ({
  packId,
  revision,
  settings,
  disabled,
  openRequest,
  warning,
  onPublished,
  onFailed,
}: {
  packId: string;
  /** the pack has an open request: another one cannot be made (an admin's direct publish withdraws it) */
  openRequest?: boolean;
  revision?: number;
  settings?: PackSettings;
  disabled?: boolean;
  warning?: ReactNode;
  onPublished: (outcome: PublishOutcome) => void;
  onFailed: (failure: PublishFailure | null) => void;
}) => {
  const translate = useTranslate();
  const { permissions } = usePermissions<SessionUser>();
  const isAdmin = permissions?.role === 'admin';
  const [values, setValues] = useState<PublishFormValues>(EMPTY);
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<PublishOutcome | null>(null);
  const basisRequired = !!settings?.basisRequired;
  const approvalRequired = settings?.approvalRequired !== false;
  const problems = publishFormProblems(values, basisRequired);
  const set = (patch: Partial<PublishFormValues>) => setValues((v) => ({ ...v, ...patch }));
  const today = todayShanghai();

  const submit = async () => {
    setTouched(true);
    setOutcome(null);
    if (Object.keys(problems).length) return;
    setBusy(true);
    onFailed(null);
    try {
      const reply = await apiCall<PublishReply>(`/packs/${encodeURIComponent(packId)}/publish`, {
        body: publishBody(values, revision),
      });
      const result = publishOutcome(reply);
      setOutcome(result);
      setValues(EMPTY);
      setTouched(false);
      onPublished(result);
    } catch (e) {
      onFailed({ message: errorMessage(e), body: callError(e).body });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box data-testid="publish-form">
      <FormLabel sx={{ fontSize: 14 }}>{translate('adoption.effectiveFrom')}</FormLabel>
      <RadioGroup
        row
        value={values.mode}
        onChange={(e) => set({ mode: e.target.value as PublishFormValues['mode'] })}
        data-testid="effective-mode"
      >
        <FormControlLabel value="now" control={<Radio size="small" />} label={translate('adoption.effectiveNow')} />
        <FormControlLabel
          value="nextDay"
          control={<Radio size="small" />}
          label={`${translate('adoption.effectiveNextDay')}（${addDays(today, 1)}）`}
        />
        <FormControlLabel value="day" control={<Radio size="small" />} label={translate('adoption.effectiveDay')} />
      </RadioGroup>
      {values.mode === 'day' && (
        <DayInput
          label={translate('adoption.effectiveDayLabel')}
          value={values.day}
          sx={{ mt: 1 }}
          testId="effective-day"
          onChange={(day) => set({ day })}
          error={touched && !!problems.day}
          showErrors={touched}
          helperText={translate('adoption.effectiveDayHelp')}
        />
      )}
      <TextField
        label={translate('adoption.basisText')}
        value={values.basisText}
        onChange={(e) => set({ basisText: e.target.value })}
        fullWidth
        multiline
        minRows={2}
        sx={{ mt: 2 }}
        required={basisRequired}
        error={touched && !!problems.basis}
        helperText={
          touched && problems.basis
            ? translate(`adoption.${problems.basis}`)
            : basisRequired
              ? translate('adoption.basisRequired')
              : translate('adoption.basisTextHelp')
        }
        slotProps={{ htmlInput: { 'data-testid': 'basis-text' } }}
      />
      <DayInput
        label={translate('adoption.basisDate')}
        value={values.basisDate}
        onChange={(basisDate) => set({ basisDate })}
        sx={{ mt: 2 }}
        testId="basis-date"
        showErrors={touched}
      />
      {isAdmin && (
        <Box sx={{ mt: 1 }}>
          <FormControlLabel
            control={
              <Checkbox
                checked={values.bypass}
                onChange={(e) => set({ bypass: e.target.checked })}
                slotProps={{ input: { 'data-testid': 'bypass-approval' } as InputHTMLAttributes<HTMLInputElement> }}
              />
            }
            label={translate('adoption.bypass')}
          />
          {values.bypass && (
            <TextField
              label={translate('adoption.bypassReason')}
              value={values.bypassReason}
              onChange={(e) => set({ bypassReason: e.target.value })}
              fullWidth
              required
              error={touched && !!problems.bypassReason}
              helperText={touched && problems.bypassReason ? translate(`adoption.${problems.bypassReason}`) : undefined}
              slotProps={{ htmlInput: { 'data-testid': 'bypass-reason' } }}
            />
          )}
        </Box>
      )}
      <Typography variant="body2" color="text.secondary" sx={{ my: 1.5 }} data-testid="approval-note">
        {approvalRequired
          ? translate('adoption.approvalNeeded', { count: settings?.approvers ?? 1 })
          : translate('adoption.noApproval')}
      </Typography>
      {warning}
      {openRequest && approvalRequired && !values.bypass && outcome?.kind !== 'requested' && (
        <Alert severity="info" sx={{ mb: 1 }} data-testid="request-pending">
          {translate('adoption.oneOpenRequest')}
        </Alert>
      )}
      <Button
        variant="contained"
        size="large"
        fullWidth
        startIcon={<PublishIcon />}
        onClick={submit}
        disabled={busy || disabled || (openRequest && approvalRequired && !values.bypass)}
        data-testid="publish-button"
      >
        {approvalRequired && !values.bypass ? translate('adoption.submitRequest') : translate('publish.submit')}
      </Button>
      {outcome?.kind === 'requested' && (
        <Alert severity="success" sx={{ mt: 2 }} data-testid="publish-requested">
          <strong>{translate('adoption.requested')}</strong>
          <div>
            <Link to={`/publish-requests/${outcome.requestId}/show`} data-testid="request-link">
              {translate('adoption.viewRequest', { id: outcome.requestId })}
            </Link>
          </div>
        </Alert>
      )}
      {outcome?.kind === 'published' && (
        <Alert severity="success" sx={{ mt: 2 }} data-testid="publish-done">
          {outcome.scheduled
            ? translate('adoption.publishedScheduled', { version: outcome.version, date: outcome.date })
            : translate('adoption.publishedNow', { version: outcome.version })}
          <div>
            <Link to="/versions">{translate('adoption.timeline')}</Link>
          </div>
        </Alert>
      )}
    </Box>
  );
};
