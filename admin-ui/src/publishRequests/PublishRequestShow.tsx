/**
 * One publish request: what was frozen when it was made (the diff against the version in force,
 * the check results, lint findings, the what-if summary), the reviews, and 同意 / 驳回 with a
 * comment (驳回 needs one). Nobody approves their own request: the buttons are hidden and the
 * reason is shown whenever the API says the user may not approve.
 */
import { useState, type ReactNode } from 'react';
import { useParams } from 'react-router-dom';
import { Title, useGetOne, useLocaleState, useNotify, usePermissions, useRefresh, useTranslate } from 'react-admin';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  LinearProgress,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import CheckIcon from '@mui/icons-material/Check';
import CloseIcon from '@mui/icons-material/Close';
import { Link } from 'react-router-dom';
import { apiCall, errorMessage, type SessionUser } from '../providers/http';
import { DiffView } from '../common/DiffView';
import { formatEffectiveDate, formatTime } from '../common/shanghaiTime';
import { basisText } from '../versions/timelineModel';
import { StageChip } from './PublishRequestList';
import { checkLabel, lintIssues, whatIfNumbers, whyCannotApprove, type PublishRequest } from './requestModel';
import { usePackName } from '../common/packNames';
import { usePersonName } from '../common/people';

const Row = ({ label, children }: { label: string; children: ReactNode }) => (
  <TableRow>
    <TableCell component="th" sx={{ width: 160, color: 'text.secondary', verticalAlign: 'top' }}>
      {label}
    </TableCell>
    <TableCell>{children}</TableCell>
  </TableRow>
);

const ReviewPanel = ({ request, onDone }: { request: PublishRequest; onDone: (r: PublishRequest) => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const { permissions } = usePermissions<SessionUser>();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [touched, setTouched] = useState(false);
  const why = whyCannotApprove(request, permissions?.username);
  if (why) {
    return (
      <Alert severity={why === 'closed' ? 'info' : 'warning'} data-testid="cannot-approve">
        {translate(`adoption.requests.${why}`)}
      </Alert>
    );
  }
  const decide = async (decision: 'approve' | 'reject') => {
    setError(null);
    if (decision === 'reject' && !comment.trim()) {
      setTouched(true);
      return;
    }
    setBusy(true);
    try {
      const result = await apiCall<PublishRequest>(`/publish-requests/${request.id}/${decision}`, {
        body: comment.trim() ? { comment: comment.trim() } : {},
      });
      notify(decision === 'approve' ? 'adoption.requests.approvedDone' : 'adoption.requests.rejectedDone', {
        type: 'success',
      });
      setComment('');
      onDone(result);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box data-testid="review-panel">
      <TextField
        label={translate('adoption.requests.comment')}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        fullWidth
        multiline
        minRows={2}
        error={touched && !comment.trim()}
        helperText={
          touched && !comment.trim()
            ? translate('adoption.requests.commentRequired')
            : translate('adoption.requests.commentHelp')
        }
        slotProps={{ htmlInput: { 'data-testid': 'review-comment' } }}
      />
      <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
        <Button
          variant="contained"
          color="success"
          startIcon={<CheckIcon />}
          onClick={() => decide('approve')}
          disabled={busy}
          data-testid="approve-button"
        >
          {translate('adoption.requests.approve')}
        </Button>
        <Button
          variant="outlined"
          color="error"
          startIcon={<CloseIcon />}
          onClick={() => decide('reject')}
          disabled={busy}
          data-testid="reject-button"
        >
          {translate('adoption.requests.reject')}
        </Button>
      </Stack>
      {error && (
        <Alert severity="error" sx={{ mt: 1 }} data-testid="review-error">
          {error}
        </Alert>
      )}
    </Box>
  );
};

export const PublishRequestShow = () => {
  const { id = '' } = useParams();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const refresh = useRefresh();
  const packName = usePackName();
  const personName = usePersonName();
  const {
    data: fetched,
    isPending,
    error,
    refetch,
  } = useGetOne<PublishRequest>('publish-requests', { id: Number(id) });
  const [updated, setUpdated] = useState<PublishRequest | null>(null);
  // the reply of 同意/驳回 has the new status and reviews; the frozen material stays from the read
  const request =
    fetched && updated && String(updated.id) === String(fetched.id)
      ? {
          ...fetched,
          ...updated,
          diff: fetched.diff,
          checks: fetched.checks,
          lint: fetched.lint,
          whatIf: fetched.whatIf,
        }
      : fetched;
  if (isPending) return <LinearProgress />;
  if (error || !request) return <Alert severity="error">{errorMessage(error)}</Alert>;
  const whatIf = whatIfNumbers(request.whatIf);
  const issues = lintIssues(request.lint);
  const checks = Array.isArray(request.checks) ? request.checks : [];
  return (
    <Box sx={{ mt: 1 }} data-testid="request-show">
      <Title title={`${translate('adoption.requests.title')}：${packName(request.packId)}`} />
      {/* on a phone the summary and 同意 / 驳回 come first, the frozen change below them */}
      <Stack direction={{ xs: 'column-reverse', lg: 'row' }} sx={{ alignItems: 'flex-start', gap: 2 }}>
        <Box sx={{ flex: 3, width: '100%', minWidth: 0 }}>
          <Typography variant="h6" sx={{ mb: 1 }}>
            {translate('adoption.requests.frozenDiff')}
          </Typography>
          {request.diff ? <DiffView diff={request.diff} /> : <Typography color="text.secondary">—</Typography>}
          <Typography variant="h6" sx={{ mt: 2, mb: 1 }}>
            {translate('adoption.requests.checks')}
          </Typography>
          <Box data-testid="request-checks">
            {checks.map((c) => (
              <Typography key={c.check} variant="body2" color={c.ok ? 'success.main' : 'error'}>
                {c.ok ? '✓' : '✗'} {checkLabel(c.label, locale)}
                {typeof c.passed === 'number'
                  ? `：${translate('fixtures.summary', { passed: c.passed, failed: c.failed ?? 0 })}`
                  : ''}
              </Typography>
            ))}
          </Box>
          <Typography variant="h6" sx={{ mt: 2, mb: 1 }}>
            {translate('adoption.requests.lint')}
          </Typography>
          {issues.length === 0 ? (
            <Typography variant="body2" color="success.main">
              {translate('publish.lintClean')}
            </Typography>
          ) : (
            issues.map((i, n) => (
              <Alert
                key={n}
                severity={i.severity === 'error' ? 'error' : i.severity === 'warning' ? 'warning' : 'info'}
                sx={{ mb: 0.5 }}
              >
                {locale === 'en' ? i.message : i.messageZh || i.message}
              </Alert>
            ))
          )}
          <Typography variant="h6" sx={{ mt: 2, mb: 1 }}>
            {translate('adoption.requests.whatIf')}
          </Typography>
          <Box data-testid="request-whatif">
            {!whatIf || whatIf.total === 0 ? (
              <Typography variant="body2">{translate('adoption.requests.whatIfNone')}</Typography>
            ) : (
              <>
                <Typography variant="subtitle1" color={whatIf.changed ? 'warning.main' : 'success.main'}>
                  {translate('adoption.requests.whatIfSummary', whatIf)}
                </Typography>
                {whatIf.transitions.map((t, i) => (
                  <Typography key={i} variant="body2">
                    {t.from} → {t.to}：{t.count} {locale === 'en' ? '' : '件'}
                  </Typography>
                ))}
              </>
            )}
          </Box>
        </Box>
        <Card sx={{ flex: 2, minWidth: { lg: 360 }, width: '100%', position: { lg: 'sticky' }, top: 80 }}>
          <CardContent>
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
              <Typography variant="h6">{packName(request.packId)}</Typography>
              <StageChip request={request} />
            </Stack>
            <Table size="small">
              <TableBody>
                <Row label={translate('adoption.requests.requestedBy')}>
                  {personName(request.requestedBy)}，{formatTime(request.requestedAt)}
                </Row>
                <Row label={translate('adoption.requests.effectiveFrom')}>
                  <span data-testid="request-effective">
                    {request.effectiveFrom
                      ? formatEffectiveDate(request.effectiveFrom)
                      : translate('adoption.requests.onApproval')}
                  </span>
                </Row>
                <Row label={translate('adoption.requests.basis')}>
                  <span data-testid="request-basis">{basisText(request.basis) || '—'}</span>
                </Row>
                <Row label={translate('adoption.requests.approvals')}>
                  {translate('adoption.requests.progress', {
                    approvals: request.approvals,
                    needed: request.approvalsNeeded,
                  })}
                </Row>
                {request.version ? (
                  <Row label={translate('adoption.requests.version')}>
                    <Link to="/versions" data-testid="request-version">
                      {translate('versions.version')} {request.version}
                    </Link>
                  </Row>
                ) : null}
                {request.decidedAt && (
                  <Row label={translate('adoption.requests.decidedAt')}>{formatTime(request.decidedAt)}</Row>
                )}
                {request.withdrawReason && (
                  <Row label={translate('adoption.requests.withdrawReason')}>{request.withdrawReason}</Row>
                )}
              </TableBody>
            </Table>
            <Typography variant="subtitle2" sx={{ mt: 2 }}>
              {translate('adoption.requests.reviews')}
            </Typography>
            <Box data-testid="request-reviews" sx={{ mb: 2 }}>
              {(request.reviews ?? []).length === 0 ? (
                <Typography variant="body2" color="text.secondary">
                  {translate('adoption.requests.noReviews')}
                </Typography>
              ) : (
                (request.reviews ?? []).map((r, i) => (
                  <Typography key={i} variant="body2">
                    <strong>{personName(r.username)}</strong>{' '}
                    {translate(`adoption.requests.decisionNames.${r.decision}`)}（{formatTime(r.at)}）
                    {r.comment ? `：${r.comment}` : ''}
                  </Typography>
                ))
              )}
            </Box>
            {updated?.version && (
              <Alert severity="success" sx={{ mb: 2 }} data-testid="request-published">
                {translate('adoption.requests.publishedAs', {
                  version: updated.version,
                  when: updated.effectiveFrom
                    ? formatEffectiveDate(updated.effectiveFrom)
                    : translate('adoption.effectiveNow'),
                })}
              </Alert>
            )}
            <ReviewPanel
              request={request}
              onDone={(r) => {
                setUpdated(r);
                void refetch();
                refresh();
              }}
            />
          </CardContent>
        </Card>
      </Stack>
    </Box>
  );
};
