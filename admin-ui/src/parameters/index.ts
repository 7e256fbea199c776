import TuneIcon from '@mui/icons-material/Tune';
import { ParameterList } from './ParameterList';
import { ParameterEdit } from './ParameterEdit';

export default { list: ParameterList, edit: ParameterEdit, icon: TuneIcon, recordRepresentation: 'label' };
