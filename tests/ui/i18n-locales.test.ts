/**
 * Chinese comes with the first load and answers at once; English is fetched when chosen and then
 * answers every message, react-admin's own and the features' kept beside them, and back again.
 */
import { describe, expect, it } from 'vitest';
import { i18nProvider } from '../../admin-ui/src/i18n/i18nProvider';

describe('i18nProvider', () => {
  it('starts in Chinese, switches to English on demand and back', async () => {
    expect(i18nProvider.getLocale()).toBe('zh');
    expect(i18nProvider.translate('menu.packs')).toBe('规则包');
    expect(i18nProvider.translate('resources.decisions.name')).toBe('决策日志');

    await i18nProvider.changeLocale('en');
    expect(i18nProvider.getLocale()).toBe('en');
    expect(i18nProvider.translate('menu.packs')).toBe('Rule packs');
    expect(i18nProvider.translate('ra.action.save')).toBe('Save');
    expect(i18nProvider.translate('resources.decisions.name')).toBe('Decision log');
    expect(i18nProvider.translate('drafting.menu')).not.toBe('drafting.menu');

    await i18nProvider.changeLocale('zh');
    expect(i18nProvider.translate('ra.action.save')).toBe('保存');
  });
});
