import FolderIcon from '@mui/icons-material/FolderSpecial';
import { PackList } from './PackList';
import { PackShow } from './PackShow';
import { PackCreate } from './PackCreate';
import { PackEdit } from './PackEdit';

export default { list: PackList, show: PackShow, create: PackCreate, edit: PackEdit, icon: FolderIcon, recordRepresentation: 'name' };
