/**
 * ra-data-simple-rest over /api with the auth token. Draft rows (parameters, rules, fixtures,
 * sources) carry the pack draft's `revision`, which the API checks on every write (409 when
 * somebody else changed the draft in between). A 422 on a create or an update comes back in the
 * shape react-admin's forms map onto their fields (formErrors.ts), so every form shows the
 * server's words under the right input and stays submittable.
 */
import simpleRestProvider from 'ra-data-simple-rest';
import { HttpError, type DataProvider } from 'react-admin';
import { API_URL, currentLocale, httpClient, type ApiErrorBody } from './http';
import { toFormErrors } from './formErrors';

const base = simpleRestProvider(API_URL, httpClient, 'Content-Range');

/** The API's field errors re-shaped for the form; the original list stays as `fieldErrors`. */
export function asFormError(error: unknown, values: unknown): unknown {
  if (!(error instanceof HttpError) || error.status !== 422) return error;
  const body = error.body as ApiErrorBody | undefined;
  if (!Array.isArray(body?.errors) || body.errors.length === 0) return error;
  const errors = toFormErrors(body.errors, values, currentLocale(), error.message);
  return new HttpError(error.message, error.status, { ...body, fieldErrors: body.errors, errors });
}

export const dataProvider: DataProvider = {
  ...base,
  // one request per record would be a storm for lists of references: the API's list filter
  // accepts {id: [...]}, which simple-rest's getMany already uses
  create: (resource, params) =>
    base.create(resource, params).catch((e) => {
      throw asFormError(e, params.data);
    }),
  update: (resource, params) =>
    base.update(resource, params).catch((e) => {
      throw asFormError(e, params.data);
    }),
};
