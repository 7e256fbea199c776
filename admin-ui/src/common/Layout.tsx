import type { ReactNode } from 'react';
import { Layout as RaLayout, Menu, useCanAccess, useGetList, useTranslate } from 'react-admin';
import { Badge, Divider } from '@mui/material';
import ApprovalIcon from '@mui/icons-material/Approval';
import FolderIcon from '@mui/icons-material/FolderSpecial';
import TuneIcon from '@mui/icons-material/Tune';
import RuleIcon from '@mui/icons-material/Rule';
import ScienceIcon from '@mui/icons-material/Science';
import PlayIcon from '@mui/icons-material/PlaylistPlay';
import CalculateIcon from '@mui/icons-material/Calculate';
import PublishIcon from '@mui/icons-material/Publish';
import HistoryIcon from '@mui/icons-material/History';
import ReceiptIcon from '@mui/icons-material/ReceiptLong';
import ImportExportIcon from '@mui/icons-material/ImportExport';
import PeopleIcon from '@mui/icons-material/People';
import PlaceIcon from '@mui/icons-material/Place';
import FactCheckIcon from '@mui/icons-material/FactCheck';
import PostAddIcon from '@mui/icons-material/PostAdd';
import { useCurrentPack } from './currentPack';
import { AccountAppBar } from '../account/AccountAppBar';

/** 待审批 with the number of publish requests awaiting the user (polled every minute). */
const ApprovalsItem = () => {
  const translate = useTranslate();
  const { total } = useGetList(
    'publish-requests',
    { filter: { awaitingMe: true }, pagination: { page: 1, perPage: 1 }, sort: { field: 'id', order: 'DESC' } },
    { refetchInterval: 60_000, retry: false },
  );
  const filter = encodeURIComponent(JSON.stringify({ awaitingMe: true }));
  return (
    <Menu.Item
      to={`/publish-requests?filter=${filter}`}
      primaryText={translate('adoption.requests.menu')}
      data-testid="menu-approvals"
      leftIcon={
        <Badge badgeContent={total ?? 0} color="error" data-testid="approvals-badge">
          <ApprovalIcon />
        </Badge>
      }
    />
  );
};

const AppMenu = () => {
  const translate = useTranslate();
  const { packId } = useCurrentPack();
  const { canAccess: canPublish } = useCanAccess({ resource: 'publish', action: 'write' });
  const { canAccess: canTest } = useCanAccess({ resource: 'test', action: 'write' });
  const { canAccess: canUsers } = useCanAccess({ resource: 'users', action: 'list' });
  const { canAccess: canImport } = useCanAccess({ resource: 'packs', action: 'create' });
  const p = packId ? encodeURIComponent(packId) : '';
  return (
    <Menu>
      <Menu.Item to="/packs" primaryText={translate('menu.packs')} leftIcon={<FolderIcon />} />
      <Menu.Item to="/parameters" primaryText={translate('menu.parameters')} leftIcon={<TuneIcon />} />
      <Menu.Item to="/rules" primaryText={translate('menu.rules')} leftIcon={<RuleIcon />} />
      <Menu.Item to="/fixtures" primaryText={translate('menu.fixtures')} leftIcon={<ScienceIcon />} />
      {p && canTest && <Menu.Item to={`/test/${p}`} primaryText={translate('menu.test')} leftIcon={<PlayIcon />} />}
      {p && <Menu.Item to={`/try/${p}`} primaryText={translate('menu.tryit')} leftIcon={<CalculateIcon />} />}
      {p && canPublish && (
        <Menu.Item to={`/publish/${p}`} primaryText={translate('menu.publish')} leftIcon={<PublishIcon />} />
      )}
      <ApprovalsItem />
      <Menu.Item to="/versions" primaryText={translate('menu.versions')} leftIcon={<HistoryIcon />} />
      <Menu.Item to="/audit-events" primaryText={translate('menu.audit')} leftIcon={<ReceiptIcon />} />
      <Menu.Item to="/decisions" primaryText={translate('decisions.menu')} leftIcon={<FactCheckIcon />} />
      {canImport && (
        <Menu.Item to="/import-export" primaryText={translate('menu.importExport')} leftIcon={<ImportExportIcon />} />
      )}
      {canImport && <Menu.Item to="/drafting" primaryText={translate('drafting.menu')} leftIcon={<PostAddIcon />} />}
      {canUsers && <Divider />}
      {canUsers && <Menu.Item to="/users" primaryText={translate('menu.users')} leftIcon={<PeopleIcon />} />}
      {canUsers && <Menu.Item to="/townships" primaryText={translate('menu.townships')} leftIcon={<PlaceIcon />} />}
    </Menu>
  );
};

export const Layout = ({ children }: { children: ReactNode }) => (
  <RaLayout menu={AppMenu} appBar={AccountAppBar}>
    {children}
  </RaLayout>
);
