import ReceiptIcon from '@mui/icons-material/ReceiptLong';
import { AuditList } from './AuditList';
import { AuditShow } from './AuditShow';

export default { list: AuditList, show: AuditShow, icon: ReceiptIcon };
