import polyglotI18nProvider from 'ra-i18n-polyglot';
import zh from './zh';
import { featureZh } from '../drafting/messages';
import { accountZh } from '../account/messages';

// the drafting wizard, the decision log and the what-if panel keep their messages beside them
const zhAll = { ...zh, ...featureZh, ...accountZh, resources: { ...zh.resources, decisions: { name: '决策日志' } } };

// Chinese is the default and comes with the first load; English (with react-admin's own
// English words) is fetched when chosen, also on a start with English remembered
export const i18nProvider = polyglotI18nProvider(
  (locale) => (locale === 'en' ? import('./enAll').then((m) => m.enAll) : zhAll),
  'zh',
  [
    { locale: 'zh', name: '中文' },
    { locale: 'en', name: 'English' },
  ],
  { allowMissing: true },
);
