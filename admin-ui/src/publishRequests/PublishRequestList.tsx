/** 待审批: publish requests, those awaiting the user by default, or all of them by status. */
import { BooleanInput, DataTable, List, SelectInput, SimpleList, useTranslate } from 'react-admin';
import { Chip, Typography, useMediaQuery, type Theme } from '@mui/material';
import { usePacks } from '../common/currentPack';
import { usePackName } from '../common/packNames';
import { usePersonName } from '../common/people';
import { formatEffectiveDate, formatTime } from '../common/shanghaiTime';
import { basisText } from '../versions/timelineModel';
import { stageOf, type PublishRequest } from './requestModel';

const STATUSES = ['requested', 'approved', 'rejected', 'withdrawn'] as const;

export const stageColor = (stage: string): 'warning' | 'success' | 'info' | 'default' | 'error' =>
  stage === 'requested'
    ? 'warning'
    : stage === 'inForce'
      ? 'success'
      : stage === 'scheduled'
        ? 'info'
        : stage === 'rejected'
          ? 'error'
          : 'default';

export const StageChip = ({ request }: { request: PublishRequest }) => {
  const translate = useTranslate();
  const stage = stageOf(request);
  return (
    <Chip
      size="small"
      color={stageColor(stage)}
      label={translate(`adoption.requests.stageNames.${stage}`, { _: stage })}
      data-testid="request-stage"
    />
  );
};

export const PublishRequestList = () => {
  const translate = useTranslate();
  const packName = usePackName();
  const personName = usePersonName();
  const { packs } = usePacks();
  // a phone gets one tappable row per request: pack, who asked and when it takes effect, its stage
  const phone = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  const effective = (r: PublishRequest) =>
    r.effectiveFrom ? formatEffectiveDate(r.effectiveFrom) : translate('adoption.requests.onApproval');
  const filters = [
    <BooleanInput key="awaitingMe" source="awaitingMe" label={translate('adoption.requests.awaitingMe')} alwaysOn />,
    <SelectInput
      key="status"
      source="status"
      label={translate('adoption.requests.status')}
      alwaysOn
      choices={STATUSES.map((s) => ({ id: s, name: translate(`adoption.requests.statusNames.${s}`) }))}
    />,
    <SelectInput
      key="packId"
      source="packId"
      label={translate('adoption.requests.pack')}
      choices={(packs ?? []).map((p) => ({ id: p.id, name: p.name }))}
    />,
  ];
  return (
    <List
      filters={filters}
      filterDefaultValues={{ awaitingMe: true }}
      sort={{ field: 'id', order: 'DESC' }}
      title={translate('adoption.requests.title')}
      empty={false}
    >
      {phone ? (
        <SimpleList<PublishRequest>
          linkType="show"
          data-testid="requests-simple-list"
          empty={
            <Typography sx={{ p: 2 }} data-testid="requests-empty">
              {translate('adoption.requests.empty')}
            </Typography>
          }
          primaryText={(r) => packName(r.packId)}
          secondaryText={(r) =>
            `${personName(r.requestedBy)} · ${formatTime(r.requestedAt)} · ${translate('adoption.requests.effectiveFrom')} ${effective(r)}`
          }
          tertiaryText={(r) => <StageChip request={r} />}
        />
      ) : (
        <DataTable
          rowClick="show"
          bulkActionButtons={false}
          empty={
            <Typography sx={{ p: 2 }} data-testid="requests-empty">
              {translate('adoption.requests.empty')}
            </Typography>
          }
        >
          <DataTable.Col
            source="id"
            label={translate('adoption.requests.id')}
            render={(r: PublishRequest) => `#${r.id}`}
          />
          <DataTable.Col
            source="packId"
            label={translate('adoption.requests.pack')}
            render={(r: PublishRequest) => packName(r.packId)}
          />
          <DataTable.Col
            source="status"
            label={translate('adoption.requests.status')}
            render={(r: PublishRequest) => <StageChip request={r} />}
          />
          <DataTable.Col
            source="requestedBy"
            label={translate('adoption.requests.requestedBy')}
            render={(r: PublishRequest) => personName(r.requestedBy)}
          />
          <DataTable.Col
            source="requestedAt"
            label={translate('adoption.requests.requestedAt')}
            render={(r: PublishRequest) => formatTime(r.requestedAt)}
          />
          <DataTable.Col
            source="effectiveFrom"
            label={translate('adoption.requests.effectiveFrom')}
            render={effective}
          />
          <DataTable.Col
            source="basis"
            disableSort
            label={translate('adoption.requests.basis')}
            render={(r: PublishRequest) => basisText(r.basis)}
          />
          <DataTable.Col
            source="approvals"
            disableSort
            label={translate('adoption.requests.approvals')}
            render={(r: PublishRequest) =>
              translate('adoption.requests.progress', { approvals: r.approvals, needed: r.approvalsNeeded })
            }
          />
        </DataTable>
      )}
    </List>
  );
};
