import PlaceIcon from '@mui/icons-material/Place';
import { lazyNamed } from '../common/lazy';

const TownshipList = lazyNamed(() => import('./TownshipScreens'), 'TownshipList');
const TownshipEdit = lazyNamed(() => import('./TownshipScreens'), 'TownshipEdit');
const TownshipCreate = lazyNamed(() => import('./TownshipScreens'), 'TownshipCreate');

export default {
  list: TownshipList,
  edit: TownshipEdit,
  create: TownshipCreate,
  icon: PlaceIcon,
  recordRepresentation: 'name',
};
