/** Modules the build generates from the JSON Schemas (admin-ui/build/validators.ts). */
declare module 'virtual:fact-form-validators' {
  import type { ValidatorFunctions } from '@rjsf/validator-ajv8';
  /** Validate functions of every fact form and its sub-schemas, by rjsf schema hash. */
  const validators: ValidatorFunctions;
  export default validators;
}

declare module 'virtual:rule-validator' {
  import type { ErrorObject } from 'ajv';
  /** A rule against rules.schema.json#/definitions/rule; `errors` after a failed call. */
  export const validateRule: { (data: unknown): boolean; errors?: ErrorObject[] | null };
}
