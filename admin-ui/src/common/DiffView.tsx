/**
 * What changes between two versions (or a version and the draft): parameters before → after,
 * rules added/removed/changed (with a field-level diff from jsondiffpatch), and the test cases
 * whose outcome changes.
 */
import { Alert, Box, Chip, Paper, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';
import { create as createDiffer } from 'jsondiffpatch';
import { decisionTitle } from './schemaCatalog';
import { OutcomeLines } from './CaseResultView';
import type { ComparedRule, PackDiff as EnginePackDiff } from '../../../engine/diff/pack-diff.js';

/** The API's diff (GET /packs/:id/diff): the engine's comparison, with the two sides' labels. */
export type PackDiff = Pick<EnginePackDiff, 'parameters' | 'rules' | 'fixtures'> & {
  packId: string;
  from: string;
  to: string;
};

const differ = createDiffer({ objectHash: (o: object) => JSON.stringify(o), arrays: { detectMove: false } });

function show(value: unknown): string {
  if (value === undefined) return '—';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (Array.isArray(value)) return value.join('、');
  return String(value);
}

/** Which top-level fields of a rule changed (title, conditions, outcomes…). */
function changedFields(from: ComparedRule, to: ComparedRule): string[] {
  const delta = differ.diff(from, to) as Record<string, unknown> | undefined;
  return delta ? Object.keys(delta).filter((k) => !['definedIn', 'index'].includes(k)) : [];
}

export const DiffView = ({ diff }: { diff: PackDiff }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const nothing =
    diff.parameters.length === 0 &&
    diff.rules.added.length === 0 &&
    diff.rules.removed.length === 0 &&
    diff.rules.changed.length === 0;
  return (
    <Box data-testid="diff-view">
      {nothing && <Alert severity="info">{translate('publish.noChanges')}</Alert>}
      {diff.parameters.length > 0 && (
        <Paper variant="outlined" sx={{ mb: 2 }}>
          <Typography variant="subtitle1" sx={{ p: 1.5, pb: 0 }}>
            {translate('publish.parameters')}
          </Typography>
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>{translate('resources.parameters.fields.label')}</TableCell>
                <TableCell>{translate('publish.before')}</TableCell>
                <TableCell>{translate('publish.after')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {diff.parameters.map((p) => (
                <TableRow key={p.id} data-testid={`diff-param-${p.id}`}>
                  <TableCell>
                    {p.label} <Chip size="small" label={translate(`publish.${p.change}`)} />
                  </TableCell>
                  <TableCell>{show(p.from)}</TableCell>
                  <TableCell>
                    <strong>{show(p.to)}</strong>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Paper>
      )}
      {diff.rules.added.length + diff.rules.removed.length + diff.rules.changed.length > 0 && (
        <Paper variant="outlined" sx={{ mb: 2, p: 1.5 }}>
          <Typography variant="subtitle1">{translate('publish.rules')}</Typography>
          {diff.rules.added.map((r) => (
            <Typography key={r.id} variant="body2">
              <Chip size="small" color="success" label={translate('publish.added')} /> {r.title}（
              {decisionTitle(r.decision, locale)}）
            </Typography>
          ))}
          {diff.rules.removed.map((r) => (
            <Typography key={r.id} variant="body2">
              <Chip size="small" color="error" label={translate('publish.removed')} /> {r.title}
            </Typography>
          ))}
          {diff.rules.changed.map((r) => (
            <Typography key={r.id} variant="body2">
              <Chip size="small" color="warning" label={translate('publish.changed')} /> {r.title}：
              {changedFields(r.from, r.to)
                .map((f) => translate(`rules.${f === 'title' ? 'ruleTitle' : f}`, { _: f }))
                .join('、')}
            </Typography>
          ))}
        </Paper>
      )}
      <Paper variant="outlined" sx={{ p: 1.5 }}>
        <Typography variant="subtitle1">{translate('publish.fixtureChanges')}</Typography>
        {diff.fixtures.length === 0 && (
          <Typography variant="body2" color="text.secondary">
            {translate('publish.noFixtureChanges')}
          </Typography>
        )}
        {diff.fixtures.map((f) => (
          <Box key={f.id} sx={{ my: 1 }} data-testid={`diff-fixture-${f.id}`}>
            <Typography variant="body2" sx={{ fontWeight: 600 }}>
              {f.name}
            </Typography>
            <Box sx={{ display: 'flex', gap: 2 }}>
              <Box sx={{ flex: 1 }}>
                <Typography variant="caption">
                  {translate('publish.before')}（{diff.from}）
                </Typography>
                <OutcomeLines {...f.from} />
              </Box>
              <Box sx={{ flex: 1 }}>
                <Typography variant="caption">
                  {translate('publish.after')}（{diff.to === 'draft' ? translate('app.draft') : diff.to}）
                </Typography>
                <OutcomeLines {...f.to} />
              </Box>
            </Box>
          </Box>
        ))}
      </Paper>
    </Box>
  );
};
