import polyglotI18nProvider from 'ra-i18n-polyglot';
import zh from './zh';
import en from './en';
import { featureEn, featureZh } from '../drafting/messages';
import { accountEn, accountZh } from '../account/messages';

// the drafting wizard, the decision log and the what-if panel keep their messages beside them
const zhAll = { ...zh, ...featureZh, ...accountZh, resources: { ...zh.resources, decisions: { name: '决策日志' } } };
const enAll = { ...en, ...featureEn, ...accountEn, resources: { ...en.resources, decisions: { name: 'Decision log' } } };

export const i18nProvider = polyglotI18nProvider((locale) => (locale === 'en' ? enAll : zhAll), 'zh', [
  { locale: 'zh', name: '中文' },
  { locale: 'en', name: 'English' },
], { allowMissing: true });
