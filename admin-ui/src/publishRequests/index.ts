import ApprovalIcon from '@mui/icons-material/Approval';
import { PublishRequestList } from './PublishRequestList';
import { PublishRequestShow } from './PublishRequestShow';

export default { list: PublishRequestList, show: PublishRequestShow, icon: ApprovalIcon, recordRepresentation: (r: { id: number }) => `#${r.id}` };
