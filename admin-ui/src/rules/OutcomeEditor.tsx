/**
 * Outcomes of a rule as small forms, one per outcome: pick the kind (审批步骤, 不予批准, 时限…),
 * then fill its fields with the shared vocabulary's Chinese labels. Numbers may come from a
 * parameter ({param: id}).
 */
import { Box, Button, IconButton, MenuItem, Paper, Stack, TextField, Typography } from '@mui/material';
import DeleteIcon from '@mui/icons-material/Delete';
import AddIcon from '@mui/icons-material/Add';
import { useLocaleState, useTranslate } from 'react-admin';
import { vocabularyCodes, vocabularyLabel } from '../common/schemaCatalog';
import { outcomeText, type AnyOutcome } from '../common/outcomeText';
import type { ParameterOption } from './ConditionBuilder';
import { usePackWords } from '../common/packWords';
import { labelWithWords } from '../../../engine/pack/words.js';
import { isParamRef } from '../../../engine/model.js';

type Kind = 'int' | 'text' | 'numOrParam' | `vocab:${string}` | `vocabList:${string}`;

export const OUTCOME_FIELDS: Record<string, [string, Kind, boolean][]> = {
  approval: [['step', 'int', true], ['roles', 'vocabList:role', true], ['mode', 'vocab:approvalMode', false], ['action', 'vocab:approvalAction', false]],
  refusal: [['code', 'text', true], ['reason', 'text', true]],
  document: [['code', 'text', true], ['document', 'text', true]],
  classification: [['category', 'vocab:attendanceCategory', true]],
  absence: [['days', 'numOrParam', true]],
  payDeduction: [['item', 'vocab:payItem', true], ['share', 'numOrParam', true], ['amount', 'numOrParam', false], ['period', 'vocab:period', true]],
  penalty: [['measure', 'vocab:penaltyMeasure', true], ['target', 'vocab:penaltyTarget', false]],
  entitlement: [['leaveType', 'vocab:leaveType', true], ['days', 'numOrParam', true]],
  deadline: [['action', 'vocab:reportAction', true], ['minutes', 'numOrParam', true]],
  verdict: [['value', 'vocab:verdict', true]],
  requirement: [['code', 'text', true], ['text', 'text', true]],
};

function emptyOutcome(type: string): AnyOutcome {
  const o: AnyOutcome = { type };
  for (const [key, kind, required] of OUTCOME_FIELDS[type] ?? []) {
    if (!required) continue;
    if (kind === 'int') o[key] = 1;
    else if (kind === 'numOrParam') o[key] = 0;
    else if (kind.startsWith('vocabList:')) o[key] = [vocabularyCodes(kind.slice(10))[0]];
    else if (kind.startsWith('vocab:')) o[key] = vocabularyCodes(kind.slice(6))[0];
    else o[key] = '';
  }
  return o;
}

const FieldInput = ({ name, kind, required, value, onChange, parameters }: {
  name: string; kind: Kind; required: boolean; value: unknown; onChange: (v: unknown) => void; parameters: ParameterOption[];
}) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const label = translate(`outcome.${name}`);
  const words = usePackWords();
  if (kind === 'int') {
    return <TextField fullWidth={false} size="small" type="number" label={label} value={value ?? ''} onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))} sx={{ width: 110 }} />;
  }
  if (kind === 'text') {
    return <TextField fullWidth={false} size="small" label={label} value={value ?? ''} required={required} onChange={(e) => onChange(e.target.value)} sx={{ minWidth: 220 }} />;
  }
  if (kind === 'numOrParam') {
    const isParam = isParamRef(value);
    return (
      <Stack direction="row" spacing={1}>
        <TextField fullWidth={false} select size="small" label={translate('rules.literal')} value={isParam ? 'param' : 'value'} sx={{ width: 100 }}
          onChange={(e) => onChange(e.target.value === 'param' ? { param: parameters[0]?.id ?? '' } : 0)}>
          <MenuItem value="value">{translate('rules.literal')}</MenuItem>
          <MenuItem value="param">{translate('rules.parameterRef')}</MenuItem>
        </TextField>
        {isParam ? (
          <TextField fullWidth={false} select size="small" label={label} value={value.param} onChange={(e) => onChange({ param: e.target.value })} sx={{ minWidth: 240 }}>
            {parameters.map((p) => <MenuItem key={p.id} value={p.id}>{p.label}</MenuItem>)}
          </TextField>
        ) : (
          <TextField fullWidth={false} size="small" type="number" label={label} value={value ?? ''} onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))} sx={{ width: 120 }} />
        )}
      </Stack>
    );
  }
  const multiple = kind.startsWith('vocabList:');
  const definition = kind.slice(multiple ? 10 : 6);
  // the township's own words first (主管领导), then the shared vocabulary
  const wordLabel = labelWithWords(words, (d, code, l) => vocabularyLabel(d, code, l));
  const codes = [...(words.get(definition)?.keys() ?? []), ...vocabularyCodes(definition)];
  return (
    <TextField
      select
      size="small"
      label={label}
      value={multiple ? value ?? [] : value ?? ''}
      onChange={(e) => onChange(multiple ? (e.target.value as unknown as string[]) : e.target.value || undefined)}
      slotProps={{ select: { multiple } }}
      sx={{ width: multiple ? 300 : 180 }}
    >
      {!required && !multiple && <MenuItem value="">—</MenuItem>}
      {codes.map((code) => (
        <MenuItem key={code} value={code}>{wordLabel(definition, code, locale === 'en' ? 'en' : 'zh')}</MenuItem>
      ))}
    </TextField>
  );
};

export const OutcomeEditor = ({ value, onChange, parameters }: { value: AnyOutcome[]; onChange: (v: AnyOutcome[]) => void; parameters: ParameterOption[] }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const paramLabel = (id: string) => parameters.find((p) => p.id === id)?.label ?? id;
  const words = usePackWords();
  const set = (index: number, outcome: AnyOutcome) => onChange(value.map((o, i) => (i === index ? outcome : o)));
  return (
    <Box>
      {value.map((outcome, index) => (
        <Paper key={index} variant="outlined" sx={{ p: 1.5, mb: 1 }} data-testid="outcome-row">
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', gap: 1 }}>
            <TextField fullWidth={false} select size="small" label={translate('rules.outcomeType')} value={outcome.type} sx={{ width: 150 }}
              onChange={(e) => set(index, emptyOutcome(e.target.value))}>
              {Object.keys(OUTCOME_FIELDS).map((t) => <MenuItem key={t} value={t}>{translate(`outcome.type.${t}`)}</MenuItem>)}
            </TextField>
            {(OUTCOME_FIELDS[outcome.type] ?? []).map(([name, kind, required]) => (
              <FieldInput key={name} name={name} kind={kind} required={required} value={outcome[name]} parameters={parameters}
                onChange={(v) => {
                  const next = { ...outcome };
                  if (v === undefined || (Array.isArray(v) && v.length === 0 && !required)) delete next[name];
                  else next[name] = v;
                  set(index, next);
                }} />
            ))}
            <IconButton aria-label="delete" onClick={() => onChange(value.filter((_, i) => i !== index))}><DeleteIcon /></IconButton>
          </Stack>
          <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>→ {outcomeText(outcome, locale, paramLabel, words)}</Typography>
        </Paper>
      ))}
      <Button startIcon={<AddIcon />} onClick={() => onChange([...value, emptyOutcome('approval')])}>{translate('rules.addOutcome')}</Button>
    </Box>
  );
};
