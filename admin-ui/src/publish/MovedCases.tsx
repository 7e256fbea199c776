/**
 * 「本次修改改变了这些用例的结果」: the test cases the draft's changed parameters moved, each with its
 * old and new outcome, and one action that accepts every new result (each case renamed from its
 * facts and new outcome). They are the point of the change, not failures.
 */
import { useState } from 'react';
import { useDataProvider, useLocaleState, useNotify, useTranslate } from 'react-admin';
import { Alert, AlertTitle, Box, Button, Paper, Stack, Typography } from '@mui/material';
import ArrowIcon from '@mui/icons-material/ArrowForward';
import { apiMessage, type ApiErrorBody } from '../providers/http';
import { outcomeText, sortOutcomes, type AnyOutcome } from '../common/outcomeText';
import { acceptActual } from '../pages/TestRunner';
import { formatParameterValue } from '../../../engine/explain/title.js';
import type { ChangedParameter, MovedCase } from '../../../engine/fixtures/moved.js';

export type { ChangedParameter, MovedCase };
export interface MovedCases {
  inForce: number | null;
  parameters: ChangedParameter[];
  moved: MovedCase[];
  otherFailures: string[];
}

/** 「分管领导单独审批的最长天数 1 天 → 2 天」 */
export function parameterChangeText(p: ChangedParameter): string {
  const value = (v: unknown) => formatParameterValue({ value: v as never, unit: p.unit });
  return `${p.label} ${value(p.from)} → ${value(p.to)}`;
}

const Outcomes = ({ outcomes, empty }: { outcomes: AnyOutcome[]; empty: string }) => {
  const [locale] = useLocaleState();
  return (
    <>
      {outcomes.length
        ? sortOutcomes(outcomes)
            .map((o) => outcomeText(o, locale))
            .join('；')
        : empty}
    </>
  );
};

export const MovedCasesPanel = ({
  packId,
  cases,
  canAccept,
  onAccepted,
}: {
  packId: string;
  cases: MovedCases;
  canAccept: boolean;
  onAccepted: () => void;
}) => {
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useDataProvider();
  const [busy, setBusy] = useState(false);
  if (cases.moved.length === 0) return null;
  const used = new Set(cases.moved.flatMap((c) => c.parameters));
  const changes = cases.parameters
    .filter((p) => used.has(p.id))
    .map(parameterChangeText)
    .join('；');
  const acceptAll = async () => {
    setBusy(true);
    try {
      // one after another: every write of a draft row checks the draft's current revision
      for (const c of cases.moved)
        await acceptActual(dataProvider, packId, {
          ...c,
          expected: {},
          actual: { outcomes: c.after },
          missing: [],
          unexpected: [],
        });
      notify('director.moved.accepted', { type: 'success', messageArgs: { count: cases.moved.length } });
    } catch (caught) {
      // an HttpError from the data provider, or anything else thrown
      const e = caught as { message: string; body?: unknown };
      notify(apiMessage(e?.body as ApiErrorBody, e?.message), { type: 'error', multiLine: true });
    } finally {
      setBusy(false);
      onAccepted();
    }
  };
  return (
    <Alert
      severity="info"
      sx={{ mb: 2, '& .MuiAlert-message': { width: '100%', minWidth: 0 } }}
      data-testid="moved-cases"
    >
      <AlertTitle>{translate('director.moved.title')}</AlertTitle>
      {changes && (
        <Typography variant="body2" sx={{ mb: 1 }} data-testid="moved-because">
          {translate('director.moved.because', { changes })}
        </Typography>
      )}
      <Stack spacing={1}>
        {cases.moved.map((c) => (
          <Paper key={c.id} variant="outlined" sx={{ p: 1 }} data-testid={`moved-${c.id}`}>
            <Typography variant="body2" sx={{ fontWeight: 600, overflowWrap: 'anywhere' }}>
              {c.name}
            </Typography>
            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ alignItems: { sm: 'center' } }}>
              <Box sx={{ flex: 1, minWidth: 0 }}>
                <Typography variant="caption" color="text.secondary">
                  {translate('director.moved.before')}
                </Typography>
                <Typography variant="body2" data-testid="moved-before">
                  <Outcomes outcomes={c.before} empty={translate('director.moved.nothing')} />
                </Typography>
              </Box>
              <ArrowIcon fontSize="small" color="action" aria-hidden sx={{ display: { xs: 'none', sm: 'block' } }} />
              <Box sx={{ flex: 1, minWidth: 0 }}>
                <Typography variant="caption" color="text.secondary">
                  {translate('director.moved.after')}
                </Typography>
                <Typography variant="body2" data-testid="moved-after">
                  <Outcomes outcomes={c.after} empty={translate('director.moved.nothing')} />
                </Typography>
              </Box>
            </Stack>
          </Paper>
        ))}
      </Stack>
      {canAccept && (
        <Button
          variant="contained"
          size="small"
          sx={{ mt: 1.5 }}
          onClick={acceptAll}
          disabled={busy}
          data-testid="accept-moved"
        >
          {translate('director.moved.acceptAll', { count: cases.moved.length })}
        </Button>
      )}
    </Alert>
  );
};
