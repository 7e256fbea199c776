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

/**
 * The validator of `schema`, a form schema from factFormSchema(decision, locale); it throws
 * when the build has no validator for it (a schema built some other way, or a stale build).
 */
export function factFormValidator(schema: RJSFSchema, locale = 'zh'): ValidatorType {
  const localize: Localizer | undefined = locale === 'en' ? undefined : localizeZh;
  return createPrecompiledValidator(validators, schema, localize);
}
