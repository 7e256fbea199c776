import {
  CreateButton,
  DataTable,
  ExportButton,
  List,
  TopToolbar,
  useCanAccess,
  useTranslate,
  FunctionField,
  Button,
} from 'react-admin';
import { Chip } from '@mui/material';
import { Link } from 'react-router-dom';
import ImportExportIcon from '@mui/icons-material/ImportExport';
import type { PackRecord } from '../common/currentPack';
import { usePackName, versionLabel } from '../common/packNames';

const Actions = () => {
  const { canAccess } = useCanAccess({ resource: 'packs', action: 'create' });
  const translate = useTranslate();
  return (
    <TopToolbar>
      {canAccess && <CreateButton label={translate('packs.create')} />}
      {canAccess && (
        <Button component={Link} to="/import-export" label={translate('menu.importExport')}>
          <ImportExportIcon />
        </Button>
      )}
      <ExportButton />
    </TopToolbar>
  );
};

export const PackList = () => {
  const translate = useTranslate();
  const packName = usePackName();
  return (
    <List actions={<Actions />} perPage={50} sort={{ field: 'id', order: 'ASC' }} exporter={false}>
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="name" label={translate('packs.name')} />
        <DataTable.Col
          label={translate('packs.township')}
          render={(r: PackRecord) => (r.owner as { name?: string } | undefined)?.name ?? r.townshipId}
        />
        <DataTable.Col
          label={translate('packs.extends')}
          render={(r: PackRecord) => (r.extends ? packName(r.extends) : '—')}
        />
        <DataTable.Col
          label={translate('app.inForce')}
          render={(r: PackRecord) =>
            r.currentVersion ? (
              <Chip size="small" color="success" label={versionLabel(r.currentVersion)} />
            ) : (
              translate('app.none')
            )
          }
        />
        <DataTable.Col source="revision" label={translate('app.revision')} />
      </DataTable>
    </List>
  );
};
void FunctionField;
