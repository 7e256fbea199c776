import TuneIcon from '@mui/icons-material/Tune';
import { lazyNamed } from '../common/lazy';

const ParameterList = lazyNamed(() => import('./ParameterList'), 'ParameterList');
const ParameterEdit = lazyNamed(() => import('./ParameterEdit'), 'ParameterEdit');

export default { list: ParameterList, edit: ParameterEdit, icon: TuneIcon, recordRepresentation: 'label' };
