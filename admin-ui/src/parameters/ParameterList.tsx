/**
 * 参数: every parameter of the current pack as a readable card — Chinese label, value with unit,
 * allowed range, help text, the clause it comes from (original text on hover), and whether it is
 * inherited from the base pack or overridden here. Editing opens a form (ParameterEdit).
 */
import { EditButton, List, useListContext, useTranslate } from 'react-admin';
import { Box, Card, CardContent, Chip, Stack, Tooltip, Typography, LinearProgress } from '@mui/material';
import LockIcon from '@mui/icons-material/Lock';
import BoundIcon from '@mui/icons-material/LockOpen';
import { ClauseChip, useClauses, type ClauseRecord } from '../common/ClauseText';
import { chainOf, useCanEditPack, useCurrentPack } from '../common/currentPack';
import { PackScoped } from '../common/PackScoped';
import { usePackName } from '../common/packNames';
import { allowedRange, formatParameterValue, isLockedHere, lockText, parameterGroup, type ParameterRecord } from './parameterValidation';

export const InheritanceChip = ({ record }: { record: ParameterRecord }) => {
  const translate = useTranslate();
  const packName = usePackName();
  if (record.inherited && record.overridden) return <Chip size="small" color="warning" label={translate('app.overridden')} data-testid="chip-overridden" />;
  if (record.inherited) return <Chip size="small" variant="outlined" label={`${translate('app.inherited')}（${packName(record.definedIn)}）`} data-testid="chip-inherited" />;
  return <Chip size="small" variant="outlined" color="primary" label={translate('app.own')} />;
};

/** The base's lock, visible (not only on hover): a lock icon and the Chinese reason. */
export const LockNote = ({ record }: { record: ParameterRecord }) => {
  const translate = useTranslate();
  const text = lockText(record, translate);
  if (!text) return null;
  const fixed = isLockedHere(record);
  return (
    <Stack direction="row" spacing={0.5} sx={{ mt: 0.5, alignItems: 'flex-start' }} data-testid={fixed ? 'param-lock-fixed' : 'param-lock-bounded'}>
      {fixed ? <LockIcon fontSize="small" color="warning" aria-label={translate('app.locked')} /> : <BoundIcon fontSize="small" color="info" aria-label={translate('locks.boundedLabel')} />}
      <Typography variant="body2" color={fixed ? 'warning.dark' : 'info.dark'}>{text}</Typography>
    </Stack>
  );
};

export const RangeText = ({ record }: { record: ParameterRecord }) => {
  const translate = useTranslate();
  const { min, max } = allowedRange(record);
  if (min === undefined && max === undefined) return null;
  const unit = record.unit && record.unit !== '比例' ? record.unit : '';
  return (
    <Typography variant="body2" color="text.secondary">
      {translate('app.range')}：{min ?? '…'} – {max ?? '…'} {unit}
    </Typography>
  );
};

const ParameterCard = ({ record, clauses, canEdit }: { record: ParameterRecord; clauses: Map<string, ClauseRecord>; canEdit: boolean }) => {
  const translate = useTranslate();
  const locked = isLockedHere(record);
  return (
    <Card variant="outlined" sx={{ mb: 1 }} data-testid={`param-${record.parameterId}`}>
      <CardContent sx={{ py: 1.5, '&:last-child': { pb: 1.5 } }}>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
          <Box sx={{ flex: 1, minWidth: 0 }}>
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
              <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>{record.label}</Typography>
              <InheritanceChip record={record} />
              {locked && (
                <Tooltip title={record.lock?.reason ?? ''}>
                  <Chip size="small" icon={<LockIcon />} label={translate('app.locked')} data-testid="chip-locked" />
                </Tooltip>
              )}
            </Stack>
            {record.help && <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>{record.help}</Typography>}
            <LockNote record={record} />
            <Stack direction="row" spacing={2} sx={{ mt: 0.5, alignItems: 'center', flexWrap: 'wrap' }}>
              <RangeText record={record} />
              <Typography variant="body2" color="text.secondary">{translate('app.basis')}：</Typography>
              <ClauseChip clauseId={record.source} clauses={clauses} />
              {record.overridden && record.inheritedValue !== undefined && (
                <Typography variant="body2" color="text.secondary">
                  {translate('app.inheritedValue')}：{formatParameterValue(record, record.inheritedValue, translate)}
                </Typography>
              )}
            </Stack>
          </Box>
          <Box sx={{ textAlign: 'right', minWidth: 120 }}>
            <Typography variant="h6" data-testid="param-value">{formatParameterValue(record, record.value, translate)}</Typography>
            {canEdit && !locked && <EditButton record={record} resource="parameters" />}
          </Box>
        </Stack>
      </CardContent>
    </Card>
  );
};

const ParameterCards = ({ packId }: { packId: string }) => {
  const translate = useTranslate();
  const { data, isPending } = useListContext<ParameterRecord>();
  const { packs } = useCurrentPack();
  const clauses = useClauses(chainOf(packs, packId));
  const canEdit = useCanEditPack(packId);
  if (isPending) return <LinearProgress />;
  const groups = new Map<string, ParameterRecord[]>();
  for (const r of data ?? []) {
    const g = parameterGroup(r.parameterId);
    groups.set(g, [...(groups.get(g) ?? []), r]);
  }
  return (
    <Box sx={{ p: 2 }}>
      {[...groups.entries()].map(([group, rows]) => (
        <Box key={group} sx={{ mb: 2 }}>
          <Typography variant="overline" color="text.secondary">
            {translate(`params.group.${group}`, { _: group })}
          </Typography>
          {rows.map((r) => <ParameterCard key={r.id} record={r} clauses={clauses} canEdit={canEdit} />)}
        </Box>
      ))}
    </Box>
  );
};

export const ParameterList = () => {
  const translate = useTranslate();
  return (
    <>
      <PackScoped>
        {(packId) => (
          <List
            resource="parameters"
            filter={{ packId }}
            perPage={500}
            pagination={false}
            actions={false}
            title={translate('params.title')}
            disableSyncWithLocation
            sort={{ field: 'parameterId', order: 'ASC' }}
          >
            <ParameterCards packId={packId} />
          </List>
        )}
      </PackScoped>
    </>
  );
};
