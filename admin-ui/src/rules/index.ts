import RuleIcon from '@mui/icons-material/Rule';
import { lazyNamed } from '../common/lazy';

const RuleList = lazyNamed(() => import('./RuleList'), 'RuleList');
// the editor brings CodeMirror, react-querybuilder and ajv
const RuleEdit = lazyNamed(() => import('./RuleEdit'), 'RuleEdit');
const RuleCreate = lazyNamed(() => import('./RuleEdit'), 'RuleCreate');

export default { list: RuleList, edit: RuleEdit, create: RuleCreate, icon: RuleIcon, recordRepresentation: 'title' };
