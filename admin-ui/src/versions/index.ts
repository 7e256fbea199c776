import HistoryIcon from '@mui/icons-material/History';
import { lazyNamed } from '../common/lazy';

const VersionList = lazyNamed(() => import('./VersionList'), 'VersionList');

export default { list: VersionList, icon: HistoryIcon };
