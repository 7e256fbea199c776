import ApprovalIcon from '@mui/icons-material/Approval';
import { lazyNamed } from '../common/lazy';

const PublishRequestList = lazyNamed(() => import('./PublishRequestList'), 'PublishRequestList');
const PublishRequestShow = lazyNamed(() => import('./PublishRequestShow'), 'PublishRequestShow');

export default {
  list: PublishRequestList,
  show: PublishRequestShow,
  icon: ApprovalIcon,
  recordRepresentation: (r: { id: number }) => `#${r.id}`,
};
