/**
 * The rjsf validator of a fact form (试算, test cases): the precompiled validators the build
 * generated for every decision and language, so no schema is compiled in the browser; errors
 * are worded in the form's language (ajv-i18n).
 */
import createPrecompiledValidator from '@rjsf/validator-ajv8/lib/createPrecompiledValidator.js';
import type { Localizer } from '@rjsf/validator-ajv8';
import type { RJSFSchema, ValidatorType } from '@rjsf/utils';
import localizeZh from 'ajv-i18n/localize/zh';
import validators from 'virtual:fact-form-validators';

/** ajv-i18n's Chinese, naming a missing fact by its title (「请假天数（天）」, not `days`). */
const localizeZhWithTitles: Localizer = (errors) => {
  localizeZh(errors);
  for (const error of errors ?? []) {
    if (error.keyword !== 'required') continue;
    const title = error.parentSchema?.properties?.[error.params.missingProperty]?.title;
    if (title) error.message = `应当填写「${title}」`;
  }
};

/**
 * The validator of `schema`, a form schema from factFormSchema(decision, locale); it throws
 * when the build has no validator for it (a schema built some other way, or a stale build).
 */
export function factFormValidator(schema: RJSFSchema, locale = 'zh'): ValidatorType {
  const localize: Localizer | undefined = locale === 'en' ? undefined : localizeZhWithTitles;
  return createPrecompiledValidator(validators, schema, localize);
}
