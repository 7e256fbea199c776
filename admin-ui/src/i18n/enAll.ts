/** Every English message of the UI, loaded only when a user switches to English. */
import en from './en';
import { featureEn } from '../drafting/messages';
import { accountEn } from '../account/messages';

// the drafting wizard, the decision log and the what-if panel keep their messages beside them
export const enAll = {
  ...en,
  ...featureEn,
  ...accountEn,
  resources: { ...en.resources, decisions: { name: 'Decision log' } },
};
