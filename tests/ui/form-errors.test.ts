// @vitest-environment jsdom
/**
 * A 422's JSON-pointer field errors land on the form's fields, in the server's words, and the form
 * can be sent again once fixed: the shape react-admin reads (`body.errors` as {field: message}),
 * made once in the dataProvider for every form.
 */
import { createElement as h } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import polyglotI18nProvider from 'ra-i18n-polyglot';
import { AdminContext, HttpError, ResourceContextProvider, memoryStore, type DataProvider } from 'react-admin';
import zh from '../../admin-ui/src/i18n/zh';
import { UserCreate } from '../../admin-ui/src/users/UserScreens';
import { asFormError } from '../../admin-ui/src/providers/dataProvider';
import { toFormErrors } from '../../admin-ui/src/providers/formErrors';

const SHORT = { path: '/password', message: 'Password must be at least 8 characters', messageZh: '密码至少 8 位' };

describe('toFormErrors', () => {
  it('puts each message on the field its pointer names, nested fields too', () => {
    const errors = toFormErrors(
      [SHORT, { path: '/facts/days', message: 'too many', messageZh: '请假天数不得大于 365' }],
      { password: 'short12', facts: { days: 400 } },
      'zh',
      '输入不符合要求',
    );
    expect(errors).toEqual({
      password: '密码至少 8 位',
      facts: { days: '请假天数不得大于 365' },
      root: { serverError: '密码至少 8 位；请假天数不得大于 365' },
    });
  });

  it('keeps a message whose pointer names nothing the form sent at form level only, after the summary', () => {
    const errors = toFormErrors(
      [
        { path: '/townshipId', message: 'unknown township', messageZh: '乡镇不存在' },
        { path: '', message: 'bad', messageZh: '整体有误' },
      ],
      { username: 'x' },
      'zh',
      '输入不符合要求',
    );
    expect(errors).toEqual({ root: { serverError: '输入不符合要求；乡镇不存在；整体有误' } });
  });

  it('answers in English when the user reads English; decodes ~1 in pointers', () => {
    expect(toFormErrors([{ path: '/a~1b', message: 'wrong', messageZh: '错' }], { 'a/b': 1 }, 'en')).toEqual({
      'a/b': 'wrong',
      root: { serverError: 'wrong' },
    });
  });

  it('leaves errors that are not a 422 with field errors alone', () => {
    const conflict = new HttpError('stale', 409, { code: 'STALE_REVISION' });
    expect(asFormError(conflict, {})).toBe(conflict);
    const plain = new Error('network');
    expect(asFormError(plain, {})).toBe(plain);
  });
});

function provider(create: DataProvider['create']): DataProvider {
  return {
    getOne: async () => ({ data: { id: 1 } }) as any,
    getList: async () => ({ data: [], total: 0 }) as any,
    getMany: async () => ({ data: [] }),
    getManyReference: async () => ({ data: [], total: 0 }),
    update: async () => {
      throw new Error('no');
    },
    updateMany: async () => ({ data: [] }),
    create,
    delete: async () => {
      throw new Error('no');
    },
    deleteMany: async () => ({ data: [] }),
  };
}

describe('user create form against a 422', () => {
  it('shows 「密码至少 8 位」 under the password, then sends the fixed form', async () => {
    const create = vi.fn(async (_resource: string, params: { data: Record<string, unknown> }) => {
      if (String(params.data.password).length < 8) {
        throw asFormError(
          new HttpError('输入不符合要求', 422, {
            code: 'VALIDATION_FAILED',
            message: 'Invalid input',
            messageZh: '输入不符合要求',
            errors: [SHORT],
          }),
          params.data,
        );
      }
      return { data: { ...params.data, id: 9 } };
    });
    // react-admin logs every failed dataProvider call in development: here the 422 is the point
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const i18n = polyglotI18nProvider(() => zh, 'zh');
    const { container } = render(
      h(
        AdminContext,
        { dataProvider: provider(create as any), i18nProvider: i18n, store: memoryStore() },
        h(ResourceContextProvider, { value: 'users', children: h(UserCreate) }),
      ),
    );

    fireEvent.change(await screen.findByLabelText(/用户名/), { target: { value: 'wangwu' } });
    fireEvent.mouseDown(screen.getByRole('combobox', { name: /角色/ }));
    fireEvent.click(await screen.findByRole('option', { name: '主任' }));
    const password = container.querySelector('input[name="password"]') as HTMLInputElement;
    fireEvent.change(password, { target: { value: '1234567' } });
    fireEvent.click(screen.getByRole('button', { name: /保存/ }));
    await waitFor(() => expect(create).toHaveBeenCalledTimes(1));
    // the server's words on the password field itself
    const field = password.closest('.MuiFormControl-root') as HTMLElement;
    expect(await within(field).findByText('密码至少 8 位')).toBeTruthy();
    expect(password.getAttribute('aria-invalid')).toBe('true');

    fireEvent.change(password, { target: { value: '12345678' } });
    const btn = screen.getByRole('button', { name: /保存/ }) as HTMLButtonElement;
    await waitFor(() => expect(btn.disabled).toBe(false)); // re-validating the changed field
    fireEvent.click(btn);
    await waitFor(() => expect(create).toHaveBeenCalledTimes(2));
    expect((create.mock.calls[1] as any)[1].data).toMatchObject({
      username: 'wangwu',
      role: 'director',
      password: '12345678',
    });
    expect(logged).toHaveBeenCalledTimes(1);
    expect(logged.mock.calls[0][0]).toMatchObject({ status: 422 });
    logged.mockRestore();
  });
});
