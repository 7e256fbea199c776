import RuleIcon from '@mui/icons-material/Rule';
import { RuleList } from './RuleList';
import { RuleEdit, RuleCreate } from './RuleEdit';

export default { list: RuleList, edit: RuleEdit, create: RuleCreate, icon: RuleIcon, recordRepresentation: 'title' };
