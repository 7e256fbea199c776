import HistoryIcon from '@mui/icons-material/History';
import { VersionList } from './VersionList';

export default { list: VersionList, icon: HistoryIcon };
