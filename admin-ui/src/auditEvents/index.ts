import ReceiptIcon from '@mui/icons-material/ReceiptLong';
import { lazyNamed } from '../common/lazy';

const AuditList = lazyNamed(() => import('./AuditList'), 'AuditList');
const AuditShow = lazyNamed(() => import('./AuditShow'), 'AuditShow');

export default { list: AuditList, show: AuditShow, icon: ReceiptIcon };
