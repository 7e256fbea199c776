import { ShowGuard } from '../common/LoadGuard';
import { useLoadErrorOptions } from '../common/loadErrors';
import {
  Show,
  SimpleShowLayout,
  TextField,
  useRecordContext,
  useTranslate,
  Labeled,
  useCanAccess,
  TopToolbar,
  EditButton,
} from 'react-admin';
import { Button, Chip, Stack, Typography } from '@mui/material';
import { Link } from 'react-router-dom';
import { useEffect } from 'react';
import TuneIcon from '@mui/icons-material/Tune';
import RuleIcon from '@mui/icons-material/Rule';
import ScienceIcon from '@mui/icons-material/Science';
import CalculateIcon from '@mui/icons-material/Calculate';
import PublishIcon from '@mui/icons-material/Publish';
import HistoryIcon from '@mui/icons-material/History';
import DownloadIcon from '@mui/icons-material/Download';
import { useCanEditPack, useCurrentPackId, type PackRecord } from '../common/currentPack';
import { downloadExport } from '../pages/ImportExport';
import { usePackName, versionLabel } from '../common/packNames';
import { AdvancedIds } from '../common/AdvancedIds';

const PackActions = () => {
  const record = useRecordContext<PackRecord>();
  const translate = useTranslate();
  const [, setPackId] = useCurrentPackId();
  const { canAccess: canPublish } = useCanAccess({ resource: 'publish', action: 'write' });
  useEffect(() => {
    if (record?.id) setPackId(String(record.id));
  }, [record?.id, setPackId]);
  if (!record) return null;
  const id = encodeURIComponent(String(record.id));
  return (
    <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', gap: 1 }}>
      <Button variant="outlined" startIcon={<TuneIcon />} component={Link} to="/parameters">
        {translate('menu.parameters')}
      </Button>
      <Button variant="outlined" startIcon={<RuleIcon />} component={Link} to="/rules">
        {translate('menu.rules')}
      </Button>
      <Button variant="outlined" startIcon={<ScienceIcon />} component={Link} to={`/test/${id}`}>
        {translate('menu.test')}
      </Button>
      <Button variant="outlined" startIcon={<CalculateIcon />} component={Link} to={`/try/${id}`}>
        {translate('menu.tryit')}
      </Button>
      {canPublish && (
        <Button variant="contained" startIcon={<PublishIcon />} component={Link} to={`/publish/${id}`}>
          {translate('menu.publish')}
        </Button>
      )}
      <Button variant="outlined" startIcon={<HistoryIcon />} component={Link} to={`/diff/${id}`}>
        {translate('menu.versions')}
      </Button>
      <Button variant="outlined" startIcon={<DownloadIcon />} onClick={() => downloadExport(String(record.id))}>
        {translate('importExport.export')}
      </Button>
    </Stack>
  );
};

const Versions = () => {
  const record = useRecordContext<PackRecord>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Labeled label={translate('app.inForce')}>
      <Typography>
        {record.currentVersion ? (
          <Chip color="success" size="small" label={versionLabel(record.currentVersion)} />
        ) : (
          translate('app.none')
        )}
      </Typography>
    </Labeled>
  );
};

/** The base pack by name. */
const BaseName = (_: { label: string }) => {
  const record = useRecordContext<PackRecord>();
  const packName = usePackName();
  return <Typography variant="body2">{record?.extends ? packName(record.extends) : '—'}</Typography>;
};

const PackIds = () => {
  const record = useRecordContext<PackRecord>();
  const translate = useTranslate();
  return record ? <AdvancedIds ids={[{ label: translate('packs.id'), value: String(record.id) }]} /> : null;
};

const ShowActions = () => {
  const record = useRecordContext<PackRecord>();
  const canEdit = useCanEditPack(record?.id ? String(record.id) : undefined);
  return <TopToolbar>{canEdit && <EditButton />}</TopToolbar>;
};

export const PackShow = () => {
  const translate = useTranslate();
  return (
    <Show queryOptions={useLoadErrorOptions('packs')} actions={<ShowActions />}>
      <ShowGuard>
        <SimpleShowLayout>
          <PackActions />
          <TextField source="name" label={translate('packs.name')} />
          <TextField source="owner.name" label={translate('packs.township')} />
          <BaseName label={translate('packs.extends')} />
          <TextField source="description" label={translate('packs.description')} emptyText="—" />
          <Versions />
          <TextField source="revision" label={translate('app.revision')} />
          <PackIds />
        </SimpleShowLayout>
      </ShowGuard>
    </Show>
  );
};
