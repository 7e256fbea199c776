/**
 * 运行测试: run every test case of the draft (inherited ones included), green/red per case with
 * expected vs actual and the explanation of each failure. A failing case whose new result is
 * right can take the actual result as its expectation (inherited cases get an override here).
 */
import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { Title, useTranslate, useNotify, useDataProvider, useCanAccess } from 'react-admin';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  FormControlLabel,
  LinearProgress,
  Stack,
  Switch,
  Typography,
} from '@mui/material';
import PlayIcon from '@mui/icons-material/PlayArrow';
import { apiCall, errorMessage } from '../providers/http';
import { CaseResultView, type CaseResult } from '../common/CaseResultView';
import { PackSelector, useCanEditPack, useCurrentPackId } from '../common/currentPack';
import { caseNameOf, toAuthoredOutcome } from '../common/packWords';
import { MovedCasesPanel, type MovedCases } from '../publish/MovedCases';

export interface TestReport {
  pack: string;
  version?: string;
  passed: number;
  failed: number;
  total: number;
  results: (CaseResult & { passed: boolean })[];
}

/**
 * Make `result`'s actual outcomes the expectation of its case in `packId`'s draft, in the pack's
 * own codes. The case is renamed from its facts and new outcomes (「请假2天：主管领导审批」), so
 * that its name never contradicts what it now expects.
 */
export async function acceptActual(
  dataProvider: ReturnType<typeof useDataProvider>,
  packId: string,
  result: CaseResult,
) {
  const id = `${packId}:${result.id}`;
  const actual = result.actual.outcomes ?? [];
  const expect = { outcomes: actual.map(toAuthoredOutcome) };
  if (result.definedIn === packId) {
    const { data } = await dataProvider.getOne('fixtures', { id });
    const name = caseNameOf(result.decision, data.facts ?? {}, actual);
    await dataProvider.update('fixtures', { id, data: { ...data, name, expect }, previousData: data });
  } else {
    // inherited from a base pack: an override with the same id in this pack
    const { data: inherited } = await dataProvider.getOne('fixtures', { id: `${result.definedIn}:${result.id}` });
    const name = caseNameOf(result.decision, inherited.facts ?? {}, actual);
    await dataProvider.create('fixtures', {
      data: { packId, caseId: result.id, decision: result.decision, name, facts: inherited.facts ?? {}, expect },
    });
  }
}

export const TestRunner = () => {
  const { packId = '' } = useParams();
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useDataProvider();
  const [, setCurrent] = useCurrentPackId();
  const [report, setReport] = useState<TestReport | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [onlyFailed, setOnlyFailed] = useState(false);
  const [moved, setMoved] = useState<MovedCases | null>(null);
  const canFix = useCanEditPack(packId, 'fixtures');
  const { canAccess } = useCanAccess({ resource: 'test', action: 'write' });
  useEffect(() => {
    if (packId) setCurrent(packId);
  }, [packId, setCurrent]);

  const run = async () => {
    setRunning(true);
    setError(null);
    try {
      const report = await apiCall<TestReport>(`/packs/${encodeURIComponent(packId)}/test`, {
        body: { version: 'draft' },
      });
      setReport(report);
      // failures a parameter change explains are listed apart, with one action for all of them
      setMoved(
        report.failed
          ? await apiCall<MovedCases>(`/packs/${encodeURIComponent(packId)}/moved-cases`).catch(() => null)
          : null,
      );
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setRunning(false);
    }
  };
  // the suite runs once per pack when the screen opens, not again when `run` changes identity
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the run's progress is this screen's own state
    if (packId && canAccess) void run();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [packId, canAccess]);

  const fix = async (result: CaseResult) => {
    try {
      await acceptActual(dataProvider, packId, result);
      notify('fixtures.fixed', { type: 'success' });
      await run();
    } catch (e) {
      notify(errorMessage(e), { type: 'error', multiLine: true });
    }
  };

  const shown = report?.results.filter((r) => !onlyFailed || !r.passed) ?? [];
  const failedFirst = [...shown].sort((a, b) => Number(a.passed) - Number(b.passed));
  return (
    <Box sx={{ mt: 1 }}>
      <Title title={translate('fixtures.run')} />
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 2 }}>
        <PackSelector
          onChange={(id) => {
            window.location.hash = `#/test/${encodeURIComponent(id)}`;
          }}
        />
        <Button
          variant="contained"
          startIcon={<PlayIcon />}
          onClick={run}
          disabled={running || !canAccess}
          data-testid="run-tests"
        >
          {translate('fixtures.runAll')}
        </Button>
        <FormControlLabel
          control={<Switch checked={onlyFailed} onChange={(e) => setOnlyFailed(e.target.checked)} />}
          label={translate('fixtures.onlyFailed')}
        />
      </Stack>
      {running && <LinearProgress />}
      {error && <Alert severity="error">{error}</Alert>}
      {report && (
        <Card sx={{ mb: 2 }}>
          <CardContent>
            <Typography variant="h6" data-testid="test-summary" color={report.failed ? 'error' : 'success.main'}>
              {translate('fixtures.summary', { passed: report.passed, failed: report.failed })}
            </Typography>
          </CardContent>
        </Card>
      )}
      {moved && (
        <MovedCasesPanel
          packId={packId}
          cases={moved}
          canAccept={canFix}
          onAccepted={() => {
            void run();
          }}
        />
      )}
      {failedFirst.map((r) => (
        <CaseResultView
          key={r.id}
          result={r}
          actions={
            !r.passed && canFix && !r.actual.error ? (
              <Button size="small" variant="outlined" onClick={() => fix(r)} data-testid={`fix-${r.id}`}>
                {translate('fixtures.fixFromActual')}
              </Button>
            ) : undefined
          }
        />
      ))}
    </Box>
  );
};
