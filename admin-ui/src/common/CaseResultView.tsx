/** One test case's result: 通过/未通过, expected vs actual in words, what is missing or extra, and why. */
import type { ReactNode } from 'react';
import { Box, Chip, Paper, Stack, Typography } from '@mui/material';
import CheckIcon from '@mui/icons-material/CheckCircle';
import CloseIcon from '@mui/icons-material/Cancel';
import { useLocaleState, useTranslate } from 'react-admin';
import { decisionTitle } from './schemaCatalog';
import { outcomeText, sortOutcomes, type AnyOutcome } from './outcomeText';
import type { Outcome } from '../../../engine/model.js';
import { usePackWords } from './packWords';
import { usePackName } from './packNames';
import { vocabularyLabel } from './schemaCatalog';
import { toSharedOutcome } from '../../../engine/pack/words.js';
import { outcomeKey } from '../../../engine/compile/outcome-key.js';

export interface CaseResult {
  id: string;
  name: string;
  decision: string;
  definedIn: string;
  passed?: boolean;
  expected: { outcomes?: AnyOutcome[]; rules?: string[]; error?: string };
  actual: { outcomes?: AnyOutcome[]; rules?: string[]; error?: { code: string; message: string } };
  missing: AnyOutcome[];
  unexpected: AnyOutcome[];
  explanation?: { summary: string; lines: string[] };
}

export const PassChip = ({ passed }: { passed: boolean }) => {
  const translate = useTranslate();
  return passed ? (
    <Chip
      size="small"
      color="success"
      icon={<CheckIcon />}
      label={translate('fixtures.passed')}
      data-testid="chip-passed"
    />
  ) : (
    <Chip
      size="small"
      color="error"
      icon={<CloseIcon />}
      label={translate('fixtures.failed')}
      data-testid="chip-failed"
    />
  );
};

export const OutcomeLines = ({
  outcomes,
  error,
  highlight,
}: {
  outcomes?: AnyOutcome[];
  error?: string;
  highlight?: AnyOutcome[];
}) => {
  const [locale] = useLocaleState();
  const words = usePackWords();
  if (error)
    return (
      <Typography variant="body2" color="error">
        {error}
      </Typography>
    );
  // compared as the engine compares: in shared codes, whichever of the pack's words a case wrote
  const key = (o: AnyOutcome) =>
    outcomeKey(toSharedOutcome(o, words, (d, c, l) => vocabularyLabel(d, c, l)) as Outcome);
  const marked = new Set((highlight ?? []).map(key));
  return (
    <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
      {sortOutcomes(outcomes ?? []).map((o, i) => (
        <li key={i}>
          <Typography variant="body2" sx={marked.has(key(o)) ? { color: 'error.main', fontWeight: 600 } : undefined}>
            {outcomeText(o, locale, undefined, words)}
          </Typography>
        </li>
      ))}
    </Box>
  );
};

export const CaseResultView = ({ result, actions }: { result: CaseResult; actions?: ReactNode }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const passed = result.passed ?? (result.missing.length === 0 && result.unexpected.length === 0);
  const packName = usePackName();
  return (
    <Paper
      variant="outlined"
      sx={{ p: 1.5, mb: 1, borderColor: passed ? undefined : 'error.light' }}
      data-testid={`case-${result.id}`}
    >
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <PassChip passed={passed} />
        <Typography sx={{ fontWeight: 600 }}>{result.name}</Typography>
        <Typography variant="caption" color="text.secondary">
          {decisionTitle(result.decision, locale)} · {packName(result.definedIn)}
        </Typography>
        <Box sx={{ flex: 1 }} />
        {actions}
      </Stack>
      {!passed && (
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ mt: 1 }}>
          <Box sx={{ flex: 1 }}>
            <Typography variant="subtitle2">{translate('fixtures.expected')}</Typography>
            <OutcomeLines
              outcomes={result.expected.outcomes}
              error={result.expected.error}
              highlight={result.missing}
            />
          </Box>
          <Box sx={{ flex: 1 }}>
            <Typography variant="subtitle2">{translate('fixtures.actual')}</Typography>
            <OutcomeLines
              outcomes={result.actual.outcomes}
              error={result.actual.error ? `${result.actual.error.code}：${result.actual.error.message}` : undefined}
              highlight={result.unexpected}
            />
          </Box>
        </Stack>
      )}
      {!passed && (result.missing.length > 0 || result.unexpected.length > 0) && (
        <Box sx={{ mt: 1 }}>
          {result.missing.length > 0 && (
            <Typography variant="body2" color="error">
              {translate('fixtures.missing')}：{result.missing.map((o) => outcomeText(o, locale)).join('；')}
            </Typography>
          )}
          {result.unexpected.length > 0 && (
            <Typography variant="body2" color="error">
              {translate('fixtures.unexpected')}：{result.unexpected.map((o) => outcomeText(o, locale)).join('；')}
            </Typography>
          )}
        </Box>
      )}
      {!passed && result.explanation && (
        <Box sx={{ mt: 1, bgcolor: 'action.hover', p: 1, borderRadius: 1 }}>
          <Typography variant="subtitle2">{translate('fixtures.explanation')}</Typography>
          <Typography variant="body2">{result.explanation.summary}</Typography>
          {result.explanation.lines.map((l, i) => (
            <Typography key={i} variant="body2" color="text.secondary">
              {l}
            </Typography>
          ))}
        </Box>
      )}
    </Paper>
  );
};
