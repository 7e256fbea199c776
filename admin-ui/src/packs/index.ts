import FolderIcon from '@mui/icons-material/FolderSpecial';
import { lazyNamed } from '../common/lazy';

const PackList = lazyNamed(() => import('./PackList'), 'PackList');
const PackShow = lazyNamed(() => import('./PackShow'), 'PackShow');
const PackCreate = lazyNamed(() => import('./PackCreate'), 'PackCreate');
const PackEdit = lazyNamed(() => import('./PackEdit'), 'PackEdit');

export default {
  list: PackList,
  show: PackShow,
  create: PackCreate,
  edit: PackEdit,
  icon: FolderIcon,
  recordRepresentation: 'name',
};
