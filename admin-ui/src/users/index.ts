import PeopleIcon from '@mui/icons-material/People';
import { lazyNamed } from '../common/lazy';

const UserList = lazyNamed(() => import('./UserScreens'), 'UserList');
const UserEdit = lazyNamed(() => import('./UserScreens'), 'UserEdit');
const UserCreate = lazyNamed(() => import('./UserScreens'), 'UserCreate');

export default {
  list: UserList,
  edit: UserEdit,
  create: UserCreate,
  icon: PeopleIcon,
  recordRepresentation: 'username',
};
