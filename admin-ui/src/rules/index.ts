import RuleIcon from '@mui/icons-material/Rule';
import { RuleList } from './RuleList';
import { lazyScreen } from '../common/lazy';

// the editor brings CodeMirror, react-querybuilder and ajv: loaded when a rule is opened
const RuleEdit = lazyScreen(() => import('./RuleEdit').then((m) => ({ default: m.RuleEdit })));
const RuleCreate = lazyScreen(() => import('./RuleEdit').then((m) => ({ default: m.RuleCreate })));

export default { list: RuleList, edit: RuleEdit, create: RuleCreate, icon: RuleIcon, recordRepresentation: 'title' };
