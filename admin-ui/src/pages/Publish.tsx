/**
 * 发布: what the draft changes against the version in force (parameters, rules, and the test
 * cases whose outcome changes), the rule checks (lint) and the test results; publishing is
 * refused with the reasons when a check blocks it.
 */
import { useCallback, useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { Title, useTranslate, useNotify, useGetOne, useRefresh, useLocaleState, useDataProvider } from 'react-admin';
import { Alert, Box, Button, Card, CardContent, Chip, LinearProgress, Stack, Typography } from '@mui/material';
import { apiCall, errorMessage, type ApiErrorBody } from '../providers/http';
import { PackSelector, useCanEditPack, useCurrentPackId, type PackRecord } from '../common/currentPack';
import { DiffView, type PackDiff } from '../common/DiffView';
import { CaseResultView, type CaseResult } from '../common/CaseResultView';
import { acceptActual, type TestReport } from './TestRunner';
import { WhatIfPanel } from '../decisions/WhatIfPanel';
import { OpenRequest, PublishForm, type PackSettings, type PublishFailure } from '../publishRequests/PublishForm';
import { checkLabel, type PublishOutcome } from '../publishRequests/requestModel';
import { Link } from 'react-router-dom';
import type { ProposalsView } from '../onboarding/proposalModel';
import { MovedCasesPanel, type MovedCases } from '../publish/MovedCases';
import { versionLabel } from '../common/packNames';

interface LintIssue {
  severity: 'error' | 'warning' | 'info';
  code: string;
  message: string;
  messageZh: string;
  file?: string;
  pointer?: string;
  ruleIds?: string[];
}
interface LintReport {
  errors: number;
  warnings: number;
  issues: LintIssue[];
  linter?: string;
}
interface Blocked {
  message: string;
  checks?: { check: string; ok: boolean; label: string }[];
  failures?: CaseResult[];
  errors?: { path: string; messageZh: string; message: string }[];
}

export const LintList = ({ lint }: { lint: LintReport }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  if (lint.issues.length === 0)
    return (
      <Typography variant="body2" color="success.main">
        {translate('publish.lintClean')}
      </Typography>
    );
  return (
    <Box>
      {lint.issues.map((i, n) => (
        <Alert
          key={n}
          severity={i.severity === 'error' ? 'error' : i.severity === 'warning' ? 'warning' : 'info'}
          sx={{ mb: 0.5 }}
        >
          {locale === 'en' ? i.message : i.messageZh || i.message}
        </Alert>
      ))}
    </Box>
  );
};

export const Publish = () => {
  const { packId = '' } = useParams();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const notify = useNotify();
  const refresh = useRefresh();
  const [, setCurrent] = useCurrentPackId();
  useEffect(() => {
    if (packId) setCurrent(packId);
  }, [packId, setCurrent]);
  const { data: pack, refetch } = useGetOne<PackRecord>('packs', { id: packId }, { enabled: !!packId });
  const [diff, setDiff] = useState<PackDiff | null>(null);
  const [lint, setLint] = useState<LintReport | null>(null);
  const [tests, setTests] = useState<TestReport | null>(null);
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [blocked, setBlocked] = useState<Blocked | null>(null);
  const [requestsTick, setRequestsTick] = useState(0);
  const [openRequest, setOpenRequest] = useState(false);
  const [onboarding, setOnboarding] = useState<ProposalsView | null>(null);
  const [moved, setMoved] = useState<MovedCases | null>(null);

  const load = useCallback(async () => {
    if (!pack) return;
    setLoading(true);
    setLoadError(null);
    // the checks run again: a refusal of an earlier attempt no longer holds
    setBlocked(null);
    const id = encodeURIComponent(packId);
    try {
      apiCall<ProposalsView>(`/packs/${id}/proposals`).then(setOnboarding, () => setOnboarding(null));
      const [d, l, t, m] = await Promise.all([
        pack.currentVersion
          ? apiCall<PackDiff>(`/packs/${id}/diff?from=${pack.currentVersion}&to=draft`)
          : Promise.resolve(null),
        apiCall<LintReport>(`/packs/${id}/lint`, { body: { version: 'draft' } }),
        apiCall<TestReport>(`/packs/${id}/test`, { body: { version: 'draft' } }),
        pack.currentVersion ? apiCall<MovedCases>(`/packs/${id}/moved-cases`).catch(() => null) : Promise.resolve(null),
      ]);
      setDiff(d);
      setLint(l);
      setTests(t);
      setMoved(m);
    } catch (e) {
      setLoadError(errorMessage(e));
    } finally {
      setLoading(false);
    }
  }, [pack, packId]);
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- loads on mount and on change; its state is also set by this screen's actions, so it stays local rather than a query
    void load();
  }, [load]);

  const onPublished = async (outcome: PublishOutcome) => {
    if (outcome.kind === 'published') {
      notify(outcome.scheduled ? 'adoption.publishedScheduled' : 'adoption.publishedNow', {
        type: 'success',
        messageArgs: { version: outcome.version, date: outcome.date },
      });
    } else {
      notify('adoption.requested', { type: 'success' });
    }
    setRequestsTick((t) => t + 1);
    await refetch();
    refresh();
  };
  const onFailed = (failure: PublishFailure | null) => {
    if (!failure) return setBlocked(null);
    const body = failure.body as (ApiErrorBody & Blocked) | undefined;
    setBlocked({ ...(body ?? {}), message: failure.message });
  };

  const dataProvider = useDataProvider();
  const canFix = useCanEditPack(packId, 'fixtures');
  const fix = async (result: CaseResult) => {
    try {
      await acceptActual(dataProvider, packId, result);
      notify('fixtures.fixed', { type: 'success' });
      await refetch();
    } catch (e) {
      notify(errorMessage(e), { type: 'error', multiLine: true });
    }
  };
  const movedIds = new Set(moved?.moved.map((c) => c.id) ?? []);
  const allFailures = tests?.results.filter((r) => !r.passed) ?? [];
  const failures = allFailures.filter((r) => !movedIds.has(r.id));
  const blockedByTests = allFailures.length > 0;
  const blockedByLint = (lint?.errors ?? 0) > 0;
  return (
    <Box sx={{ mt: 1 }}>
      <Title title={translate('publish.title')} />
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 2 }}>
        <PackSelector
          onChange={(id) => {
            window.location.hash = `#/publish/${encodeURIComponent(id)}`;
          }}
        />
        {pack && (
          <Chip
            label={`${translate('app.inForce')}：${pack.currentVersion ? versionLabel(pack.currentVersion) : translate('app.none')}`}
            color="success"
            variant="outlined"
            data-testid="in-force"
          />
        )}
      </Stack>
      {loading && <LinearProgress />}
      {loadError && <Alert severity="error">{loadError}</Alert>}
      <Stack direction={{ xs: 'column', lg: 'row' }} spacing={2} sx={{ alignItems: 'flex-start' }}>
        <Box sx={{ flex: 3, width: '100%' }}>
          <Typography variant="h6" sx={{ mb: 1 }}>
            {translate('publish.diffTitle')}
            {pack?.currentVersion ? `（${versionLabel(pack.currentVersion, locale)} → ${translate('app.draft')}）` : ''}
          </Typography>
          {diff && <DiffView diff={diff} />}
          {pack && <WhatIfPanel packId={packId} currentVersion={pack.currentVersion} revision={pack.revision} />}
          <Typography variant="h6" sx={{ mt: 2, mb: 1 }}>
            {translate('publish.tests')}
          </Typography>
          {tests && (
            <Typography data-testid="publish-tests" color={tests.failed ? 'error' : 'success.main'} sx={{ mb: 1 }}>
              {translate('fixtures.summary', { passed: tests.passed, failed: tests.failed })}
            </Typography>
          )}
          {moved && (
            <MovedCasesPanel
              packId={packId}
              cases={moved}
              canAccept={canFix}
              onAccepted={() => {
                void refetch();
              }}
            />
          )}
          {moved && moved.moved.length > 0 && failures.length > 0 && (
            <Typography variant="subtitle1" sx={{ mb: 1 }}>
              {translate('director.moved.otherFailures')}
            </Typography>
          )}
          {failures.map((r) => (
            <CaseResultView
              key={r.id}
              result={r}
              actions={
                canFix && !r.actual.error ? (
                  <Button size="small" variant="outlined" onClick={() => fix(r)}>
                    {translate('fixtures.fixFromActual')}
                  </Button>
                ) : undefined
              }
            />
          ))}
          <Typography variant="h6" sx={{ mt: 2, mb: 1 }}>
            {translate('publish.lint')}
          </Typography>
          {lint && <LintList lint={lint} />}
        </Box>
        <Card sx={{ flex: 1, minWidth: 320, position: { lg: 'sticky' }, top: 80 }}>
          <CardContent>
            <OpenRequest
              key={requestsTick}
              packId={packId}
              onOpen={setOpenRequest}
              onChanged={() => {
                setOpenRequest(false);
                setRequestsTick((t) => t + 1);
              }}
            />
            <PublishForm
              packId={packId}
              revision={pack?.revision}
              settings={pack?.settings as PackSettings | undefined}
              disabled={loading || !pack}
              openRequest={openRequest}
              onPublished={onPublished}
              onFailed={onFailed}
              warning={
                onboarding && onboarding.blockers.length > 0 ? (
                  <Alert severity="warning" sx={{ mb: 2 }} data-testid="publish-onboarding">
                    <strong>{translate('publish.toFinish')}</strong>
                    {onboarding.blockers.map((b, i) => (
                      <div key={i}>· {locale === 'en' ? b.message : b.messageZh}</div>
                    ))}
                    {onboarding.proposals && (
                      <Button
                        component={Link}
                        to={`/onboarding/${encodeURIComponent(packId)}`}
                        size="small"
                        variant="outlined"
                        sx={{ mt: 1 }}
                        data-testid="publish-to-review"
                      >
                        {translate('publish.toReview')}
                      </Button>
                    )}
                  </Alert>
                ) : blockedByTests && failures.length === 0 && !blockedByLint ? (
                  <Alert severity="info" sx={{ mb: 2 }} data-testid="publish-only-moved">
                    {translate('director.moved.onlyMoved', { count: allFailures.length })}
                  </Alert>
                ) : (
                  (blockedByTests || blockedByLint) && (
                    <Alert severity="warning" sx={{ mb: 2 }} data-testid="publish-blocked-checks">
                      {translate('publish.blocked')}：
                      {blockedByTests
                        ? translate('fixtures.summary', { passed: tests!.passed, failed: tests!.failed })
                        : ''}
                      {blockedByLint ? ` ${translate('publish.lint')} ${lint!.errors}` : ''}
                    </Alert>
                  )
                )
              }
            />
            {blocked && (
              <Alert severity="error" sx={{ mt: 2 }} data-testid="publish-blocked">
                <strong>{blocked.message}</strong>
                {(blocked.checks ?? [])
                  .filter((c) => !c.ok)
                  .map((c) => (
                    <div key={c.check}>✗ {checkLabel(c.label, locale)}</div>
                  ))}
                {(blocked.failures ?? []).map((f) => (
                  <div key={f.id}>· {f.name}</div>
                ))}
                {(blocked.errors ?? []).slice(0, 10).map((e, i) => (
                  <div key={i}>· {e.messageZh || e.message}</div>
                ))}
              </Alert>
            )}
          </CardContent>
        </Card>
      </Stack>
    </Box>
  );
};
