/**
 * On 发布: the pack's logged decisions re-evaluated with the draft (POST /what-if, as a job with
 * progress) — 「共 N 件中 M 件结果会改变」, each 「旧结果 → 新结果: N 件」, and the changed cases
 * with the explanation of both sides.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import { Alert, Box, Button, Card, CardContent, LinearProgress, Stack, Typography } from '@mui/material';
import { apiCall, errorMessage } from '../providers/http';
import { decisionTitle } from '../common/schemaCatalog';
import { factsSummary, outcomesInWords } from './decisionText';
import { runWhatIf, type WhatIfCase, type WhatIfResult } from './whatIfModel';

const Side = ({
  title,
  outcomes,
  explanation,
  error,
}: {
  title: string;
  outcomes?: WhatIfCase['before']['outcomes'];
  explanation?: { summary: string; lines: string[] };
  error?: { message: string };
}) => {
  const [locale] = useLocaleState();
  return (
    <Box sx={{ flex: 1, minWidth: 0 }}>
      <Typography variant="caption" color="text.secondary">
        {title}
      </Typography>
      {error ? (
        <Typography variant="body2" color="error">
          {error.message}
        </Typography>
      ) : (
        <>
          <Typography variant="body2" sx={{ fontWeight: 600 }}>
            {outcomesInWords(outcomes, locale)}
          </Typography>
          {explanation?.lines.map((l, i) => (
            <Typography key={i} variant="caption" component="div" color="text.secondary">
              {l}
            </Typography>
          ))}
        </>
      )}
    </Box>
  );
};

const FIRST_CASES = 5;

export const WhatIfSummary = ({ result }: { result: WhatIfResult }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const [all, setAll] = useState(false);
  if (result.total === 0)
    return (
      <Typography variant="body2" data-testid="whatif-summary">
        {translate('whatIf.none')}
      </Typography>
    );
  return (
    <Box>
      <Typography
        variant="subtitle1"
        color={result.changed ? 'warning.main' : 'success.main'}
        sx={{ fontWeight: 600 }}
        data-testid="whatif-summary"
      >
        {translate('whatIf.summary', { total: result.total, changed: result.changed })}
      </Typography>
      {result.partial && (
        <Alert severity="info" sx={{ py: 0 }}>
          {translate('whatIf.partial', { total: result.total, logged: result.logged })}
        </Alert>
      )}
      <Box data-testid="whatif-transitions" sx={{ my: 1 }}>
        {result.transitions.map((t, i) => (
          <Typography key={i} variant="body2" data-testid="whatif-transition">
            {translate('whatIf.transition', { from: t.from, to: t.to, count: t.count })}
          </Typography>
        ))}
      </Box>
      {result.cases.length > 0 && (
        <Typography variant="subtitle2" sx={{ mt: 1 }}>
          {translate('whatIf.cases')}
        </Typography>
      )}
      {(all ? result.cases : result.cases.slice(0, FIRST_CASES)).map((c, i) => (
        <Box key={c.id ?? i} sx={{ borderTop: 1, borderColor: 'divider', py: 1 }} data-testid="whatif-case">
          <Typography variant="body2">
            #{c.id} {decisionTitle(c.decision, locale)}
            {locale === 'en' ? ': ' : '：'}
            {factsSummary(c.decision, c.facts, locale)}
          </Typography>
          <Stack direction="row" spacing={2} sx={{ mt: 0.5 }}>
            <Side title={translate('whatIf.before')} outcomes={c.before.outcomes} explanation={c.before.explanation} />
            <Side
              title={translate('whatIf.after')}
              outcomes={c.after.outcomes}
              explanation={c.after.explanation}
              error={c.after.error}
            />
          </Stack>
        </Box>
      ))}
      {!all && result.cases.length > FIRST_CASES && (
        <Button size="small" onClick={() => setAll(true)} data-testid="whatif-all-cases">
          {translate('whatIf.allCases', { count: result.cases.length })}
        </Button>
      )}
    </Box>
  );
};

export const WhatIfPanel = ({
  packId,
  currentVersion,
  revision,
}: {
  packId: string;
  currentVersion?: number | null;
  revision?: number;
}) => {
  const translate = useTranslate();
  const [result, setResult] = useState<WhatIfResult | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const current = useRef<{ cancelled: boolean } | null>(null);
  const run = useCallback(async () => {
    if (current.current) current.current.cancelled = true;
    const signal = { cancelled: false };
    current.current = signal;
    setError(null);
    setProgress({ done: 0, total: 0 });
    try {
      const r = await runWhatIf(
        apiCall,
        packId,
        { against: 'draft' },
        (done, total) => {
          if (!signal.cancelled) setProgress({ done, total });
        },
        { signal },
      );
      if (!signal.cancelled && r) setResult(r);
    } catch (e) {
      if (!signal.cancelled) setError(errorMessage(e));
    } finally {
      if (!signal.cancelled) setProgress(null);
    }
  }, [packId]);
  useEffect(() => {
    // a new draft revision makes the last result stale at once, before the new run answers
    // eslint-disable-next-line react-hooks/set-state-in-effect -- cleared with the run it belongs to
    setResult(null);
    if (packId && currentVersion) void run();
    return () => {
      if (current.current) current.current.cancelled = true;
    };
  }, [packId, currentVersion, revision, run]);
  return (
    <Card variant="outlined" sx={{ mb: 2 }} data-testid="whatif-panel">
      <CardContent>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 1 }}>
          <Typography variant="h6" sx={{ flex: 1 }}>
            {translate('whatIf.title')}
          </Typography>
          <Button
            size="small"
            variant="outlined"
            onClick={run}
            disabled={!!progress || !currentVersion}
            data-testid="whatif-run"
          >
            {translate('whatIf.run')}
          </Button>
        </Stack>
        {!currentVersion && <Typography variant="body2">{translate('whatIf.noVersion')}</Typography>}
        {progress && (
          <Box sx={{ mb: 1 }} data-testid="whatif-progress">
            <LinearProgress
              variant={progress.total ? 'determinate' : 'indeterminate'}
              value={progress.total ? (100 * progress.done) / progress.total : undefined}
            />
            <Typography variant="caption">
              {translate('whatIf.running', { done: progress.done, total: progress.total })}
            </Typography>
          </Box>
        )}
        {error && <Alert severity="error">{translate('whatIf.error', { message: error })}</Alert>}
        {result && <WhatIfSummary result={result} />}
      </CardContent>
    </Card>
  );
};
