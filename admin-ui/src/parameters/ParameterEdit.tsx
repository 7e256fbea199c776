import { EditGuard } from '../common/LoadGuard';
import { useLoadErrorOptions } from '../common/loadErrors';
/**
 * Change one parameter: the value with its unit, checked against the allowed range (and a base
 * pack's lock) before saving; the clause it comes from beside the form; 「恢复继承值」 drops this
 * pack's override. Pessimistic: nothing changes on screen until the API has accepted it, and a
 * refusal (422) shows the API's message.
 */
import { useState } from 'react';
import {
  Edit,
  SimpleForm,
  TextInput,
  BooleanInput,
  SelectInput,
  Toolbar,
  SaveButton,
  useRecordContext,
  useTranslate,
  useUpdate,
  useNotify,
  useRedirect,
  Labeled,
  useRefresh,
  type ValidateForm,
} from 'react-admin';
import { Alert, Box, Button, InputAdornment, Paper, Stack, Typography } from '@mui/material';
import RestoreIcon from '@mui/icons-material/Restore';
import { ClauseQuote, useClauses } from '../common/ClauseText';
import { chainOf, useCurrentPack } from '../common/currentPack';
import { errorMessage } from '../providers/http';
import { InheritanceChip, LockNote, RangeText } from './ParameterList';
import { formatClock } from '../../../engine/explain/clock.js';
import {
  formatParameterValue,
  isClock,
  isLockedHere,
  parameterValueProblem,
  parseParameterInput,
  rangeHint,
  type ParameterRecord,
} from './parameterValidation';

const RestoreButton = ({ onError }: { onError: (message: string) => void }) => {
  const record = useRecordContext<ParameterRecord>();
  const translate = useTranslate();
  const notify = useNotify();
  const redirect = useRedirect();
  const refresh = useRefresh();
  const [update, { isPending }] = useUpdate();
  if (!record?.inherited || !record.overridden) return null;
  return (
    <Button
      startIcon={<RestoreIcon />}
      disabled={isPending}
      onClick={() =>
        update(
          'parameters',
          { id: record.id, data: { ...record, overridden: false }, previousData: record },
          {
            mutationMode: 'pessimistic',
            onSuccess: () => {
              notify('params.restored', { type: 'success' });
              refresh();
              redirect('list', 'parameters');
            },
            onError: (error: unknown) => onError(errorMessage(error)),
          },
        )
      }
    >
      {translate('app.restoreInherited')}（{formatParameterValue(record, record.inheritedValue, translate)}）
    </Button>
  );
};

const ValueInput = () => {
  const record = useRecordContext<ParameterRecord>();
  const translate = useTranslate();
  if (!record) return null;
  const label = translate('params.value');
  // a value a base pack fixes cannot be edited here (the API refuses it too: 422 LOCKED_PARAMETER)
  const disabled = isLockedHere(record);
  const clock = isClock(record);
  switch (record.type) {
    case 'boolean':
      return <BooleanInput source="value" label={label} disabled={disabled} />;
    case 'enum':
      return (
        <SelectInput
          source="value"
          label={label}
          disabled={disabled}
          choices={(record.options ?? []).map((o) => ({ id: o.value, name: o.label }))}
        />
      );
    case 'stringList':
      return (
        <TextInput
          source="value"
          label={label}
          disabled={disabled}
          multiline
          fullWidth
          format={(v) => (Array.isArray(v) ? v.join('\n') : v)}
          parse={(v) => v}
        />
      );
    default:
      return (
        <TextInput
          source="value"
          label={label}
          disabled={disabled}
          // a time of day is typed and shown as 08:30 (stored as minutes after midnight)
          format={(v) =>
            v === undefined || v === null ? '' : clock && typeof v === 'number' ? formatClock(v) : String(v)
          }
          parse={(v) => v}
          helperText={(!disabled && rangeHint(record, translate)) || false}
          slotProps={{
            input: {
              endAdornment:
                record.unit && !clock ? <InputAdornment position="end">{record.unit}</InputAdornment> : undefined,
            },
          }}
          sx={{ width: 360 }}
          inputProps={{
            inputMode: clock ? 'text' : 'decimal',
            placeholder: clock ? '08:30' : undefined,
            'data-testid': 'param-value-input',
          }}
        />
      );
  }
};

/** Save, unless a base pack fixes the value. */
const LockAwareSave = () => {
  const record = useRecordContext<ParameterRecord>();
  return <SaveButton alwaysEnable={false} disabled={record ? isLockedHere(record) : undefined} />;
};

const Side = () => {
  const record = useRecordContext<ParameterRecord>();
  const translate = useTranslate();
  const { packs } = useCurrentPack();
  const clauses = useClauses(chainOf(packs, record?.packId));
  if (!record) return null;
  return (
    <Paper variant="outlined" sx={{ p: 2, width: 380, flexShrink: 0 }}>
      <Typography variant="subtitle2">
        {translate('app.basis')} · {translate('app.originalText')}
      </Typography>
      <ClauseQuote clauseId={record.source} clauses={clauses} />
      {record.lock && (
        <Alert severity={isLockedHere(record) ? 'warning' : 'info'} sx={{ mt: 1 }}>
          {record.lock.reason}
        </Alert>
      )}
    </Paper>
  );
};

const Header = () => {
  const record = useRecordContext<ParameterRecord>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Box sx={{ mb: 2 }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Typography variant="h6">{record.label}</Typography>
        <InheritanceChip record={record} />
      </Stack>
      {record.help && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
          {translate('app.help')}：{record.help}
        </Typography>
      )}
      <RangeText record={record} />
      <LockNote record={record} />
      {record.inherited && (
        <Labeled label={translate('app.inheritedValue')}>
          <Typography variant="body2">{formatParameterValue(record, record.inheritedValue, translate)}</Typography>
        </Labeled>
      )}
    </Box>
  );
};

export const ParameterEdit = ({ id }: { id?: string }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const redirect = useRedirect();
  const loadOptions = useLoadErrorOptions('parameters');
  const [serverError, setServerError] = useState<string | null>(null);
  const validate: ValidateForm = (values) => {
    const record = values as ParameterRecord;
    const problem = parameterValueProblem(record, parseParameterInput(record, values.value), translate);
    return problem ? { value: problem } : {};
  };
  return (
    <Edit
      id={id}
      resource="parameters"
      mutationMode="pessimistic"
      redirect="list"
      queryOptions={loadOptions}
      title={translate('params.editTitle')}
      transform={(data: ParameterRecord) => ({
        ...data,
        value: parseParameterInput(data, data.value),
        // an inherited parameter given a value here becomes an override
        ...(data.inherited ? { overridden: true } : {}),
      })}
      mutationOptions={{
        onError: (error: unknown) => {
          const message = errorMessage(error);
          setServerError(message);
          notify(message, { type: 'error' });
        },
        onSuccess: () => {
          setServerError(null);
          notify('app.saved', { type: 'success' });
          redirect('list', 'parameters');
        },
      }}
    >
      <EditGuard>
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ p: 2 }}>
          <Box sx={{ flex: 1 }}>
            <SimpleForm
              validate={validate}
              toolbar={
                <Toolbar>
                  <LockAwareSave />
                  <Box sx={{ ml: 2 }}>
                    <RestoreButton onError={setServerError} />
                  </Box>
                </Toolbar>
              }
            >
              <Header />
              {serverError && (
                <Alert severity="error" sx={{ mb: 2 }} data-testid="server-error">
                  {serverError}（{translate('app.saveNothing')}）
                </Alert>
              )}
              <ValueInput />
              {/* why this pack differs (kept with the override) */}
              <TextInput source="note" label={translate('params.note')} fullWidth />
            </SimpleForm>
          </Box>
          <Side />
        </Stack>
      </EditGuard>
    </Edit>
  );
};
