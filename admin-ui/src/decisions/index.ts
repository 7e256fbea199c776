import ReceiptIcon from '@mui/icons-material/FactCheck';
import { lazyNamed } from '../common/lazy';

const DecisionList = lazyNamed(() => import('./DecisionList'), 'DecisionList');
const DecisionShow = lazyNamed(() => import('./DecisionShow'), 'DecisionShow');

export default { list: DecisionList, show: DecisionShow, icon: ReceiptIcon };
