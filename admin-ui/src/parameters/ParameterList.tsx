/**
 * 参数: every parameter of the current pack as a readable card — Chinese label, value with unit,
 * allowed range, help text, the clause it comes from (original text on hover), and whether it is
 * inherited from the base pack or overridden here. Editing opens a form (ParameterEdit). A search
 * (label, clause) and a decision filter find one; the base's locked (national) parameters sit
 * collapsed at the end; a parameter no rule reads says so.
 */
import { memo, useMemo, useState } from 'react';
import { DeleteButton, EditButton, List, useListContext, useLocaleState, useTranslate } from 'react-admin';
import {
  Box,
  Button,
  Card,
  CardContent,
  Chip,
  Collapse,
  InputAdornment,
  MenuItem,
  Stack,
  TextField,
  Tooltip,
  Typography,
  LinearProgress,
} from '@mui/material';
import LockIcon from '@mui/icons-material/Lock';
import SearchIcon from '@mui/icons-material/Search';
import ExpandIcon from '@mui/icons-material/ExpandMore';
import LessIcon from '@mui/icons-material/ExpandLess';
import { decisionTitle } from '../common/schemaCatalog';
import { decisionsOf, filterParameters, isUnused, splitLocked, type ParameterFilter } from './parameterFilter';
import BoundIcon from '@mui/icons-material/LockOpen';
import { ClauseChip, useClauses, type ClauseRecord } from '../common/ClauseText';
import { chainOf, useCanEditPack, useCurrentPack } from '../common/currentPack';
import { PackScoped } from '../common/PackScoped';
import { formatClock } from '../../../engine/explain/clock.js';
import {
  allowedRange,
  formatParameterValue,
  isClock,
  isLockedHere,
  lockText,
  parameterGroup,
  type ParameterRecord,
} from './parameterValidation';
import { usePackName } from '../common/packNames';
import { FIRST_DRAW_STALE_MS, parameterListParams } from '../common/listQueries';

export const InheritanceChip = ({ record }: { record: ParameterRecord }) => {
  const translate = useTranslate();
  const packName = usePackName();
  if (record.inherited && record.overridden)
    return <Chip size="small" color="warning" label={translate('app.overridden')} data-testid="chip-overridden" />;
  if (record.inherited)
    return (
      <Chip
        size="small"
        variant="outlined"
        label={`${translate('app.inherited')}（${packName(record.definedIn)}）`}
        data-testid="chip-inherited"
      />
    );
  return <Chip size="small" variant="outlined" color="primary" label={translate('app.own')} />;
};

/** The base's lock, visible (not only on hover): a lock icon and the Chinese reason. */
export const LockNote = ({ record }: { record: ParameterRecord }) => {
  const translate = useTranslate();
  const packName = usePackName();
  const text = lockText(record, translate, packName);
  if (!text) return null;
  const fixed = isLockedHere(record);
  return (
    <Stack
      direction="row"
      spacing={0.5}
      sx={{ mt: 0.5, alignItems: 'flex-start' }}
      data-testid={fixed ? 'param-lock-fixed' : 'param-lock-bounded'}
    >
      {fixed ? (
        <LockIcon fontSize="small" color="warning" aria-label={translate('app.locked')} />
      ) : (
        <BoundIcon fontSize="small" color="info" aria-label={translate('locks.boundedLabel')} />
      )}
      <Typography variant="body2" color={fixed ? 'warning.dark' : 'info.dark'}>
        {text}
      </Typography>
    </Stack>
  );
};

export const RangeText = ({ record }: { record: ParameterRecord }) => {
  const translate = useTranslate();
  const { min, max } = allowedRange(record);
  if (min === undefined && max === undefined) return null;
  if (isClock(record)) {
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('app.range')}：{min === undefined ? '…' : formatClock(min)} –{' '}
        {max === undefined ? '…' : formatClock(max)}
      </Typography>
    );
  }
  const unit = record.unit && record.unit !== '比例' ? record.unit : '';
  return (
    <Typography variant="body2" color="text.secondary">
      {translate('app.range')}：{min ?? '…'} – {max ?? '…'} {unit}
    </Typography>
  );
};

/**
 * One parameter. Memoised: the list around it is drawn again whenever a query it reads changes
 * state (the packs refetched, permissions known, a letter typed), which redrew every card, on a
 * 2-core machine 100–300 ms each time, while the first screen should take input.
 */
const ParameterCard = memo(function ParameterCard({
  record,
  clauses,
  canEdit,
}: {
  record: ParameterRecord;
  clauses: Map<string, ClauseRecord>;
  canEdit: boolean;
}) {
  const translate = useTranslate();
  const locked = isLockedHere(record);
  return (
    <Card variant="outlined" sx={{ mb: 1 }} data-testid={`param-${record.parameterId}`}>
      <CardContent sx={{ py: 1.5, '&:last-child': { pb: 1.5 } }}>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
          <Box sx={{ flex: 1, minWidth: 0 }}>
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
              <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>
                {record.label}
              </Typography>
              <InheritanceChip record={record} />
              {locked && (
                <Tooltip title={record.lock?.reason ?? ''}>
                  <Chip size="small" icon={<LockIcon />} label={translate('app.locked')} data-testid="chip-locked" />
                </Tooltip>
              )}
              {isUnused(record) && (
                <Chip
                  size="small"
                  color="warning"
                  variant="outlined"
                  label={translate('director.paramList.unused')}
                  data-testid="param-unused"
                />
              )}
            </Stack>
            {record.help && (
              <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
                {record.help}
              </Typography>
            )}
            <LockNote record={record} />
            <Stack direction="row" spacing={2} sx={{ mt: 0.5, alignItems: 'center', flexWrap: 'wrap' }}>
              <RangeText record={record} />
              <Typography variant="body2" color="text.secondary">
                {translate('app.basis')}：
              </Typography>
              <ClauseChip clauseId={record.source} clauses={clauses} />
              {record.overridden && record.inheritedValue !== undefined && (
                <Typography variant="body2" color="text.secondary">
                  {translate('app.inheritedValue')}：{formatParameterValue(record, record.inheritedValue, translate)}
                </Typography>
              )}
            </Stack>
          </Box>
          <Box sx={{ textAlign: 'right', minWidth: 120 }}>
            <Typography variant="h6" data-testid="param-value">
              {formatParameterValue(record, record.value, translate)}
            </Typography>
            {canEdit && !locked && <EditButton record={record} resource="parameters" />}
            {/* a parameter nothing reads (e.g. one a boundary decision superseded) may go */}
            {canEdit && isUnused(record) && !record.inherited && (
              <DeleteButton
                record={record}
                resource="parameters"
                mutationMode="pessimistic"
                redirect={false}
                data-testid="param-delete"
              />
            )}
          </Box>
        </Stack>
      </CardContent>
    </Card>
  );
});

const GroupedCards = ({
  rows,
  clauses,
  canEdit,
}: {
  rows: ParameterRecord[];
  clauses: Map<string, ClauseRecord>;
  canEdit: boolean;
}) => {
  const translate = useTranslate();
  const groups = new Map<string, ParameterRecord[]>();
  for (const r of rows) {
    const g = parameterGroup(r.parameterId);
    groups.set(g, [...(groups.get(g) ?? []), r]);
  }
  return (
    <>
      {[...groups.entries()].map(([group, rows]) => (
        <Box key={group} sx={{ mb: 2 }}>
          <Typography variant="overline" color="text.secondary">
            {translate(`params.group.${group}`, { _: group })}
          </Typography>
          {rows.map((r) => (
            <ParameterCard key={r.id} record={r} clauses={clauses} canEdit={canEdit} />
          ))}
        </Box>
      ))}
    </>
  );
};

const FilterBar = ({
  filter,
  onChange,
  decisions,
}: {
  filter: ParameterFilter;
  onChange: (f: ParameterFilter) => void;
  decisions: string[];
}) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  return (
    <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1.5} sx={{ mb: 2 }}>
      <TextField
        size="small"
        value={filter.q}
        onChange={(e) => onChange({ ...filter, q: e.target.value })}
        sx={{ flex: 2 }}
        label={translate('director.paramList.search')}
        slotProps={{
          htmlInput: { 'data-testid': 'param-search' },
          input: {
            startAdornment: (
              <InputAdornment position="start">
                <SearchIcon fontSize="small" />
              </InputAdornment>
            ),
          },
        }}
      />
      <TextField
        select
        size="small"
        value={filter.decision}
        onChange={(e) => onChange({ ...filter, decision: e.target.value })}
        sx={{ flex: 1, minWidth: 180 }}
        label={translate('director.paramList.decision')}
        data-testid="param-decision"
      >
        <MenuItem value="">{translate('director.paramList.allDecisions')}</MenuItem>
        {decisions.map((d) => (
          <MenuItem key={d} value={d}>
            {decisionTitle(d, locale)}
          </MenuItem>
        ))}
      </TextField>
    </Stack>
  );
};

const ParameterCards = ({ packId }: { packId: string }) => {
  const translate = useTranslate();
  const { data, isPending } = useListContext<ParameterRecord>();
  const { packs } = useCurrentPack();
  const clauses = useClauses(chainOf(packs, packId));
  const canEdit = useCanEditPack(packId);
  const [filter, setFilter] = useState<ParameterFilter>({ q: '', decision: '' });
  const [showLocked, setShowLocked] = useState(false);
  const rows = useMemo(() => filterParameters(data ?? [], filter, clauses), [data, filter, clauses]);
  const { open, locked } = useMemo(() => splitLocked(rows), [rows]);
  const decisions = useMemo(() => decisionsOf(data ?? []), [data]);
  if (isPending) return <LinearProgress />;
  // a search that finds a locked parameter shows it; otherwise they wait behind one line
  const lockedOpen = showLocked || (filter.q.trim() !== '' && locked.length > 0);
  return (
    <Box sx={{ p: 2 }}>
      <FilterBar filter={filter} onChange={setFilter} decisions={decisions} />
      {rows.length === 0 && (
        <Typography color="text.secondary" data-testid="param-no-match">
          {translate('director.paramList.noMatch')}
        </Typography>
      )}
      <GroupedCards rows={open} clauses={clauses} canEdit={canEdit} />
      {locked.length > 0 && (
        <Box data-testid="param-locked-section">
          <Button
            size="small"
            color="inherit"
            onClick={() => setShowLocked(!lockedOpen)}
            aria-expanded={lockedOpen}
            startIcon={<LockIcon fontSize="small" />}
            endIcon={lockedOpen ? <LessIcon /> : <ExpandIcon />}
            data-testid="param-locked-toggle"
          >
            {translate('director.paramList.lockedTitle', { count: locked.length })}
          </Button>
          <Collapse in={lockedOpen} unmountOnExit>
            <Box sx={{ mt: 1 }}>
              <GroupedCards rows={locked} clauses={clauses} canEdit={canEdit} />
            </Box>
          </Collapse>
        </Box>
      )}
    </Box>
  );
};

/** The list of one pack: the same request as the boot prefetch's (common/openedListData), whose reply draws at once. */
const PackParameters = ({ packId }: { packId: string }) => {
  const translate = useTranslate();
  const { filter, pagination, sort } = parameterListParams(packId);
  return (
    <List
      resource="parameters"
      filter={filter}
      perPage={pagination.perPage}
      sort={sort}
      queryOptions={{ staleTime: FIRST_DRAW_STALE_MS }}
      pagination={false}
      actions={false}
      title={translate('params.title')}
      disableSyncWithLocation
    >
      <ParameterCards packId={packId} />
    </List>
  );
};

export const ParameterList = () => <PackScoped>{(packId) => <PackParameters packId={packId} />}</PackScoped>;
